namespace Terminator.Core;

/// <summary>
/// The prover's tuning: every budget, cap, depth and count that decides how hard each stage of the analysis tries,
/// grouped by stage. Immutable; <see cref="Default"/> is what <see cref="AnalysisOptions"/> carries unless told
/// otherwise. Tuning changes how much is tried, never what counts as a proof: every answer is still re-checked.
/// </summary>
public sealed record ProverTuning
{
    /// <summary>The tuning the analysis uses unless told otherwise.</summary>
    public static ProverTuning Default { get; } = new();

    /// <summary>How long one solver query may take.</summary>
    public QueryTuning Queries { get; init; } = new();

    /// <summary>Invariant inference: concrete runs that prune and suggest candidates, and the strengthening stage.</summary>
    public InvariantTuning Invariants { get; init; } = new();

    /// <summary>The ranking provers: how deep and how many pieces they try.</summary>
    public RankingTuning Ranking { get; init; } = new();

    /// <summary>The searches for a No: lassos, recurrent sets, undefined behaviour.</summary>
    public NonterminationTuning Nontermination { get; init; } = new();

    /// <summary>Return-value summaries of recursive functions: sampling runs and the time they may take.</summary>
    public SummaryTuning Summaries { get; init; } = new();

    /// <summary>The message of the first value that is out of range, or null when every value is usable.</summary>
    internal string? Problem()
    {
        (string Name, double Value)[] positive =
        [
            ("Queries.LinearQueryCap", Queries.LinearQueryCap.TotalMilliseconds),
            ("Queries.NonlinearQueryCap", Queries.NonlinearQueryCap.TotalMilliseconds),
            ("Queries.PolynomialProofQueryCap", Queries.PolynomialProofQueryCap.TotalMilliseconds),
            ("Queries.ReductionQueryCap", Queries.ReductionQueryCap.TotalMilliseconds),
        ];
        (string Name, double Value)[] nonNegative =
        [
            ("Invariants.ReachedStateRuns", Invariants.ReachedStateRuns),
            ("Invariants.ReachedStateArrivals", Invariants.ReachedStateArrivals),
            ("Invariants.ReachedStateSteps", Invariants.ReachedStateSteps),
            ("Invariants.PolynomialSampleRuns", Invariants.PolynomialSampleRuns),
            ("Invariants.PolynomialVariableLimit", Invariants.PolynomialVariableLimit),
            ("Invariants.LinearEqualityVariableLimit", Invariants.LinearEqualityVariableLimit),
            ("Invariants.PolynomialContributingRuns", Invariants.PolynomialContributingRuns),
            ("Invariants.SampleArrivals", Invariants.SampleArrivals),
            ("Invariants.SampleStepLimit", Invariants.SampleStepLimit),
            ("Invariants.SampleDraws", Invariants.SampleDraws),
            ("Invariants.SmallInputRange", Invariants.SmallInputRange),
            ("Invariants.LargeInputRange", Invariants.LargeInputRange),
            ("Invariants.StrengtheningBudgetPerLoop", Invariants.StrengtheningBudgetPerLoop.TotalMilliseconds),
            ("Invariants.StrengtheningBudgetCap", Invariants.StrengtheningBudgetCap.TotalMilliseconds),
            ("Invariants.QuickHornBudget", Invariants.QuickHornBudget.TotalMilliseconds),
            ("Invariants.HornBudget", Invariants.HornBudget.TotalMilliseconds),
            ("Invariants.ReductionConjunctLimit", Invariants.ReductionConjunctLimit),
            ("Invariants.OrderingPairLimit", Invariants.OrderingPairLimit),
            ("Invariants.GuardedOrderingVariableLimit", Invariants.GuardedOrderingVariableLimit),
            ("Invariants.EntryBoundVariableLimit", Invariants.EntryBoundVariableLimit),
            ("Invariants.StepDirectionLoopLimit", Invariants.StepDirectionLoopLimit),
            ("Ranking.LexicographicMaxDepth", Ranking.LexicographicMaxDepth),
            ("Ranking.MultiphaseMaxDepth", Ranking.MultiphaseMaxDepth),
            ("Ranking.DisjunctivePieceLimit", Ranking.DisjunctivePieceLimit),
            ("Summaries.Budget", Summaries.Budget.TotalMilliseconds),
            ("Summaries.SampleRuns", Summaries.SampleRuns),
            ("Summaries.SampleStepLimit", Summaries.SampleStepLimit),
            ("Summaries.SmallArgumentBound", Summaries.SmallArgumentBound),
            ("Nontermination.ReachDepth", Nontermination.ReachDepth),
            ("Nontermination.QuickReachBudget", Nontermination.QuickReachBudget.TotalMilliseconds),
            ("Nontermination.QuickLassoBudget", Nontermination.QuickLassoBudget.TotalMilliseconds),
            ("Nontermination.QuickLassoDepth", Nontermination.QuickLassoDepth),
            ("Nontermination.QuickLassoPeriod", Nontermination.QuickLassoPeriod),
            ("Nontermination.LassoDepth", Nontermination.LassoDepth),
            ("Nontermination.DeepLassoDepth", Nontermination.DeepLassoDepth),
            ("Nontermination.LassoMaxPeriod", Nontermination.LassoMaxPeriod),
            ("Nontermination.ExplanationRounds", Nontermination.ExplanationRounds),
            ("Nontermination.DeepRecurrenceBudget", Nontermination.DeepRecurrenceBudget.TotalMilliseconds),
            ("Nontermination.DeepRunStay", Nontermination.DeepRunStay),
            ("Nontermination.DeepRunMaxStem", Nontermination.DeepRunMaxStem),
            ("Nontermination.DeepRunInputBound", Nontermination.DeepRunInputBound),
            ("Nontermination.DeepRunVisits", Nontermination.DeepRunVisits),
            ("Nontermination.RayStates", Nontermination.RayStates),
            ("Nontermination.RayVariableLimit", Nontermination.RayVariableLimit),
            ("Nontermination.ConeRounds", Nontermination.ConeRounds),
            ("Nontermination.LongRunStemDepth", Nontermination.LongRunStemDepth),
            ("Nontermination.ReachabilityBudget", Nontermination.ReachabilityBudget.TotalMilliseconds),
        ];
        var bad = positive.Where(p => p.Value <= 0).Select(p => $"ProverTuning.{p.Name} must be positive")
            .Concat(nonNegative.Where(p => p.Value < 0).Select(p => $"ProverTuning.{p.Name} must not be negative"));
        return bad.FirstOrDefault();
    }
}

/// <summary>How long one solver query may take, by the kind of arithmetic it has.</summary>
public sealed record QueryTuning
{
    /// <summary>The limit of a query on a program with linear arithmetic only.</summary>
    public TimeSpan LinearQueryCap { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The limit of a query on a program with non-linear arithmetic: such queries either come back quickly or not at
    /// all, and waiting long on each one only spends the budget that the other techniques need.
    /// </summary>
    public TimeSpan NonlinearQueryCap { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The limit while a proof rests on a proved polynomial equality, which goes into every query of the proof and of
    /// its check: those queries are worth a longer wait.
    /// </summary>
    public TimeSpan PolynomialProofQueryCap { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// The limit of each query that asks whether the other conjuncts of an invariant imply one of them. A query that
    /// runs out keeps its conjunct, which costs only length; waiting the full cap on each one made the rendering of
    /// one certificate take longer than its proof.
    /// </summary>
    public TimeSpan ReductionQueryCap { get; init; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>Invariant inference: the concrete runs that prune and suggest candidates, and the strengthening stage.</summary>
public sealed record InvariantTuning
{
    /// <summary>The seed of the runs whose loop-head states drop candidates up front (repeatable analyses).</summary>
    public int ReachedStateSeed { get; init; } = 20142;

    /// <summary>How many runs that reach a loop head give the states that drop candidates up front.</summary>
    public int ReachedStateRuns { get; init; } = 4;

    /// <summary>How many arrivals at the loop head each of those runs records.</summary>
    public int ReachedStateArrivals { get; init; } = 16;

    /// <summary>The step limit of each of those runs.</summary>
    public int ReachedStateSteps { get; init; } = 1_000;

    /// <summary>The seed of the runs that suggest polynomial equalities.</summary>
    public int PolynomialSampleSeed { get; init; } = 20141;

    /// <summary>The most runs that suggest polynomial equalities, per loop head.</summary>
    public int PolynomialSampleRuns { get; init; } = 64;

    /// <summary>The most variables at a loop head for which polynomial equalities are guessed (monomials grow with their square).</summary>
    public int PolynomialVariableLimit { get; init; } = 7;

    /// <summary>
    /// The most variables at a loop head for which linear equalities are guessed from the reached states (each
    /// needs more distinct states than variables, and the candidates it gives cost Houdini a round).
    /// </summary>
    public int LinearEqualityVariableLimit { get; init; } = 12;

    /// <summary>How many runs must reach the loop head before equalities are guessed (equalities among inputs alone are not invariants).</summary>
    public int PolynomialContributingRuns { get; init; } = 12;

    /// <summary>How many arrivals at the loop head one sampling run records.</summary>
    public int SampleArrivals { get; init; } = 64;

    /// <summary>The step limit of one sampling run.</summary>
    public int SampleStepLimit { get; init; } = 5_000;

    /// <summary>How many nondeterministic values one sampling run may draw.</summary>
    public int SampleDraws { get; init; } = 64;

    /// <summary>The bound of small random inputs: from [0, m] or [−m, m].</summary>
    public int SmallInputRange { get; init; } = 24;

    /// <summary>The bound of larger random inputs, which let a loop that counts up to an input run for a while.</summary>
    public int LargeInputRange { get; init; } = 400;

    /// <summary>
    /// The budget of the strengthening stage (bounds along combinations that no iteration increases) for each loop
    /// head with a loop of its own, of the analyzed function and of the functions it calls; at most
    /// <see cref="StrengtheningBudgetCap"/> in all.
    /// </summary>
    public TimeSpan StrengtheningBudgetPerLoop { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>The most the strengthening stage may take, however many loops it strengthens.</summary>
    public TimeSpan StrengtheningBudgetCap { get; init; } = TimeSpan.FromMilliseconds(3000);

    /// <summary>
    /// The most the first query to Spacer (Z3's constrained-Horn-clause engine) may take when it looks for invariants
    /// that exclude the undefined behaviour the cheap proof could not. Most answers come well within it.
    /// </summary>
    public TimeSpan QuickHornBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most the second query to Spacer may take, once every other proof has failed.</summary>
    public TimeSpan HornBudget { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Invariants with more conjuncts than this are not reduced to the conjuncts the others do not imply.</summary>
    public int ReductionConjunctLimit { get; init; } = 64;

    /// <summary>How many variables (in declaration order) get the orderings x ≤ y, x &lt; y ... as cheap candidates.</summary>
    public int OrderingPairLimit { get; init; } = 10;

    /// <summary>How many variables get orderings guarded by a source condition ("¬condition ∨ x &lt; y").</summary>
    public int GuardedOrderingVariableLimit { get; init; } = 6;

    /// <summary>How many variables the optimized entry bounds (octagons and step directions) range over.</summary>
    public int EntryBoundVariableLimit { get; init; } = 6;

    /// <summary>The most self-loops for which combinations that no iteration increases are derived from constant steps.</summary>
    public int StepDirectionLoopLimit { get; init; } = 8;
}

/// <summary>The ranking provers: how deep and how many pieces they try.</summary>
public sealed record RankingTuning
{
    /// <summary>The most nested components of a lexicographic ranking function.</summary>
    public int LexicographicMaxDepth { get; init; } = 32;

    /// <summary>The most phases of a multiphase ranking function (from 2 up).</summary>
    public int MultiphaseMaxDepth { get; init; } = 3;

    /// <summary>The most path cases (pieces) of a loop that a transition invariant ranks one by one.</summary>
    public int DisjunctivePieceLimit { get; init; } = 16;
}

/// <summary>The searches for a No: lassos, recurrent sets and undefined behaviour.</summary>
public sealed record NonterminationTuning
{
    /// <summary>
    /// The depth (in transitions) of bounded searches for a run that reaches a location: undefined behaviour, an
    /// assertion failure, a return of the asked value.
    /// </summary>
    public int ReachDepth { get; init; } = 24;

    /// <summary>
    /// The budget of the first, short bounded search for undefined behaviour, before the strengthening stage: a run
    /// into undefined behaviour that the search finds at once needs no stronger invariants.
    /// </summary>
    public TimeSpan QuickReachBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The depth of the short lasso search right after the first proof attempt.</summary>
    public int QuickLassoDepth { get; init; } = 4;

    /// <summary>
    /// The budget of the short lasso search: most of its queries settle in tens of milliseconds, and without a budget
    /// of its own one hard unrolling query per length (each up to the query cap) could spend the whole analysis's
    /// budget on a loop that terminates, before any costlier proof has had its turn.
    /// </summary>
    public TimeSpan QuickLassoBudget { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>The longest period of the short lasso search.</summary>
    public int QuickLassoPeriod { get; init; } = 2;

    /// <summary>The depth of the lasso search after the costliest ranking techniques.</summary>
    public int LassoDepth { get; init; } = 8;

    /// <summary>The depth of the last lasso search (it starts beyond <see cref="LassoDepth"/>).</summary>
    public int DeepLassoDepth { get; init; } = 12;

    /// <summary>The longest period of a lasso.</summary>
    public int LassoMaxPeriod { get; init; } = 6;

    /// <summary>The solver rounds that a recurrent set explaining a found lasso may take.</summary>
    public int ExplanationRounds { get; init; } = 24;

    /// <summary>The budget of the search for closed recurrent sets from deep runs.</summary>
    public TimeSpan DeepRecurrenceBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The budget of the bounded search for undefined behaviour that runs after a No for non-termination, to answer
    /// <see cref="UndefinedBehaviourAnswers.UndefinedBehaviourReachable"/> (the strategy stops at the No before its
    /// own searches for undefined behaviour).
    /// </summary>
    public TimeSpan ReachabilityBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many iterations a deep run stays in its loop.</summary>
    public int DeepRunStay { get; init; } = 6;

    /// <summary>The longest stem of a deep run.</summary>
    public int DeepRunMaxStem { get; init; } = 8;

    /// <summary>The bound on the inputs of the first deep run (the second has none).</summary>
    public int DeepRunInputBound { get; init; } = 16;

    /// <summary>How many visits of the loop head of a deep run, latest first, a recurrent set is grown from.</summary>
    public int DeepRunVisits { get; init; } = 2;

    /// <summary>How many states of a deep run give cones (ratios of variables).</summary>
    public int RayStates { get; init; } = 3;

    /// <summary>How many variables take part in cones.</summary>
    public int RayVariableLimit { get; init; } = 6;

    /// <summary>The solver rounds that a recurrent set with cones may take.</summary>
    public int ConeRounds { get; init; } = 48;

    /// <summary>The depth of the search for an input that reaches a loop, from which a long concrete run looks for undefined behaviour.</summary>
    public int LongRunStemDepth { get; init; } = 8;
}

/// <summary>
/// Return-value summaries of recursive functions: candidates come from sampling runs of each function on small
/// arguments and on the constants of its body, and the inductive ones are kept.
/// </summary>
public sealed record SummaryTuning
{
    /// <summary>How long finding the summaries of one analysis may take.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most sampling runs of one function.</summary>
    public int SampleRuns { get; init; } = 300;

    /// <summary>The steps one sampling run may take.</summary>
    public int SampleStepLimit { get; init; } = 2_000;

    /// <summary>Sampled arguments range from minus this bound to it, besides the constants of the body and their neighbours.</summary>
    public int SmallArgumentBound { get; init; } = 8;
}
