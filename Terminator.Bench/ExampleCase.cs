using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.Tests.Examples;

namespace Terminator.Bench;

/// <summary>
/// One benchmark input: an example file, read once, with the options its header asks for (narrowed to one function
/// and question by the category suites). BenchmarkDotNet shows it by <see cref="ToString"/>.
/// </summary>
public sealed class ExampleCase(string file, string text, AnalysisOptions options)
{
    /// <summary>The file name within examples/, as witnesses and certificates cite it.</summary>
    public string File { get; } = file;

    /// <summary>The options of the analysis.</summary>
    public AnalysisOptions Options { get; } = options;

    /// <summary>The frontend alone: text to IR.</summary>
    public ProgramIr Parse() => SourceLoader.Parse(text, File);

    /// <summary>The frontend and the analysis, as <c>terminator analyze</c> runs them (without reading the file).</summary>
    public ProgramResult Analyze() => TerminationAnalyzer.Analyze(Parse(), Options);

    /// <summary><c>file</c>, <c>file:function</c>, or <c>file:function=value</c> for a can-return question.</summary>
    public override string ToString() =>
        File + (Options.Function is { } f ? ":" + f : "") + (Options.CanReturn is { } v ? "=" + v : "");
}

/// <summary>The examples/ folder as benchmark inputs, grouped by the answers their headers expect.</summary>
internal static class ExampleCatalog
{
    /// <summary>
    /// The budget of a case expected to end in DontKnow. Such a case may spend its whole budget, and then measures the
    /// budget more than the analyzer; 2 s instead of the default 10 s keeps a short job short.
    /// </summary>
    public static readonly TimeSpan DontKnowBudget = TimeSpan.FromSeconds(2);

    /// <summary>One case per function whose <c>expect</c> line says <paramref name="verdict"/>, termination only.</summary>
    public static IEnumerable<ExampleCase> Expecting(string verdict) =>
        from example in Examples()
        from expectation in example.Header.Expectations
        where expectation.Expected == verdict
        select example.Case(Capped(example.Header.Options, verdict == "DontKnow") with { Function = expectation.Function, CanReturn = null });

    /// <summary>One case per <c>expect-can-return</c> line: termination and the can-return question of that function.</summary>
    public static IEnumerable<ExampleCase> CanReturnQuestions() =>
        from example in Examples()
        from question in example.Header.CanReturnExpectations
        select example.Case(example.Header.Options with { Function = question.Function, CanReturn = question.Value });

    /// <summary>One case per file with its header's options (DontKnow budgets capped as above).</summary>
    public static IEnumerable<ExampleCase> Files() =>
        from example in Examples()
        select example.Case(Capped(example.Header.Options, example.Header.Expectations.Any(e => e.Expected == "DontKnow")));

    private static AnalysisOptions Capped(AnalysisOptions options, bool dontKnow) =>
        dontKnow && (options.Timeout <= TimeSpan.Zero || options.Timeout > DontKnowBudget) ? options with { Timeout = DontKnowBudget } : options;

    private sealed record Example(string File, string Text, ExampleHeader Header)
    {
        public ExampleCase Case(AnalysisOptions options) => new(File, Text, options);
    }

    private static IEnumerable<Example> Examples()
    {
        var folder = Path.Combine(FindRepoRoot(), "examples");
        return Directory.EnumerateFiles(folder, "*.c").Concat(Directory.EnumerateFiles(folder, "*.i")).Concat(Directory.EnumerateFiles(folder, "*.py"))
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = Path.GetFileName(path);
                var text = System.IO.File.ReadAllText(path);
                return new Example(name, text, ExampleHeader.Parse(text, name));
            });
    }

    // BenchmarkDotNet runs each benchmark from a generated project in a bin folder, so the examples are found by walking
    // up from there (or from the working directory) to the folder holding Terminator.sln.
    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Terminator.sln")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find Terminator.sln above the benchmark's folder or the working directory");
    }
}
