using BenchmarkDotNet.Attributes;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Bench;

/// <summary>
/// Parse and analysis of one category of examples, one case per function (<see cref="ExampleCatalog"/>). The
/// "Answer" and "Solver share" columns come from one extra run of each case (<see cref="AnalysisConfig"/>).
/// </summary>
[Config(typeof(AnalysisConfig))]
public abstract class ExampleSuite
{
    /// <summary>The case BenchmarkDotNet sets before each run.</summary>
    [ParamsSource(nameof(Cases))]
    public ExampleCase Case { get; set; } = null!;

    /// <summary>The cases of the category.</summary>
    public abstract IEnumerable<ExampleCase> Cases { get; }

    /// <summary>Parse, then analyze with the case's options.</summary>
    [Benchmark]
    public ProgramResult Analyze() => Case.Analyze();
}

/// <summary>Functions expected to be proved terminating: invariants, ranking-function synthesis, certificate check.</summary>
public class TerminatingExamples : ExampleSuite
{
    /// <inheritdoc />
    public override IEnumerable<ExampleCase> Cases => ExampleCatalog.Expecting("Yes");
}

/// <summary>Functions expected to be proved nonterminating: lasso and recurrent-set search, witness replay.</summary>
public class NonterminatingExamples : ExampleSuite
{
    /// <inheritdoc />
    public override IEnumerable<ExampleCase> Cases => ExampleCatalog.Expecting("No");
}

/// <summary>Functions expected to end in DontKnow, with a budget of at most 2 s (<see cref="ExampleCatalog.DontKnowBudget"/>).</summary>
public class DontKnowExamples : ExampleSuite
{
    /// <inheritdoc />
    public override IEnumerable<ExampleCase> Cases => ExampleCatalog.Expecting("DontKnow");
}

/// <summary>Can-return questions (with the termination question of the same function).</summary>
public class CanReturnExamples : ExampleSuite
{
    /// <inheritdoc />
    public override IEnumerable<ExampleCase> Cases => ExampleCatalog.CanReturnQuestions();
}

/// <summary>Every example file: the frontend alone (the baseline) against the frontend and the whole analysis.</summary>
[Config(typeof(AnalysisConfig))]
public class ParseVersusAnalysis
{
    /// <summary>The file BenchmarkDotNet sets before each run.</summary>
    [ParamsSource(nameof(Cases))]
    public ExampleCase Case { get; set; } = null!;

    /// <summary>One case per example file, with its header's options.</summary>
    public static IEnumerable<ExampleCase> Cases => ExampleCatalog.Files();

    /// <summary>Text to IR.</summary>
    [Benchmark(Baseline = true)]
    public ProgramIr Parse() => Case.Parse();

    /// <summary>Text to IR, then every function of the file analyzed.</summary>
    [Benchmark]
    public ProgramResult ParseAndAnalyze() => Case.Analyze();
}
