namespace Terminator.Differential;

/// <summary>Prints a run's counts (per verdict, per outcome, per kind of compiled run) and every discrepancy with its program.</summary>
internal static class SummaryWriter
{
    public static void Write(HarnessSummary summary, DifferentialOptions options, TextWriter output)
    {
        var reports = summary.Reports;
        output.WriteLine($"{reports.Count} cases (seed {options.Seed}, first {options.First}) in {summary.Elapsed.TotalSeconds:F1} s "
            + $"with {Path.GetFileName(summary.Compiler.Executable)}; analysis budget {options.AnalysisTimeout.TotalSeconds} s per function");
        output.WriteLine($"time summed over cases: analysis {summary.AnalysisTime.TotalSeconds:F1} s, compiling {summary.CompileTime.TotalSeconds:F1} s");
        output.WriteLine("verdicts: " + Counts(reports.Select(r => r.Verdict?.Name ?? "none")));
        output.WriteLine("outcomes: " + Counts(reports.Select(r => r.Outcome.ToString())));
        foreach (var verdict in new[] { "Yes", "No" })
        {
            var runs = reports.Where(r => r.Verdict?.Name == verdict).SelectMany(r => r.Runs).ToList();
            output.WriteLine($"compiled runs for {verdict}: {runs.Count} ({Counts(runs.Select(r => r.Kind.ToString()))})");
        }

        var unsequenced = reports.Count(r => r.UnsequencedLines.Count > 0);
        output.WriteLine($"cases with an unsequenced modification (compiler warning): {unsequenced}");
        var discrepancies = summary.Discrepancies;
        output.WriteLine($"discrepancies: {discrepancies.Count} ({discrepancies.Count(r => r.UnsequencedLines.Count > 0)} in cases with an unsequenced modification)");
        foreach (var report in discrepancies)
            WriteDiscrepancy(report, options, output);
    }

    public static void WriteDiscrepancy(CaseReport report, DifferentialOptions options, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"== {report.Outcome}: case {report.Case.Index} of seed {report.Case.RunSeed}");
        output.WriteLine(report.Detail);
        if (report.UnsequencedLines.Count > 0)
            output.WriteLine($"unsequenced modification at line(s) {string.Join(", ", report.UnsequencedLines.Order())}");
        if (options.KeepDirectory is { } keep)
            output.WriteLine($"saved as {Path.Combine(keep, $"seed{report.Case.RunSeed}_case{report.Case.Index}.c")}");
        output.Write(report.Case.Text);
    }

    private static string Counts(IEnumerable<string> names)
    {
        var counts = names.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}").ToList();
        return counts.Count == 0 ? "none" : string.Join(", ", counts);
    }

    /// <summary>One progress line per case, for long runs.</summary>
    public static string Progress(CaseReport report) =>
        $"case {report.Case.Index}: {report.Verdict?.Name ?? "-"} {report.Outcome}"
        + (report.Runs.Count == 1 ? $" ({report.Runs[0].Kind})" : "");
}
