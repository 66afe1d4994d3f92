using BenchmarkDotNet.Attributes;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Bench;

/// <summary>
/// End-to-end cost (parse + analyze) of one example per kind of answer: a proof, a counterexample, a DontKnow that uses
/// the whole search, and a can-return question.
/// </summary>
[MemoryDiagnoser]
public class ExampleBenchmarks
{
    private static readonly string Examples = Path.Combine(FindRepoRoot(), "examples");

    /// <summary>g terminates: ranking-function synthesis and certificate checking.</summary>
    [Benchmark]
    public ProgramResult TerminatingLoop() => Analyze("g.c", new AnalysisOptions { Function = "g" });

    /// <summary>g2 runs forever from y = 0: recurrent-set search.</summary>
    [Benchmark]
    public ProgramResult NonterminatingLoop() => Analyze("g.c", new AnalysisOptions { Function = "g2" });

    /// <summary>Collatz over unbounded integers: every technique tried before DontKnow.</summary>
    /// <remarks>A 2 s budget instead of the default 10 s: this case may use all of it, and each benchmark runs it many times.</remarks>
    [Benchmark]
    public ProgramResult CollatzDontKnow() =>
        Analyze("collatz.c", new AnalysisOptions { Semantics = IntegerSemantics.Math, Timeout = TimeSpan.FromSeconds(2) });

    /// <summary>f can never return 0: a can-return question proved for all inputs.</summary>
    [Benchmark]
    public ProgramResult CanReturn() => Analyze("f.c", new AnalysisOptions { Function = "f", CanReturn = "0" });

    private static ProgramResult Analyze(string file, AnalysisOptions options) =>
        TerminationAnalyzer.Analyze(SourceLoader.Load(Path.Combine(Examples, file)), options);

    // BenchmarkDotNet runs each benchmark from a generated project in a bin folder, so the examples are found by walking
    // up from there (or from the working directory) to the folder holding Terminator.sln.
    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Terminator.sln")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find Terminator.sln above the benchmark's folder or the working directory");
    }
}
