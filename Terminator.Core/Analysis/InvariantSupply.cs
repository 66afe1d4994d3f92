using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// The invariants of one analysis, each kind computed once and on demand: candidates (cheap ones from the program's
/// text, costlier ones from optimization), Houdini's inductive subset at the loop heads, polynomial equalities from
/// concrete runs, and the strengthening by bounds along combinations that no iteration increases.
/// </summary>
internal sealed class InvariantSupply(AnalysisContext context)
{
    private readonly InvariantTuning tuning = context.Tuning.Invariants;
    private ImmutableArray<Formula>? cheapCandidates;
    private ImmutableArray<Formula>? candidates;
    private ImmutableArray<Formula>? polynomialCandidates;
    private Dictionary<int, Formula>? loopInvariants;
    private Dictionary<int, Formula>? cheapInvariants;
    private Dictionary<int, List<IReadOnlyDictionary<string, BigInteger>>>? reachedStates;

    // Reductions already made, each result also mapped to itself: a reduced invariant is displayed without a second pass.
    private readonly Dictionary<Formula, Formula> reductions = new(ReferenceEqualityComparer.Instance);

    private TransitionSystem Ts => context.System;

    /// <summary>The candidates that need no solver: the program's own conditions, signs, orderings and parity.</summary>
    public ImmutableArray<Formula> CheapCandidates() => cheapCandidates ??= Invariants.Candidates(Ts, context.Rules, tuning.OrderingPairLimit);

    /// <summary>
    /// The cheap candidates with the optimized entry bounds, the guarded orderings, the bounds of combinations that
    /// loops keep, and the linear equalities that the reached states satisfy.
    /// </summary>
    public ImmutableArray<Formula> Candidates() =>
        candidates ??= CheapCandidates()
            .AddRange(Invariants.EntryBounds(Ts, context.Smt, context.QueryTimeout, tuning.EntryBoundVariableLimit, tuning.StepDirectionLoopLimit))
            .AddRange(Invariants.GuardedOrderings(Ts, tuning.GuardedOrderingVariableLimit))
            .AddRange(Invariants.ConservedCombinations(Ts, context.Rules, context.Smt, context.QueryTimeout, tuning.StepDirectionLoopLimit, FromCheapCandidates()))
            .AddRange(ReachedLinearEqualities())
            .Distinct().ToImmutableArray();

    /// <summary>
    /// The affine equalities (<c>c == 9*i + j - 3</c>) that hold in every reached state at a loop head: the linear
    /// part of <see cref="PolynomialEqualities"/> over the states of <see cref="ReachedStates"/>. Counters that move
    /// in step keep such a relation, and the bound on one (no overflow of <c>c</c>) often follows from it and the
    /// bounds of the others. Candidates only: Houdini keeps those that are inductive.
    /// </summary>
    private IEnumerable<Formula> ReachedLinearEqualities()
    {
        var programVariables = context.RankingVariables();
        foreach (var samples in ReachedStates().Values)
        {
            var variables = programVariables.Where(v => samples.Count > 0 && samples.All(state => state.ContainsKey(v)))
                .OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (variables.Count > 0 && variables.Count <= tuning.LinearEqualityVariableLimit)
            {
                foreach (var equality in PolynomialEqualities.Guess(variables, samples, degree: 1))
                {
                    yield return equality;
                }
            }
        }
    }

    /// <summary>Houdini's invariants at the loop heads from the cheap candidates alone, computed once.</summary>
    public Dictionary<int, Formula> FromCheapCandidates() =>
        cheapInvariants ??= Invariants.Infer(Ts, context.LoopHeads(), CheapCandidates(), context.Smt, context.QueryTimeout, reached: ReachedStates());

    /// <summary>The Houdini invariants at loop heads, computed once per analysis.</summary>
    public Dictionary<int, Formula> LoopInvariants()
    {
        if (loopInvariants is null)
        {
            loopInvariants = Invariants.Infer(Ts, context.LoopHeads(), Candidates(), context.Smt, context.QueryTimeout, reached: ReachedStates());

            // Houdini keeps every candidate that holds, many of them implied by the others (a bound next to a tighter
            // one, a type's range): every Farkas constraint of every ranking technique pays for each conjunct, so the
            // equivalent shorter invariant goes into them. Non-linear conjuncts would make each implication query slow.
            if (!context.Nonlinear)
            {
                loopInvariants = loopInvariants.ToDictionary(p => p.Key, p => WithoutImpliedConjuncts(p.Value));
            }
        }

        return loopInvariants;
    }

    /// <summary>
    /// Equalities of degree ≤ 2 that every sampled state at a loop head satisfies, as invariant candidates; only for
    /// programs with non-linear arithmetic, where they are what linear candidates miss.
    /// </summary>
    public ImmutableArray<Formula> PolynomialCandidates() => polynomialCandidates ??= context.Nonlinear ? GuessPolynomialEqualities() : [];

    // Polynomial equalities come from concrete runs: a handful of runs from small random inputs, with a fixed seed so
    // that the analysis is repeatable, and no more variables than keep the monomials of degree two few.
    private ImmutableArray<Formula> GuessPolynomialEqualities()
    {
        var programVariables = context.RankingVariables().ToHashSet();
        var random = new Random(tuning.PolynomialSampleSeed);
        var result = new List<Formula>();

        // Enough states to pin down the monomials of degree two several times over, when the runs give them.
        var wanted = 3 * (programVariables.Count + 1) * (programVariables.Count + 2) / 2;
        foreach (var head in Ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead && c.InAnalyzedFunction && !c.IsRecursionHead))
        {
            // Several runs must contribute: states of one run or two share their inputs, and equalities among the
            // inputs alone would look like invariants.
            var samples = SampleLoopHead(head, random, tuning.PolynomialSampleRuns, (count, contributing) => count >= wanted && contributing >= tuning.PolynomialContributingRuns);

            // Only variables every sampled state has a value for (a local declared inside the loop may not).
            var variables = programVariables.Where(v => samples.Count > 0 && samples.All(state => state.ContainsKey(v)))
                .OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (variables.Count > 0 && variables.Count <= tuning.PolynomialVariableLimit)
            {
                result.AddRange(PolynomialEqualities.Guess(variables, samples));
            }
        }

        return [.. result.Distinct()];
    }

    /// <summary>
    /// States at <paramref name="head"/> from concrete runs of the function on small random inputs, run after run until
    /// <paramref name="enough"/> (given the states so far and the number of runs that reached the head) or
    /// <paramref name="maxRuns"/> runs. Every such state is reachable.
    /// </summary>
    private List<IReadOnlyDictionary<string, BigInteger>> SampleLoopHead(Cutpoint head, Random random, int maxRuns, Func<int, int, bool> enough, int? arrivals = null, int? stepLimit = null)
    {
        var samples = new List<IReadOnlyDictionary<string, BigInteger>>();
        var contributing = 0;
        for (var run = 0; run < maxRuns && !enough(samples.Count, contributing) && !context.OutOfTime; run++)
        {
            // Inputs from [0, m] (which suits unsigned inputs and counters) and [−m, m], small and larger: small
            // values keep loops short, larger ones let a loop that counts up to an input run for a while.
            var high = run % 4 < 2 ? tuning.SmallInputRange : tuning.LargeInputRange;
            var low = run % 2 == 0 ? 0 : -high;
            BigInteger Next() => random.Next(low, high + 1);
            var inputs = context.Function.Parameters.Select(_ => Next()).ToArray();
            var draws = Enumerable.Range(0, tuning.SampleDraws).Select(_ => Next()).ToArray();
            var outcome = Interpretation.Interpreter.Run(context.Program, context.Function.Name, inputs, draws, new Interpretation.InterpreterOptions
            {
                Semantics = context.Semantics,
                StepLimit = stepLimit ?? tuning.SampleStepLimit,
                LoopWatch = head.Span,
                WatchArrivals = arrivals ?? tuning.SampleArrivals,
                TerminationFacts = context.Facts,
                CancellationToken = context.BudgetToken,
            });
            contributing += outcome.LoopHeadStates.IsEmpty ? 0 : 1;
            foreach (var state in outcome.LoopHeadStates)
            {
                samples.Add(state.Variables.AddRange(state.Globals.Where(g => !state.Variables.ContainsKey(g.Key))));
            }
        }

        return samples;
    }

    /// <summary>
    /// Reachable states at each loop head of the analyzed function, from a few concrete runs: a candidate invariant
    /// that one of them falsifies is no invariant, and dropping it up front spares Houdini a solver round.
    /// </summary>
    public Dictionary<int, List<IReadOnlyDictionary<string, BigInteger>>> ReachedStates() =>
        reachedStates ??= Ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead && c.InAnalyzedFunction && !c.IsRecursionHead).ToDictionary(
            c => c.Id,
            c => SampleLoopHead(c, new Random(tuning.ReachedStateSeed), tuning.ReachedStateRuns, (_, contributing) => contributing >= tuning.ReachedStateRuns, tuning.ReachedStateArrivals, tuning.ReachedStateSteps));

    /// <summary>
    /// The polynomial equalities that are inductive: together, or when one sinks them all, each that is inductive on
    /// its own. Non-linear loops often keep such an equality that their guards and ranking depend on; small queries are
    /// what the non-linear solver settles, so they are proved apart from the linear invariants.
    /// </summary>
    public Dictionary<int, Formula> InductivePolynomialEqualities(ImmutableArray<Formula> polynomial)
    {
        var heads = context.LoopHeads();
        var equalities = Invariants.Infer(Ts, heads, polynomial, context.Smt, context.QueryTimeout);
        if (polynomial.Length > 1 && equalities.Values.All(f => f is BoolConst { Value: true }))
        {
            // One accidental equality, or one query the solver cannot settle, sinks them all together: then
            // each is tried alone, and those inductive on their own are conjoined (which keeps them inductive).
            var alone = polynomial.Select(p => Invariants.Infer(Ts, heads, [p], context.Smt, context.QueryTimeout)).ToList();
            equalities = heads.ToDictionary(h => h, h => Formula.And(alone.Select(a => a[h])));
        }

        return equalities;
    }

    /// <summary>The invariants from all candidates, supported by (and conjoined with) proved <paramref name="equalities"/>.</summary>
    public Dictionary<int, Formula> SupportedBy(Dictionary<int, Formula> equalities) =>
        Invariants.Infer(Ts, context.LoopHeads(), Candidates(), context.Smt, context.QueryTimeout, equalities, ReachedStates())
            .ToDictionary(p => p.Key, p => Formula.And(equalities[p.Key], p.Value));

    /// <summary>
    /// The loop invariants, strengthened by Houdini over two more kinds of candidates (see <see cref="TemplateBounds"/>):
    /// upper bounds on entry along the combinations that no iteration of a loop increases, and then, under the
    /// invariants those give, the bounds of each variable and combination after one iteration. Null when they add
    /// nothing. Many small optimizations: on loops with many variables and paths they add up, so they share
    /// <paramref name="stage"/>.
    /// </summary>
    public Dictionary<int, Formula>? Strengthened(StageBudget stage)
    {
        var smt = context.Smt;
        var invariants = LoopInvariants();
        var directions = new Dictionary<int, List<Term>>();
        var onEntry = new List<Formula>();
        foreach (var head in context.LoopHeads())
        {
            var loop = Ts.Transitions.Where(t => t.From == head && t.To == head).Select(t => t.Id).ToImmutableSortedSet();
            if (loop.IsEmpty || stage.Over() || context.Linearize(loop, c => PlainLinearPart(invariants.GetValueOrDefault(c) ?? Formula.True)) is not { } linear)
            {
                continue;
            }

            directions[head] = [.. TemplateBounds.NonIncreasingDirections([.. linear.Values], context.RankingVariables(), smt, stage.Timeout()).Select(d => d.ToTerm())];
            onEntry.AddRange(TemplateBounds.OnEntry(Ts, head, invariants, directions[head], smt, stage.Timeout));
        }

        var all = Candidates().AddRange(onEntry).Distinct().ToImmutableArray();
        var first = onEntry.Count > 0 && !stage.Over() ? Invariants.Infer(Ts, context.LoopHeads(), all, smt, stage.Timeout, reached: ReachedStates()) : invariants;
        var afterOne = new List<Formula>();
        foreach (var (head, combinations) in directions)
        {
            if (stage.Over())
            {
                break;
            }

            var templates = context.RankingVariables().Select(v => (Term)new Var(v)).Concat(combinations).ToList();
            afterOne.AddRange(TemplateBounds.AfterOneIteration(Ts, head, first, templates, smt, stage.Timeout));
        }

        all = all.AddRange(afterOne).Distinct().ToImmutableArray();
        if (all.Length == Candidates().Length || stage.Over())
        {
            return null;
        }

        var strengthened = Invariants.Infer(Ts, context.LoopHeads(), all, smt, stage.Timeout, reached: ReachedStates())
            .ToDictionary(p => p.Key, p => WithoutImpliedConjuncts(p.Value));
        return strengthened.All(p => invariants.TryGetValue(p.Key, out var known) && known.Equals(p.Value)) ? null : strengthened;
    }

    /// <summary>The plain linear inequalities of an invariant: what Farkas' lemma takes.</summary>
    public static Formula PlainLinearPart(Formula invariant) => Formula.And(Invariants.Conjuncts(invariant).Where(Invariants.IsPlainLinear));

    /// <summary>
    /// An equivalent, shorter invariant: conjuncts that the remaining ones imply are dropped, later ones (the generated
    /// orderings and bounds) first. For the ranking techniques and for display.
    /// </summary>
    public Formula WithoutImpliedConjuncts(Formula invariant)
    {
        if (!reductions.TryGetValue(invariant, out var reduced))
        {
            reduced = Reduce(invariant);
            reductions[invariant] = reduced;
            reductions[reduced] = reduced;
        }

        return reduced;
    }

    private Formula Reduce(Formula invariant)
    {
        var kept = Invariants.Conjuncts(invariant).ToList();

        // A disjunction with a disjunct that is itself a conjunct says nothing more: dropping those needs no solver,
        // and usually brings a long invariant within reach of the check below.
        var units = kept.Where(c => c is not OrF).ToHashSet();
        kept.RemoveAll(c => c is OrF or && or.Parts.Any(units.Contains));
        if (kept.Count > tuning.ReductionConjunctLimit && !context.OutOfTime)
        {
            // Too many for the pass below, which checks each conjunct against all the others: first drop each
            // disjunction that the plain conjuncts imply, one small check each (case splits that every case satisfies).
            var plain = Formula.And(units);
            kept.RemoveAll(c => c is OrF && !context.OutOfTime && context.IsUnsatWithin(context.Tuning.Queries.ReductionQueryCap, plain, c.Negate()));
        }

        if (kept.Count > tuning.ReductionConjunctLimit || context.OutOfTime)
        {
            return Formula.And(kept);
        }

        for (var i = kept.Count - 1; i >= 0; i--)
        {
            var others = kept.Where((_, j) => j != i).ToList();
            if (context.IsUnsatWithin(context.Tuning.Queries.ReductionQueryCap, Formula.And(others), kept[i].Negate()))
            {
                kept = others;
            }
        }

        return Formula.And(kept);
    }
}
