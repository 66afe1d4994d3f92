using System.Collections.Immutable;
using System.Diagnostics;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>
/// What every stage of one function's analysis shares: the program and its transition system, the solver context,
/// the time budget and the query limits derived from it, the independent checker, and the list of techniques tried.
/// </summary>
internal sealed class AnalysisContext : IDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan budget;
    private readonly Dictionary<TimeSpan, CertificateChecker> checkers = [];
    private readonly Dictionary<TimeSpan, SmtSession> scratches = [];

    public AnalysisContext(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, TimeSpan budget, ProverTuning tuning, SolverClock solverClock, CancellationToken budgetToken, ReturnSummaryProof? summaries = null)
    {
        Summaries = summaries;
        Program = program;
        Function = function;
        Semantics = semantics;
        Facts = facts;
        this.budget = budget;
        BudgetToken = budgetToken;
        Tuning = tuning;
        SolverClock = solverClock;
        Rules = new IntegerRules(program.Language, semantics);
        System = BlockEncoding.Encode(Lowering.Lower(program, function, semantics, facts, summaries?.Assumed), Rules, budgetToken);
        Nonlinear = System.Transitions.Any(t => LogicOps.IsNonlinear(t.Relation));
        Smt = new SmtContext(solverClock, budgetToken) { CoreSolverOnly = !Nonlinear };
    }

    public ProgramIr Program { get; }

    public FunctionDecl Function { get; }

    public IntegerSemantics Semantics { get; }

    public IReadOnlyDictionary<string, bool> Facts { get; }

    /// <summary>The checked return-value summaries that the transition system assumes at recursive calls, if any.</summary>
    public ReturnSummaryProof? Summaries { get; }

    public CancellationToken BudgetToken { get; }

    public ProverTuning Tuning { get; }

    public SolverClock SolverClock { get; }

    public IntegerRules Rules { get; }

    /// <summary>The prover's transition system (the checker builds its own).</summary>
    public TransitionSystem System { get; }

    /// <summary>The system that termination arguments are made over: <see cref="System"/> with each step between loop heads restricted to those that can be followed by another (see <see cref="Continuation"/>).</summary>
    public TransitionSystem RankingSystem => rankingSystem ??= Continuation.Restrict(System);

    private TransitionSystem? rankingSystem;

    /// <summary>Whether some transition has non-linear arithmetic.</summary>
    public bool Nonlinear { get; }

    public SmtContext Smt { get; }

    /// <summary>The techniques tried so far, in order, for a DontKnow.</summary>
    public List<string> Techniques { get; } = [];

    /// <summary>Set while a proof rests on a proved polynomial equality: its queries get a longer limit.</summary>
    public bool WithPolynomialInvariants { get; set; }

    private TimeSpan QueryCap =>
        !Nonlinear ? Tuning.Queries.LinearQueryCap : WithPolynomialInvariants ? Tuning.Queries.PolynomialProofQueryCap : Tuning.Queries.NonlinearQueryCap;

    private TimeSpan Remaining => budget <= TimeSpan.Zero ? TimeSpan.MaxValue : budget - clock.Elapsed;

    /// <summary>What remains of the analysis's budget (<see cref="TimeSpan.MaxValue"/> without one).</summary>
    public TimeSpan RemainingBudget => Remaining;

    /// <summary>Whether the analysis's budget is spent.</summary>
    public bool OutOfTime => budget > TimeSpan.Zero && Remaining <= TimeSpan.Zero;

    /// <summary>The limit of the next query: the query cap, cut to what remains of the budget.</summary>
    public TimeSpan QueryTimeout()
    {
        var remaining = Remaining;
        var t = remaining < QueryCap ? remaining : QueryCap;
        return t < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : t;
    }

    /// <summary>The whole remaining budget, as a stage.</summary>
    public StageBudget Whole => new(QueryTimeout, () => OutOfTime);

    /// <summary>
    /// A stage with a budget of its own, from now on: the query limit within it (the usual one, cut to what is left)
    /// and whether it is over (its budget or the analysis's spent).
    /// </summary>
    public StageBudget Stage(TimeSpan share)
    {
        var deadline = clock.Elapsed + share;
        TimeSpan Timeout()
        {
            var left = deadline - clock.Elapsed;
            var limit = left < QueryTimeout() ? left : QueryTimeout();
            return limit < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : limit;
        }

        return new(Timeout, () => clock.Elapsed > deadline || OutOfTime);
    }

    /// <summary>Whether the conjunction has no model; one solver serves all these small queries, each in its own scope.</summary>
    public bool IsUnsat(params Formula[] parts) => IsUnsatWithin(QueryCap, parts);

    /// <summary>
    /// As <see cref="IsUnsat"/>, with at most <paramref name="cap"/> for the query: for queries whose "unknown" costs
    /// little (one solver per cap serves them).
    /// </summary>
    public bool IsUnsatWithin(TimeSpan cap, params Formula[] parts)
    {
        cap = cap < QueryCap ? cap : QueryCap;
        if (!scratches.TryGetValue(cap, out var scratch))
        {
            scratch = Smt.OpenSolver(cap);
            scratches[cap] = scratch;
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

    /// <summary>
    /// The independent checker: built on first use (with a lowering, an encoding and solvers of its own) and kept
    /// for the rest of the analysis, one for each query limit. The time budget's token interrupts its queries as it
    /// does the prover's.
    /// </summary>
    public CertificateChecker Checker()
    {
        if (!checkers.TryGetValue(QueryCap, out var checker))
        {
            // Linear obligations are quick in any context, and sharing the analysis's saves creating one. How long a
            // non-linear check takes can depend on what the context saw before (its numbering of expressions, for one):
            // shared with the prover, checks near their time limit failed where they had passed, so those keep their own.
            checker = new CertificateChecker(Program, Function, Semantics, Facts, QueryCap, BudgetToken, SolverClock, Nonlinear ? null : Smt, Summaries);
            checkers[QueryCap] = checker;
        }

        return checker;
    }

    /// <summary>Every loop head, including those of inlined callees.</summary>
    public List<int> LoopHeads() => [.. System.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead).Select(c => c.Id)];

    /// <summary>The loop heads of the analyzed function itself.</summary>
    public List<int> AnalyzedLoopHeads() =>
        [.. System.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead && c.InAnalyzedFunction).Select(c => c.Id)];

    /// <summary>Where a lasso may close: every loop head, of the analyzed function and of the functions it calls, and the head of every recursive function.</summary>
    public List<int> LassoHeads() =>
        [.. System.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead).Select(c => c.Id)];

    /// <summary>The transitions between loop heads, where every cycle lies.</summary>
    public List<Transition> CyclicTransitions() => [.. System.Transitions.Where(t => System.IsLoopHead(t.From) && System.IsLoopHead(t.To))];

    /// <summary>The loop heads of each strongly connected part of the loop-head graph.</summary>
    public List<ImmutableSortedSet<int>> LoopComponents() =>
        [.. Scc.Components(CyclicTransitions()).Select(c => c.SelectMany(id => new[] { System.Transitions[id].From, System.Transitions[id].To }).ToImmutableSortedSet())];

    /// <summary>The program variables that ranking functions, guessed polynomial equalities and cones range over.</summary>
    /// <remarks>The arguments kept for a summarized call never change once the call began; they are left out, so that
    /// ranking functions speak of the variables that do.</remarks>
    public ImmutableArray<string> RankingVariables() => [.. Invariants.ProgramVariables(System).Where(v => !ReturnSummaries.IsKeptArgument(v))];

    /// <summary>The linear over-approximation of (precondition ∧ relation) of each transition, or null when one is not linearizable.</summary>
    public Dictionary<int, LinearTransition>? Linearize(ImmutableSortedSet<int> component, Func<int, Formula> pre, IReadOnlyList<Transition>? transitions = null, Func<int, Formula>? wholePre = null)
    {
        var result = new Dictionary<int, LinearTransition>();
        foreach (var id in component)
        {
            var t = (transitions ?? System.Transitions)[id];
            var linearPre = pre(t.From);

            // The linear part of an invariant leaves out its disjunctions and disequalities; when what it leaves out
            // already excludes the transition (x != y under the guard x == y: a loop never entered), the transition
            // has no case at all.
            if (wholePre?.Invoke(t.From) is { } whole && !whole.Equals(linearPre) && IsUnsat(whole, t.Relation))
            {
                result[id] = new LinearTransition(t, [], []);
                continue;
            }

            List<ImmutableList<LinearConstraint>> dnf;
            try
            {
                dnf = new Linearizer($"$aux{id}_").Dnf(Formula.And(linearPre, t.Relation));
            }
            catch (NotLinearizableException)
            {
                // Too many cases: those that only the values drawn on the way tell apart (what an element read from
                // memory is, and how it compares) are merged, which leaves a weaker relation between the states.
                try
                {
                    dnf = new Linearizer($"$aux{id}_").Dnf(Formula.And(linearPre, WithoutDrawnCaseSplits(t.Relation)));
                }
                catch (NotLinearizableException)
                {
                    return null;
                }
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

    /// <summary>
    /// <paramref name="relation"/> without its top-level conjuncts that split cases (disjunctions, disequalities,
    /// conditional terms, non-linear terms) and mention a value that is not a program variable before or after the
    /// step: a value drawn on the way (an element read from memory) or a temporary of the encoding. Leaving out
    /// conjuncts only weakens the relation, so a ranking function for the rest ranks the transition; the conjuncts
    /// kept still bound and move the program's variables, and the rest mostly tell apart cases that differ only in
    /// the values drawn.
    /// </summary>
    private Formula WithoutDrawnCaseSplits(Formula relation)
    {
        programNames ??= [.. Invariants.ProgramVariables(System).SelectMany(n => new[] { n, TransitionSystem.Post(n).Name })];
        var names = programNames;
        static bool HasConditional(Term t) => t switch
        {
            Ite => true,
            Arith a => HasConditional(a.Left) || HasConditional(a.Right),
            _ => false,
        };
        bool SplitsCases(Formula f) =>
            f is not Cmp { Op: not CmpOp.Ne } c || HasConditional(c.Left) || HasConditional(c.Right) || LogicOps.IsNonlinear(f);
        return Formula.And(Invariants.Conjuncts(relation).Where(c => !SplitsCases(c) || LogicOps.Vars(c).All(v => names.Contains(v.Name))));
    }

    private HashSet<string>? programNames;

    public void Dispose()
    {
        // Sessions belong to the context: dispose them first.
        foreach (var scratch in scratches.Values)
        {
            scratch.Dispose();
        }

        scratches.Clear();
        foreach (var checker in checkers.Values)
        {
            checker.Dispose();
        }

        checkers.Clear();
        Smt.Dispose();
    }
}

/// <summary>The budget of one stage: the limit of its next query, and whether it is over.</summary>
internal sealed record StageBudget(Func<TimeSpan> Timeout, Func<bool> Over);
