using System.Globalization;
using System.CommandLine;
using System.CommandLine.Help;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Core.Smt;
using Terminator.Frontend;

namespace Terminator.Cli;

/// <summary>
/// The command line of <c>terminator</c>: parses options, runs the analysis through the public API and prints a report.
/// Kept free of <see cref="Console"/> so that tests can run it in-process.
/// </summary>
public static class CliApp
{
    /// <summary>The smallest positive <c>--timeout</c>: one millisecond.</summary>
    private const double MinimumTimeoutSeconds = 0.001;

    /// <summary>Runs <c>terminator</c> with <paramref name="args"/>, without colour, and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, useColor: false, CancellationToken.None);

    /// <summary>Runs <c>terminator</c> with <paramref name="args"/> and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="useColor">Whether the text report may use ANSI colours (unless <c>--no-color</c> is given).</param>
    /// <param name="cancellationToken">Stops the analysis (Ctrl-C).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool useColor, CancellationToken cancellationToken) =>
        Run(args, stdout, stderr, useColor, AnalysisBackend.Default, cancellationToken);

    /// <summary>Runs <c>terminator</c> with <paramref name="args"/> and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where errors and progress go.</param>
    /// <param name="terminal">What the streams are connected to: it decides colour and the progress line.</param>
    /// <param name="cancellationToken">Stops the analysis (Ctrl-C).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TerminalInfo terminal, CancellationToken cancellationToken) =>
        Run(args, new CliContext(stdout, stderr, terminal, AnalysisBackend.Default, cancellationToken)
        {
            ShowDetails = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DetailsVariable)),
        });

    /// <summary>The environment variable that, set to a non-empty value, adds an internal error's full details to its line.</summary>
    public const string DetailsVariable = "TERMINATOR_DEBUG";

    /// <summary>Runs with a replaceable frontend and analyzer, so that tests can check the shell without them.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool useColor, AnalysisBackend backend, CancellationToken cancellationToken) =>
        Run(args, new CliContext(stdout, stderr, useColor ? new TerminalInfo(true, false, false) : TerminalInfo.None, backend, cancellationToken));

    /// <summary>Runs in <paramref name="context"/>; tests choose its backend and terminal.</summary>
    internal static int Run(string[] args, CliContext context)
    {
        var (stdout, stderr, cancellationToken) = (context.Stdout, context.Stderr, context.CancellationToken);
        try
        {
            var root = BuildCommand(context);
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                foreach (var error in parseResult.Errors)
                    stderr.WriteLine($"terminator: {error.Message}");
                // The help of the command the arguments reached: bench's options are not analyze's.
                var command = parseResult.CommandResult.Command is RootCommand ? "" : parseResult.CommandResult.Command.Name + " ";
                stderr.WriteLine($"Run 'terminator {command}--help' for usage.");
                return ExitCodes.BadUsage;
            }

            if (parseResult.GetValue(Z3Library) is { } library)
            {
                SmtDiagnostics.UseZ3Library(library);
            }

            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parseResult.Invoke(invocation);
        }
        catch (Exception e) when (e is SolverUnavailableException || e.InnerException is SolverUnavailableException)
        {
            // Not a bug: the machine lacks a usable Z3. The message starts with what to install.
            stderr.WriteLine($"terminator: {OneLine((e as SolverUnavailableException ?? e.InnerException!).Message)}");
            return ExitCodes.SolverUnavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("terminator: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // Whatever escapes is a bug in Terminator; the user gets one line, and the details only when asked for.
            var failure = e is AggregateException { InnerExceptions: [var only] } ? only : e;
            var what = failure is InternalErrorException ? failure.Message : $"{failure.GetType().Name}: {failure.Message}";
            stderr.WriteLine($"terminator: internal error: {OneLine(what)} (a bug in Terminator; {DetailsVariable}=1 shows the details)");
            if (context.ShowDetails)
                stderr.WriteLine(failure.ToString());
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The libz3 to load instead of searching for one; any command takes it.</summary>
    private static readonly Option<string?> Z3Library = new("--z3-library")
    {
        Description = $"The Z3 library to load (a file path, version 4.12 or later); overrides {SmtDiagnostics.Z3LibraryVariable} and the search.",
        HelpName = "path",
        Recursive = true,
    };

    private static RootCommand BuildCommand(CliContext context)
    {
        var stdout = context.Stdout;
        var files = new Argument<string[]>("files")
        {
            Description = "The programs to analyze: .c (C), .i (preprocessed C) and .py (Python) files, and folders (every .c, .i and .py file inside, recursively).",
            Arity = ArgumentArity.OneOrMore,
        };
        // With any number of files, an unknown option such as --bogus would otherwise be taken for one more file.
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value))
            {
                if (token.Length > 1 && token[0] == '-' && !File.Exists(token) && !Directory.Exists(token))
                    result.AddError($"Unrecognized command or argument '{token}'.");
            }
        });
        var function = new Option<string?>("--function") { Description = "Analyze only this function (default: every function).", HelpName = "name" };
        var format = new Option<string>("--format") { Description = "Output format: text, json or sarif (SARIF 2.1.0).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
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
            // A positive budget below a millisecond would round to nothing, which means no limit at all.
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && (seconds == 0 || (seconds >= MinimumTimeoutSeconds && seconds <= TimeSpan.MaxValue.TotalSeconds)))
            {
                return seconds;
            }

            result.AddError($"--timeout must be 0 (no limit) or a number of seconds from {MinimumTimeoutSeconds} on (got '{token}').");
            return 0;
        };
        var semantics = new Option<string?>("--semantics") { Description = "Integer semantics: c (32-bit machine integers) or math (unbounded). Default: the language's own." };
        semantics.AcceptOnlyFromAmong("c", "math");
        var dataModel = new Option<string?>("--data-model") { Description = "The widths of C's long, unsigned long and size_t: ilp32 (32 bits) or lp64 (64 bits). Default: ilp32.", HelpName = "model" };
        dataModel.AcceptOnlyFromAmong("ilp32", "lp64");
        var uninitializedReads = new Option<string?>("--uninitialized-reads")
        {
            Description = "What reading a C local declared without a value means before a store: undefined (undefined behaviour, C11 6.3.2.1p2) or arbitrary (any value of its type, the convention of older SV-COMP tasks). Default: undefined.",
            HelpName = "convention",
        };
        uninitializedReads.AcceptOnlyFromAmong("arbitrary", "undefined");
        var canReturn = new Option<string?>("--can-return")
        {
            Description = "Also ask whether the function can return this value (a literal of the source language).",
            HelpName = "value",
        };

        var noColor = new Option<bool>("--no-color") { Description = "Plain text even on a terminal (colour is also off when NO_COLOR is set or output is redirected)." };

        var analyze = new Command("analyze", "Decide, for each function, whether it always terminates.")
        {
            files, function, format, timeout, semantics, dataModel, uninitializedReads, canReturn, noColor,
        };
        analyze.SetAction(parseResult => AnalyzeCommand.Run(
            new AnalyzeRequest(
                parseResult.GetRequiredValue(files),
                parseResult.GetValue(function),
                parseResult.GetValue(format) ?? "text",
                parseResult.GetValue(timeout),
                parseResult.GetValue(semantics),
                parseResult.GetValue(canReturn),
                parseResult.GetValue(noColor))
            {
                DataModel = parseResult.GetValue(dataModel),
                UninitializedReads = parseResult.GetValue(uninitializedReads),
            },
            context));

        var corpus = new Argument<string>("corpus") { Description = "A manifest.tsv (columns file and expected; programs in files/ beside it) or a folder of programs." };
        var benchFunction = new Option<string?>("--function") { Description = "The entry function (default: foo for tpdb__ programs, main otherwise).", HelpName = "name" };
        var benchFormat = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        benchFormat.AcceptOnlyFromAmong("text", "json");
        var benchTimeout = new Option<double>("--timeout") { Description = "Time budget per program in seconds.", DefaultValueFactory = _ => 10, HelpName = "seconds" };
        benchTimeout.CustomParser = timeout.CustomParser;
        var jobs = new Option<int>("--jobs") { Description = "Programs analyzed at once.", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "n" };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"--jobs must be 1 or more (got '{(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "")}').");
        });
        var benchDataModel = new Option<string?>("--data-model")
        {
            Description = "The data model of C programs whose manifest line names none (a data_model column): ilp32 or lp64. Default: ilp32.",
            HelpName = "model",
        };
        benchDataModel.AcceptOnlyFromAmong("ilp32", "lp64");
        var benchUninitializedReads = new Option<string?>("--uninitialized-reads")
        {
            Description = uninitializedReads.Description,
            HelpName = uninitializedReads.HelpName,
        };
        benchUninitializedReads.AcceptOnlyFromAmong("arbitrary", "undefined");
        var bench = new Command("bench", "Run over a corpus and print a score table per expected verdict.")
        {
            corpus, benchFunction, benchFormat, benchTimeout, jobs, benchDataModel, benchUninitializedReads,
        };
        bench.SetAction(parseResult => RunBench(
            parseResult.GetRequiredValue(corpus),
            parseResult.GetValue(benchFunction),
            parseResult.GetValue(benchFormat) ?? "text",
            TimeSpan.FromSeconds(parseResult.GetValue(benchTimeout)),
            parseResult.GetValue(jobs),
            context,
            parseResult.GetValue(benchDataModel) == "lp64" ? DataModel.Lp64 : null,
            parseResult.GetValue(benchUninitializedReads) == "arbitrary" ? UninitializedReads.ArbitraryValue : null));

        var root = new RootCommand("Terminator: decides whether each function of a program always terminates.") { analyze, bench, Z3Library };
        foreach (var option in root.Options)
        {
            switch (option)
            {
                case HelpOption { Action: HelpAction standard } help:
                    help.Action = new HelpWithExamples(standard, stdout);
                    break;
                case VersionOption version:
                    version.Action = new PrintVersion(stdout);
                    break;
            }
        }

        return root;
    }

    private static int RunBench(string corpus, string? function, string format, TimeSpan budget, int jobs, CliContext context, DataModel? dataModel, UninitializedReads? uninitializedReads)
    {
        var (stdout, stderr, backend, cancellationToken) = (context.Stdout, context.Stderr, context.Backend, context.CancellationToken);
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

        // Logs keep a line per program; a terminal gets one status line that the report then replaces.
        var progress = new Progress(stderr, Progress.StyleFor(context.Terminal, ProgressStyle.Lines), entries.Count, context.Terminal.Width);
        List<Bench.BenchOutcome> outcomes;
        try
        {
            outcomes = Bench.CorpusRunner.Run(entries, budget, function, jobs, backend, outcome => progress.Advance(
                $"{Path.GetFileName(outcome.Entry.Path)}: {outcome.Answer} ({outcome.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s)"),
                cancellationToken,
                dataModel,
                uninitializedReads);
        }
        finally
        {
            progress.Clear();
        }

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

    /// <summary>The exit code for a finished analysis: see <see cref="ExitCodes"/>.</summary>
    internal static int ExitCodeFor(ProgramResult result, bool askedCanReturn)
    {
        if (askedCanReturn)
        {
            // The question asked is "can it return V?": Yes and No are both full answers; a missing answer counts as DontKnow.
            return result.Functions.Any(f => f.CanReturn is null || f.CanReturn.Verdict == CanReturnVerdict.DontKnow)
                ? ExitCodes.SomeDontKnow
                : ExitCodes.AllYes;
        }

        if (result.Functions.Any(f => f.Verdict is No))
            return ExitCodes.SomeNo;
        return result.Functions.Any(f => f.Verdict is DontKnow) ? ExitCodes.SomeDontKnow : ExitCodes.AllYes;
    }

    /// <summary>A message on one line, as every error line promises.</summary>
    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// <summary>The frontend and analyzer the CLI calls; tests substitute fakes.</summary>
internal sealed record AnalysisBackend(
    Func<string, ProgramIr> Load,
    Func<ProgramIr, AnalysisOptions, CancellationToken, ProgramResult> Analyze,
    Func<string, DataModel, ProgramIr>? LoadUnder = null)
{
    /// <summary>The real frontend and analyzer.</summary>
    public static AnalysisBackend Default { get; } = new(SourceLoader.Load, TerminationAnalyzer.Analyze, SourceLoader.Load);

    /// <summary>Reads a file, C under <paramref name="dataModel"/> when one is given and the frontend takes one.</summary>
    public ProgramIr LoadFile(string path, DataModel? dataModel) =>
        dataModel is { } model && LoadUnder is { } loadUnder ? loadUnder(path, model) : Load(path);
}

/// <summary>Writes a <see cref="ProgramResult"/> in one output format.</summary>
public interface IReportWriter
{
    /// <summary>Writes the whole report for <paramref name="result"/> to <paramref name="output"/>.</summary>
    void Write(ProgramResult result, TextWriter output);
}
