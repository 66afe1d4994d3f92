using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Logic;
using Terminator.Core.Ir;
using Terminator.Core.Smt;

namespace Terminator.Tests.Analysis;

/// <summary>Candidate elimination (Houdini), and the reachable states that spare it solver rounds.</summary>
public sealed class HoudiniTests
{
    private const string Counter = "int count(int n) { int i = 0; while (i < n) { i = i + 1; } return 0; }";

    private static readonly ImmutableArray<Formula> CounterCandidates =
    [
        Formula.Ge(new Var("i"), new Const(0)),
        Formula.Le(new Var("i"), new Var("n")),
        Formula.Eq(new Var("i"), new Const(0)),
        Formula.Ge(new Var("i"), new Const(1)),
        Formula.Lt(new Var("i"), new Const(3)),
        Formula.Ge(new Var("n"), new Const(0)),
    ];

    private static (Dictionary<int, Formula> Invariants, int Checks) Infer(IReadOnlyDictionary<int, List<IReadOnlyDictionary<string, BigInteger>>>? reached) =>
        Infer(CounterCandidates, reached);

    private static (Dictionary<int, Formula> Invariants, int Checks) Infer(ImmutableArray<Formula> candidates, IReadOnlyDictionary<int, List<IReadOnlyDictionary<string, BigInteger>>>? reached)
    {
        using var checker = CheckerHarness.Checker(Counter, "count.c", "count", IntegerSemantics.Math);
        var ts = checker.System;
        var checks = 0;
        using var smt = new SmtContext { CheckStarting = () => checks++ };
        var heads = ts.Cutpoints.Where(c => c.Kind == Terminator.Core.Cfg.NodeKind.LoopHead).Select(c => c.Id).ToList();
        var invariants = Invariants.Infer(ts, heads, candidates, smt, () => TimeSpan.FromSeconds(10), reached: reached);
        return (invariants, checks);
    }

    [Test]
    public void KeepsTheInductiveCandidatesOnly()
    {
        var (invariants, _) = Infer(null);
        Assert.That(invariants.Values.Single().ToString(), Is.EqualTo("i >= 0"));
    }

    [Test]
    public void ReachedStatesDropCandidatesWithoutChangingTheResult()
    {
        using var checker = CheckerHarness.Checker(Counter, "count.c", "count", IntegerSemantics.Math);
        var head = CheckerHarness.SingleLoop(checker.System).Head;

        // The states of count(4) at the loop head falsify i == 0, i >= 1 and i < 3 before any query.
        var run = Enumerable.Range(0, 5)
            .Select(i => (IReadOnlyDictionary<string, BigInteger>)new Dictionary<string, BigInteger> { ["i"] = i, ["n"] = 4 })
            .ToList();
        var without = Infer(null);
        var with = Infer(new Dictionary<int, List<IReadOnlyDictionary<string, BigInteger>>> { [head] = run });

        Assert.That(with.Invariants, Is.EquivalentTo(without.Invariants));
        Assert.That(with.Checks, Is.LessThan(without.Checks));
    }

    [Test]
    public void ATransitionIsCheckedAgainOnlyWhenTheCandidatesAtItsSourceChanged()
    {
        // Entry: a model with n < 0 drops n >= 0, then i >= 0 is proved (2 checks). Loop: i >= 0 is proved under
        // i >= 0 (1 check). Neither source changes after its transition's last check, so no round confirms them again.
        var (invariants, checks) = Infer([Formula.Ge(new Var("i"), new Const(0)), Formula.Ge(new Var("n"), new Const(0))], null);
        Assert.That(invariants.Values.Single().ToString(), Is.EqualTo("i >= 0"));
        Assert.That(checks, Is.EqualTo(3));
    }

    [Test]
    public void ATransitionLeftUndecidedIsCheckedAgainWithoutItsNonLinearCandidates()
    {
        // The first check (the entry, with all three candidates) runs past its limit: Houdini gives up the non-linear
        // candidate i * n >= 0 there. The entry's source never changes, but the remaining candidates are not yet shown
        // to hold on entry: n >= 0 does not (count(-1)), so a second check of the entry must drop it.
        using var checker = CheckerHarness.Checker(Counter, "count.c", "count", IntegerSemantics.Math);
        var ts = checker.System;
        var limit = TimeSpan.FromMilliseconds(20);
        var checks = 0;
        using var smt = new SmtContext { CheckStarting = () => { if (checks++ == 0) { Thread.Sleep(limit * 10); } } };
        var heads = ts.Cutpoints.Where(c => c.Kind == Terminator.Core.Cfg.NodeKind.LoopHead).Select(c => c.Id).ToList();
        ImmutableArray<Formula> candidates =
        [
            Formula.Ge(new Var("i"), new Const(0)),
            Formula.Ge(new Var("n"), new Const(0)),
            Formula.Ge(new Arith(ArithOp.Mul, new Var("i"), new Var("n")), new Const(0)),
        ];
        var invariants = Invariants.Infer(ts, heads, candidates, smt, () => limit);
        Assert.That(invariants.Values.Single().ToString(), Is.EqualTo("i >= 0"));
    }
}
