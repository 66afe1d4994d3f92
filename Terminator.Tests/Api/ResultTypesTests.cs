using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Api;

/// <summary>Results are typed: enums for every verdict, a kind for every DontKnow, value equality and readable text.</summary>
[TestFixture]
public sealed class ResultTypesTests
{
    private const string Program = """
        int g(int x, int y) {
          if (y > 0) {
            while (x > y) {
              x = x - y;
            }
          }
          return x;
        }

        int h(int x) {
          if (terminates(h)) { while (1) { } }
          return 0;
        }

        int nested(int x) {
          float f = 0;
          return x;
        }

        int fails(int x) {
          assert(x != 3);
          return 0;
        }
        """;

    private static ProgramResult Analyze(AnalysisOptions? options = null) => Termination.Analyze(Program, SourceLanguage.C, options);

    [Test]
    public void EveryDontKnowSaysWhichKindItIs()
    {
        var result = Analyze(new AnalysisOptions { Function = "h" });
        var dontKnow = (DontKnow)result.Functions.Single().Verdict;
        Assert.That(dontKnow.Kind, Is.EqualTo(DontKnowKind.SelfReference));

        var unsupported = (DontKnow)Analyze(new AnalysisOptions { Function = "nested" }).Functions.Single().Verdict;
        Assert.That(unsupported.Kind, Is.EqualTo(DontKnowKind.UnsupportedConstruct), unsupported.Reason);
    }

    [Test]
    public void CanReturnAndAssertionVerdictsAreEnums()
    {
        var result = Analyze(new AnalysisOptions { Function = "g", CanReturn = "0" });
        Assert.That(result.Functions.Single().CanReturn!.Verdict, Is.EqualTo(CanReturnVerdict.Yes));

        var assertion = Analyze(new AnalysisOptions { Function = "fails" }).Functions.Single().Assertions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(assertion.Verdict, Is.EqualTo(AssertionVerdict.Fails));
            Assert.That(assertion.Inputs.Single().Value, Is.EqualTo(new System.Numerics.BigInteger(3)));
        });
    }

    [Test]
    public void ResultsCompareByValueAndPrintTheirItems()
    {
        var options = new AnalysisOptions { Function = "g" };
        var first = Analyze(options).Functions.Single();
        var second = Analyze(options).Functions.Single();
        Assert.Multiple(() =>
        {
            // Elapsed times differ between runs; everything else of the answer is the same value.
            Assert.That(second with { Elapsed = first.Elapsed, SolverTime = first.SolverTime }, Is.EqualTo(first));
            Assert.That(first.Verdict.GetHashCode(), Is.EqualTo(second.Verdict.GetHashCode()));
            Assert.That(first.Verdict.ToString(), Does.Not.Contain("ImmutableArray").And.Not.Contain("EquatableArray"));
            Assert.That(first.Verdict.ToString(), Does.Contain("Ranking = [x]"));
            Assert.That(new DontKnow("why", ["a", "b"]).ToString(), Does.Contain("TechniquesTried = [a, b]"));
        });
    }

    [Test]
    public void ALoopProofSaysWhichKindOfArgumentItIsAndRendersItAsText()
    {
        var loop = ((Yes)Analyze(new AnalysisOptions { Function = "g" }).Functions.Single().Verdict).Certificate.Loops.Single();
        Assert.That(loop.Argument, Is.EqualTo(new LexicographicLoopRanking([AnswerValues.Linear((1, "x"))])));
        Assert.That(loop.Ranking, Is.EqualTo((EquatableArray<string>)["x"]));

        const string phases = "int phases(int x, int y) { while (x > 0) { x = x + y; y = y - 1; } return x; }";
        var options = new AnalysisOptions { Semantics = IntegerSemantics.Math };
        var phased = ((Yes)Termination.Analyze(phases, SourceLanguage.C, options).Functions.Single().Verdict).Certificate.Loops.Single();
        Assert.Multiple(() =>
        {
            Assert.That(phased.Argument, Is.TypeOf<MultiphaseLoopRanking>());
            Assert.That(((MultiphaseLoopRanking)phased.Argument!).Phases, Has.Count.EqualTo(2));
            Assert.That(phased.Ranking.Single(), Does.StartWith("in phases: ").And.Contain(", then "));
        });
    }

    [Test]
    public void AnEquatableArrayEqualsOneWithTheSameItemsAndADefaultOneIsEmpty()
    {
        EquatableArray<string> ab = ["a", "b"];
        EquatableArray<string> empty = default;
        Assert.Multiple(() =>
        {
            Assert.That(ab, Is.EqualTo((EquatableArray<string>)["a", "b"]));
            Assert.That(ab, Is.Not.EqualTo((EquatableArray<string>)["b", "a"]));
            Assert.That(empty, Is.EqualTo((EquatableArray<string>)[]));
            Assert.That(empty.Length, Is.Zero);
            Assert.That(empty.ToString(), Is.EqualTo("[]"));
        });
    }
}
