using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>The termination strategy is a list of steps: each runs alone, and the tuning reaches the step it names.</summary>
public sealed class StrategyTests
{
    private const string G = CertificateCheckerTests.G;
    private const string G2 = CertificateCheckerTests.G2;

    private static Verdict Analyze(string source, string function, TerminationStrategy strategy, ProverTuning? tuning = null, IntegerSemantics semantics = IntegerSemantics.C)
    {
        var program = SourceLoader.Parse(source, "strategy.c");
        var analysis = new FunctionAnalysis(program, program.Find(function)!, semantics, new Dictionary<string, bool>(), TimeSpan.FromSeconds(10), CancellationToken.None)
        {
            Strategy = strategy,
            Tuning = tuning ?? ProverTuning.Default,
        };
        return analysis.Run(null).Verdict;
    }

    [Test]
    public void TheQuickProofAloneProvesASimpleLoopAndNothingElse()
    {
        var quick = TerminationStrategy.Only("quick proof");
        Assert.Multiple(() =>
        {
            Assert.That(quick.Steps, Has.Length.EqualTo(1));
            Assert.That(Analyze(G, "g", quick), Proved.Terminates);
            Assert.That(Analyze(G2, "g2", quick), Proved.Nothing);
        });
    }

    [Test]
    public void TheLassoSearchAloneFindsANonterminatingInput()
    {
        var lasso = TerminationStrategy.Only("lasso");
        var verdict = Analyze(G2, "g2", lasso);
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Proved.DoesNotTerminate);
            Assert.That(((No)verdict).Witness.Explanation, Does.Contain("comes back to the same state"));
            Assert.That(Analyze(G, "g", lasso), Proved.Nothing);
        });
    }

    [Test]
    public void TheQuickLassoSearchStopsWithinItsOwnBudget()
    {
        var quickLasso = TerminationStrategy.Only("quick lasso");
        var spent = ProverTuning.Default with
        {
            Nontermination = ProverTuning.Default.Nontermination with { QuickLassoBudget = TimeSpan.Zero },
        };
        Assert.Multiple(() =>
        {
            Assert.That(quickLasso.Steps.Single().Share(ProverTuning.Default), Is.EqualTo(ProverTuning.Default.Nontermination.QuickLassoBudget));
            Assert.That(Analyze(G2, "g2", quickLasso), Proved.DoesNotTerminate);
            Assert.That(Analyze(G2, "g2", quickLasso, spent), Proved.Nothing);
        });
    }

    [Test]
    public void EveryStepHasItsOwnNameAndRunsAlone()
    {
        var names = TerminationStrategy.Default.Steps.Select(s => s.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique);
            foreach (var name in names)
            {
                Assert.That(TerminationStrategy.Only(name).Steps.Single().Name, Is.EqualTo(name));
                Assert.That(TerminationStrategy.Default.Without(name).Steps, Has.Length.EqualTo(names.Count - 1));
            }
        });
    }

    [Test]
    public void AShortSearchForUndefinedBehaviourComesBeforeTheCostlySearchesAndAlonePassesTheCheck()
    {
        // The polynomial invariants, the deeper searches and the strengthening may take seconds each; undefined
        // behaviour that a bounded search finds at once is looked for before them. The step, run after a proof attempt
        // that left the overflow open, gives a checked No on its own.
        var names = TerminationStrategy.Default.Steps.Select(s => s.Name).ToList();
        var quick = TerminationStrategy.Only("cheap proof", "quick bounded undefined behaviour");
        Assert.Multiple(() =>
        {
            Assert.That(names.IndexOf("quick bounded undefined behaviour"), Is.GreaterThanOrEqualTo(0)
                .And.LessThan(names.IndexOf("polynomial proof"))
                .And.LessThan(names.IndexOf("deep recurrent sets"))
                .And.LessThan(names.IndexOf("strengthen invariants")));
            Assert.That(Analyze("int up(int x) { while (x > 0) { x = x + 1; } return x; }", "up", quick), Proved.DoesNotTerminate);
        });
    }

    [Test]
    public void WithoutTheProofStepsNoYesIsFound()
    {
        var strategy = TerminationStrategy.Default;
        foreach (var step in TerminationStrategy.Default.Steps.Where(s => s.Ranks))
        {
            strategy = strategy.Without(step.Name);
        }

        Assert.That(Analyze(G, "g", strategy), Proved.Nothing);
    }

    [Test]
    public void TheTuningSetsTheDepthOfAStep()
    {
        var quickLasso = TerminationStrategy.Only("quick lasso");
        var none = ProverTuning.Default with { Nontermination = ProverTuning.Default.Nontermination with { QuickLassoDepth = 0 } };
        Assert.Multiple(() =>
        {
            Assert.That(Analyze(G2, "g2", quickLasso), Proved.DoesNotTerminate);
            Assert.That(Analyze(G2, "g2", quickLasso, none), Proved.Nothing);
        });
    }

    [Test]
    public void TheTuningReachesTheRankingProvers()
    {
        // Lexicographic and multiphase ranking only: the two-phase loop needs the second phase.
        var cheap = TerminationStrategy.Only("cheap proof");
        var onePhase = ProverTuning.Default with { Ranking = new RankingTuning { MultiphaseMaxDepth = 1 } };
        var proved = Analyze(PhaseRankingTests.Phases, "phases", cheap, semantics: IntegerSemantics.Math);
        Assert.Multiple(() =>
        {
            Assert.That(proved, Proved.Terminates);
            Assert.That(((Yes)proved).Certificate.Loops.Single().Ranking.Single(), Does.StartWith("in phases: "));
            Assert.That(Analyze(PhaseRankingTests.Phases, "phases", cheap, onePhase, IntegerSemantics.Math), Proved.Nothing);
        });
    }

    [Test]
    public void AnUnusableTuningIsRefusedByName()
    {
        var program = SourceLoader.Parse(G, "strategy.c");
        var options = new AnalysisOptions { Tuning = ProverTuning.Default with { Queries = new QueryTuning { LinearQueryCap = TimeSpan.Zero } } };
        var error = Assert.Throws<ArgumentException>(() => TerminationAnalyzer.Analyze(program, options));
        Assert.That(error!.Message, Does.Contain("ProverTuning.Queries.LinearQueryCap must be positive"));
    }
}
