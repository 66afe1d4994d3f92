using System.Diagnostics;
using System.Globalization;
using Terminator;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Fuzz;

/// <summary>
/// The cancellation harness: analyzes each input through the library with no time budget, cancels the token after
/// each of <see cref="Delays"/>, and measures how long the call takes to return after the cancellation. Inputs are the
/// examples, the shared corpus when present, and the fuzzer's generated large shapes. An analysis that ends before its
/// cancellation gives no sample; one that does not return within <see cref="GiveUp"/> counts as a hang.
/// </summary>
internal static class Latency
{
    /// <summary>Delays from the start of an analysis to the cancellation of its token.</summary>
    private static readonly int[] Delays = [50, 200, 1000];

    /// <summary>How long a cancelled call may take before it counts as a hang.</summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    public static int Run(CaseGenerator generator, FuzzOptions options)
    {
        var groups = new List<(string Group, string Name, string Text, SourceLanguage Language)>();
        foreach (var file in Inputs(options.Examples))
        {
            groups.Add(("examples", Path.GetFileName(file), File.ReadAllText(file), Language(file)));
        }

        var corpus = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Examples))!, "..", "shared", "corpus", "files");
        foreach (var file in Inputs(corpus))
        {
            groups.Add(("corpus", Path.GetFileName(file), File.ReadAllText(file), Language(file)));
        }

        for (var k = 0; k < options.Cases; k++)
        {
            var shaped = generator.Shaped(options.Seed, k);
            var (name, bytes) = shaped.Files.First();
            groups.Add(("generated", $"{shaped.Shape}/{name}#{k}", System.Text.Encoding.UTF8.GetString(bytes), Language(name)));
        }

        Termination.Analyze("int f(int x) { while (x > 0) x = x - 1; return x; }", SourceLanguage.C);
        var samples = new Dictionary<string, List<double>>();
        var finished = 0;
        var hangs = new List<string>();
        foreach (var (group, name, text, language) in groups)
        {
            foreach (var delay in Delays)
            {
                using var cts = new CancellationTokenSource();
                var call = Task.Run(() => Termination.Analyze(text, language, new AnalysisOptions { Timeout = TimeSpan.Zero }, cts.Token));
                if (Ended(call, TimeSpan.FromMilliseconds(delay)))
                {
                    finished++;
                    continue;
                }

                var clock = Stopwatch.StartNew();
                cts.Cancel();
                if (!Ended(call, GiveUp))
                {
                    hangs.Add($"{group}/{name} (cancelled at {delay} ms)");
                    continue;
                }

                var elapsed = clock.Elapsed.TotalMilliseconds;
                (samples.TryGetValue(group, out var list) ? list : samples[group] = []).Add(elapsed);
                if (elapsed > 500)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slow: {group}/{name} cancelled at {delay} ms returned after {elapsed:F0} ms"));
                }
            }
        }

        Console.WriteLine("| inputs | cancelled calls | median | 90th percentile | worst |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (group, list) in samples.Append(new("all", [.. samples.Values.SelectMany(v => v)])))
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group} | {list.Count} | {Quantile(list, 0.5):F0} ms | {Quantile(list, 0.9):F0} ms | {list[^1]:F0} ms |"));
        }

        Console.WriteLine($"{finished} analyses ended before their cancellation; {hangs.Count} did not return within {GiveUp.TotalSeconds} s");
        foreach (var hang in hangs)
        {
            Console.WriteLine($"hang: {hang}");
        }

        return hangs.Count == 0 ? 0 : 1;
    }

    /// <summary>Whether the call has ended (returned or thrown) within <paramref name="wait"/>.</summary>
    private static bool Ended(Task call, TimeSpan wait) => Task.WhenAny(call, Task.Delay(wait)).Result == call;

    private static IEnumerable<string> Inputs(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".py", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];

    private static SourceLanguage Language(string file) => file.EndsWith(".py", StringComparison.Ordinal) ? SourceLanguage.Python : SourceLanguage.C;

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
}
