using System.Globalization;
using System.CommandLine;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Cli;

/// <summary>
/// The command line of <c>terminator</c>: parses options, runs the analysis through the public API and prints a report.
/// Kept free of <see cref="Console"/> so that tests can run it in-process.
/// </summary>
public static class CliApp
{
    /// <summary>Runs <c>terminator</c> with <paramref name="args"/>, without colour, and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, useColor: false, CancellationToken.None);

    /// <summary>Runs <c>terminator</c> with <paramref name="args"/> and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="useColor">Whether the text report may use ANSI colours.</param>
    /// <param name="cancellationToken">Stops the analysis (Ctrl-C).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool useColor, CancellationToken cancellationToken) =>
        Run(args, stdout, stderr, useColor, AnalysisBackend.Default, cancellationToken);

    /// <summary>Runs with a replaceable frontend and analyzer, so that tests can check the shell without them.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool useColor, AnalysisBackend backend, CancellationToken cancellationToken)
    {
        try
        {
            var root = BuildCommand(stdout, stderr, useColor, backend, cancellationToken);
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                foreach (var error in parseResult.Errors)
                    stderr.WriteLine($"terminator: {error.Message}");
                stderr.WriteLine("Run 'terminator analyze --help' for usage.");
                return ExitCodes.BadUsage;
            }

            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parseResult.Invoke(invocation);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("terminator: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // Whatever escapes is a bug in Terminator; the user gets one line, never a stack trace.
            stderr.WriteLine($"terminator: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildCommand(TextWriter stdout, TextWriter stderr, bool useColor, AnalysisBackend backend, CancellationToken cancellationToken)
    {
        var file = new Argument<string>("file") { Description = "The program to analyze (.c; .py once the Python frontend exists)." };
        var function = new Option<string?>("--function") { Description = "Analyze only this function (default: every function).", HelpName = "name" };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time budget per function in seconds (decimals allowed; 0 = no limit).",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        // A parser of our own, not a validator: a validator would run after the built-in parse already failed on "soon".
        timeout.CustomParser = result =>
        {
            var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds)
            {
                return seconds;
            }

            result.AddError($"--timeout must be a number of seconds, 0 or more (got '{token}').");
            return 0;
        };
        var semantics = new Option<string?>("--semantics") { Description = "Integer semantics: c (32-bit machine integers) or math (unbounded). Default: the language's own." };
        semantics.AcceptOnlyFromAmong("c", "math");
        var canReturn = new Option<string?>("--can-return")
        {
            Description = "Also ask whether the function can return this value (a literal of the source language).",
            HelpName = "value",
        };

        var analyze = new Command("analyze", "Decide, for each function, whether it always terminates.")
        {
            file, function, format, timeout, semantics, canReturn,
        };
        analyze.SetAction(parseResult =>
        {
            var request = new AnalyzeRequest(
                parseResult.GetRequiredValue(file),
                parseResult.GetValue(function),
                parseResult.GetValue(format) ?? "text",
                parseResult.GetValue(timeout),
                parseResult.GetValue(semantics),
                parseResult.GetValue(canReturn));
            return Analyze(request, stdout, stderr, useColor, backend, cancellationToken);
        });

        var corpus = new Argument<string>("corpus") { Description = "A manifest.tsv (columns file and expected; programs in files/ beside it) or a folder of programs." };
        var benchFunction = new Option<string?>("--function") { Description = "The entry function (default: foo for tpdb__ programs, main otherwise).", HelpName = "name" };
        var benchFormat = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        benchFormat.AcceptOnlyFromAmong("text", "json");
        var benchTimeout = new Option<double>("--timeout") { Description = "Time budget per program in seconds.", DefaultValueFactory = _ => 10, HelpName = "seconds" };
        benchTimeout.CustomParser = timeout.CustomParser;
        var jobs = new Option<int>("--jobs") { Description = "Programs analyzed at once.", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "n" };
        var bench = new Command("bench", "Run over a corpus and print a score table per expected verdict.")
        {
            corpus, benchFunction, benchFormat, benchTimeout, jobs,
        };
        bench.SetAction(parseResult => RunBench(
            parseResult.GetRequiredValue(corpus),
            parseResult.GetValue(benchFunction),
            parseResult.GetValue(benchFormat) ?? "text",
            TimeSpan.FromSeconds(parseResult.GetValue(benchTimeout)),
            Math.Max(1, parseResult.GetValue(jobs)),
            stdout,
            stderr,
            backend,
            cancellationToken));

        return new RootCommand("Terminator: decides whether each function of a program always terminates.") { analyze, bench };
    }

    private static int RunBench(string corpus, string? function, string format, TimeSpan budget, int jobs, TextWriter stdout, TextWriter stderr, AnalysisBackend backend, CancellationToken cancellationToken)
    {
        List<Bench.BenchEntry> entries;
        try
        {
            entries = Bench.CorpusRunner.Entries(corpus);
        }
        catch (SourceException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        var done = 0;
        var gate = new object();
        var outcomes = Bench.CorpusRunner.Run(entries, budget, function, jobs, backend, outcome =>
        {
            lock (gate)
            {
                done++;
                stderr.WriteLine($"[{done}/{entries.Count}] {Path.GetFileName(outcome.Entry.Path)}: {outcome.Answer} ({outcome.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s)");
            }
        }, cancellationToken);
        if (format == "json")
        {
            Bench.BenchReport.WriteJson(outcomes, budget, stdout);
        }
        else
        {
            Bench.BenchReport.WriteText(outcomes, budget, stdout);
        }

        return Bench.BenchReport.ExitCode(outcomes);
    }

    private static int Analyze(AnalyzeRequest request, TextWriter stdout, TextWriter stderr, bool useColor, AnalysisBackend backend, CancellationToken cancellationToken)
    {
        var isPython = string.Equals(Path.GetExtension(request.File), ".py", StringComparison.OrdinalIgnoreCase);
        if (isPython && request.Semantics is not null)
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
        };

        ProgramResult result;
        try
        {
            // Checked here, not only in the frontend, so that the message always has the promised file:1:1 form.
            if (!File.Exists(request.File))
                throw new SourceException(new SourceSpan(request.File, 1, 1), "no such file");
            var program = backend.Load(request.File);
            if (request.Function is { } name && program.Find(name) is null)
                throw new SourceException(new SourceSpan(request.File, 1, 1), $"unknown function '{name}'");
            result = backend.Analyze(program, options, cancellationToken);
        }
        catch (SourceException e)
        {
            var where = e.Span == SourceSpan.None ? new SourceSpan(request.File, 1, 1) : e.Span;
            stderr.WriteLine($"{where}: {OneLine(e.Detail)}");
            return ExitCodes.BadInput;
        }

        IReportWriter writer = request.Format == "json" ? new JsonReportWriter() : new TextReportWriter(useColor);
        writer.Write(result, stdout);
        return ExitCodeFor(result, askedCanReturn: request.CanReturn is not null);
    }

    /// <summary>The exit code for a finished analysis: see <see cref="ExitCodes"/>.</summary>
    internal static int ExitCodeFor(ProgramResult result, bool askedCanReturn)
    {
        if (askedCanReturn)
        {
            // The question asked is "can it return V?": Yes and No are both full answers; a missing answer counts as DontKnow.
            return result.Functions.Any(f => f.CanReturn is null || f.CanReturn.Verdict == "DontKnow")
                ? ExitCodes.SomeDontKnow
                : ExitCodes.AllYes;
        }

        if (result.Functions.Any(f => f.Verdict is No))
            return ExitCodes.SomeNo;
        return result.Functions.Any(f => f.Verdict is DontKnow) ? ExitCodes.SomeDontKnow : ExitCodes.AllYes;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed record AnalyzeRequest(string File, string? Function, string Format, double TimeoutSeconds, string? Semantics, string? CanReturn);
}

/// <summary>The frontend and analyzer the CLI calls; tests substitute fakes.</summary>
internal sealed record AnalysisBackend(
    Func<string, ProgramIr> Load,
    Func<ProgramIr, AnalysisOptions, CancellationToken, ProgramResult> Analyze)
{
    /// <summary>The real frontend and analyzer.</summary>
    public static AnalysisBackend Default { get; } = new(SourceLoader.Load, TerminationAnalyzer.Analyze);
}

/// <summary>Writes a <see cref="ProgramResult"/> in one output format.</summary>
public interface IReportWriter
{
    /// <summary>Writes the whole report for <paramref name="result"/> to <paramref name="output"/>.</summary>
    void Write(ProgramResult result, TextWriter output);
}
