using System.Collections.Concurrent;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Corpus;

/// <summary>
/// Measures the analyzer on the shared benchmark corpus (../shared/corpus, see its README): counts answers per expected
/// verdict and fails on any wrong answer or any file the frontend rejects. DontKnow is allowed: it is what we measure.
/// </summary>
[TestFixture]
public sealed class CorpusTests
{
    // A short budget keeps the suite within CI's limits; the full 10 s measurement is a separate benchmark run.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Test]
    public void NoWrongAnswersOnTheSharedCorpus()
    {
        var corpus = RepoPaths.SharedCorpus;
        var manifest = Path.Combine(corpus, "manifest.tsv");
        if (!File.Exists(manifest))
            Assert.Ignore("../shared/corpus not present");

        var entries = ReadManifest(manifest);
        Assert.That(entries, Is.Not.Empty, "the manifest lists no programs");

        var outcomes = new ConcurrentBag<(CorpusEntry Entry, string Answer, string? Problem)>();
        // Two workers: the machines have two cores, and each analysis is single-threaded.
        Parallel.ForEach(entries, new ParallelOptions { MaxDegreeOfParallelism = 2 }, entry =>
            outcomes.Add(Analyze(entry, Path.Combine(corpus, "files", entry.File))));

        WriteTable(outcomes.Select(o => (o.Entry.Expected, o.Answer)));
        var problems = outcomes.Where(o => o.Problem is not null).OrderBy(o => o.Entry.File, StringComparer.Ordinal)
            .Select(o => $"{o.Entry.File}: {o.Problem}").ToList();
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
    }

    private static (CorpusEntry Entry, string Answer, string? Problem) Analyze(CorpusEntry entry, string path)
    {
        // The corpus conventions: TPDB programs start at foo over mathematical integers, sv-benchmarks at main in C.
        var isTpdb = entry.File.StartsWith("tpdb__", StringComparison.Ordinal);
        var options = new AnalysisOptions
        {
            Function = isTpdb ? "foo" : "main",
            Semantics = isTpdb ? IntegerSemantics.Math : IntegerSemantics.C,
            Timeout = Timeout,
        };

        try
        {
            // A hard stop past the budget, so that one hung analysis cannot hang the whole run.
            using var cancellation = new CancellationTokenSource(Timeout * 3);
            var program = SourceLoader.Load(path);
            var result = TerminationAnalyzer.Analyze(program, options, cancellation.Token);
            var verdict = result.Functions.SingleOrDefault()?.Verdict;

            // A replayed undefined-behaviour witness contradicts a "terminating" listing made under the assumption that
            // no overflow happens: it is counted in its own column, as the corpus README asks, and is not a wrong answer.
            var answer = verdict switch
            {
                null => "missing",
                No { Witness.Kind: not WitnessKind.Nontermination } => "No-UB",
                _ => verdict.Name,
            };
            string? problem = (entry.Expected, answer) switch
            {
                ("nonterminating", "Yes") => "answered Yes on a nonterminating program",
                ("terminating", "No") => "answered No on a terminating program",
                (_, "missing") => $"no result for {options.Function}",
                _ => null,
            };
            return (entry, answer, problem);
        }
        catch (SourceException e)
        {
            return (entry, "error", $"rejected by the frontend at {e.Span.Line}:{e.Span.Column}: {e.Detail}");
        }
        catch (OperationCanceledException)
        {
            return (entry, "error", $"still running after {Timeout * 3}, the per-function timeout was not honoured");
        }
    }

    private static void WriteTable(IEnumerable<(string Expected, string Answer)> outcomes)
    {
        string[] answers = ["Yes", "No", "No-UB", "DontKnow", "error"];
        var counts = outcomes.GroupBy(o => o.Expected).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        TestContext.Out.WriteLine($"{"expected",-16}{string.Join("", answers.Select(a => $"{a,10}"))}{"total",10}");
        foreach (var group in counts)
        {
            var cells = answers.Select(a => $"{group.Count(o => o.Answer == a),10}");
            TestContext.Out.WriteLine($"{group.Key,-16}{string.Join("", cells)}{group.Count(),10}");
        }
    }

    private static List<CorpusEntry> ReadManifest(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        var fileColumn = Array.IndexOf(header, "file");
        var expectedColumn = Array.IndexOf(header, "expected");
        Assert.That(fileColumn, Is.GreaterThanOrEqualTo(0), "manifest.tsv has no 'file' column");
        Assert.That(expectedColumn, Is.GreaterThanOrEqualTo(0), "manifest.tsv has no 'expected' column");
        return lines.Skip(1)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Split('\t'))
            .Select(cells => new CorpusEntry(cells[fileColumn], cells[expectedColumn]))
            .ToList();
    }

    private sealed record CorpusEntry(string File, string Expected);
}
