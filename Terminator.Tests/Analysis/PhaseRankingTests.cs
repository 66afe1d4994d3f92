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

/// <summary>Loops that run in phases: multiphase (nested) ranking functions, and loop heads split by branch conditions.</summary>
public sealed class PhaseRankingTests
{
    // While y > 0, x may grow; once y <= 0, x shrinks. No lexicographic linear ranking function exists.
    internal const string Phases = "int phases(int x, int y) { while (x > 0) { x = x + y; y = y - 1; } return x; }";

    // After the else branch, y = x - 1 < x, so the then branch can never follow: the loop runs then* else*. Each
    // phase lowers z, but the then branch sets z to an arbitrary value on the way out of its phase.
    private const string Split = """
        int split(int x, int y, int z) {
          while (x > 0 && y > 0 && z > 0) {
            if (y > x) { y = z; x = nondet(); z = x - 1; }
            else { z = z - 1; x = nondet(); y = x - 1; }
          }
          return 0;
        }
        """;

    private static Verdict Analyze(string source, string function)
    {
        var program = SourceLoader.Parse(source, "phases.c");
        return TerminationAnalyzer.Analyze(program, new AnalysisOptions { Function = function, Semantics = IntegerSemantics.Math }).Functions.Single().Verdict;
    }

    private static CertificateChecker Checker(string source, string function) => CheckerHarness.Checker(source, "phases.c", function, IntegerSemantics.Math);

    [Test]
    public void NestedRankingFunctionsProveATwoPhaseLoop()
    {
        var verdict = Analyze(Phases, "phases");
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking.Single(), Does.StartWith("in phases: "));
    }

    [Test]
    public void CheckerAcceptsGenuineNestedFunctionsAndRejectsSwappedOnes()
    {
        using var checker = Checker(Phases, "phases");
        var (head, loop) = CheckerHarness.SingleLoop(checker.System);
        var y1 = LinearExpr.Of("y") + LinearExpr.Of(Rational.One);
        var x = LinearExpr.Of("x");
        TerminationProof Proof(params LinearExpr[] functions) =>
            new(ImmutableDictionary<int, Formula>.Empty, [new MultiphaseArgument(loop, head, [.. functions])]);

        Assert.That(checker.Check(Proof(y1, x)), Is.Null);
        Assert.That(checker.Check(Proof(x, y1)), Does.Contain("nested ranking functions do not hold").And.Contain("phase 1, x, does not decrease"));
        Assert.That(checker.Check(Proof(LinearExpr.Of("y"), x)), Does.Contain("nested ranking functions do not hold").And.Contain("phase 2, x, does not decrease once phase 1 is at most 0"));
    }

    [Test]
    public void SplittingTheLoopHeadByItsBranchConditionRanksEachPhase()
    {
        var verdict = Analyze(Split, "split");
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking.Single(), Does.StartWith("by regions: "));
    }

    [Test]
    public void CheckerRejectsPartitionProofsThatMissACycleOrUseNonStatePredicates()
    {
        using var checker = Checker(Split, "split");
        var ts = checker.System;
        var (head, loop) = CheckerHarness.SingleLoop(ts);
        var predicate = Formula.Gt(new Var("y"), new Var("x"));
        var refined = Partition.Refine(ts, loop, [predicate]);
        RankingNode RankZ(IEnumerable<Transition> cycle)
        {
            var ids = cycle.Select(t => t.Id).ToImmutableSortedSet();
            var z = LinearExpr.Of("z");
            var locations = cycle.SelectMany(t => new[] { t.From, t.To }).Distinct();
            return new RankingNode(ids, new RankingComponent(locations.ToImmutableDictionary(l => l, _ => z), ids), []);
        }

        // The self-loops of each region that can run; then → else is the only other refined transition that can.
        using var smt = new SmtContext();
        bool CanRun(Transition t)
        {
            using var session = smt.OpenSolver(TimeSpan.FromSeconds(10));
            session.Assert(t.Relation);
            return session.Check() != SatResult.Unsat;
        }

        var inside = refined.Where(t => t.From == t.To && CanRun(t)).GroupBy(t => t.From).Select(RankZ).ToList();
        Assert.That(inside, Has.Count.EqualTo(2));
        TerminationProof Proof(ImmutableArray<Formula> predicates, IEnumerable<RankingNode> nodes) =>
            new(ImmutableDictionary<int, Formula>.Empty, [new RegionArgument(loop, head, predicates, [.. nodes])]);

        Assert.That(checker.Check(Proof([predicate], inside)), Is.Null);
        Assert.That(checker.Check(Proof([predicate], inside.Take(1))), Does.Contain("no ranking function"));
        Assert.That(checker.Check(Proof([Formula.Gt(new Var("y"), new Var("unknown"))], inside)), Does.Contain("only state variables"));
    }
}
