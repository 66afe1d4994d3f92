using System.Collections.Concurrent;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Tests.Examples;

namespace Terminator.Tests.Api;

/// <summary>Analyses running at once from many threads give the answers that one after another give.</summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    // Examples whose answers do not hang on the time budget: each is decided (or given up on) in a few seconds, far
    // below the budget even when every core runs several analyses; collatz's DontKnow is the same either way.
    private static readonly string[] Programs =
    [
        "g.c", "h.c", "collatz.c", "countdown.c", "lexicographic.c", "nested.c", "f.c",
        "g.py", "h.py", "collatz.py", "range_loop.py", "f.py",
    ];

    private const int Rounds = 2;

    [Test]
    public void ParallelAnalysesAnswerAsSequentialOnes()
    {
        var inputs = Programs.Select(Input).ToList();
        var sequential = inputs.Select(Answers).ToList();

        // Every program several times over, interleaved, so that the same program also runs in parallel with itself.
        var parallel = new ConcurrentDictionary<int, string[]>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Parallel.For(
            0,
            inputs.Count * Rounds,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = deadline.Token },
            i => parallel[i] = Answers(inputs[i % inputs.Count]));

        using (Assert.EnterMultipleScope())
        {
            for (var i = 0; i < inputs.Count * Rounds; i++)
            {
                var program = inputs[i % inputs.Count];
                Assert.That(parallel[i], Is.EqualTo(sequential[i % inputs.Count]), $"{program.Name}, run {i / inputs.Count + 1}");
            }
        }
    }

    private static (string Name, string Text, AnalysisOptions Options) Input(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, name));

        // The header's own options (semantics, function, can-return) with a budget no run here comes near.
        var options = ExampleHeader.Parse(text, name).Options with { Timeout = TimeSpan.FromSeconds(60) };
        return (name, text, options);
    }

    private static string[] Answers((string Name, string Text, AnalysisOptions Options) input)
    {
        var language = input.Name.EndsWith(".py", StringComparison.Ordinal) ? SourceLanguage.Python : SourceLanguage.C;
        var result = Termination.Analyze(input.Text, language, input.Options);
        return result.Functions
            .Select(f => $"{f.Name}: {f.Verdict.Name}, can return: {f.CanReturn?.Verdict.ToString() ?? "-"}")
            .ToArray();
    }
}
