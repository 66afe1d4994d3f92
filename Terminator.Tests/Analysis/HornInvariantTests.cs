using System.Collections.Immutable;
using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>
/// Invariants from Spacer (Z3's constrained-Horn-clause engine): the encoding of a transition system as Horn clauses,
/// the invariants read back and confirmed, and the proofs they complete, which the checker still decides.
/// </summary>
public sealed class HornInvariantTests
{
    private const string G = CertificateCheckerTests.G;

    // x = x + y; y = y - 1 from y ≥ -65534 (examples/spacer_invariants.c): the sum stays small, since y only shrinks
    // while positive, but only a bound along a combination of x and y shows that the addition never overflows.
    private static string Sum => File.ReadAllText(Path.Combine(RepoPaths.Examples, "spacer_invariants.c"));

    private const string Overflows = "int up(int x) { while (x > 0) { x = x + 1; } return x; }";

    private static AnalysisContext Context(string source, string function, TimeSpan budget = default)
    {
        var program = SourceLoader.Parse(source, "horn.c");
        return new AnalysisContext(program, program.Find(function)!, IntegerSemantics.C, new Dictionary<string, bool>(), budget, ProverTuning.Default, new SolverClock(), CancellationToken.None);
    }

    private static List<Transition> UndefinedBehaviour(TransitionSystem ts) =>
        [.. ts.Transitions.Where(t => ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour)];

    private static Verdict Analyze(string source, string function, TerminationStrategy strategy, ProverTuning tuning)
    {
        var program = SourceLoader.Parse(source, "horn.c");
        var analysis = new FunctionAnalysis(program, program.Find(function)!, IntegerSemantics.C, new Dictionary<string, bool>(), TimeSpan.FromMinutes(5), CancellationToken.None)
        {
            Strategy = strategy,
            Tuning = tuning,
        };
        return analysis.Run(null).Verdict;
    }

    [Test]
    public void EncodesOnePredicatePerLoopHeadAndOneClausePerTransitionThatMatters()
    {
        using var context = Context(G, "g");
        var ts = context.System;
        var head = CheckerHarness.SingleLoop(ts).Head;
        var undefined = UndefinedBehaviour(ts);
        var (predicates, clauses) = new HornInvariants(context).Encode(undefined)!.Value;
        var toHead = ts.Transitions.Count(t => t.To == head);
        Assert.Multiple(() =>
        {
            Assert.That(predicates.Select(p => p.Id), Is.EqualTo(new[] { head }));
            Assert.That(predicates.Single().Parameters, Is.EqualTo(ts.Variables.Select(v => v.Name)));
            Assert.That(undefined, Is.Not.Empty);

            // A clause for each transition into the loop head and one query clause per undefined behaviour, nothing for exits.
            Assert.That(clauses, Has.Count.EqualTo(toHead + undefined.Count));
            Assert.That(clauses.Count(c => c.Target is null), Is.EqualTo(undefined.Count));
            Assert.That(clauses.Where(c => c.Source is null).All(c => c.Target == head || c.Target is null), Is.True);
            Assert.That(clauses.Where(c => c.Source is null).All(c => c.SourceArguments.IsEmpty), Is.True);
            Assert.That(clauses.Where(c => c.Target is not null).All(c => c.TargetArguments.All(a => a.Name.EndsWith('\''))), Is.True);
        });
    }

    [Test]
    public void SpacerFindsTheInvariantOfGThatExcludesItsOverflow()
    {
        using var context = Context(G, "g");
        var ts = context.System;
        var head = CheckerHarness.SingleLoop(ts).Head;
        var invariants = new HornInvariants(context).Excluding(UndefinedBehaviour(ts), TimeSpan.FromSeconds(30));
        Assert.That(invariants, Is.Not.Null);
        var invariant = invariants![head];
        Assert.Multiple(() =>
        {
            // It implies y ≥ 1, without which x - y can overflow, and it excludes every undefined behaviour.
            Assert.That(context.IsUnsat(invariant, Formula.Lt(new Var("y"), new Const(1))), Is.True, invariant.ToString());
            foreach (var t in UndefinedBehaviour(ts).Where(t => t.From == head))
            {
                Assert.That(context.IsUnsat(invariant, t.Relation), Is.True, t.ToString());
            }
        });
    }

    [Test]
    public void ReadsBackTheInterpretationOverThePredicatesArguments()
    {
        // P(a, b) holds of (0, 5) and keeps a + b = 5 while a < 5; the query needs a ≤ 5 (or an equivalent).
        using var smt = new SmtContext();
        ImmutableArray<string> names = ["a", "b"];
        var (a, b, a1, b1) = (new Var("a"), new Var("b"), new Var("a'"), new Var("b'"));
        List<HornPredicate> predicates = [new(0, names)];
        List<HornClause> clauses =
        [
            new(null, [], Formula.And(Formula.Eq(a1, new Const(0)), Formula.Eq(b1, new Const(5))), 0, [a1, b1]),
            new(0, [a, b], Formula.And(Formula.Lt(a, new Const(5)), Formula.Eq(a1, a + 1), Formula.Eq(b1, b - 1)), 0, [a1, b1]),
            new(0, [a, b], Formula.Gt(a, new Const(5)), null, []),
        ];
        using var session = smt.OpenHorn(TimeSpan.FromSeconds(30));
        var answer = session.Solve(predicates, clauses, [0]);
        Assert.That(answer.Status, Is.EqualTo(HornStatus.Solved), answer.Reason);
        var interpretation = answer.Interpretations[0];
        using var check = smt.OpenSolver(TimeSpan.FromSeconds(10));
        check.Assert(interpretation);
        Assert.Multiple(() =>
        {
            Assert.That(LogicOps.Vars(interpretation).Select(v => v.Name), Is.SubsetOf(names));
            Assert.That(check.Check(Formula.Gt(a, new Const(5))), Is.EqualTo(SatResult.Unsat), interpretation.ToString());
            Assert.That(check.Check(Formula.And(Formula.Eq(a, new Const(0)), Formula.Eq(b, new Const(5)))), Is.EqualTo(SatResult.Sat), interpretation.ToString());
        });
    }

    [Test]
    public void ReachableUndefinedBehaviourGivesNoInvariants()
    {
        using var context = Context(Overflows, "up");
        var ts = context.System;
        var (predicates, clauses) = new HornInvariants(context).Encode(UndefinedBehaviour(ts))!.Value;
        using var session = context.Smt.OpenHorn(TimeSpan.FromSeconds(30));
        var answer = session.Solve(predicates, clauses, predicates.Select(p => p.Id));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HornStatus.Refuted));
            Assert.That(new HornInvariants(context).Excluding(UndefinedBehaviour(ts), TimeSpan.FromSeconds(30)), Is.Null);
        });
    }

    [Test]
    public void ACancelledAnalysisStopsTheQuery()
    {
        using var cancellation = new CancellationTokenSource();
        using var smt = new SmtContext(cancellation.Token);
        using var session = smt.OpenHorn(TimeSpan.FromSeconds(30));
        cancellation.Cancel();
        Assert.That(() => session.Solve([new(0, ["a"])], [new(null, [], Formula.True, 0, [new Var("a'")])], [0]), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void TheHornStepProvesALoopWhoseOverflowNoCandidateExcludes()
    {
        // Generous limits, so that the outcome does not hang on the machine's speed.
        var tuning = ProverTuning.Default with { Invariants = ProverTuning.Default.Invariants with { QuickHornBudget = TimeSpan.FromMinutes(2) } };
        Assert.Multiple(() =>
        {
            Assert.That(Analyze(Sum, "sum", TerminationStrategy.Only("cheap proof", "quick horn invariants"), tuning), Proved.Terminates);
            Assert.That(Analyze(Sum, "sum", TerminationStrategy.Only("cheap proof"), tuning), Proved.Nothing);
        });
    }

    [Test]
    public void TheCheckerRejectsAnInvariantThatExcludesTheOverflowButIsNotInductive()
    {
        // y ≤ 10 ∧ 0 ≤ x ≤ 100 ∧ y ≥ -65534 excludes the overflow of x + y, but x grows past 100: were Spacer to
        // answer it, the checker would still refuse the proof.
        using var checker = CheckerHarness.Checker(Sum, "spacer_invariants.c", "sum", IntegerSemantics.C);
        var (head, loop) = CheckerHarness.SingleLoop(checker.System);
        var (x, y) = (new Var("x"), new Var("y"));
        var invariant = Formula.And(Formula.Ge(y, new Const(-65534)), Formula.Le(y, new Const(10)), Formula.Ge(x, new Const(0)), Formula.Le(x, new Const(100)));
        var ranking = new RankingComponent(ImmutableDictionary<int, LinearExpr>.Empty.Add(head, LinearExpr.Of("y")), loop);
        var proof = new TerminationProof(ImmutableDictionary<int, Formula>.Empty.Add(head, invariant), [new LexicographicArgument(new RankingNode(loop, ranking, []))]);
        Assert.That(checker.Check(proof), Does.Contain("is not inductive"));
    }
}
