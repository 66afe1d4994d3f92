using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Cfg;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Certificates;

/// <summary>
/// Re-verifies certificates before an answer is returned. It rebuilds the transition system from the program
/// itself, translates and decides every obligation in solvers of its own with the exact integer semantics; witnesses
/// of No are replayed on the concrete interpreter. It never trusts the prover's linear abstraction or its LP.
/// </summary>
internal sealed class CertificateChecker : IDisposable
{
    private readonly ProgramIr program;
    private readonly FunctionDecl function;
    private readonly IntegerSemantics semantics;
    private readonly IReadOnlyDictionary<string, bool> facts;
    private readonly SmtContext smt;
    private readonly TimeSpan queryTimeout;

    // A context given by the caller (who keeps and disposes it) holds the checker's solvers; without one the checker
    // makes its own, which costs a few milliseconds per analysis.
    // Return-value summaries are used only once their proof has been checked here; one that fails leaves every
    // recursive call free to return any value, so proofs that relied on it fail.
    public CertificateChecker(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, TimeSpan queryTimeout, CancellationToken cancellationToken, SolverClock? solverClock = null, SmtContext? context = null, ReturnSummaryProof? summaries = null)
    {
        this.program = program;
        this.function = function;
        this.semantics = semantics;
        this.facts = facts;
        this.queryTimeout = queryTimeout;
        this.cancellationToken = cancellationToken;
        var rules = new IntegerRules(program.Language, semantics);
        ownsContext = context is null;
        var used = ReturnSummaries.None;
        SmtContext? early = null;
        if (summaries is not null && !summaries.Summaries.Items.IsEmpty)
        {
            early = context ?? new SmtContext(solverClock, cancellationToken);
            SummaryFailure = ReturnSummaryCheck.Check(program, semantics, facts, summaries, early, queryTimeout, cancellationToken);
            used = SummaryFailure is null ? summaries.Assumed : ReturnSummaries.None;
        }

        System = BlockEncoding.Encode(Lowering.Lower(program, function, semantics, facts, used), rules, cancellationToken);
        linear = !System.Transitions.Any(t => LogicOps.IsNonlinear(t.Relation));
        smt = early ?? context ?? new SmtContext(solverClock, cancellationToken) { CoreSolverOnly = linear };
    }

    /// <summary>Why the return-value summaries given to the checker do not hold; null when they hold or none were given.</summary>
    public string? SummaryFailure { get; }

    private readonly bool linear;
    private readonly CancellationToken cancellationToken;
    private readonly bool ownsContext;

    public TransitionSystem System { get; }

    /// <summary>The system termination arguments are checked over: <see cref="System"/> with each step between loop heads restricted to those that can be followed by another (see <see cref="Continuation"/>).</summary>
    private TransitionSystem RankingSystem => rankingSystem ??= Continuation.Restrict(System);

    private TransitionSystem? rankingSystem;

    public void Dispose()
    {
        session?.Dispose();
        if (ownsContext)
        {
            smt.Dispose();
        }
    }

    private SmtSession? session;

    /// <summary>
    /// Null when the proof holds for <paramref name="claim"/>; otherwise why it does not. A proof that assumes no
    /// undefined behaviour proves only <see cref="TerminationClaim.RunsWithoutUndefinedBehaviour"/>; one that does not
    /// must also exclude every transition into undefined behaviour, and then proves both claims.
    /// </summary>
    public string? Check(TerminationProof proof, TerminationClaim claim = TerminationClaim.EveryRun)
    {
        var ts = System;
        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : proof.Invariants.GetValueOrDefault(cutpoint) ?? Formula.True;
        if (claim == TerminationClaim.EveryRun && proof.AssumesNoUndefinedBehaviour)
        {
            return "the certificate covers only the runs that avoid undefined behaviour, so it does not prove that every run terminates";
        }

        var failure = CheckInvariants(
            proof.Invariants,
            proof.AssumesNoUndefinedBehaviour ? _ => false : to => ts.Cutpoint(to).Kind == NodeKind.UndefinedBehaviour,
            to => $"undefined behaviour at {ts.Cutpoint(to).Span} is not excluded");
        if (failure is not null)
        {
            return failure;
        }

        var cyclic = ts.Transitions.Where(t => ts.IsLoopHead(t.From) && ts.IsLoopHead(t.To)).ToList();
        foreach (var component in Scc.Components(cyclic))
        {
            var argument = proof.Arguments.FirstOrDefault(a => a.Transitions.SetEquals(component));
            failure = argument is null
                ? $"the cycle of the loop at {ts.Cutpoint(ts.Transitions[component[0]].From).Span} has no termination argument"
                : Check(argument, Pre);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="argument"/> proves that its cycle terminates under the invariants <paramref name="pre"/>
    /// gives (the initial condition at the entry); otherwise why not. One case per kind of argument.
    /// </summary>
    public string? Check(TerminationArgument argument, Func<int, Formula> pre) => argument switch
    {
        LexicographicArgument lexicographic => CheckLevel([lexicographic.Transitions.AsImmutableSortedSet()], [lexicographic.Ranking], pre, RankingSystem.Transitions),
        MultiphaseArgument multiphase => Check(multiphase, pre),
        RegionArgument regions => Check(regions, pre),
        SquaredArgument squared => Check(squared, pre),
        DisjunctiveArgument disjunctive => Check(disjunctive, pre),
        _ => "unknown termination argument",
    };

    /// <summary>An obligation premise ∧ relation ⇒ goal, with the failure it reports when it does not hold.</summary>
    private sealed record Obligation(Func<string> Failure, Formula Premise, Formula Relation, Formula Goal);

    /// <summary>The failure of the first obligation that does not hold, in order; null when all hold.</summary>
    private string? Discharge(IEnumerable<Obligation> obligations) =>
        obligations.FirstOrDefault(o => !Valid(o.Premise, o.Relation, o.Goal))?.Failure();

    /// <summary>
    /// Lexicographic ranking proofs for <paramref name="components"/>, cycles among <paramref name="transitions"/>
    /// (the program's, or ones derived from them); <paramref name="origin"/> maps a refined location (a region of a
    /// split loop head) back to its loop head, for messages. Component k of a ranking function is the function of a
    /// node at depth k.
    /// </summary>
    private string? CheckLevel(List<ImmutableSortedSet<int>> components, ImmutableArray<RankingNode> nodes, Func<int, Formula> pre, IReadOnlyList<Transition> transitions, Func<int, int>? origin = null, int depth = 1)
    {
        var ts = System;
        foreach (var component in components)
        {
            var node = nodes.FirstOrDefault(n => n.Transitions.SetEquals(component));
            string Loop(int location) => ts.Cutpoint(origin?.Invoke(location) ?? location).Span.ToString();
            if (node is null)
            {
                return $"a cycle of the loop at {Loop(transitions[component[0]].From)} has no ranking function for component {depth}";
            }

            var f = node.Component.Function;
            if (node.Component.Strict.IsEmpty || !node.Component.Strict.IsSubsetOf(component))
            {
                return $"component {depth} of a ranking function decreases no transition of its cycle";
            }

            if (component.Select(id => transitions[id]).Any(t => !f.ContainsKey(t.From) || !f.ContainsKey(t.To)))
            {
                return $"component {depth} of a ranking function is missing at a loop head";
            }

            var failure = Discharge(component.SelectMany(id => RankingObligations(transitions[id], node.Component, depth, pre, Loop)));
            if (failure is not null)
            {
                return failure;
            }

            var rest = component.Where(id => !node.Component.Strict.Contains(id)).Select(id => transitions[id]);
            failure = CheckLevel(Scc.Components(rest), node.Children, pre, transitions, origin, depth + 1);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>
    /// The obligations of one ranking component on one transition t from x to x′: f(x) − f(x′) ≥ 0 ("does not
    /// increase"); if t is strict, f(x) − f(x′) ≥ 1 ("decreases") and f(x) ≥ 0 ("is bounded").
    /// </summary>
    private IEnumerable<Obligation> RankingObligations(Transition t, RankingComponent component, int depth, Func<int, Formula> pre, Func<int, string> loop)
    {
        var ts = System;
        var source = component.Function[t.From];
        var difference = LogicOps.SimplifyArith(ArithOp.Sub, source.ToTerm(), ts.Primed(component.Function[t.To].ToTerm()));
        string Failure(string what) => $"component {depth} of the ranking function, {source}, {what} on a path of the loop at {loop(t.From)}";
        if (!component.Strict.Contains(t.Id))
        {
            yield return new(() => Failure("increases"), pre(t.From), t.Relation, Formula.Ge(difference, new Const(0)));
            yield break;
        }

        yield return new(() => Failure("does not decrease"), pre(t.From), t.Relation, Formula.Ge(difference, new Const(1)));
        yield return new(() => Failure("is not bounded below"), pre(t.From), t.Relation, Formula.Ge(source.ToTerm(), new Const(0)));
    }

    /// <summary>A ranking proof for the cycle taken two iterations at a time, over the checker's own composition.</summary>
    private string? Check(SquaredArgument squared, Func<int, Formula> pre)
    {
        var ts = RankingSystem;
        if (squared.Transitions.Count > Composition.TransitionLimit
            || squared.Transitions.Any(id => ts.Transitions[id].From != squared.Location || ts.Transitions[id].To != squared.Location))
        {
            return "a squared proof must cover the cycles of one loop head";
        }

        var composed = Composition.Square(ts, squared.Transitions, squared.Location, pre(squared.Location));
        return CheckLevel(Scc.Components(composed), squared.Ranking, pre, composed, origin: _ => squared.Location);
    }

    /// <summary>The conditions of nested ranking functions on every transition of the cycle, from the invariant.</summary>
    private string? Check(MultiphaseArgument nested, Func<int, Formula> pre)
    {
        var ts = RankingSystem;
        if (nested.Functions.IsEmpty || nested.Transitions.Any(id => ts.Transitions[id].From != nested.Location || ts.Transitions[id].To != nested.Location))
        {
            return "a nested ranking proof must cover the cycles of one loop head";
        }

        // Phase k: f₁(x) − f₁(x′) ≥ 1, then f_{k−1}(x) + f_k(x) − f_k(x′) ≥ 1; the last phase: f_d(x) ≥ 0.
        var conditions = new List<(string Name, Formula Goal)>();
        for (var i = 0; i < nested.Functions.Length; i++)
        {
            var f = nested.Functions[i].ToTerm();
            Term progress = LogicOps.SimplifyArith(ArithOp.Sub, f, ts.Primed(f));
            if (i > 0)
            {
                progress = LogicOps.SimplifyArith(ArithOp.Add, nested.Functions[i - 1].ToTerm(), progress);
            }

            var name = i == 0 ? $"phase 1, {nested.Functions[0]}, does not decrease" : $"phase {i + 1}, {nested.Functions[i]}, does not decrease once phase {i} is at most 0";
            conditions.Add((name, Formula.Ge(progress, new Const(1))));
        }

        conditions.Add(($"the last phase, {nested.Functions[^1]}, is not bounded below", Formula.Ge(nested.Functions[^1].ToTerm(), new Const(0))));
        var span = ts.Cutpoint(nested.Location).Span;
        return Discharge(nested.Transitions.SelectMany(id => conditions.Select(c => new Obligation(
            () => $"the nested ranking functions do not hold on a path of the loop at {span}: {c.Name}",
            pre(nested.Location),
            ts.Transitions[id].Relation,
            c.Goal))));
    }

    /// <summary>
    /// Ranking proofs for the regions of a loop head split by predicates, over the checker's own refinement; a refined
    /// transition needs no ranking only if the checker itself shows that it cannot run.
    /// </summary>
    private string? Check(RegionArgument partition, Func<int, Formula> pre)
    {
        var ts = RankingSystem;
        if (partition.Predicates.IsEmpty || partition.Predicates.Length > Partition.PredicateLimit || partition.Transitions.Count > Partition.TransitionLimit
            || partition.Transitions.Any(id => ts.Transitions[id].From != partition.Location || ts.Transitions[id].To != partition.Location))
        {
            return "a partition proof must cover the cycles of one loop head";
        }

        // A region must be a property of the state alone, so that the region a step ends in is the one the next
        // step starts from.
        var names = ts.Variables.Select(v => v.Name).ToHashSet();
        if (partition.Predicates.Any(p => !LogicOps.Vars(p).All(v => names.Contains(v.Name))))
        {
            return "a partition predicate must mention only state variables";
        }

        var invariant = pre(partition.Location);
        var refined = Partition.Refine(ts, partition.Transitions, partition.Predicates);
        var feasible = refined.Where(t => !Valid(invariant, t.Relation, Formula.False));
        return CheckLevel(Scc.Components(feasible), partition.Ranking, _ => invariant, refined, origin: _ => partition.Location);
    }

    /// <summary>
    /// The two conditions of an inductive transition invariant U = ∨ⱼ (gⱼ(x) ∧ fⱼ(x) − fⱼ(x') ≥ 1 ∧ fⱼ(x) ≥ 0):
    /// I(x) ∧ T(x, x') ⇒ U(x, x'), and I(x) ∧ U(x, x') ∧ I(x') ∧ T(x', x'') ⇒ U(x, x'').
    /// </summary>
    private string? Check(DisjunctiveArgument proof, Func<int, Formula> pre)
    {
        var ts = RankingSystem;
        if (proof.Functions.IsEmpty || proof.Functions.Length != proof.Guards.Length || proof.Transitions.Any(id => ts.Transitions[id].From != proof.Location || ts.Transitions[id].To != proof.Location))
        {
            return "a disjunctive proof must cover the cycles of one loop head";
        }

        var names = ts.Variables.Select(v => v.Name).ToHashSet();
        Term Twice(Term t) => LogicOps.Substitute(t, v => names.Contains(v.Name) ? new Var(v.Name + "''") : null);
        Formula Union(Func<Term, Term> from, Func<Term, Term> to) => Formula.Or(proof.Functions.Zip(proof.Guards, (f, guard) => Formula.And(
            guard,
            Formula.Ge(LogicOps.SimplifyArith(ArithOp.Sub, from(f.ToTerm()), to(f.ToTerm())), new Const(1)),
            Formula.Ge(from(f.ToTerm()), new Const(0)))));
        var invariant = pre(proof.Location);
        var step = Union(t => t, ts.Primed);
        var twoSteps = Union(t => t, Twice);
        var loop = ts.Cutpoint(proof.Location).Span;
        return Discharge(proof.Transitions.SelectMany(id =>
        {
            var t = ts.Transitions[id];

            // The same transition one step later: x ↦ x', x' ↦ x'', with fresh nondeterministic draws.
            var later = LogicOps.Substitute(t.Relation, v =>
                names.Contains(v.Name) ? TransitionSystem.Post(v.Name)
                : v.Name.EndsWith('\'') && names.Contains(v.Name[..^1]) ? new Var(v.Name + "'")
                : t.Draws.Contains(v) ? new Var(v.Name + "~2")
                : null);
            return new Obligation[]
            {
                new(() => $"the transition invariant does not contain a step of the loop at {loop}", invariant, t.Relation, step),
                new(() => $"the transition invariant is not closed under another step of the loop at {loop}", Formula.And(invariant, step, ts.Primed(invariant)), later, twoSteps),
            };
        }));
    }

    /// <summary>Null when the witness holds; otherwise why it does not.</summary>
    public string? Check(NonterminationProof proof)
    {
        switch (proof)
        {
            case UndefinedBehaviourProof ub:
            {
                var run = Run(ub.Inputs, ub.Draws, null);
                return run.Outcome is UndefinedBehaviour ? null : $"replaying the input did not reach undefined behaviour ({run.Outcome})";
            }

            case LassoProof lasso:
            {
                var head = System.Cutpoint(lasso.LoopHead);
                if (head.IsRecursionHead)
                {
                    // Recursion's cycle: a nested call of a function in the entry state of a call of it still running.
                    var descent = Run(lasso.Inputs, lasso.Draws, null, watchRecursion: true, cycleStart: lasso.CycleStart);
                    return descent.Outcome is InfiniteRecursion ? null : $"replaying the input did not repeat a call's state ({descent.Outcome})";
                }

                // A loop of a called function is watched in the first activation that reaches it (see InterpreterOptions.LoopWatch).
                var run = Run(lasso.Inputs, lasso.Draws, head.Span, cycleStart: lasso.CycleStart);
                return run.Outcome is Lasso ? null : $"replaying the input did not repeat a state ({run.Outcome})";
            }

            case RecurrentSetProof recurrent:
            {
                var head = System.Cutpoint(recurrent.LoopHead);
                if (!head.InAnalyzedFunction || head.IsRecursionHead)
                {
                    return "the loop is not in the analyzed function";
                }

                // Only the states up to the visit matter: a run stopped there is enough.
                var run = Run(recurrent.Inputs, recurrent.Draws, head.Span, recurrent.Visit);

                // A run that repeats a state before the visit is itself a concrete proof of non-termination.
                if (run.Outcome is not Lasso)
                {
                    if (run.LoopHeadStates.Length < recurrent.Visit)
                    {
                        return $"replaying the input did not reach the loop often enough ({run.Outcome})";
                    }

                    var state = run.LoopHeadStates[recurrent.Visit - 1];
                    var env = state.Variables.Concat(state.Globals).ToDictionary(p => p.Key, p => p.Value);
                    if (LogicOps.Evaluate(recurrent.Set.Sets[recurrent.LoopHead], env) != true)
                    {
                        return "the replayed state is not in the recurrent set";
                    }
                }

                var closed = RecurrentSetCheck.Check(System, recurrent.Component, recurrent.Set.Sets, recurrent.Set.AllowsUndefinedBehaviour, smt, () => queryTimeout);
                return closed == true ? null : "the recurrent set is not closed under the loop";
            }

            default:
                return "unknown witness";
        }
    }

    /// <summary>Null when no run can return the value; otherwise why the proof fails.</summary>
    public string? Check(CannotReturnProof proof)
    {
        var ts = System;
        if (ts.ReturnVariable is null)
        {
            return "the function returns no value";
        }

        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : proof.Invariants.GetValueOrDefault(cutpoint) ?? Formula.True;
        var returned = Formula.Ne(TransitionSystem.Post(ts.ReturnVariable), new Const(proof.Value));
        return Discharge(ts.Transitions.SelectMany(t => InductivenessObligations(t, proof.Invariants, Pre).Concat(
            t.To == ts.Exit
                ? [new Obligation(() => $"a path from {ts.Cutpoint(t.From).Span} returns {proof.Value}", Pre(t.From), t.Relation, returned)]
                : [])));
    }

    /// <summary>Null when the invariants are inductive and exclude every path into the assertion failure.</summary>
    public string? Check(AssertionProof proof) =>
        CheckInvariants(proof.Invariants, to => to == proof.Sink, _ => "a path reaches the assertion failure");

    /// <summary>Null when the invariants are inductive and exclude every transition into undefined behaviour.</summary>
    public string? Check(UndefinedBehaviourExclusionProof proof) =>
        CheckInvariants(
            proof.Invariants,
            to => System.Cutpoint(to).Kind == NodeKind.UndefinedBehaviour,
            to => $"undefined behaviour at {System.Cutpoint(to).Span} is not excluded");


    /// <summary>
    /// Null when the loop-head invariants are inductive and no transition into a location that <paramref name="excluded"/>
    /// names can run from them; otherwise the first failure (<paramref name="reached"/> says it for such a transition).
    /// </summary>
    private string? CheckInvariants(IReadOnlyDictionary<int, Formula> invariants, Func<int, bool> excluded, Func<int, string> reached)
    {
        var ts = System;
        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : invariants.GetValueOrDefault(cutpoint) ?? Formula.True;
        return Discharge(ts.Transitions.SelectMany(t => InductivenessObligations(t, invariants, Pre).Concat(
            excluded(t.To) ? [new Obligation(() => reached(t.To), Pre(t.From), t.Relation, Formula.False)] : [])));
    }

    /// <summary>
    /// The obligation of <paramref name="t"/> into a loop head with an invariant I: pre(x) ∧ T(x, x′) ⇒ I(x′) ("is not
    /// inductive", naming the path's start); none for a transition into another location.
    /// </summary>
    private IEnumerable<Obligation> InductivenessObligations(Transition t, IReadOnlyDictionary<int, Formula> invariants, Func<int, Formula> pre)
    {
        var ts = System;
        if (ts.Cutpoint(t.To).Kind == NodeKind.LoopHead && invariants.TryGetValue(t.To, out var invariant))
        {
            yield return new(
                () => $"the invariant at {ts.Cutpoint(t.To).Span} is not inductive: a path from {ts.Cutpoint(t.From).Span} leaves it",
                pre(t.From),
                t.Relation,
                ts.Primed(invariant));
        }
    }

    /// <summary>Null when replaying the input fails the assertion at <paramref name="at"/>.</summary>
    public string? CheckAssertionFails(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws, SourceSpan at)
    {
        var run = Run(inputs, draws, null);
        return run.Outcome is AssertionFailed failed && failed.At == at ? null : $"replaying the input did not fail the assertion ({run.Outcome})";
    }

    /// <summary>Null when replaying the input returns the value.</summary>
    public string? CheckReturns(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws, BigInteger value)
    {
        var run = Run(inputs, draws, null);
        return run.Outcome is Returned { Value: { } v } && v == value ? null : $"replaying the input did not return {value} ({run.Outcome})";
    }

    public RunResult Run(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws, SourceSpan? watch, int? watchArrivals = null, bool watchRecursion = false, int? cycleStart = null) =>
        Interpreter.Run(program, function.Name, inputs, draws, new InterpreterOptions
        {
            NondetCycleStart = cycleStart,
            Semantics = program.Language == SourceLanguage.Python ? IntegerSemantics.Math : semantics,
            StepLimit = 1_000_000,
            TerminationFacts = facts,
            LoopWatch = watch,
            WatchArrivals = watchArrivals,
            WatchRecursion = watchRecursion,
            CancellationToken = cancellationToken,
        });

    /// <summary>premise ∧ relation ⇒ goal, decided exactly; an unknown answer counts as not valid.</summary>
    private bool Valid(Formula premise, Formula relation, Formula goal)
    {
        // One solver for all obligations, each in its own scope.
        session ??= smt.OpenSolver(queryTimeout, linearQuery: linear);
        return session.Implies(premise, relation, goal);
    }
}
