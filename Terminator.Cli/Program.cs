using Terminator.Cli;

NativeHeap.KeepLargeBlocks();

// Ctrl-C cancels the analysis cleanly instead of killing the process mid-output.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return CliApp.Run(args, Console.Out, Console.Error, TerminalInfo.FromConsole(), cancellation.Token);
