using System.Collections.Immutable;
using System.Diagnostics;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>What one function analysis found.</summary>
internal sealed record FunctionOutcome(Verdict Verdict, CanReturnResult? CanReturn, ImmutableArray<AssertionResult> Assertions)
{
    public bool Equals(FunctionOutcome? other) =>
        other is not null && Verdict == other.Verdict && CanReturn == other.CanReturn && Assertions.SequenceEqual(other.Assertions);

    public override int GetHashCode() => HashCode.Combine(Verdict, CanReturn);
}

/// <summary>Decides termination (and optionally "can it return V?") for one function within a time budget.</summary>
internal sealed class FunctionAnalysis
{
    private static readonly TimeSpan LinearQueryCap = TimeSpan.FromSeconds(3);

    // Non-linear integer queries either come back quickly or not at all: waiting long on each one only spends the
    // budget that the other techniques need.
    private static readonly TimeSpan NonlinearQueryCap = TimeSpan.FromMilliseconds(250);

    // Proofs that rest on a polynomial equality put it into every query of the proof and of its check: those queries
    // are worth a longer wait, since the equality has already been proved inductive.
    private static readonly TimeSpan PolynomialProofQueryCap = TimeSpan.FromMilliseconds(1000);

    private TimeSpan QueryCap => !nonlinear ? LinearQueryCap : withPolynomialInvariants ? PolynomialProofQueryCap : NonlinearQueryCap;

    private bool withPolynomialInvariants;

    private bool nonlinear;
    private const int UndefinedBehaviourSearchDepth = 24;
    private const int LassoSearchDepth = 8;
    private const int DeepLassoSearchDepth = 12;
    private const int LassoMaxPeriod = 6;
    private const int QuickLassoDepth = 4;
    private const int QuickLassoPeriod = 2;
    private const int ExplanationRounds = 24;
    private const int LongRunStemDepth = 8;

    private readonly ProgramIr program;
    private readonly FunctionDecl function;
    private readonly IntegerSemantics semantics;
    private readonly IReadOnlyDictionary<string, bool> facts;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan budget;
    private readonly CancellationToken budgetToken;
    private readonly List<string> techniques = [];
    private TransitionSystem ts = null!;
    private SmtContext smt = null!;
    private IntegerRules rules = null!;

    private readonly IReadOnlyList<IRankingTemplate> rankingTemplates;
    private readonly bool allTechniques;

    public FunctionAnalysis(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, TimeSpan budget, CancellationToken budgetToken, IRankingTemplate? rankingTemplate = null)
    {
        rankingTemplates = rankingTemplate is null ? [new AffineRankingTemplate(), new SingleTransitionRankingTemplate()] : [rankingTemplate];

        // A template given on its own is tried alone, so that tests see what it proves by itself.
        allTechniques = rankingTemplate is null;
        this.program = program;
        this.function = function;
        this.semantics = semantics;
        this.facts = facts;
        this.budget = budget;
        this.budgetToken = budgetToken;
    }

    /// <summary>Where the time inside Z3 is added up, for the prover's context and every checker's.</summary>
    public SolverClock SolverClock { get; init; } = new();

    private TimeSpan Remaining => budget <= TimeSpan.Zero ? TimeSpan.MaxValue : budget - clock.Elapsed;

    private bool OutOfTime => budget > TimeSpan.Zero && Remaining <= TimeSpan.Zero;

    private TimeSpan QueryTimeout()
    {
        var remaining = Remaining;
        var t = remaining < QueryCap ? remaining : QueryCap;
        return t < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : t;
    }

    /// <summary>The reason of a DontKnow for a spent time budget.</summary>
    public static string BudgetSpent(TimeSpan budget) =>
        $"the time budget of {budget.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s ran out";

    public FunctionOutcome Run(string? canReturn)
    {
        rules = new IntegerRules(program.Language, semantics);
        ts = BlockEncoding.Encode(Lowering.Lower(program, function, semantics, facts), rules, budgetToken);
        nonlinear = ts.Transitions.Any(t => LogicOps.IsNonlinear(t.Relation));
        using var context = new SmtContext(SolverClock, budgetToken) { CoreSolverOnly = !nonlinear };
        smt = context;
        try
        {
            return Decide(canReturn);
        }
        finally
        {
            // Sessions belong to the context: dispose them first.
            scratch?.Dispose();
            scratch = null;
            foreach (var checker in checkers.Values)
            {
                checker.Dispose();
            }

            checkers.Clear();
        }
    }

    private FunctionOutcome Decide(string? canReturn)
    {
        Verdict verdict;
        try
        {
            verdict = DecideTermination();
        }
        catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
        {
            verdict = new DontKnow(BudgetSpent(budget), [.. techniques]);
        }

        CanReturnResult? canReturnResult = null;
        if (canReturn is not null)
        {
            try
            {
                canReturnResult = DecideCanReturn(canReturn);
            }
            catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
            {
                canReturnResult = new CanReturnResult(canReturn, "DontKnow", [], [], "the time budget ran out");
            }
        }

        ImmutableArray<AssertionResult> assertions;
        try
        {
            assertions = DecideAssertions();
        }
        catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
        {
            assertions = [.. AssertionSinks().Select(s => new AssertionResult(s.Span, "DontKnow", [], [], "the time budget ran out"))];
        }

        return new FunctionOutcome(verdict, canReturnResult, assertions);
    }

    // ---- assertions ---------------------------------------------------------------------------------------

    private IEnumerable<Cutpoint> AssertionSinks() =>
        ts.Cutpoints.Where(c => c.Kind == NodeKind.AssertionFailure && ts.Transitions.Any(t => t.To == c.Id));

    /// <summary>For each reachable assertion: a failing input (replayed), a proof that it holds (checked), or DontKnow.</summary>
    private ImmutableArray<AssertionResult> DecideAssertions()
    {
        var sinks = AssertionSinks().OrderBy(c => c.Span.Line).ThenBy(c => c.Span.Column).ToList();
        if (sinks.Count == 0)
        {
            return [];
        }

        var invariants = LoopInvariants();
        var checker = Checker();
        var results = ImmutableArray.CreateBuilder<AssertionResult>();
        foreach (var sink in sinks)
        {
            if (checker.Check(new AssertionProof(sink.Id, invariants.ToImmutableDictionary())) is null)
            {
                results.Add(new AssertionResult(sink.Span, "Holds", [], [], "no input makes it fail (proved for all inputs)"));
                continue;
            }

            var run = RunSearch.Reach(ts, k => Formula.Eq(Unrolling.Pc(k), new Const(sink.Id)), UndefinedBehaviourSearchDepth, smt, QueryTimeout, () => OutOfTime);
            if (run is not null && checker.CheckAssertionFails(run.Inputs, run.Draws, sink.Span) is null)
            {
                results.Add(new AssertionResult(sink.Span, "Fails", [.. ts.Parameters.Zip(run.Inputs, (p, v) => new InputValue(p.Name, v))], run.Draws, "this input makes it fail"));
                continue;
            }

            results.Add(new AssertionResult(sink.Span, "DontKnow", [], [], "no failing input was found, and failure could not be ruled out"));
        }

        return results.ToImmutable();
    }

    private Dictionary<int, Formula>? loopInvariants;

    /// <summary>The Houdini invariants at loop heads, computed once per analysis.</summary>
    private Dictionary<int, Formula> LoopInvariants()
    {
        if (loopInvariants is null)
        {
            loopInvariants = Invariants.Infer(ts, LoopHeads(), Candidates(), smt, QueryTimeout, reached: ReachedStates());

            // Houdini keeps every candidate that holds, many of them implied by the others (a bound next to a tighter
            // one, a type's range): every Farkas constraint of every ranking technique pays for each conjunct, so the
            // equivalent shorter invariant goes into them. Non-linear conjuncts would make each implication query slow.
            if (!nonlinear)
            {
                loopInvariants = loopInvariants.ToDictionary(p => p.Key, p => WithoutImpliedConjuncts(p.Value));
            }
        }

        return loopInvariants;
    }

    private ImmutableArray<Formula>? candidates;

    private ImmutableArray<Formula> Candidates() =>
        candidates ??= CheapCandidates().AddRange(Invariants.EntryBounds(ts, smt, QueryTimeout)).AddRange(Invariants.GuardedOrderings(ts)).Distinct().ToImmutableArray();

    private ImmutableArray<Formula>? polynomialCandidates;

    // Polynomial equalities come from concrete runs: a handful of runs from small random inputs, with a fixed seed so
    // that the analysis is repeatable, and no more variables than keep the monomials of degree two few.
    private const int PolynomialSampleSeed = 20141;
    private const int PolynomialSampleRuns = 64;
    private const int PolynomialVariableLimit = 7;
    private const int PolynomialContributingRuns = 12;

    /// <summary>
    /// Equalities of degree ≤ 2 that every sampled state at a loop head satisfies, as invariant candidates; only for
    /// programs with non-linear arithmetic, where they are what linear candidates miss.
    /// </summary>
    private ImmutableArray<Formula> PolynomialCandidates() => polynomialCandidates ??= nonlinear ? GuessPolynomialEqualities() : [];

    private ImmutableArray<Formula> GuessPolynomialEqualities()
    {
        var programVariables = RankingVariables().ToHashSet();
        var random = new Random(PolynomialSampleSeed);
        var result = new List<Formula>();

        // Enough states to pin down the monomials of degree two several times over, when the runs give them.
        var wanted = 3 * (programVariables.Count + 1) * (programVariables.Count + 2) / 2;
        foreach (var head in ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead && c.InAnalyzedFunction && !c.IsRecursionHead))
        {
            // Several runs must contribute: states of one run or two share their inputs, and equalities among the
            // inputs alone would look like invariants.
            var samples = SampleLoopHead(head, random, PolynomialSampleRuns, (count, contributing) => count >= wanted && contributing >= PolynomialContributingRuns);

            // Only variables every sampled state has a value for (a local declared inside the loop may not).
            var variables = programVariables.Where(v => samples.Count > 0 && samples.All(state => state.ContainsKey(v)))
                .OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (variables.Count is > 0 and <= PolynomialVariableLimit)
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
    private List<IReadOnlyDictionary<string, BigInteger>> SampleLoopHead(Cutpoint head, Random random, int maxRuns, Func<int, int, bool> enough, int arrivals = 64, int stepLimit = 5_000)
    {
        var samples = new List<IReadOnlyDictionary<string, BigInteger>>();
        var contributing = 0;
        for (var run = 0; run < maxRuns && !enough(samples.Count, contributing) && !OutOfTime; run++)
        {
            // Inputs from [0, m] (which suits unsigned inputs and counters) and [−m, m], small and larger: small
            // values keep loops short, larger ones let a loop that counts up to an input run for a while.
            var high = run % 4 < 2 ? 24 : 400;
            var low = run % 2 == 0 ? 0 : -high;
            BigInteger Next() => random.Next(low, high + 1);
            var inputs = function.Parameters.Select(_ => Next()).ToArray();
            var draws = Enumerable.Range(0, 64).Select(_ => Next()).ToArray();
            var outcome = Interpretation.Interpreter.Run(program, function.Name, inputs, draws, new Interpretation.InterpreterOptions
            {
                Semantics = semantics,
                StepLimit = stepLimit,
                LoopWatch = head.Span,
                WatchArrivals = arrivals,
                TerminationFacts = facts,
                CancellationToken = budgetToken,
            });
            contributing += outcome.LoopHeadStates.IsEmpty ? 0 : 1;
            foreach (var state in outcome.LoopHeadStates)
            {
                samples.Add(state.Variables.AddRange(state.Globals.Where(g => !state.Variables.ContainsKey(g.Key))));
            }
        }

        return samples;
    }

    private static readonly TimeSpan StrengtheningBudget = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DeepRecurrenceBudget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A stage with a budget of its own, from now on: the query limit within it (the usual one, cut to what is left)
    /// and whether it is over (its budget or the analysis's spent).
    /// </summary>
    private (Func<TimeSpan> Timeout, Func<bool> Over) Stage(TimeSpan budget)
    {
        var deadline = clock.Elapsed + budget;
        TimeSpan Timeout()
        {
            var left = deadline - clock.Elapsed;
            var limit = left < QueryTimeout() ? left : QueryTimeout();
            return limit < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : limit;
        }

        return (Timeout, () => clock.Elapsed > deadline || OutOfTime);
    }

    private const int ReachedStateSeed = 20142;
    private const int ReachedStateRuns = 4;
    private const int ReachedStateArrivals = 16;
    private const int ReachedStateSteps = 1_000;

    private Dictionary<int, List<IReadOnlyDictionary<string, BigInteger>>>? reachedStates;

    /// <summary>
    /// Reachable states at each loop head of the analyzed function, from a few concrete runs: a candidate invariant
    /// that one of them falsifies is no invariant, and dropping it up front spares Houdini a solver round.
    /// </summary>
    private Dictionary<int, List<IReadOnlyDictionary<string, BigInteger>>> ReachedStates() =>
        reachedStates ??= ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead && c.InAnalyzedFunction && !c.IsRecursionHead).ToDictionary(
            c => c.Id,
            c => SampleLoopHead(c, new Random(ReachedStateSeed), ReachedStateRuns, (_, contributing) => contributing >= ReachedStateRuns, ReachedStateArrivals, ReachedStateSteps));

    private ImmutableArray<Formula>? cheapCandidates;

    /// <summary>The candidates that need no solver: the program's own conditions, signs, orderings and parity.</summary>
    private ImmutableArray<Formula> CheapCandidates() => cheapCandidates ??= Invariants.Candidates(ts, rules);

    // ---- termination --------------------------------------------------------------------------------------

    private Verdict DecideTermination()
    {
        techniques.Add("invariants by candidate elimination (Houdini)");
        techniques.AddRange(rankingTemplates.Select(t => t.Name));
        techniques.Add("disjunctive well-foundedness (transition invariants)");
        techniques.Add("ranking two iterations at a time");
        techniques.Add("multiphase (nested) ranking functions");
        techniques.Add("ranking the regions of a loop split by its branch conditions");

        // Most loops need only invariants from the program's own conditions, signs and orderings: try those first,
        // and pay for the optimized entry bounds only when that attempt fails.
        if (ts.Cutpoints.Any(c => c.Kind == NodeKind.LoopHead))
        {
            var quick = AttemptProof(ProofTier.Quick, Invariants.Infer(ts, LoopHeads(), CheapCandidates(), smt, QueryTimeout, reached: ReachedStates()));
            if (quick.Proved is { } yes)
            {
                return yes;
            }
        }

        // A short lasso costs one small unrolling and settles the simplest non-terminating loops early.
        if (FindLasso(CheapCandidates(), QuickLassoDepth, QuickLassoPeriod) is { } early)
        {
            return early;
        }

        var candidates = Candidates();
        var attempt = AttemptProof(ProofTier.Cheap, LoopInvariants());
        if (attempt.Proved is { } proved)
        {
            return proved;
        }

        // The costlier ranking techniques come before a lasso search of moderate depth: on the loops that need them
        // they cost about as much as the search, which cannot succeed on a loop that terminates. Longer lassos are
        // looked for later. Once every cycle is ranked no run repeats a state, and there is nothing to look for.
        attempt = AttemptProof(ProofTier.Full, LoopInvariants());
        if (attempt.Proved is { } provedByCostlier)
        {
            return provedByCostlier;
        }

        if (AnalyzedLoopHeads().Count > 0 && !everyCycleRanked)
        {
            techniques.Add("lasso search (fixed points and periodic states)");
            if (FindLasso(candidates, LassoSearchDepth, LassoMaxPeriod) is { } lasso)
            {
                return lasso;
            }
        }

        // Non-linear loops often keep a polynomial equality that their guards and ranking depend on. Such equalities
        // are usually inductive on their own, and small queries are what the non-linear solver settles: they are
        // proved apart from the linear invariants, and the two inductive sets are conjoined.
        if (PolynomialCandidates() is { Length: > 0 } polynomial)
        {
            techniques.Add("polynomial equalities guessed from concrete runs");
            var equalities = Invariants.Infer(ts, LoopHeads(), polynomial, smt, QueryTimeout);
            if (polynomial.Length > 1 && equalities.Values.All(f => f is BoolConst { Value: true }))
            {
                // One accidental equality, or one query the solver cannot settle, sinks them all together: then
                // each is tried alone, and those inductive on their own are conjoined (which keeps them inductive).
                var alone = polynomial.Select(p => Invariants.Infer(ts, LoopHeads(), [p], smt, QueryTimeout)).ToList();
                equalities = LoopHeads().ToDictionary(h => h, h => Formula.And(alone.Select(a => a[h])));
            }

            if (equalities.Values.Any(f => f is not BoolConst { Value: true }))
            {
                ProofAttempt strengthened;
                withPolynomialInvariants = true;
                try
                {
                    var supported = Invariants.Infer(ts, LoopHeads(), candidates, smt, QueryTimeout, equalities, ReachedStates());
                    strengthened = AttemptProof(ProofTier.Full, supported.ToDictionary(p => p.Key, p => Formula.And(equalities[p.Key], p.Value)));
                }
                finally
                {
                    withPolynomialInvariants = false;
                }

                if (strengthened.Proved is { } yes)
                {
                    return yes;
                }
            }
        }

        var nontermination = FindNontermination(candidates);
        if (nontermination is not null)
        {
            return nontermination;
        }

        // Loops whose variables stay bounded only together (which is what excludes an overflow, or bounds a ranking
        // function) need candidates that the program's text does not suggest. They cost many optimization queries,
        // so they come after the search for non-termination.
        if (!nonlinear && StrengthenedInvariants() is { } boundedTogether)
        {
            techniques.Add("bounds along combinations that no iteration increases, and after one iteration");
            var stronger = AttemptProof(ProofTier.Full, boundedTogether);
            if (stronger.Proved is { } yes)
            {
                return yes;
            }

            attempt = stronger;
        }

        var rankingFailure = attempt.RankingFailure;
        var possibleUb = attempt.PossibleUb;

        if (possibleUb.Count > 0)
        {
            techniques.Add("bounded search for undefined behaviour");
            var targets = possibleUb.Select(t => t.To).Distinct().ToList();
            var run = RunSearch.Reach(ts, k => Formula.Or(targets.Select(u => Formula.Eq(Unrolling.Pc(k), new Const(u)))), UndefinedBehaviourSearchDepth, smt, QueryTimeout, () => OutOfTime);
            if (run is not null && ConfirmUndefinedBehaviour(run.Inputs, run.Draws) is { } found)
            {
                return found;
            }

            techniques.Add("long concrete runs to undefined behaviour");
            if (LongRunToUndefinedBehaviour() is { } far)
            {
                return far;
            }
        }


        var reason = rankingFailure
            ?? $"could not rule out undefined behaviour ({DescribeUb(possibleUb)})";
        if (rankingFailure is not null && possibleUb.Count > 0)
        {
            reason += $"; could not rule out undefined behaviour ({DescribeUb(possibleUb)})";
        }

        return new DontKnow(reason + "; no non-terminating run was found", [.. techniques]);
    }

    private sealed record ProofAttempt(Yes? Proved, string? RankingFailure, List<Transition> PossibleUb);

    /// <summary>
    /// The loop invariants, strengthened by Houdini over two more kinds of candidates (see <see cref="TemplateBounds"/>):
    /// upper bounds on entry along the combinations that no iteration of a loop increases, and then, under the
    /// invariants those give, the bounds of each variable and combination after one iteration. Null when they add
    /// nothing.
    /// </summary>
    private Dictionary<int, Formula>? StrengthenedInvariants()
    {
        // Many small optimizations: on loops with many variables and paths they add up, so they share a budget.
        var (StageTimeout, StageOver) = Stage(StrengtheningBudget);
        var invariants = LoopInvariants();
        var directions = new Dictionary<int, List<Term>>();
        var onEntry = new List<Formula>();
        foreach (var head in AnalyzedLoopHeads())
        {
            var loop = ts.Transitions.Where(t => t.From == head && t.To == head).Select(t => t.Id).ToImmutableSortedSet();
            if (loop.IsEmpty || StageOver() || Linearize(loop, c => PlainLinearPart(invariants.GetValueOrDefault(c) ?? Formula.True)) is not { } linear)
            {
                continue;
            }

            directions[head] = [.. TemplateBounds.NonIncreasingDirections([.. linear.Values], RankingVariables(), smt, StageTimeout()).Select(d => d.ToTerm())];
            onEntry.AddRange(TemplateBounds.OnEntry(ts, head, directions[head], smt, StageTimeout));
        }

        var candidates = Candidates().AddRange(onEntry).Distinct().ToImmutableArray();
        var first = onEntry.Count > 0 && !StageOver() ? Invariants.Infer(ts, LoopHeads(), candidates, smt, StageTimeout, reached: ReachedStates()) : invariants;
        var afterOne = new List<Formula>();
        foreach (var (head, combinations) in directions)
        {
            if (StageOver())
            {
                break;
            }

            var templates = RankingVariables().Select(v => (Term)new Var(v)).Concat(combinations).ToList();
            afterOne.AddRange(TemplateBounds.AfterOneIteration(ts, head, first, templates, smt, StageTimeout));
        }

        var all = candidates.AddRange(afterOne).Distinct().ToImmutableArray();
        if (all.Length == Candidates().Length || StageOver())
        {
            return null;
        }

        var strengthened = Invariants.Infer(ts, LoopHeads(), all, smt, StageTimeout, reached: ReachedStates())
            .ToDictionary(p => p.Key, p => WithoutImpliedConjuncts(p.Value));
        return strengthened.All(p => invariants.TryGetValue(p.Key, out var known) && known.Equals(p.Value)) ? null : strengthened;
    }

    /// <summary>How much a proof attempt may spend, cheapest first.</summary>
    private enum ProofTier
    {
        /// <summary>Lexicographic ranking only, giving up at the first obstacle.</summary>
        Quick,

        /// <summary>Lexicographic and multiphase ranking: the techniques that cost one small LP or a few.</summary>
        Cheap,

        /// <summary>Every ranking technique, including those that multiply the transitions (regions, two iterations at a time).</summary>
        Full,
    }

    // What one attempt found for a cycle, reused by a costlier attempt under the same invariants. Keyed by the
    // invariants' identity and the cycle's transitions.
    private readonly Dictionary<(object Invariants, string Cycle), (Dictionary<int, LinearTransition>? Linear, RankingNode? Node, bool PhasesTried, NestedProof? Phases)> cheapRankings = [];
    private readonly Dictionary<object, List<Transition>> possibleUbByInvariants = new(ReferenceEqualityComparer.Instance);

    // Whether some attempt gave every cycle a lexicographic ranking function under inductive invariants. Then no run
    // comes back to a state it was in, and searching for one cannot succeed.
    private bool everyCycleRanked;

    private List<int> LoopHeads() => [.. ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead).Select(c => c.Id)];

    /// <summary>The transitions into undefined behaviour that the invariants do not exclude; complete lists are kept per invariants.</summary>
    private List<Transition> PossibleUndefinedBehaviour(Dictionary<int, Formula> invariants, Func<int, Formula> pre, bool stopAtFirst)
    {
        if (possibleUbByInvariants.TryGetValue(invariants, out var known))
        {
            return known;
        }

        var possible = new List<Transition>();
        foreach (var t in ts.Transitions.Where(t => ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour))
        {
            if (!IsUnsat(pre(t.From), t.Relation))
            {
                possible.Add(t);
                if (stopAtFirst)
                {
                    return possible;
                }
            }
        }

        possibleUbByInvariants[invariants] = possible;
        return possible;
    }

    /// <summary>The plain linear inequalities of an invariant: what Farkas' lemma takes.</summary>
    private static Formula PlainLinearPart(Formula invariant) => Formula.And(Invariants.Conjuncts(invariant).Where(Invariants.IsPlainLinear));

    /// <summary>Ranking functions for every cycle and the exclusion of undefined behaviour, given loop-head invariants.</summary>
    /// <remarks>
    /// The <paramref name="tier"/> bounds the techniques tried; a costlier attempt under the same invariants reuses
    /// what a cheaper one found.
    /// </remarks>
    private ProofAttempt AttemptProof(ProofTier tier, Dictionary<int, Formula> invariants)
    {
        Formula Pre(int c) => c == ts.Entry ? ts.Initial : invariants.GetValueOrDefault(c) ?? Formula.True;
        var quick = tier == ProofTier.Quick;

        // Undefined behaviour the invariants cannot exclude; a quick attempt stops at the first.
        var possibleUb = PossibleUndefinedBehaviour(invariants, Pre, stopAtFirst: quick);
        if (quick && possibleUb.Count > 0)
        {
            return new ProofAttempt(null, null, possibleUb);
        }

        // Ranking functions for every cycle.
        var cyclic = ts.Transitions.Where(t => ts.IsLoopHead(t.From) && ts.IsLoopHead(t.To)).ToList();
        var components = Scc.Components(cyclic);
        var roots = ImmutableArray.CreateBuilder<RankingNode>();
        var disjunctive = ImmutableArray.CreateBuilder<DisjunctiveProof>();
        var squared = ImmutableArray.CreateBuilder<SquaredProof>();
        var partitioned = ImmutableArray.CreateBuilder<PartitionProof>();
        var nested = ImmutableArray.CreateBuilder<NestedProof>();
        string? rankingFailure = null;
        foreach (var component in components)
        {
            // Disjunctions, disequalities and non-linear atoms in the invariant would multiply the polyhedra of every
            // transition: Farkas gets the plain linear inequalities (the checker still uses the whole invariant).
            Formula LinearPre(int c) => PlainLinearPart(Pre(c));
            var key = (invariants, string.Join(",", component));
            if (!cheapRankings.TryGetValue(key, out var cheap))
            {
                var linear = Linearize(component, LinearPre);
                var lexicographic = linear is null ? null : LexicographicRanking.Prove(component, linear, RankingVariables(), rankingTemplates, smt, QueryTimeout);
                cheap = (linear, lexicographic, false, null);
            }

            // A quick attempt leaves the multiphase one to a later attempt.
            if (cheap.Node is null && !quick && !cheap.PhasesTried && allTechniques && cheap.Linear is { } forPhases)
            {
                cheap = cheap with { PhasesTried = true, Phases = NestedRanking.Find(component, forPhases, RankingVariables(), smt, QueryTimeout) };
            }

            cheapRankings[key] = cheap;

            var (linearized, node, _, multiphase) = cheap;
            if (node is null && multiphase is { } phases)
            {
                nested.Add(phases);
                continue;
            }

            // The techniques that multiply the transitions come last, the cheaper first: regions multiply them by the
            // branch conditions, two iterations at a time by themselves.
            if (node is null && tier == ProofTier.Full && allTechniques && PartitionedRanking(component, Pre, LinearPre) is { } byRegion)
            {
                partitioned.Add(byRegion);
                continue;
            }

            if (node is null && tier == ProofTier.Full && SquaredRanking(component, LinearPre) is { } twoAtATime)
            {
                squared.Add(twoAtATime);
                continue;
            }

            if (node is null && tier == ProofTier.Full && linearized is not null && DisjunctiveRanking.Find(component, linearized, RankingVariables(), smt, QueryTimeout) is { } transitionInvariant)
            {
                disjunctive.Add(transitionInvariant);
                continue;
            }

            if (node is null)
            {
                rankingFailure = $"no lexicographic linear ranking function found for the {ts.Cutpoint(ts.Transitions[component[0]].From).Description}";
                break;
            }

            roots.Add(node);
        }

        // Lexicographic ranking functions under inductive invariants leave no run that repeats a state.
        everyCycleRanked |= rankingFailure is null && roots.Count == components.Count;

        if (rankingFailure is null && possibleUb.Count == 0)
        {
            var proof = new TerminationProof(invariants.ToImmutableDictionary(), roots.ToImmutable()) { Disjunctive = disjunctive.ToImmutable(), Squared = squared.ToImmutable(), Partitioned = partitioned.ToImmutable(), Nested = nested.ToImmutable() };
            var checker = Checker();
            var failure = checker.Check(proof);
            if (failure is null)
            {
                return new ProofAttempt(new Yes(Certify(proof)), null, possibleUb);
            }

            rankingFailure = $"the certificate did not pass the independent check: {failure}";
        }

        return new ProofAttempt(null, rankingFailure, possibleUb);
    }

    /// <summary>
    /// Lexicographic ranking functions for the regions of a one-head loop split by the conditions that tell its paths
    /// apart: loops that run one branch for a while and then only another rank each phase on its own.
    /// </summary>
    private PartitionProof? PartitionedRanking(ImmutableSortedSet<int> component, Func<int, Formula> pre, Func<int, Formula> linearPre)
    {
        var location = ts.Transitions[component[0]].From;
        if (component.Count > Partition.TransitionLimit || component.Any(id => ts.Transitions[id].From != location || ts.Transitions[id].To != location))
        {
            return null;
        }

        var predicates = DistinguishingConditions(component);
        if (predicates.Count == 0)
        {
            return null;
        }

        var invariant = pre(location);
        var refined = Partition.Refine(ts, component, predicates);
        var feasible = refined.Where(t => !IsUnsat(invariant, t.Relation)).ToList();
        return RankCycles(feasible, refined, _ => linearPre(location)) is { } roots
            ? new PartitionProof(component, location, [.. predicates], roots)
            : null;
    }

    /// <summary>
    /// Conditions on the current state that hold on some paths of the loop and fail on others (branch conditions),
    /// at most <see cref="Partition.PredicateLimit"/> of them, in the order they first appear.
    /// </summary>
    private List<Formula> DistinguishingConditions(ImmutableSortedSet<int> component)
    {
        var names = Invariants.ProgramVariables(ts).ToHashSet();
        var perTransition = component.Select(id => StateAtoms(ts.Transitions[id].Relation, names).ToHashSet()).ToList();
        var result = new List<Formula>();
        foreach (var atom in perTransition.SelectMany(a => a))
        {
            if (result.Count == Partition.PredicateLimit)
            {
                break;
            }

            // An atom every path tests the same way (the loop guard) does not tell paths apart.
            var everywhere = perTransition.All(a => a.Contains(atom)) || perTransition.All(a => a.Contains(atom.Negate()));
            if (!everywhere && !result.Contains(atom) && !result.Contains(atom.Negate()))
            {
                result.Add(atom);
            }
        }

        return result;
    }

    private static IEnumerable<Formula> StateAtoms(Formula f, HashSet<string> names) =>
        Invariants.Atoms(f).Where(a => LogicOps.Vars(a).Count > 0 && LogicOps.Vars(a).All(v => names.Contains(v.Name)));

    /// <summary>A lexicographic ranking function for the loop taken two iterations at a time, for one-head cycles.</summary>
    private SquaredProof? SquaredRanking(ImmutableSortedSet<int> component, Func<int, Formula> linearPre)
    {
        var location = ts.Transitions[component[0]].From;
        if (component.Count > Composition.TransitionLimit || component.Any(id => ts.Transitions[id].From != location || ts.Transitions[id].To != location))
        {
            return null;
        }

        // The middle state gets the plain linear part of the invariant: disjunctions there would multiply the cases of
        // every composed transition. The checker composes through the whole invariant, which only strengthens them.
        var composed = Composition.Square(ts, component, location, linearPre(location));
        return RankCycles(composed, composed, linearPre) is { } roots ? new SquaredProof(component, location, roots) : null;
    }

    /// <summary>
    /// Lexicographic ranking proofs for every cycle among <paramref name="candidates"/>, transitions derived from the
    /// program's (ids index <paramref name="all"/>), or null when some cycle has none.
    /// </summary>
    private ImmutableArray<RankingNode>? RankCycles(IReadOnlyList<Transition> candidates, IReadOnlyList<Transition> all, Func<int, Formula> linearPre)
    {
        var linear = Linearize([.. candidates.Select(t => t.Id)], linearPre, all);
        if (linear is null)
        {
            return null;
        }

        var roots = ImmutableArray.CreateBuilder<RankingNode>();
        foreach (var part in Scc.Components(candidates))
        {
            var node = LexicographicRanking.Prove(part, linear, RankingVariables(), rankingTemplates, smt, QueryTimeout);
            if (node is null)
            {
                return null;
            }

            roots.Add(node);
        }

        return roots.ToImmutable();
    }

    private string DescribeUb(IEnumerable<Transition> transitions) =>
        string.Join(", ", transitions.Select(t => ts.Cutpoint(t.To)).Select(c => $"{c.Description} at {c.Span}").Distinct());

    private ImmutableArray<string> RankingVariables() => [.. Invariants.ProgramVariables(ts)];

    private Dictionary<int, LinearTransition>? Linearize(ImmutableSortedSet<int> component, Func<int, Formula> pre, IReadOnlyList<Transition>? transitions = null)
    {
        var result = new Dictionary<int, LinearTransition>();
        foreach (var id in component)
        {
            var t = (transitions ?? ts.Transitions)[id];
            List<ImmutableList<LinearConstraint>> dnf;
            try
            {
                dnf = new Linearizer($"$aux{id}_").Dnf(Formula.And(pre(t.From), t.Relation));
            }
            catch (NotLinearizableException)
            {
                return null;
            }

            // Cases with no integer solution never run; dropping them keeps Farkas' lemma applicable. A case that is a
            // box once its equalities are solved is decided without the solver; Farkas' lemma takes the same reduction.
            var feasible = dnf
                .Select(p => (Polyhedron: p, Reduced: Farkas.EliminateEqualities(p)))
                .Where(c => Box.HasIntegerPoint(c.Reduced) ?? !IsUnsat(Formula.And(c.Polyhedron.Select(x => x.ToFormula()))))
                .ToList();
            result[id] = new LinearTransition(t, [.. feasible.Select(c => c.Polyhedron)], [.. feasible.Select(c => c.Reduced)]);
        }

        return result;
    }

    private SmtSession? scratch;
    private TimeSpan scratchCap;

    /// <summary>Whether the conjunction has no model; one solver serves all these small queries, each in its own scope.</summary>
    private bool IsUnsat(params Formula[] parts)
    {
        if (scratch is null || scratchCap != QueryCap)
        {
            scratch?.Dispose();
            scratch = smt.OpenSolver(QueryCap);
            scratchCap = QueryCap;
        }

        scratch.Push();
        try
        {
            foreach (var p in parts)
            {
                scratch.Assert(p);
            }

            return scratch.Check() == SatResult.Unsat;
        }
        finally
        {
            scratch.Pop();
        }
    }

    private readonly Dictionary<TimeSpan, CertificateChecker> checkers = [];

    /// <summary>
    /// The independent checker: built on first use (with a lowering, an encoding and solvers of its own) and kept
    /// for the rest of the analysis, one for each query limit. The time budget's token interrupts its queries as it
    /// does the prover's.
    /// </summary>
    private CertificateChecker Checker()
    {
        if (!checkers.TryGetValue(QueryCap, out var checker))
        {
            // Linear obligations are quick in any context, and sharing the analysis's saves creating one. How long a
            // non-linear check takes can depend on what the context saw before (its numbering of expressions, for one):
            // shared with the prover, checks near their time limit failed where they had passed, so those keep their own.
            checker = new CertificateChecker(program, function, semantics, facts, QueryCap, budgetToken, SolverClock, nonlinear ? null : smt);
            checkers[QueryCap] = checker;
        }

        return checker;
    }

    // ---- non-termination ----------------------------------------------------------------------------------

    private List<int> AnalyzedLoopHeads() =>
        [.. ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead && c.InAnalyzedFunction).Select(c => c.Id)];

    /// <summary>The loop heads of each strongly connected part of the loop-head graph.</summary>
    private List<ImmutableSortedSet<int>> LoopComponents()
    {
        var cyclic = ts.Transitions.Where(t => ts.IsLoopHead(t.From) && ts.IsLoopHead(t.To)).ToList();
        return [.. Scc.Components(cyclic).Select(c => c.SelectMany(id => new[] { ts.Transitions[id].From, ts.Transitions[id].To }).ToImmutableSortedSet())];
    }

    /// <summary>A replayed lasso of at most <paramref name="depth"/> steps, explained by a recurrent set when one is found.</summary>
    private No? FindLasso(ImmutableArray<Formula> candidates, int depth, int maxPeriod, int minDepth = 1)
    {
        // Recursive calls repeat a state at the head of their function, inlined or not.
        var heads = AnalyzedLoopHeads().Union(ts.Cutpoints.Where(c => c.IsRecursionHead).Select(c => c.Id)).ToList();
        if (heads.Count == 0 || everyCycleRanked)
        {
            return null;
        }

        var lasso = RunSearch.Lasso(ts, heads, depth, maxPeriod, smt, QueryTimeout, () => OutOfTime, minDepth);
        if (lasso is not { } found)
        {
            return null;
        }

        var (run, head, stem, period) = found;
        var draws = StemAndCycles(run, stem);
        var component = LoopComponents().FirstOrDefault(c => c.Contains(head));
        var checker = Checker();
        var proof = new LassoProof(run.Inputs, draws, head);
        if (checker.Check(proof) is not null)
        {
            return null;
        }

        // The replayed lasso is the proof; a recurrent set only explains it, so it gets a budget of its own, counted in
        // solver rounds rather than time so that the explanation does not depend on the machine's load. Comparisons
        // without modulo go first: they usually suffice, and are cheaper to close and shrink.
        var rounds = 0;
        bool Stop() => ++rounds > ExplanationRounds || OutOfTime;
        var plain = candidates.Where(c => c is Cmp && !c.ToString()!.Contains(" mod ", StringComparison.Ordinal)).ToImmutableArray();
        var explanation = component is null ? null
            : RecurrentFrom(run.States[stem], head, component, plain, run, stem, Stop)
              ?? (plain.Length < candidates.Length ? RecurrentFrom(run.States[stem], head, component, candidates, run, stem, Stop) : null);
        var setIsValid = explanation is not null && checker.Check(explanation) is null;
        var recursion = ts.Cutpoint(head).IsRecursionHead;
        return new No(Witness(
            WitnessKind.Nontermination,
            run.Inputs,
            draws,
            recursion ? null : head,
            setIsValid && !recursion ? explanation!.Set : null,
            null,
            recursion
                ? $"a nested call starts in the state of a call of the same function that is still running ({ts.Cutpoint(head).Description}), so the calls never end"
                : $"the loop at {ts.Cutpoint(head).Span} comes back to the same state every {period} iteration{(period == 1 ? "" : "s")}"));
    }

    private No? FindNontermination(ImmutableArray<Formula> candidates)
    {
        var heads = AnalyzedLoopHeads();
        if (heads.Count == 0)
        {
            return null;
        }

        if (FindLasso(candidates, DeepLassoSearchDepth, LassoMaxPeriod, LassoSearchDepth + 1) is { } longer)
        {
            return longer;
        }

        var components = LoopComponents();
        ImmutableSortedSet<int>? ComponentOf(int head) => components.FirstOrDefault(c => c.Contains(head));

        // Hard closure queries can each take the whole query limit; the stage has a budget of its own, so that the
        // searches for undefined behaviour that come after it still get their turn.
        techniques.Add("closed recurrent sets from deep runs");
        var (stageTimeout, stageOver) = Stage(DeepRecurrenceBudget);
        foreach (var head in heads)
        {
            var component = ComponentOf(head);
            if (component is null || stageOver())
            {
                continue;
            }

            foreach (var bound in new BigInteger?[] { 16, null })
            {
                var deep = RunSearch.DeepRun(ts, head, component, 6, 8, bound, smt, stageTimeout, stageOver);
                if (deep is not { } d)
                {
                    continue;
                }

                // The last visit of the deep run first: later states show the loop's long-run behaviour best.
                var visits = Enumerable.Range(d.StemSteps, d.Run.Cutpoints.Length - d.StemSteps).Where(i => d.Run.Cutpoints[i] == head).Reverse().ToList();
                // Cones come from the run with small inputs only: from large states their coefficients are large too,
                // and each query slow. They get a fixed number of solver rounds, like an explanation, and only linear
                // loops get them: those are the loops that diverge along an eigenvector.
                var rays = bound is null || nonlinear ? [] : Rays(visits.Take(3).Select(i => d.Run.States[i]));
                foreach (var index in visits.Take(2))
                {
                    var rounds = 0;
                    var proof = RecurrentFrom(d.Run.States[index], head, component, candidates, d.Run, index, stageOver, stageTimeout)
                        ?? (rays.IsEmpty ? null : RecurrentFrom(d.Run.States[index], head, component, candidates.AddRange(rays), d.Run, index, () => ++rounds > ConeRounds || stageOver(), stageTimeout));
                    if (proof is null)
                    {
                        continue;
                    }

                    var checker = Checker();
                    if (checker.Check(proof) is null)
                    {
                        var kind = proof.Set.AllowsUndefinedBehaviour ? WitnessKind.NonterminationOrUndefinedBehaviour : WitnessKind.Nontermination;
                        var explanation = proof.Set.AllowsUndefinedBehaviour
                            ? $"from this input the loop at {ts.Cutpoint(head).Span} never exits; it runs forever or reaches signed overflow"
                            : $"from this input the loop at {ts.Cutpoint(head).Span} never exits";
                        return new No(Witness(kind, proof.Inputs, proof.Draws, head, proof.Set, null, explanation));
                    }
                }
            }
        }

        return null;
    }

    private const int RayVariableLimit = 6;
    private const int ConeRounds = 48;

    /// <summary>
    /// Cones through the origin from the states of a run: for each pair of variables (u, v) and each state s, the
    /// half-planes s(u)·v − s(v)·u ≥ 0 and ≤ 0, which compare the ratio v/u with the one at s. A loop that diverges
    /// along an eigenvector, with states that never repeat (x, y ↦ 2x + 4y, 4x), has such a ratio converging while it
    /// alternates around its limit, so the half-planes through two consecutive states enclose a closed cone. For such
    /// loops this stands in for Leike and Heizmann's geometric non-termination arguments.
    /// </summary>
    private ImmutableArray<Formula> Rays(IEnumerable<ImmutableDictionary<string, BigInteger>> states)
    {
        var variables = RankingVariables().Take(RayVariableLimit).ToList();
        var result = new List<Formula>();
        foreach (var state in states)
        {
            for (var i = 0; i < variables.Count; i++)
            {
                for (var j = i + 1; j < variables.Count; j++)
                {
                    if (!state.TryGetValue(variables[i], out var su) || !state.TryGetValue(variables[j], out var sv) || (su.IsZero && sv.IsZero))
                    {
                        continue;
                    }

                    // su·v − sv·u, scaled down by the common divisor
                    var divisor = BigInteger.GreatestCommonDivisor(su, sv);
                    var ray = (new Const(su / divisor) * new Var(variables[j])) - (new Const(sv / divisor) * new Var(variables[i]));
                    result.Add(Formula.Ge(ray, new Const(0)));
                    result.Add(Formula.Le(ray, new Const(0)));
                }
            }
        }

        return [.. result.Distinct()];
    }

    private RecurrentSetProof? RecurrentFrom(
        ImmutableDictionary<string, BigInteger> sample,
        int head,
        ImmutableSortedSet<int> component,
        ImmutableArray<Formula> candidates,
        FoundRun run,
        int stemSteps,
        Func<bool>? stop = null,
        Func<TimeSpan>? timeout = null)
    {
        var visit = run.Cutpoints.Take(stemSteps + 1).Skip(1).Count(c => c == head);
        var stemDraws = run.DrawsOfFirst(stemSteps);
        foreach (var allowUb in semantics == IntegerSemantics.C ? new[] { false, true } : [false])
        {
            var set = Recurrence.Find(ts, component, head, sample, candidates, allowUb, smt, timeout ?? QueryTimeout, stop ?? (() => OutOfTime));
            if (set is not null)
            {
                return new RecurrentSetProof(run.Inputs, stemDraws, head, visit, component, set);
            }
        }

        return null;
    }

    /// <summary>Stem draws followed by the cycle's draws twice, enough for a replay to see the state repeat.</summary>
    private ImmutableArray<BigInteger> StemAndCycles(FoundRun run, int stem)
    {
        var stemDraws = run.DrawsOfFirst(stem);
        var cycle = run.Draws.Skip(stemDraws.Length).ToList();
        return [.. stemDraws, .. cycle, .. cycle];
    }

    /// <summary>
    /// Undefined behaviour too deep for the bounded search, such as an overflow after hundreds of iterations: runs the
    /// program concretely, far longer, from an input that reaches a loop and from all-zero inputs. Only inputs whose
    /// run needs no further nondeterministic values qualify; the replay in the checker confirms the witness.
    /// </summary>
    private No? LongRunToUndefinedBehaviour()
    {
        var heads = AnalyzedLoopHeads();
        if (heads.Count == 0 || OutOfTime)
        {
            return null;
        }

        var starts = new List<(ImmutableArray<BigInteger> Inputs, ImmutableArray<BigInteger> Draws)>();
        var toLoop = RunSearch.Reach(ts, k => Formula.Or(heads.Select(h => Formula.Eq(Unrolling.Pc(k), new Const(h)))), LongRunStemDepth, smt, QueryTimeout, () => OutOfTime);
        if (toLoop is not null)
        {
            starts.Add((toLoop.Inputs, toLoop.Draws));
        }

        starts.Add(([.. ts.Parameters.Select(_ => BigInteger.Zero)], []));
        var checker = Checker();
        foreach (var (inputs, draws) in starts)
        {
            if (checker.Run(inputs, draws, null).Outcome is Interpretation.UndefinedBehaviour && ConfirmUndefinedBehaviour(inputs, draws) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private No? ConfirmUndefinedBehaviour(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws)
    {
        var checker = Checker();
        var proof = new UndefinedBehaviourProof(inputs, draws);
        if (checker.Check(proof) is not null)
        {
            return null;
        }

        var replay = checker.Run(inputs, draws, null);
        var at = replay.Outcome is Interpretation.UndefinedBehaviour ub ? ub : null;
        return new No(Witness(
            WitnessKind.UndefinedBehaviour,
            inputs,
            draws,
            null,
            null,
            at?.At,
            $"this input reaches undefined behaviour: {at?.What ?? "unknown"}"));
    }

    private NonterminationWitness Witness(WitnessKind kind, ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws, int? head, RecurrentSet? set, SourceSpan? ubAt, string explanation) =>
        new(
            kind,
            [.. ts.Parameters.Zip(inputs, (p, v) => new InputValue(p.Name, v))],
            draws,
            head is { } h ? ts.Cutpoint(h).Span : null,
            head is { } h2 && set is not null ? Display.Conjunction(set.Sets[h2], IsTypeBound) : null,
            ubAt,
            explanation);

    private const int DisplayReductionLimit = 64;

    // Reductions already made, each result also mapped to itself: a reduced invariant is displayed without a second pass.
    private readonly Dictionary<Formula, Formula> reductions = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// An equivalent, shorter invariant: conjuncts that the remaining ones imply are dropped, later ones (the generated
    /// orderings and bounds) first. For the ranking techniques and for display.
    /// </summary>
    private Formula WithoutImpliedConjuncts(Formula invariant)
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
        if (kept.Count > DisplayReductionLimit || OutOfTime)
        {
            return Formula.And(kept);
        }

        for (var i = kept.Count - 1; i >= 0; i--)
        {
            var others = kept.Where((_, j) => j != i).ToList();
            if (IsUnsat(Formula.And(others), kept[i].Negate()))
            {
                kept = others;
            }
        }

        return Formula.And(kept);
    }

    /// <summary>
    /// True for an atom that every state satisfies because of the variables' types alone (such as x + y ≤ 4294967294
    /// for two ints): it says nothing, so certificates leave it out. Decided by interval arithmetic over the ranges.
    /// </summary>
    private bool IsTypeBound(Formula atom)
    {
        if (atom is not Cmp)
        {
            return false;
        }

        List<System.Collections.Immutable.ImmutableList<LinearConstraint>> dnf;
        try
        {
            dnf = new Linearizer("$range").Dnf(atom);
        }
        catch (NotLinearizableException)
        {
            return false;
        }

        var types = ts.Variables.ToDictionary(v => v.Name, v => rules.Effective(v.Type));
        return dnf.Count == 1 && dnf[0].All(c =>
        {
            // Σ aᵢxᵢ + k ≤ 0 holds everywhere when its maximum over the type ranges is ≤ 0.
            var maximum = c.Expr.Constant;
            foreach (var (name, coefficient) in c.Expr.Coefficients)
            {
                if (!types.TryGetValue(name, out var type) || !type.IsMachineInteger)
                {
                    return false;
                }

                maximum += coefficient * (coefficient.Sign > 0 ? IntegerRules.Max(type) : IntegerRules.Min(type));
            }

            return maximum.Sign <= 0;
        });
    }

    private TerminationCertificate Certify(TerminationProof proof)
    {
        var loops = ImmutableArray.CreateBuilder<LoopProof>();
        foreach (var head in ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead))
        {
            var ranking = new List<string>();
            void Walk(IEnumerable<RankingNode> nodes)
            {
                foreach (var n in nodes)
                {
                    if (n.Component.Function.TryGetValue(head.Id, out var f) && n.Transitions.Any(id => ts.Transitions[id].From == head.Id))
                    {
                        ranking.Add(f.ToString());
                    }

                    Walk(n.Children);
                }
            }

            Walk(proof.Ranking);
            foreach (var sq in proof.Squared.Where(sq => sq.Location == head.Id))
            {
                var functions = new List<string>();
                void Collect(IEnumerable<RankingNode> nodes)
                {
                    foreach (var n in nodes)
                    {
                        functions.Add(n.Component.Function[head.Id].ToString());
                        Collect(n.Children);
                    }
                }

                Collect(sq.Ranking);
                ranking.Add($"two iterations at a time: {string.Join(", ", functions.Distinct())}");
            }

            foreach (var phases in proof.Nested.Where(p => p.Location == head.Id))
            {
                ranking.Add($"in phases: {string.Join(", then ", phases.Functions)} (each decreases once the previous one is at most 0; the last stays non-negative)");
            }

            foreach (var part in proof.Partitioned.Where(p => p.Location == head.Id))
            {
                var regions = new List<string>();
                foreach (var node in part.Ranking)
                {
                    var functions = new List<string>();
                    void Collect(RankingNode n)
                    {
                        functions.AddRange(n.Component.Function.Values.Select(f => f.ToString()));
                        foreach (var child in n.Children)
                        {
                            Collect(child);
                        }
                    }

                    Collect(node);
                    var region = Partition.Region(part.Predicates, node.Component.Function.Keys.Min() - Partition.RegionLocation(ts, 0));
                    regions.Add($"where {Display.Conjunction(region)}: {string.Join(", ", functions.Distinct())}");
                }

                ranking.Add($"by regions: {string.Join("; ", regions)}");
            }

            foreach (var d in proof.Disjunctive.Where(d => d.Location == head.Id))
            {
                var cases = d.Functions.Zip(d.Guards, (f, g) => g is BoolConst { Value: true } ? f.ToString() : $"{f} (from states where {Display.Conjunction(g)})");
                ranking.Add($"transition invariant: every run of iterations decreases one of {string.Join("; ", cases)}, each bounded below by 0");
            }

            var invariant = proof.Invariants.GetValueOrDefault(head.Id) ?? Formula.True;
            loops.Add(new LoopProof(head.Span, Display.Conjunction(WithoutImpliedConjuncts(invariant), IsTypeBound), [.. ranking]));
        }

        var notes = ImmutableArray.CreateBuilder<string>();
        if (ts.Transitions.Any(t => ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour))
        {
            notes.Add("no undefined behaviour is reachable (checked against the invariants)");
        }

        foreach (var (name, value) in facts)
        {
            notes.Add($"relies on terminates({name}) = {(value ? "true" : "false")}");
        }

        return new TerminationCertificate(loops.ToImmutable(), notes.ToImmutable());
    }

    // ---- can-return ---------------------------------------------------------------------------------------

    private CanReturnResult DecideCanReturn(string literal)
    {
        if (ts.ReturnVariable is null)
        {
            throw new SourceException(function.Span, $"--can-return: '{function.Name}' returns no value");
        }

        var value = ParseLiteral(literal, function.Span);
        var ret = ts.ReturnVariable;
        var run = RunSearch.Reach(ts, k => Formula.And(Formula.Eq(Unrolling.Pc(k), new Const(ts.Exit)), Formula.Eq(Unrolling.At(ret, k), new Const(value))), UndefinedBehaviourSearchDepth, smt, QueryTimeout, () => OutOfTime);
        var checker = Checker();
        if (run is not null && checker.CheckReturns(run.Inputs, run.Draws, value) is null)
        {
            return new CanReturnResult(literal, "Yes", [.. ts.Parameters.Zip(run.Inputs, (p, v) => new InputValue(p.Name, v))], run.Draws, $"this input returns {literal}");
        }

        var proof = new CannotReturnProof(value, LoopInvariants().ToImmutableDictionary());
        var failure = checker.Check(proof);
        return failure is null
            ? new CanReturnResult(literal, "No", [], [], $"no input makes {function.Name} return {literal} (proved for all inputs)")
            : new CanReturnResult(literal, "DontKnow", [], [], $"no input returning {literal} was found, and it could not be ruled out");
    }

    private BigInteger ParseLiteral(string literal, SourceSpan span) =>
        ReturnLiteral.Parse(literal, program.Language)
        ?? throw new SourceException(span, $"--can-return: '{literal}' is not a literal of this language");
}
