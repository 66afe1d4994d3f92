using System.Collections.Immutable;
using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Certificates;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>The independent checker accepts genuine certificates and rejects forged ones, and a forged one turns into DontKnow.</summary>
public sealed class CertificateCheckerTests
{
    internal const string G = "int g(int x, int y) { if (y > 0) { while (x > y) { x = x - y; } } return 0; }";
    internal const string G2 = "int g2(int x, int y) { while (x > y) { x = x - y; } return 0; }";

    private static CertificateChecker Checker(string source, string function) => CheckerHarness.Checker(source, "t.c", function, IntegerSemantics.C);

    private static TerminationProof ProofForG(CertificateChecker checker, LinearExpr ranking, Formula invariant)
    {
        var (head, loop) = CheckerHarness.SingleLoop(checker.System);
        var component = new RankingComponent(ImmutableDictionary<int, LinearExpr>.Empty.Add(head, ranking), loop);
        return new TerminationProof(ImmutableDictionary<int, Formula>.Empty.Add(head, invariant), [new LexicographicArgument(new RankingNode(loop, component, []))]);
    }

    private static readonly Var X = new("x");
    private static readonly Var Y = new("y");

    private static Formula GInvariant => Formula.And(
        Formula.Ge(Y, new Const(1)),
        Formula.Le(Y, new Const(int.MaxValue)),
        Formula.Ge(X, new Const(int.MinValue)),
        Formula.Le(X, new Const(int.MaxValue)));

    [Test]
    public void AcceptsGenuineRankingFunction()
    {
        using var checker = Checker(G, "g");
        var proof = ProofForG(checker, LinearExpr.Of("x") - LinearExpr.Of("y"), GInvariant);
        Assert.That(checker.Check(proof), Is.Null);
    }

    [Test]
    public void RejectsRankingFunctionThatDoesNotDecrease()
    {
        using var checker = Checker(G, "g");
        var proof = ProofForG(checker, LinearExpr.Of("y"), GInvariant);
        Assert.That(checker.Check(proof), Does.Contain("component 1 of the ranking function, y, does not decrease on a path of the loop at t.c:1:"));
    }

    [Test]
    public void RejectsRankingFunctionThatIsNotBoundedBelowNamingTheObligation()
    {
        using var checker = Checker(G, "g");
        var proof = ProofForG(checker, LinearExpr.Of("x") - LinearExpr.Of(new Rational(1000, 1)), GInvariant);
        Assert.That(checker.Check(proof), Does.Contain("component 1 of the ranking function, x - 1000, is not bounded below"));
    }

    [Test]
    public void RejectsInvariantThatIsNotInductive()
    {
        using var checker = Checker(G, "g");
        var proof = ProofForG(checker, LinearExpr.Of("x") - LinearExpr.Of("y"), Formula.And(GInvariant, Formula.Ge(X, new Const(100))));
        Assert.That(checker.Check(proof), Does.Contain("the invariant at t.c:1:").And.Contain("is not inductive: a path from t.c:1:"));
    }

    [Test]
    public void RejectsACannotReturnProofNamingTheValueAndThePathThatReturnsIt()
    {
        using var checker = Checker("int r(int x) { while (x > 0) { x = x - 1; } return x; }", "r");
        var (head, _) = CheckerHarness.SingleLoop(checker.System);

        // r returns 0 from every x >= 0 and x itself below; x <= 0 at the head, so 1 is never returned, 0 is.
        var invariant = ImmutableDictionary<int, Formula>.Empty.Add(head, Formula.Le(X, new Const(int.MaxValue)));
        Assert.Multiple(() =>
        {
            Assert.That(checker.Check(new CannotReturnProof(1, invariant)), Is.Null);
            Assert.That(checker.Check(new CannotReturnProof(0, invariant)), Does.StartWith("a path from t.c:1:").And.EndWith("returns 0"));
        });
    }

    [Test]
    public void RejectsProofThatIgnoresACycle()
    {
        using var checker = Checker(G, "g");
        var proof = ProofForG(checker, LinearExpr.Of("x"), GInvariant) with { Arguments = [] };
        Assert.That(checker.Check(proof), Does.Contain("the cycle of the loop at t.c:1:").And.Contain("has no termination argument"));
    }

    [Test]
    public void AcceptsGenuineLassoAndRejectsForgedOne()
    {
        using var checker = Checker(G2, "g2");
        var head = checker.System.Cutpoints.Single(c => c.Kind == Terminator.Core.Cfg.NodeKind.LoopHead).Id;
        Assert.Multiple(() =>
        {
            Assert.That(checker.Check(new LassoProof([5, 0], [], head)), Is.Null);
            Assert.That(checker.Check(new LassoProof([7, 3], [], head)), Does.Contain("did not repeat"));
        });
    }

    [Test]
    public void AcceptsALassoWhoseCycleDrawsOnlyWhenItsValuesRepeat()
    {
        // j goes up on a value >= 0 and down on one < 0: with 0, -1 for ever it swings between 0 and 1.
        const string swing = "int swing(int n) { int j = 0; while (0 <= j && j < n) { if (nondet() < 0) j--; else j++; } return 0; }";
        using var checker = Checker(swing, "swing");
        var head = checker.System.Cutpoints.Single(c => c.Kind == Terminator.Core.Cfg.NodeKind.LoopHead).Id;
        Assert.Multiple(() =>
        {
            Assert.That(checker.Check(new LassoProof([2], [0, -1], head, CycleStart: 0)), Is.Null);
            Assert.That(checker.Check(new LassoProof([2], [0, -1], head)), Does.Contain("did not repeat"), "values drawn once run out");
            Assert.That(checker.Check(new LassoProof([2], [0, 0], head, CycleStart: 0)), Does.Contain("did not repeat"), "0, 0 leaves the loop");
            Assert.That(checker.Check(new LassoProof([2], [5, -1, 0], head, CycleStart: 1)), Is.Null, "5 is drawn once, then -1, 0 for ever");
        });
    }

    [Test]
    public void ALassoDoesNotRepeatAStateWhoseArrayWasFreedSince()
    {
        // The first iteration frees p and the second frees it again (undefined behaviour): the head's states differ in
        // whether p is freed, even though every variable and element is the same.
        const string freeing = """
            void *malloc(unsigned long size); void free(void *p);
            int f(void) { int *p = malloc(4 * sizeof(int)); int k = 0; while (1) { if (k == 0) free(p); } return 0; }
            """;
        using var checker = Checker(freeing, "f");
        var head = checker.System.Cutpoints.Single(c => c.Kind == Terminator.Core.Cfg.NodeKind.LoopHead).Id;
        Assert.That(checker.Check(new LassoProof([], [], head)), Does.Contain("did not repeat").And.Contain("free"));
    }

    [Test]
    public void RejectsUndefinedBehaviourWitnessThatDoesNotReachIt()
    {
        using var checker = Checker(G2, "g2");
        Assert.Multiple(() =>
        {
            Assert.That(checker.Check(new UndefinedBehaviourProof([int.MaxValue, -1], [])), Is.Null);
            Assert.That(checker.Check(new UndefinedBehaviourProof([5, 1], [])), Does.Contain("did not reach undefined behaviour"));
        });
    }

    /// <summary>A template that claims y ranks g's loop: the checker must refuse it, and the answer must be DontKnow.</summary>
    private sealed class ForgedTemplate : IRankingTemplate
    {
        public string Name => "forged";

        public RankingComponent? Synthesize(RankingProblem problem, SmtContext smt, TimeSpan timeout) =>
            new(problem.Locations.ToImmutableDictionary(l => l, _ => LinearExpr.Of("y")), [.. problem.Transitions.Select(t => t.Transition.Id)]);
    }

    [Test]
    public void ForgedCertificateBecomesDontKnow()
    {
        var program = SourceLoader.Parse(G, "t.c");
        var analysis = new FunctionAnalysis(program, program.Find("g")!, IntegerSemantics.C, new Dictionary<string, bool>(), TimeSpan.FromSeconds(10), CancellationToken.None) { RankingTemplate = new ForgedTemplate() };
        var verdict = analysis.Run(null).Verdict;
        Assert.That(verdict, Proved.Nothing);
        Assert.That(((DontKnow)verdict).Reason, Does.Contain("did not pass the independent check"));
    }

    [Test]
    public void TransitionInvariantMustCoverEveryStep()
    {
        using var checker = CheckerHarness.Checker("def gcd(a, b):\n    while b != 0:\n        a, b = b, a % b\n    return a\n", "gcd.py", "gcd", IntegerSemantics.Math);
        var (head, loop) = CheckerHarness.SingleLoop(checker.System);
        var b = LinearExpr.Of("b");
        var negative = new Rational(-1, 1) * b;
        TerminationProof With(params (LinearExpr F, Formula Guard)[] parts) =>
            new(ImmutableDictionary<int, Formula>.Empty, [new DisjunctiveArgument(loop, head, [.. parts.Select(p => p.F)], [.. parts.Select(p => p.Guard)])]);
        var positiveSide = Formula.Ge(new Var("b"), new Const(1));
        var negativeSide = Formula.Le(new Var("b"), new Const(-1));
        Assert.Multiple(() =>
        {
            Assert.That(checker.Check(With((b, positiveSide), (negative, negativeSide))), Is.Null);
            Assert.That(checker.Check(With((b, positiveSide))), Does.Contain("does not contain a step"));
        });
    }
}
