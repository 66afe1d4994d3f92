using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Core.Smt;
using Terminator.Frontend;

namespace Terminator;

/// <summary>
/// The library's entry point: reads a program in the mini-C or mini-Python subset and decides, for each function,
/// whether it always terminates (<see cref="Yes"/>, <see cref="No"/> or <see cref="DontKnow"/>).
/// </summary>
/// <remarks>
/// Every method may be called from many threads at once: each analysis has its own solver context and all settings
/// come in through <see cref="AnalysisOptions"/>. The asynchronous methods run the analysis on the thread pool.
/// </remarks>
public static class Termination
{
    /// <summary>Analyzes a program given as text.</summary>
    /// <param name="sourceText">The program.</param>
    /// <param name="language">Its language. Positions in the result and in errors name the file <c>&lt;source&gt;.c</c>
    /// or <c>&lt;source&gt;.py</c>; to name it otherwise, write it to a file and use <see cref="AnalyzeFile"/>.</param>
    /// <param name="options">What to analyze and how; null takes the defaults of <see cref="AnalysisOptions"/>.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>One result per analyzed function, in source order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceText"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="language"/> is not a defined value.</exception>
    /// <exception cref="SourceException">
    /// Bad input: a syntax error, a construct outside the subset, or a function named in <see cref="AnalysisOptions.Function"/>
    /// that does not exist. The message reads <c>file:line:col: message</c>.
    /// </exception>
    /// <exception cref="ArgumentException">An option of <paramref name="options"/> has a value it cannot have (see <see cref="TerminationAnalyzer.Analyze"/>).</exception>
    /// <exception cref="SolverUnavailableException">The Z3 library cannot be loaded; the message says what to install.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InternalErrorException">A bug in Terminator stopped the analysis.</exception>
    public static ProgramResult Analyze(string sourceText, SourceLanguage language, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        var fileName = SourceName(language);
        cancellationToken.ThrowIfCancellationRequested();
        var model = DataModelOf(options);
        var program = Parsed(
            () => language == SourceLanguage.C ? CFrontend.Parse(sourceText, fileName, model) : PythonFrontend.Parse(sourceText, fileName),
            cancellationToken);
        return Run(program, options, cancellationToken);
    }

    /// <summary>Analyzes the program in a file; <c>.c</c> is read as C, <c>.py</c> as Python.</summary>
    /// <param name="path">The file; positions in the result and in errors carry it as given.</param>
    /// <param name="options">What to analyze and how; null takes the defaults of <see cref="AnalysisOptions"/>.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>One result per analyzed function, in source order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="SourceException">
    /// Bad input: a missing or unreadable file or an unsupported extension (reported at <c>path:1:1</c>), a syntax
    /// error, a construct outside the subset, or an unknown <see cref="AnalysisOptions.Function"/>. The message reads
    /// <c>file:line:col: message</c>.
    /// </exception>
    /// <exception cref="ArgumentException">An option of <paramref name="options"/> has a value it cannot have (see <see cref="TerminationAnalyzer.Analyze"/>).</exception>
    /// <exception cref="SolverUnavailableException">The Z3 library cannot be loaded; the message says what to install.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InternalErrorException">A bug in Terminator stopped the analysis.</exception>
    public static ProgramResult AnalyzeFile(string path, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        cancellationToken.ThrowIfCancellationRequested();
        var model = DataModelOf(options);
        return Run(Parsed(() => SourceLoader.Load(path, model), cancellationToken), options, cancellationToken);
    }

    /// <summary>Analyzes a program given as text, on the thread pool. See <see cref="Analyze"/>.</summary>
    /// <param name="sourceText">The program.</param>
    /// <param name="language">Its language; positions name the file <c>&lt;source&gt;.c</c> or <c>&lt;source&gt;.py</c>.</param>
    /// <param name="options">What to analyze and how; null takes the defaults of <see cref="AnalysisOptions"/>.</param>
    /// <param name="cancellationToken">Stops the analysis; the task then ends as cancelled.</param>
    /// <returns>One result per analyzed function, in source order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceText"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="language"/> is not a defined value.</exception>
    /// <exception cref="SourceException">From the task: bad input, as for <see cref="Analyze"/>.</exception>
    /// <exception cref="ArgumentException">An option of <paramref name="options"/> has a value it cannot have (see <see cref="TerminationAnalyzer.Analyze"/>).</exception>
    /// <exception cref="SolverUnavailableException">From the task: the Z3 library cannot be loaded.</exception>
    /// <exception cref="OperationCanceledException">From the task: <paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InternalErrorException">From the task: a bug in Terminator stopped the analysis.</exception>
    public static Task<ProgramResult> AnalyzeAsync(string sourceText, SourceLanguage language, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked here so that a wrong argument fails the call itself, not the task.
        ArgumentNullException.ThrowIfNull(sourceText);
        _ = SourceName(language);
        return Task.Run(() => Analyze(sourceText, language, options, cancellationToken), cancellationToken);
    }

    /// <summary>Reads a file asynchronously and analyzes it on the thread pool. See <see cref="AnalyzeFile"/>.</summary>
    /// <param name="path">The file; <c>.c</c> is read as C, <c>.py</c> as Python.</param>
    /// <param name="options">What to analyze and how; null takes the defaults of <see cref="AnalysisOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read and the analysis; the task then ends as cancelled.</param>
    /// <returns>One result per analyzed function, in source order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="SourceException">From the task: bad input, as for <see cref="AnalyzeFile"/>.</exception>
    /// <exception cref="ArgumentException">An option of <paramref name="options"/> has a value it cannot have (see <see cref="TerminationAnalyzer.Analyze"/>).</exception>
    /// <exception cref="SolverUnavailableException">From the task: the Z3 library cannot be loaded.</exception>
    /// <exception cref="OperationCanceledException">From the task: <paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InternalErrorException">From the task: a bug in Terminator stopped the analysis.</exception>
    public static Task<ProgramResult> AnalyzeFileAsync(string path, AnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return AnalyzeLoadedAsync(path, options, cancellationToken);
    }

    /// <summary>The file name that positions carry when text is analyzed: <c>&lt;source&gt;.c</c> or <c>&lt;source&gt;.py</c>.</summary>
    internal static string SourceName(SourceLanguage language) => language switch
    {
        SourceLanguage.C => "<source>.c",
        SourceLanguage.Python => "<source>.py",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "expected SourceLanguage.C or SourceLanguage.Python"),
    };

    private static async Task<ProgramResult> AnalyzeLoadedAsync(string path, AnalysisOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = DataModelOf(options);
        var program = await Task.Run(() => SourceLoader.Load(path, model), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Run(program, options, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="parse"/> and returns its program, or throws <see cref="OperationCanceledException"/> as soon
    /// as <paramref name="cancellationToken"/> is cancelled. Parsing does not watch the token: a cancelled caller stops
    /// waiting, and the parse runs out on its own, bounded by the frontends' limits on input size.
    /// </summary>
    private static ProgramIr Parsed(Func<ProgramIr> parse, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return parse();
        }

        return Task.Run(parse, CancellationToken.None).WaitAsync(cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>The data model C is read under: the options' (checked), ILP32 without one.</summary>
    private static DataModel DataModelOf(AnalysisOptions? options) =>
        options?.DataModel is { } model
            ? Enum.IsDefined(model) ? model : throw new ArgumentException($"AnalysisOptions.DataModel: {(int)model} is not a DataModel value.", nameof(options))
            : DataModel.Ilp32;

    private static ProgramResult Run(ProgramIr program, AnalysisOptions? options, CancellationToken cancellationToken) =>
        TerminationAnalyzer.Analyze(program, options ?? new AnalysisOptions(), cancellationToken);
}
