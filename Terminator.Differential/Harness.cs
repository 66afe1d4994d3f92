using System.Collections.Concurrent;
using System.Diagnostics;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Differential.Generation;
using Terminator.Differential.Oracle;

namespace Terminator.Differential;

/// <summary>The counts and the discrepancies of a run.</summary>
/// <param name="Reports">One report per case, in case order.</param>
/// <param name="Elapsed">The run's wall-clock time.</param>
/// <param name="Compiler">The compiler that built the oracle.</param>
/// <param name="AnalysisTime">The analyses' time, summed over the cases.</param>
/// <param name="CompileTime">The compiler's time, summed over the batches.</param>
internal sealed record HarnessSummary(IReadOnlyList<CaseReport> Reports, TimeSpan Elapsed, CCompiler Compiler, TimeSpan AnalysisTime, TimeSpan CompileTime)
{
    /// <summary>The cases whose answer the compiled program contradicts, or where the harness's assumptions failed.</summary>
    public IReadOnlyList<CaseReport> Discrepancies => [.. Reports.Where(r => r.IsDiscrepancy)];
}

/// <summary>
/// The differential harness: generates programs, analyzes each with the analyzer under test, compiles them in
/// batches with the trapping sanitizer, and compares every Yes and No with the compiled program's runs.
/// </summary>
internal sealed class DifferentialHarness(DifferentialOptions options, CCompiler compiler, CaseAnalyzer analyzer)
{
    /// <summary>The analyzer under test by default: Terminator's library API, on the case's function, within the run's budget.</summary>
    public static CaseAnalyzer Terminator(DifferentialOptions options) => (testCase, cancellationToken) =>
        Termination.Analyze(testCase.Text, SourceLanguage.C,
                new AnalysisOptions { Timeout = options.AnalysisTimeout, Function = testCase.Function.Name }, cancellationToken)
            .Functions.Single().Verdict;

    /// <summary>The cases the options name: <see cref="DifferentialOptions.Cases"/> of them from <see cref="DifferentialOptions.First"/>.</summary>
    public IReadOnlyList<GeneratedCase> GenerateCases() =>
        [.. Enumerable.Range(options.First, options.Cases).Select(i => GeneratedCase.Generate(options.Seed, i, options.Generator))];

    /// <summary>Checks the generated cases of the options.</summary>
    public HarnessSummary Run(Action<CaseReport>? onReport = null, CancellationToken cancellationToken = default) =>
        Run(GenerateCases(), onReport, cancellationToken);

    /// <summary>Checks the given cases, batch by batch; <paramref name="onReport"/> sees each report as it is made.</summary>
    public HarnessSummary Run(IReadOnlyList<GeneratedCase> cases, Action<CaseReport>? onReport = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (options.KeepDirectory is { } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (var testCase in cases)
                File.WriteAllText(Path.Combine(keep, $"seed{testCase.RunSeed}_case{testCase.Index}.c"), testCase.Text);
        }

        var reports = new List<CaseReport>();
        long analysisTicks = 0, compileTicks = 0;
        var comparison = new Comparison(options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken };
        foreach (var batch in cases.Chunk(Math.Max(1, options.BatchSize)))
        {
            // The compiler runs while the analyzer works on the same batch.
            var compiled = Task.Run(
                () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = CompiledBatch.Compile(compiler, batch, options.KeepDirectory, options.RunSeconds, cancellationToken);
                    Interlocked.Add(ref compileTicks, Stopwatch.GetElapsedTime(started).Ticks);
                    return result;
                },
                cancellationToken);
            var verdicts = new ConcurrentDictionary<int, (Verdict? Verdict, Outcome? Failure, string Detail)>();
            try
            {
                Parallel.ForEach(batch, parallel, testCase =>
                {
                    var started = Stopwatch.GetTimestamp();
                    verdicts[testCase.Index] = Analyze(testCase, cancellationToken);
                    Interlocked.Add(ref analysisTicks, Stopwatch.GetElapsedTime(started).Ticks);
                });
            }
            finally
            {
                compiled.Wait(CancellationToken.None);
            }

            using var executable = compiled.Result;
            var batchReports = new CaseReport?[batch.Length];
            Parallel.For(0, batch.Length, parallel, i =>
            {
                var testCase = batch[i];
                var unsequenced = executable.UnsequencedLines[testCase.Index];
                var (verdict, failure, detail) = verdicts[testCase.Index];
                var report = failure is { } outcome
                    ? new CaseReport(testCase, verdict, outcome, detail, unsequenced, [])
                    : comparison.Compare(testCase, verdict!, executable.Run, unsequenced);
                batchReports[i] = report;
                onReport?.Invoke(report);
            });
            reports.AddRange(batchReports.Select(r => r!));
        }

        return new HarnessSummary(reports, clock.Elapsed, compiler, TimeSpan.FromTicks(analysisTicks), TimeSpan.FromTicks(compileTicks));
    }

    private (Verdict? Verdict, Outcome? Failure, string Detail) Analyze(GeneratedCase testCase, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.AnalysisHardLimit);
        try
        {
            return (analyzer(testCase, limit.Token), null, "");
        }
        catch (SourceException e)
        {
            return (null, Outcome.Rejected, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Outcome.Overrun, $"still analyzing after {options.AnalysisHardLimit.TotalSeconds} s");
        }
#pragma warning disable CA1031 // Any exception of the analyzer is a finding to report, not a reason to stop the run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, Outcome.AnalyzerError, e.ToString());
        }
    }
}
