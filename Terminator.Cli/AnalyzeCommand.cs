using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Cli;

/// <summary>The streams, console and analysis backend one invocation of <c>terminator</c> works with.</summary>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, TerminalInfo Terminal, AnalysisBackend Backend, CancellationToken CancellationToken)
{
    /// <summary>An internal error prints its exception in full (type, message, stack trace), for a bug report.</summary>
    public bool ShowDetails { get; init; }
}

/// <summary>The options of <c>terminator analyze</c>.</summary>
/// <param name="Paths">The files and folders, as given.</param>
/// <param name="Function">Analyze only this function.</param>
/// <param name="Format"><c>text</c>, <c>json</c> or <c>sarif</c>.</param>
/// <param name="TimeoutSeconds">The time budget per function.</param>
/// <param name="Semantics"><c>c</c>, <c>math</c> or null for the language's own.</param>
/// <param name="CanReturn">The value of <c>--can-return</c>.</param>
/// <param name="NoColor"><c>--no-color</c> was given.</param>
internal sealed record AnalyzeRequest(
    IReadOnlyList<string> Paths,
    string? Function,
    string Format,
    double TimeoutSeconds,
    string? Semantics,
    string? CanReturn,
    bool NoColor)
{
    /// <summary><c>ilp32</c>, <c>lp64</c> or null for ILP32: the data model C files are read under.</summary>
    public string? DataModel { get; init; }

    /// <summary><c>undefined</c>, <c>arbitrary</c> or null for undefined: what reading a C local before a store means.</summary>
    public string? UninitializedReads { get; init; }
}

/// <summary>
/// <c>terminator analyze</c>: every program of the command line in turn, each through the frontend and the analyzer,
/// into one report. A program that cannot be read is reported on standard error and the others are still analyzed.
/// </summary>
internal static class AnalyzeCommand
{
    public static int Run(AnalyzeRequest request, CliContext context)
    {
        var stderr = context.Stderr;
        var inputs = ProgramInputs.Expand(request.Paths);
        if (request.Semantics is not null && inputs.Any(i => i.Error is null && ProgramInputs.IsPython(i.Path)))
        {
            // A usage error, not bad input: the program is fine, the option makes no sense for it.
            stderr.WriteLine("terminator: --semantics cannot be used with a Python file: Python integers are always unbounded.");
            return ExitCodes.BadUsage;
        }

        var options = new AnalysisOptions
        {
            Timeout = TimeSpan.FromSeconds(request.TimeoutSeconds),
            Semantics = request.Semantics switch
            {
                "c" => IntegerSemantics.C,
                "math" => IntegerSemantics.Math,
                _ => null,
            },
            Function = request.Function,
            CanReturn = request.CanReturn,
            DataModel = request.DataModel switch
            {
                "lp64" => Core.Ir.DataModel.Lp64,
                "ilp32" => Core.Ir.DataModel.Ilp32,
                _ => null,
            },
            UninitializedReads = request.UninitializedReads switch
            {
                "undefined" => Core.Ir.UninitializedReads.Undefined,
                "arbitrary" => Core.Ir.UninitializedReads.ArbitraryValue,
                _ => null,
            },
        };

        // The shape of the output follows the command line, not what a folder happens to hold.
        var several = request.Paths.Count > 1 || inputs.Any(i => i.InFolder);
        var sink = ReportSink.For(request.Format, several, context.Terminal.UseColor(request.NoColor), context.Stdout);
        var progress = new Progress(
            stderr,
            several ? Progress.StyleFor(context.Terminal, ProgressStyle.Off) : ProgressStyle.Off,
            inputs.Count(i => i.Error is null),
            context.Terminal.Width);
        var exitCode = ExitCodes.AllYes;
        foreach (var input in inputs)
        {
            if (input.Error is not null)
            {
                Fail(new SourceSpan(input.Path, 1, 1), input.Error);
                continue;
            }

            progress.Advance(input.Path);
            ProgramResult? result = null;
            SourceException? error = null;
            try
            {
                result = AnalyzeFile(input.Path, options, context);
            }
            catch (SourceException e)
            {
                error = e;
            }
            catch (ArgumentException e) when (e.ParamName == "options" && request.CanReturn is { } value)
            {
                // The only option whose validity depends on the file: the can-return value is a literal of its language.
                progress.Clear();
                var language = ProgramInputs.IsPython(input.Path) ? "Python" : "C";
                stderr.WriteLine($"terminator: --can-return: '{CliApp.OneLine(value)}' is not an integer literal of {language}.");
                sink.Finish();
                return ExitCodes.BadUsage;
            }
            finally
            {
                // Before anything is written: the report and the errors share the terminal with the status line.
                progress.Clear();
            }

            if (error is not null)
            {
                Fail(error.Span == SourceSpan.None ? new SourceSpan(input.Path, 1, 1) : error.Span, error.Detail);
                continue;
            }

            sink.Add(result!);
            exitCode = ExitCodes.Worst(exitCode, CliApp.ExitCodeFor(result!, askedCanReturn: request.CanReturn is not null));
        }

        sink.Finish();
        return exitCode;

        void Fail(SourceSpan where, string message)
        {
            stderr.WriteLine($"{where}: {CliApp.OneLine(message)}");
            sink.AddFailure(where, CliApp.OneLine(message));
            exitCode = ExitCodes.Worst(exitCode, ExitCodes.BadInput);
        }
    }

    private static ProgramResult AnalyzeFile(string path, AnalysisOptions options, CliContext context)
    {
        // Checked here, not only in the frontend, so that the message always has the promised file:1:1 form.
        if (!File.Exists(path))
            throw new SourceException(new SourceSpan(path, 1, 1), "no such file");
        var program = context.Backend.LoadFile(path, options.DataModel);
        if (options.Function is { } name && program.Find(name) is null && program.FindRefused(name) is null)
            throw new SourceException(new SourceSpan(path, 1, 1), $"unknown function '{name}'");
        return context.Backend.Analyze(program, options, context.CancellationToken);
    }
}
