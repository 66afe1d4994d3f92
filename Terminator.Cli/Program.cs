using Terminator.Cli;

// Ctrl-C cancels the analysis cleanly instead of killing the process mid-output.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var useColor = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
return CliApp.Run(args, Console.Out, Console.Error, useColor, cancellation.Token);
