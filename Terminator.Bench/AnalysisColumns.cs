using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Terminator.Core;

namespace Terminator.Bench;

/// <summary>The configuration of the example suites: memory diagnostics and the two columns about each case's answer.</summary>
public sealed class AnalysisConfig : ManualConfig
{
    /// <summary>Adds the columns, sharing one set of extra runs.</summary>
    public AnalysisConfig()
    {
        var runs = new CaseRuns();
        AddColumn(new AnswerColumn(runs), new SolverShareColumn(runs));
        AddDiagnoser(MemoryDiagnoser.Default);

        // Case names such as "unsigned_wrap.c:down2" are longer than the default width of 20, which would elide them.
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
    }
}

/// <summary>
/// One extra run of each analysis case in the host process, after the measurements, remembered for the columns of
/// one configuration. Each case runs twice and the second run counts, so that the first run's JIT compilation of the
/// analyzer does not count as our own overhead.
/// </summary>
internal sealed class CaseRuns
{
    private readonly Dictionary<string, ProgramResult?> results = [];

    /// <summary>The case's result, or null for a benchmark that does not analyze (parse only).</summary>
    public ProgramResult? Of(BenchmarkCase benchmark)
    {
        if (benchmark.Descriptor.WorkloadMethod.ReturnType != typeof(ProgramResult)
            || benchmark.Parameters.Items.Select(p => p.Value).OfType<ExampleCase>().FirstOrDefault() is not { } example)
            return null;
        var key = example.ToString();
        if (!results.TryGetValue(key, out var result))
        {
            example.Analyze();
            result = example.Analyze();
            results[key] = result;
        }

        return result;
    }
}

/// <summary>Common column plumbing: text columns shown for every case, after the statistics.</summary>
internal abstract class CaseRunColumn(CaseRuns runs, string name, string legend) : IColumn
{
    public string Id => nameof(CaseRunColumn) + "." + ColumnName;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        runs.Of(benchmarkCase) is { } result ? Show(result) : "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    protected abstract string Show(ProgramResult result);
}

/// <summary>The verdict of each analyzed function (and the can-return answer), so that a row's time is read with its answer.</summary>
internal sealed class AnswerColumn(CaseRuns runs)
    : CaseRunColumn(runs, "Answer", "Verdict per function of one extra run (then the can-return answer, when asked)")
{
    protected override string Show(ProgramResult result) =>
        string.Join(" ", result.Functions.Select(f => f.Verdict.Name + (f.CanReturn is { } c ? $"/returns {c.Value}: {c.Verdict}" : "")));
}

/// <summary>
/// The part of the analysis time spent inside Z3 (<see cref="FunctionResult.SolverTime"/> over
/// <see cref="FunctionResult.Elapsed"/>, summed over the functions of one extra run); the rest is Terminator's own work.
/// </summary>
internal sealed class SolverShareColumn(CaseRuns runs)
    : CaseRunColumn(runs, "Solver share", "Time inside Z3 checks / analysis time (parse excluded), from one extra run")
{
    protected override string Show(ProgramResult result)
    {
        var solver = result.Functions.Sum(f => f.SolverTime.TotalMilliseconds);
        var total = result.Functions.Sum(f => f.Elapsed.TotalMilliseconds);
        var share = total > 0 ? solver / total : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{share:P0} ({solver:N0} of {total:N0} ms)");
    }
}
