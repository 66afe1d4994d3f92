using System.Collections.Immutable;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>What the steps of a termination strategy share while it runs on one function.</summary>
internal sealed class StrategyRun
{
    public StrategyRun(AnalysisContext context, InvariantSupply invariants, ProofSearch proofs)
    {
        Context = context;
        Invariants = invariants;
        Proofs = proofs;
        RecurrentSets = new RecurrentSetSearch(context);
        Lassos = new LassoSearch(context, RecurrentSets);
        UndefinedBehaviour = new UndefinedBehaviourSearch(context);
        Horn = new HornInvariants(context);
    }

    public AnalysisContext Context { get; }

    public InvariantSupply Invariants { get; }

    public ProofSearch Proofs { get; }

    public LassoSearch Lassos { get; }

    public RecurrentSetSearch RecurrentSets { get; }

    public UndefinedBehaviourSearch UndefinedBehaviour { get; }

    /// <summary>Invariants that exclude undefined behaviour, from Spacer.</summary>
    public HornInvariants Horn { get; }

    /// <summary>The latest full proof attempt: its failure and the undefined behaviour it could not exclude.</summary>
    public ProofAttempt? LastAttempt { get; set; }

    /// <summary>
    /// A replayed run into undefined behaviour found before the proofs (see
    /// <see cref="StrategySteps.CallerObjectUndefinedBehaviour"/>): the verdict once the cheap proofs, which may still
    /// prove that the runs without undefined behaviour terminate, are done, and when the budget runs out.
    /// </summary>
    public No? FoundUndefinedBehaviour { get; set; }

    /// <summary>Invariants strengthened by bounds along combinations, once a step has found some.</summary>
    public Dictionary<int, Formula>? Strengthened { get; set; }

    /// <summary>Whether a lasso search can still succeed: some loop of the function is not yet ranked lexicographically.</summary>
    public bool LassoPossible => Context.LassoHeads().Count > 0 && !Proofs.EveryCycleRanked;
}

/// <summary>
/// One step of a termination strategy: a proof attempt or a search for a No. It returns a verdict (always a checked
/// Yes or No) or null to pass on to the next step.
/// </summary>
/// <param name="Name">The step's name, by which a strategy can leave it out or run it alone.</param>
/// <param name="Share">The most the step may spend, from the tuning; null: whatever remains of the function's budget.</param>
/// <param name="Run">The step itself, given the shared state and its budget.</param>
/// <param name="Ranks">Whether the step attempts ranking proofs (the ranking techniques are then listed as tried).</param>
internal sealed record StrategyStep(string Name, Func<ProverTuning, TimeSpan?> Share, Func<StrategyRun, StageBudget, Verdict?> Run, bool Ranks = false);

/// <summary>
/// The termination strategy as data: an ordered list of steps, cheapest and likeliest first, walked by a small
/// driver until one returns a verdict. Reordering or leaving out a step is a change to <see cref="Default"/>.
/// </summary>
internal sealed record TerminationStrategy(ImmutableArray<StrategyStep> Steps)
{
    /// <summary>The strategy of every analysis unless told otherwise.</summary>
    public static TerminationStrategy Default { get; } = new(
    [
        // A caller may pass the null pointer or an empty object: the first access through a pointer parameter of a
        // function analyzed on its own is then undefined behaviour a few steps in, which a short search finds.
        StrategySteps.CallerObjectUndefinedBehaviour,

        // Most loops need only invariants from the program's own conditions, signs and orderings: try those first,
        // and pay for the optimized entry bounds only when that attempt fails.
        StrategySteps.QuickProof,

        // A short lasso costs one small unrolling and settles the simplest non-terminating loops early.
        StrategySteps.QuickLasso,
        StrategySteps.CheapProof,

        // Undefined behaviour that the candidates' invariants cannot exclude (an overflow that never happens) often
        // needs an invariant that no candidate template has: Spacer looks for one aimed at exactly that behaviour.
        StrategySteps.QuickHornProof,

        // The cheap proofs have had their chance at the runs without undefined behaviour: a run into it found first
        // settles the verdict before the costlier ones.
        StrategySteps.FoundUndefinedBehaviour,

        // The costlier ranking techniques come before a lasso search of moderate depth: on the loops that need them
        // they cost about as much as the search, which cannot succeed on a loop that terminates.
        StrategySteps.FullProof,

        // A short search for undefined behaviour settles a reachable one at once, which no later proof can get past:
        // it comes before the polynomial invariants and the deeper searches, which take seconds on non-linear loops.
        StrategySteps.QuickBoundedUndefinedBehaviour,
        StrategySteps.Lasso,
        StrategySteps.PolynomialProof,
        StrategySteps.DeepLasso,
        StrategySteps.DeepRecurrentSets,

        // Loops whose variables stay bounded only together need candidates that the program's text does not suggest.
        // They cost many optimization queries, so they come after the search for non-termination.
        StrategySteps.Strengthen,
        StrategySteps.StrengthenedProof,
        StrategySteps.CombinedProof,
        StrategySteps.BoundedUndefinedBehaviour,

        // Spacer again, with longer to look, after the bounded search (which settles reachable undefined behaviour
        // quickly) and before the long runs, which can take whatever remains.
        StrategySteps.LateHornProof,
        StrategySteps.LongRunUndefinedBehaviour,
    ]);

    /// <summary>A strategy of the named steps of <see cref="Default"/> alone, in its order.</summary>
    public static TerminationStrategy Only(params string[] names) =>
        new([.. Default.Steps.Where(s => names.Contains(s.Name))]);

    /// <summary>This strategy without the named step.</summary>
    public TerminationStrategy Without(string name) => new([.. Steps.Where(s => s.Name != name)]);

    /// <summary>Runs the steps in order until one returns a verdict; DontKnow, saying why, when none does.</summary>
    public Verdict Decide(StrategyRun run)
    {
        var context = run.Context;
        if (Steps.Any(s => s.Ranks))
        {
            context.Techniques.Add("invariants by candidate elimination (Houdini)");
            context.Techniques.AddRange(run.Proofs.TechniqueNames);
        }

        foreach (var step in Steps)
        {
            var budget = step.Share(context.Tuning) is { } share ? context.Stage(share) : context.Whole;
            if (step.Run(run, budget) is { } verdict)
            {
                return verdict;
            }
        }

        return new DontKnow(Reason(run) + "; no non-terminating run was found", [.. context.Techniques]);
    }

    private static string Reason(StrategyRun run)
    {
        if (run.LastAttempt is not { } attempt)
        {
            return "no step of the strategy settled the question";
        }

        var possibleUb = attempt.PossibleUb;
        var ub = $"could not rule out undefined behaviour ({CertificateRendering.DescribeUb(run.Context, possibleUb)})";
        return attempt.RankingFailure is { } rankingFailure
            ? possibleUb.Count > 0 ? $"{rankingFailure}; {ub}" : rankingFailure
            : ub;
    }
}

/// <summary>The steps of <see cref="TerminationStrategy.Default"/>.</summary>
internal static class StrategySteps
{
    private static TimeSpan? Unlimited(ProverTuning _) => null;

    /// <summary>Lexicographic ranking under the invariants from the cheap candidates alone.</summary>
    public static StrategyStep QuickProof { get; } = new("quick proof", Unlimited, (run, _) =>
        run.Context.LoopHeads().Count > 0
            ? run.Proofs.Attempt(ProofTier.Quick, run.Invariants.FromCheapCandidates()).Proved
            : null, Ranks: true);

    /// <summary>A short lasso from the cheap candidates, within a budget of its own.</summary>
    public static StrategyStep QuickLasso { get; } = new("quick lasso", t => t.Nontermination.QuickLassoBudget, (run, budget) =>
        run.LassoPossible
            ? run.Lassos.Find(run.Invariants.CheapCandidates(), run.Context.Tuning.Nontermination.QuickLassoDepth, run.Context.Tuning.Nontermination.QuickLassoPeriod, budget)
            : null);

    /// <summary>Lexicographic and multiphase ranking under the loop invariants from all candidates.</summary>
    public static StrategyStep CheapProof { get; } = new("cheap proof", Unlimited, (run, _) => Attempt(run, ProofTier.Cheap, run.Invariants.LoopInvariants()), Ranks: true);

    /// <summary>
    /// Every ranking technique under the loop invariants from all candidates, conjoined with Spacer's invariants that
    /// exclude the undefined behaviour the last attempt could not (see <see cref="HornInvariants"/>); both are
    /// inductive, so their conjunction is. A short query early: most of the invariants Spacer finds come within it.
    /// </summary>
    public static StrategyStep QuickHornProof { get; } = HornProof("quick horn invariants", t => t.Invariants.QuickHornBudget);

    /// <summary>As <see cref="QuickHornProof"/>, with a longer query, once the other proofs have failed.</summary>
    public static StrategyStep LateHornProof { get; } = HornProof("horn invariants", t => t.Invariants.HornBudget);

    private static StrategyStep HornProof(string name, Func<ProverTuning, TimeSpan> share) => new(name, t => share(t), (run, _) =>
    {
        var context = run.Context;

        // Spacer settles no query of non-linear arithmetic within these budgets; and once it has found the undefined
        // behaviour reachable, or the budget it had did not suffice, asking again with less is pointless.
        if (context.Nonlinear || run.LastAttempt is not { PossibleUb.Count: > 0 } attempt || run.Horn.Hopeless(attempt.PossibleUb, share(context.Tuning)))
        {
            return null;
        }

        context.Techniques.Add("invariants that exclude undefined behaviour, from constrained Horn clauses (Spacer)");
        var limit = context.RemainingBudget < share(context.Tuning) ? context.RemainingBudget : share(context.Tuning);
        if (limit <= TimeSpan.Zero || run.Horn.Excluding(attempt.PossibleUb, limit) is not { } horn)
        {
            return null;
        }

        var combined = run.Invariants.LoopInvariants().ToDictionary(
            p => p.Key,
            p => run.Invariants.WithoutImpliedConjuncts(Formula.And(p.Value, horn.GetValueOrDefault(p.Key) ?? Formula.True)));
        return Attempt(run, ProofTier.Full, combined);
    }, Ranks: true);

    /// <summary>Every ranking technique under the loop invariants from all candidates.</summary>
    public static StrategyStep FullProof { get; } = new("full proof", Unlimited, (run, _) => Attempt(run, ProofTier.Full, run.Invariants.LoopInvariants()), Ranks: true);

    /// <summary>Lassos of moderate depth; none once every cycle is ranked, since no run can then repeat a state.</summary>
    public static StrategyStep Lasso { get; } = new("lasso", Unlimited, (run, budget) =>
    {
        if (!run.LassoPossible)
        {
            return null;
        }

        run.Context.Techniques.Add("lasso search (fixed points and periodic states)");
        var tuning = run.Context.Tuning.Nontermination;
        return run.Lassos.Find(run.Invariants.Candidates(), tuning.LassoDepth, tuning.LassoMaxPeriod, budget);
    });

    /// <summary>
    /// Every ranking technique under invariants supported by inductive polynomial equalities guessed from concrete
    /// runs (non-linear programs only); the proof's queries get the longer polynomial query limit.
    /// </summary>
    public static StrategyStep PolynomialProof { get; } = new("polynomial proof", Unlimited, (run, _) =>
    {
        if (run.Invariants.PolynomialCandidates() is not { Length: > 0 } polynomial)
        {
            return null;
        }

        var context = run.Context;
        context.Techniques.Add("polynomial equalities guessed from concrete runs");
        var equalities = run.Invariants.InductivePolynomialEqualities(polynomial);
        if (equalities.Values.All(f => f is BoolConst { Value: true }))
        {
            return null;
        }

        context.WithPolynomialInvariants = true;
        try
        {
            return run.Proofs.Attempt(ProofTier.Full, run.Invariants.SupportedBy(equalities)).Proved;
        }
        finally
        {
            context.WithPolynomialInvariants = false;
        }
    }, Ranks: true);

    /// <summary>Lassos longer than those of <see cref="Lasso"/>.</summary>
    public static StrategyStep DeepLasso { get; } = new("deep lasso", Unlimited, (run, budget) =>
    {
        var tuning = run.Context.Tuning.Nontermination;
        return run.LassoPossible
            ? run.Lassos.Find(run.Invariants.Candidates(), tuning.DeepLassoDepth, tuning.LassoMaxPeriod, budget, tuning.LassoDepth + 1)
            : null;
    });

    /// <summary>
    /// Closed recurrent sets from deep runs. Hard closure queries can each take the whole query limit; the step has a
    /// budget of its own, so that the searches for undefined behaviour that come after it still get their turn.
    /// </summary>
    public static StrategyStep DeepRecurrentSets { get; } = new("deep recurrent sets", t => t.Nontermination.DeepRecurrenceBudget, (run, budget) =>
    {
        if (run.Context.AnalyzedLoopHeads().Count == 0)
        {
            return null;
        }

        run.Context.Techniques.Add("closed recurrent sets from deep runs");
        return run.RecurrentSets.FromDeepRuns(run.Invariants.Candidates(), budget);
    });

    /// <summary>
    /// Bounds along combinations that no iteration increases, and after one iteration (linear programs only), within a
    /// budget for each loop that is strengthened, up to a cap.
    /// </summary>
    public static StrategyStep Strengthen { get; } = new("strengthen invariants", t => t.Invariants.StrengtheningBudgetCap, (run, _) =>
    {
        var context = run.Context;
        var tuning = context.Tuning.Invariants;
        var loops = context.LoopHeads().Count(h => context.System.Transitions.Any(t => t.From == h && t.To == h));
        var share = tuning.StrengtheningBudgetPerLoop * Math.Max(1, loops);
        if (!context.Nonlinear && run.Invariants.Strengthened(context.Stage(share < tuning.StrengtheningBudgetCap ? share : tuning.StrengtheningBudgetCap)) is { } strengthened)
        {
            context.Techniques.Add("bounds along combinations that no iteration increases, and after one iteration");
            run.Strengthened = strengthened;
        }

        return null;
    });

    /// <summary>Every ranking technique under the strengthened invariants, when there are some.</summary>
    public static StrategyStep StrengthenedProof { get; } = new("strengthened proof", Unlimited, (run, _) =>
        run.Strengthened is { } strengthened ? Attempt(run, ProofTier.Full, strengthened) : null, Ranks: true);

    /// <summary>
    /// A ranking proof that assumes no undefined behaviour joined with invariants from another attempt that exclude it:
    /// when different attempts answered the two properties the verdict combines, together they may prove it.
    /// </summary>
    public static StrategyStep CombinedProof { get; } = new("combined proof", Unlimited, (run, _) => run.Proofs.Combined());

    /// <summary>
    /// For a function with pointer parameters analyzed on its own (see <see cref="Ir.CallerObject"/>): a short bounded
    /// search for a run into any undefined behaviour, kept in <see cref="StrategyRun.FoundUndefinedBehaviour"/>.
    /// </summary>
    public static StrategyStep CallerObjectUndefinedBehaviour { get; } = new("undefined behaviour through the caller's objects", t => t.Nontermination.QuickReachBudget, (run, budget) =>
    {
        var ts = run.Context.System;
        if (!ts.Parameters.Any(p => p.Object is not null))
        {
            return null;
        }

        var possible = ts.Transitions.Where(t => ts.Cutpoint(t.To).Kind == Cfg.NodeKind.UndefinedBehaviour).ToList();
        if (possible.Count > 0)
        {
            run.Context.Techniques.Add("bounded search for undefined behaviour");
            run.FoundUndefinedBehaviour = run.UndefinedBehaviour.Bounded(possible, budget);
        }

        return null;
    });

    /// <summary>The run into undefined behaviour found before the proofs, if any.</summary>
    public static StrategyStep FoundUndefinedBehaviour { get; } = new("undefined behaviour found before the proofs", Unlimited, (run, _) => run.FoundUndefinedBehaviour);

    /// <summary>A bounded search for a run into the undefined behaviour that the last proof attempt could not exclude.</summary>
    public static StrategyStep BoundedUndefinedBehaviour { get; } = new("bounded undefined behaviour", Unlimited, SearchUndefinedBehaviour);

    /// <summary>The bounded search for undefined behaviour, within a short budget.</summary>
    public static StrategyStep QuickBoundedUndefinedBehaviour { get; } = new("quick bounded undefined behaviour", t => t.Nontermination.QuickReachBudget, SearchUndefinedBehaviour);

    private static No? SearchUndefinedBehaviour(StrategyRun run, StageBudget budget)
    {
        if (run.LastAttempt is not { PossibleUb.Count: > 0 } attempt)
        {
            return null;
        }

        run.Context.Techniques.Add("bounded search for undefined behaviour");
        return run.UndefinedBehaviour.Bounded(attempt.PossibleUb, budget);
    }

    /// <summary>Long concrete runs into undefined behaviour too deep for the bounded search.</summary>
    public static StrategyStep LongRunUndefinedBehaviour { get; } = new("long runs to undefined behaviour", Unlimited, (run, budget) =>
    {
        if (run.LastAttempt is not { PossibleUb.Count: > 0 })
        {
            return null;
        }

        run.Context.Techniques.Add("long concrete runs to undefined behaviour");
        return run.UndefinedBehaviour.LongRun(budget);
    });

    private static Yes? Attempt(StrategyRun run, ProofTier tier, Dictionary<int, Formula> invariants)
    {
        var attempt = run.Proofs.Attempt(tier, invariants);
        run.LastAttempt = attempt;
        return attempt.Proved;
    }
}
