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
    public CertificateChecker(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, TimeSpan queryTimeout, CancellationToken cancellationToken, SolverClock? solverClock = null, SmtContext? context = null)
    {
        this.program = program;
        this.function = function;
        this.semantics = semantics;
        this.facts = facts;
        this.queryTimeout = queryTimeout;
        this.cancellationToken = cancellationToken;
        var rules = new IntegerRules(program.Language, semantics);
        System = BlockEncoding.Encode(Lowering.Lower(program, function, semantics, facts), rules, cancellationToken);
        linear = !System.Transitions.Any(t => LogicOps.IsNonlinear(t.Relation));
        ownsContext = context is null;
        smt = context ?? new SmtContext(solverClock, cancellationToken) { CoreSolverOnly = linear };
    }

    private readonly bool linear;
    private readonly CancellationToken cancellationToken;
    private readonly bool ownsContext;

    public TransitionSystem System { get; }

    public void Dispose()
    {
        session?.Dispose();
        if (ownsContext)
        {
            smt.Dispose();
        }
    }

    private SmtSession? session;

    /// <summary>Null when the proof holds; otherwise why it does not.</summary>
    public string? Check(TerminationProof proof)
    {
        var ts = System;
        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : proof.Invariants.GetValueOrDefault(cutpoint) ?? Formula.True;

        foreach (var t in ts.Transitions)
        {
            var kind = ts.Cutpoint(t.To).Kind;
            if (kind == NodeKind.LoopHead && proof.Invariants.TryGetValue(t.To, out var invariant) && !Valid(Pre(t.From), t.Relation, ts.Primed(invariant)))
            {
                return $"the invariant at {ts.Cutpoint(t.To).Span} is not inductive";
            }

            if (kind == NodeKind.UndefinedBehaviour && !Valid(Pre(t.From), t.Relation, Formula.False))
            {
                return $"undefined behaviour at {ts.Cutpoint(t.To).Span} is not excluded";
            }
        }

        var cyclic = ts.Transitions.Where(t => ts.IsLoopHead(t.From) && ts.IsLoopHead(t.To)).ToList();
        return CheckLevel(Scc.Components(cyclic), proof.Ranking, proof, Pre, ts.Transitions);
    }

    // origin maps a refined location (a region of a split loop head) back to its loop head, for messages.
    private string? CheckLevel(List<ImmutableSortedSet<int>> components, ImmutableArray<RankingNode> nodes, TerminationProof proof, Func<int, Formula> pre, IReadOnlyList<Transition> transitions, bool ofProgram = true, Func<int, int>? origin = null)
    {
        var ts = System;
        foreach (var component in components)
        {
            var node = nodes.FirstOrDefault(n => n.Transitions.SetEquals(component));
            if (node is null)
            {
                // Only cycles of the program itself may be proved another way, not cycles of a squared relation.
                var disjunctive = ofProgram ? proof.Disjunctive.FirstOrDefault(d => d.Transitions.SetEquals(component)) : null;
                var squared = ofProgram ? proof.Squared.FirstOrDefault(d => d.Transitions.SetEquals(component)) : null;
                var partitioned = ofProgram ? proof.Partitioned.FirstOrDefault(d => d.Transitions.SetEquals(component)) : null;
                var nested = ofProgram ? proof.Nested.FirstOrDefault(d => d.Transitions.SetEquals(component)) : null;
                var otherFailure = disjunctive is not null ? Check(disjunctive, pre)
                    : squared is not null ? Check(squared, proof, pre)
                    : partitioned is not null ? Check(partitioned, proof, pre)
                    : nested is not null ? Check(nested, pre)
                    : "a cycle of the program has no ranking function";
                if (otherFailure is not null)
                {
                    return otherFailure;
                }

                continue;
            }

            var f = node.Component.Function;
            if (node.Component.Strict.IsEmpty || !node.Component.Strict.IsSubsetOf(component))
            {
                return "a ranking component decreases no transition of its cycle";
            }

            foreach (var id in component)
            {
                var t = transitions[id];
                if (!f.TryGetValue(t.From, out var source) || !f.TryGetValue(t.To, out var target))
                {
                    return "a ranking function is missing at a loop head";
                }

                var difference = LogicOps.SimplifyArith(ArithOp.Sub, source.ToTerm(), ts.Primed(target.ToTerm()));
                var goal = node.Component.Strict.Contains(id)
                    ? Formula.And(Formula.Ge(difference, new Const(1)), Formula.Ge(source.ToTerm(), new Const(0)))
                    : Formula.Ge(difference, new Const(0));
                if (!Valid(pre(t.From), t.Relation, goal))
                {
                    return $"the ranking function {source} does not decrease (or is unbounded) on a path of the loop at {ts.Cutpoint(origin?.Invoke(t.From) ?? t.From).Span}";
                }
            }

            var rest = component.Where(id => !node.Component.Strict.Contains(id)).Select(id => transitions[id]);
            var failure = CheckLevel(Scc.Components(rest), node.Children, proof, pre, transitions, ofProgram, origin);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>A ranking proof for the cycle taken two iterations at a time, over the checker's own composition.</summary>
    private string? Check(SquaredProof squared, TerminationProof proof, Func<int, Formula> pre)
    {
        var ts = System;
        if (squared.Transitions.Count > Composition.TransitionLimit
            || squared.Transitions.Any(id => ts.Transitions[id].From != squared.Location || ts.Transitions[id].To != squared.Location))
        {
            return "a squared proof must cover the cycles of one loop head";
        }

        var composed = Composition.Square(ts, squared.Transitions, squared.Location, pre(squared.Location));
        return CheckLevel(Scc.Components(composed), squared.Ranking, proof, pre, composed, ofProgram: false);
    }

    /// <summary>The conditions of nested ranking functions on every transition of the cycle, from the invariant.</summary>
    private string? Check(NestedProof nested, Func<int, Formula> pre)
    {
        var ts = System;
        if (nested.Functions.IsEmpty || nested.Transitions.Any(id => ts.Transitions[id].From != nested.Location || ts.Transitions[id].To != nested.Location))
        {
            return "a nested ranking proof must cover the cycles of one loop head";
        }

        var conditions = new List<Formula>();
        for (var i = 0; i < nested.Functions.Length; i++)
        {
            var f = nested.Functions[i].ToTerm();
            Term progress = LogicOps.SimplifyArith(ArithOp.Sub, f, ts.Primed(f));
            if (i > 0)
            {
                progress = LogicOps.SimplifyArith(ArithOp.Add, nested.Functions[i - 1].ToTerm(), progress);
            }

            // f₁(x) − f₁(x′) ≥ 1, then f_{i−1}(x) + f_i(x) − f_i(x′) ≥ 1
            conditions.Add(Formula.Ge(progress, new Const(1)));
        }

        // f_d(x) ≥ 0
        conditions.Add(Formula.Ge(nested.Functions[^1].ToTerm(), new Const(0)));
        var goal = Formula.And(conditions);
        foreach (var id in nested.Transitions)
        {
            if (!Valid(pre(nested.Location), ts.Transitions[id].Relation, goal))
            {
                return $"the nested ranking functions do not hold on a path of the loop at {ts.Cutpoint(nested.Location).Span}";
            }
        }

        return null;
    }

    /// <summary>
    /// Ranking proofs for the regions of a loop head split by predicates, over the checker's own refinement; a refined
    /// transition needs no ranking only if the checker itself shows that it cannot run.
    /// </summary>
    private string? Check(PartitionProof partition, TerminationProof proof, Func<int, Formula> pre)
    {
        var ts = System;
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
        return CheckLevel(Scc.Components(feasible), partition.Ranking, proof, _ => invariant, refined, ofProgram: false, origin: _ => partition.Location);
    }

    /// <summary>
    /// The two conditions of an inductive transition invariant U = ∨ⱼ (gⱼ(x) ∧ fⱼ(x) − fⱼ(x') ≥ 1 ∧ fⱼ(x) ≥ 0):
    /// I(x) ∧ T(x, x') ⇒ U(x, x'), and I(x) ∧ U(x, x') ∧ I(x') ∧ T(x', x'') ⇒ U(x, x'').
    /// </summary>
    private string? Check(DisjunctiveProof proof, Func<int, Formula> pre)
    {
        var ts = System;
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
        foreach (var id in proof.Transitions)
        {
            var t = ts.Transitions[id];
            if (!Valid(invariant, t.Relation, step))
            {
                return $"the transition invariant does not contain a step of the loop at {ts.Cutpoint(proof.Location).Span}";
            }

            // The same transition one step later: x ↦ x', x' ↦ x'', with fresh nondeterministic draws.
            var later = LogicOps.Substitute(t.Relation, v =>
                names.Contains(v.Name) ? TransitionSystem.Post(v.Name)
                : v.Name.EndsWith('\'') && names.Contains(v.Name[..^1]) ? new Var(v.Name + "'")
                : t.Draws.Contains(v) ? new Var(v.Name + "~2")
                : null);
            if (!Valid(Formula.And(invariant, step, ts.Primed(invariant)), later, twoSteps))
            {
                return $"the transition invariant is not closed under another step of the loop at {ts.Cutpoint(proof.Location).Span}";
            }
        }

        return null;
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
                    var descent = Run(lasso.Inputs, lasso.Draws, null, watchRecursion: true);
                    return descent.Outcome is InfiniteRecursion ? null : $"replaying the input did not repeat a call's state ({descent.Outcome})";
                }

                if (!head.InAnalyzedFunction)
                {
                    return "the loop is not in the analyzed function";
                }

                var run = Run(lasso.Inputs, lasso.Draws, head.Span);
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
        foreach (var t in ts.Transitions)
        {
            var kind = ts.Cutpoint(t.To).Kind;
            if (kind == NodeKind.LoopHead && proof.Invariants.TryGetValue(t.To, out var invariant) && !Valid(Pre(t.From), t.Relation, ts.Primed(invariant)))
            {
                return $"the invariant at {ts.Cutpoint(t.To).Span} is not inductive";
            }

            if (t.To == ts.Exit && !Valid(Pre(t.From), t.Relation, Formula.Ne(TransitionSystem.Post(ts.ReturnVariable), new Const(proof.Value))))
            {
                return "a path returns the value";
            }
        }

        return null;
    }

    /// <summary>Null when the invariants are inductive and exclude every path into the assertion failure.</summary>
    public string? Check(AssertionProof proof)
    {
        var ts = System;
        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : proof.Invariants.GetValueOrDefault(cutpoint) ?? Formula.True;
        foreach (var t in ts.Transitions)
        {
            if (ts.Cutpoint(t.To).Kind == NodeKind.LoopHead && proof.Invariants.TryGetValue(t.To, out var invariant) && !Valid(Pre(t.From), t.Relation, ts.Primed(invariant)))
            {
                return $"the invariant at {ts.Cutpoint(t.To).Span} is not inductive";
            }

            if (t.To == proof.Sink && !Valid(Pre(t.From), t.Relation, Formula.False))
            {
                return "a path reaches the assertion failure";
            }
        }

        return null;
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

    public RunResult Run(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws, SourceSpan? watch, int? watchArrivals = null, bool watchRecursion = false) =>
        Interpreter.Run(program, function.Name, inputs, draws, new InterpreterOptions
        {
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
        session.Push();
        try
        {
            session.Assert(premise);
            session.Assert(relation);
            return session.Check(goal.Negate()) == SatResult.Unsat;
        }
        finally
        {
            session.Pop();
        }
    }
}
