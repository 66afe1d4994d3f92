using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.Frontend.C;

namespace Terminator.Tests.Analysis;

/// <summary>
/// Recursion: each call either goes back to the start of the function or returns a value of its type (within the
/// function's return-value summary when it has a checked one); Yes needs every
/// such path ranked, a No for a call chain that never ends needs a replayed call that repeats a running call's state.
/// </summary>
[TestFixture]
public sealed class RecursionTests
{
    private static ProgramResult Analyze(string text) =>
        TerminationAnalyzer.Analyze(CFrontend.Parse(text, "t.c"), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

    private static readonly string[] Descending = ["down", "even", "odd", "caller"];

    private static Verdict VerdictOf(ProgramResult result, string name) => result.Functions.Single(f => f.Name == name).Verdict;

    [Test]
    public void DirectAndMutualRecursionThatDescendsTerminates()
    {
        var result = Analyze("""
            int down(int n) { if (n <= 0) return 0; return down(n - 1); }
            int odd(int n);
            int even(int n) { if (n <= 0) return 1; return odd(n - 1); }
            int odd(int n) { if (n <= 0) return 0; return even(n - 1); }
            int caller(int n) { int a = down(n); return down(a); }
            """);

        Assert.Multiple(() =>
        {
            foreach (var name in Descending)
            {
                Assert.That(VerdictOf(result, name), Is.InstanceOf<Yes>(), name);
            }
        });
    }

    [Test]
    public void ACallChainThatRepeatsAStateIsNoAndOneThatGrowsIsNotYes()
    {
        var result = Analyze("""
            int same(int n) { return same(n); }
            int grows(int n) { if (n < 0) return 0; return grows(n + 1); }
            """);

        var same = (No)VerdictOf(result, "same");
        Assert.That(same.Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
        Assert.That(same.Witness.Explanation, Does.Contain("a nested call starts in the state of a call of the same function"));
        // grows(0) descends until n + 1 overflows: undefined behaviour, but too deep to replay.
        Assert.That(VerdictOf(result, "grows"), Is.Not.InstanceOf<Yes>());
    }

    [Test]
    public void ACallThatRepeatsAStateInsideAnInlinedCalleeIsNo()
    {
        // g(2) calls f(1), which calls g(1) (it returns) and then g(2) again, while the first g(2) is still running.
        var result = Analyze("""
            int g(int x);
            int f(int x) { if (x <= 0) return 0; return g(x) + g(x + 1); }
            int g(int x) { if (x <= 0) return 0; return f(x - 1) + f(x - 2); }
            int main(void) { int x = __VERIFIER_nondet_int(); if (x < 0 || x > 100) return 0; g(x); return 0; }
            """);

        var no = (No)VerdictOf(result, "main");
        Assert.That(no.Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
        Assert.That(no.Witness.Explanation, Does.Contain("recursive calls of g"));
    }

    [Test]
    public void SignedOverflowInsideTheRecursionIsAReplayedNo()
    {
        var result = Analyze("int twice(int x) { if (x == 0) return 0; return twice(x * 2); }");

        var no = (No)VerdictOf(result, "twice");
        Assert.That(no.Witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
    }

    [Test]
    public void AReturnedValueIsKnownThroughTheFunctionsCheckedSummary()
    {
        // r is always 0, so the loop never runs: the summary zero(n) == 0 says so.
        var result = Analyze("""
            int zero(int n) { if (n <= 0) return 0; int r = zero(n - 1); while (r != 0) { } return r; }
            """);

        var yes = (Yes)VerdictOf(result, "zero");
        Assert.That(yes.Certificate.Notes, Has.Some.EqualTo("relies on what every call of zero returns: zero(n) == 0 (checked by induction on the calls)"));
    }

    [Test]
    public void GlobalsThatNestedCallsAssignAreUnknownAfterACall()
    {
        // rec(2) adds 1 to g after each of its nested calls returns: g ends at 2 and f waits forever.
        var result = Analyze("""
            unsigned g;
            int rec(int n) { if (n <= 0) return 0; rec(n - 1); g = g + 1; return 0; }
            int f(void) { g = 0; rec(2); while (g == 2) { } return 0; }
            """);

        Assert.That(VerdictOf(result, "f"), Is.Not.InstanceOf<Yes>());
    }

    [Test]
    public void TheCheckerReplaysALassoAtTheRecursionHeadAsACallThatRepeats()
    {
        using var spinning = CheckerHarness.Checker("int spin(int n) { if (n > 0) return spin(n - 1); return spin(n); }", "t.c", "spin", IntegerSemantics.C);
        var head = spinning.System.Cutpoints.Single(c => c.IsRecursionHead).Id;
        using var descending = CheckerHarness.Checker("int down(int n) { if (n <= 0) return 0; return down(n - 1); }", "t.c", "down", IntegerSemantics.C);
        var downHead = descending.System.Cutpoints.Single(c => c.IsRecursionHead).Id;

        Assert.Multiple(() =>
        {
            Assert.That(spinning.Check(new LassoProof([3], [], head)), Is.Null);
            Assert.That(descending.Check(new LassoProof([3], [], downHead)), Does.Contain("did not repeat a call's state"));
            Assert.That(spinning.System.Cutpoints.Single(c => c.Id == head).Kind, Is.EqualTo(NodeKind.LoopHead));
        });
    }
}
