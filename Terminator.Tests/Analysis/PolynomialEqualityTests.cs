using System.Numerics;
using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Polynomial equalities guessed from sampled states (a null space), then proved inductive before use.</summary>
public sealed class PolynomialEqualityTests
{
    private static readonly string[] SquareEquality = ["i * i == sq"];
    private static readonly string[] OddSquareEqualities = ["c == a", "t == 1 + (2 * a)", "(1 + (2 * a)) + (a * a) == s"];
    private static readonly string[] TripleEquality = ["y == 3 * x"];

    private static Dictionary<string, BigInteger> State(params (string Name, BigInteger Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    private static void AssertHoldOnEverySample(IEnumerable<Formula> equalities, IEnumerable<IReadOnlyDictionary<string, BigInteger>> samples)
    {
        foreach (var equality in equalities)
        {
            foreach (var sample in samples)
            {
                Assert.That(LogicOps.Evaluate(equality, sample), Is.True, $"{equality} fails on {string.Join(", ", sample)}");
            }
        }
    }

    [Test]
    public void SumOfOddNumbersIsASquare()
    {
        // The states of `sq = sq + 2*i + 1; i = i + 1` from 0, with an unrelated input n.
        var samples = Enumerable.Range(0, 12).Select(i => (IReadOnlyDictionary<string, BigInteger>)State(("i", i), ("sq", i * i), ("n", (i * 7 % 5) + (i * i % 3)))).ToList();

        var equalities = PolynomialEqualities.Guess(["i", "n", "sq"], samples);

        Assert.That(equalities.Select(e => e.ToString()), Is.EqualTo(SquareEquality));
        AssertHoldOnEverySample(equalities, samples);
    }

    [Test]
    public void LinearEqualitiesComeFirstAndHigherDegreesUseOnlyTheFreeVariables()
    {
        // a counts iterations, c copies it, t = 2a + 1 and s = (a + 1)²: products of c or t would only restate c == a
        // and t == 2a + 1, so the quadratic equality is over a and s alone.
        var samples = Enumerable.Range(0, 10).Select(a => (IReadOnlyDictionary<string, BigInteger>)State(("a", a), ("c", a), ("t", (2 * a) + 1), ("s", (a + 1) * (a + 1)))).ToList();

        var equalities = PolynomialEqualities.Guess(["a", "c", "s", "t"], samples).Select(e => e.ToString()).ToList();

        Assert.That(equalities, Is.EquivalentTo(OddSquareEqualities));
    }

    [Test]
    public void TooFewSamplesGiveNoCandidates()
    {
        // Three states cannot tell the ten monomials of degree two over x, y and z apart.
        List<IReadOnlyDictionary<string, BigInteger>> samples = [State(("x", 1), ("y", 2), ("z", 3)), State(("x", 4), ("y", 0), ("z", 1)), State(("x", 2), ("y", 2), ("z", 5))];

        Assert.That(PolynomialEqualities.Guess(["x", "y", "z"], samples), Is.Empty);
    }

    [Test]
    public void UnrelatedValuesSatisfyNoEquality()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 40)
            .Select(_ => (IReadOnlyDictionary<string, BigInteger>)State(("x", random.Next(-50, 50)), ("y", random.Next(-50, 50))))
            .ToList();

        Assert.That(PolynomialEqualities.Guess(["x", "y"], samples), Is.Empty);
    }

    [Test]
    public void StatesMissingAVariableAreIgnored()
    {
        var samples = Enumerable.Range(0, 8).Select(i => (IReadOnlyDictionary<string, BigInteger>)State(("x", i), ("y", 3 * i))).ToList();
        samples.Add(State(("x", 100)));

        Assert.That(PolynomialEqualities.Guess(["x", "y"], samples, degree: 1).Select(e => e.ToString()), Is.EqualTo(TripleEquality));
    }

    [Test]
    public void DivisionByRepeatedSubtractionTerminatesThroughItsPolynomialInvariant()
    {
        // The loop test is written against x1 rather than against r: it ends because q*d + r == x1 stays true, so
        // the test amounts to r >= d. No linear invariant relates the test to r, and without one r - d, which
        // decreases, is not known to be bounded; the certificate shows the equality it rests on.
        const string source = """
            void divide(int x1, int d) {
              if (x1 < 0 || x1 > 100000 || d <= 0 || d > 100)
                return;
              int q = 0;
              int r = x1;
              while (x1 - q * d >= d) {
                q = q + 1;
                r = r - d;
              }
            }
            """;
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "divide.c"), new AnalysisOptions()).Functions.Single();

        Assert.That(result, Proved.Terminates);
        Assert.That(((Yes)result.Verdict).Certificate.Loops.Single().Invariant.ToString(), Does.Match(@"d \* q|q \* d"));
    }

    [Test]
    public void ACounterThatMovesWithTheLoopCountersIsBoundedThroughALinearEquality()
    {
        // cells counts the inner iterations: cells == 8*row + col - 1 at the inner head. Neither the program's
        // conditions nor the entry bounds bound cells on their own, so without the equality guessed from the reached
        // states its increment is not known not to overflow.
        var source = File.ReadAllText(Path.Combine(RepoPaths.Examples, "counters_in_step.c"));
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "counters_in_step.c"), new AnalysisOptions()).Functions.Single(f => f.Name == "grid");

        Assert.That(result, Proved.Terminates);
        var inner = ((Yes)result.Verdict).Certificate.Loops.Single(l => l.Location.Line == 13);
        Assert.That(inner.Invariant.ToString(), Does.Contain("-cells + col + 8*row == 1"));
    }
}
