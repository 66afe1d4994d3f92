using System.Collections.Immutable;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>
/// Loop invariants that exclude undefined behaviour, from Z3's constrained-Horn-clause engine Spacer (IC3/PDR
/// generalized to linear arithmetic; Komuravelli, Gurfinkel, Chaki: "SMT-based model checking for recursive programs",
/// CAV 2014).
/// <para>
/// The transition system becomes Horn clauses over one unknown predicate <c>I_h(x)</c> per loop head h (x: every
/// variable of the system, pre-state names):
/// <list type="bullet">
/// <item>entry: <c>Initial(x) ∧ ρ_t(x, x′, d) ⇒ I_h(x′)</c> for each transition t from the entry to a loop head h;</item>
/// <item>step: <c>I_g(x) ∧ ρ_t(x, x′, d) ⇒ I_h(x′)</c> for each transition t from loop head g to loop head h;</item>
/// <item>query: <c>pre_g(x) ∧ ρ_t(x, x′, d) ⇒ false</c> for each transition t into undefined behaviour that is to be
/// excluded (pre_g is Initial at the entry, I_g at a loop head).</item>
/// </list>
/// Draws d and post-states x′ are universally quantified in each clause. A solution (Spacer's "unsat" for the query)
/// is a map h ↦ I_h that satisfies every clause: exactly the initiation, consecution and UB-exclusion obligations that
/// the certificate checker verifies for loop-head invariants. Transitions to exits and halts give no clause, since no
/// obligation follows them.
/// </para>
/// <para>
/// Spacer is not trusted: its interpretations are read back into the project's logic, split into conjuncts, and only
/// the conjuncts that candidate elimination (Houdini) proves inductive are kept. Inductive invariants are closed under
/// conjunction, so those conjuncts together with any other inductive invariants are still inductive; and every proof
/// that uses them is re-checked by the independent checker.
/// </para>
/// </summary>
internal sealed class HornInvariants(AnalysisContext context)
{
    private TransitionSystem Ts => context.System;

    // Per set of undefined behaviour asked about: whether Spacer found it reachable (null: not asked), and the longest
    // limit under which it answered nothing.
    private readonly Dictionary<string, (bool Refuted, TimeSpan Unanswered)> asked = [];

    private static string Key(IEnumerable<Transition> undefined) => string.Join(",", undefined.Select(t => t.Id).Order());

    /// <summary>
    /// Whether a query about <paramref name="undefined"/> cannot tell more: Spacer found it reachable, or a query with
    /// at least <paramref name="limit"/> ended without an answer (Spacer is deterministic).
    /// </summary>
    public bool Hopeless(IEnumerable<Transition> undefined, TimeSpan limit) =>
        asked.TryGetValue(Key(undefined), out var known) && (known.Refuted || known.Unanswered >= limit);

    /// <summary>
    /// Invariants at the loop heads under which none of <paramref name="undefined"/> can be taken, as Spacer found them and
    /// Houdini confirmed them (conjuncts it could not confirm are dropped); null when Spacer found none within
    /// <paramref name="limit"/>, said the undefined behaviour is reachable, or failed.
    /// </summary>
    public Dictionary<int, Formula>? Excluding(IReadOnlyCollection<Transition> undefined, TimeSpan limit)
    {
        if (undefined.Count == 0 || Encode(undefined) is not var (predicates, clauses))
        {
            return null;
        }

        HornAnswer answer;
        using (var session = context.Smt.OpenHorn(limit))
        {
            answer = session.Solve(predicates, clauses, predicates.Select(p => p.Id));
        }

        if (answer.Status != HornStatus.Solved)
        {
            var key = Key(undefined);
            var known = asked.GetValueOrDefault(key);
            asked[key] = (known.Refuted || answer.Status == HornStatus.Refuted, answer.Status == HornStatus.Unknown && limit > known.Unanswered ? limit : known.Unanswered);
            return null;
        }

        // Houdini over the conjuncts of every interpretation: each is offered at every loop head, and only those that
        // the solver proves inductive there stay.
        var conjuncts = answer.Interpretations.Values.SelectMany(Invariants.Conjuncts)
            .Where(c => c is not BoolConst).Distinct().ToImmutableArray();
        if (conjuncts.IsEmpty)
        {
            return null;
        }

        return Invariants.Infer(Ts, context.LoopHeads(), conjuncts, context.Smt, context.QueryTimeout);
    }

    /// <summary>
    /// The Horn clauses of the transition system with a query clause for each of <paramref name="undefined"/>; null when
    /// a variable is not an integer (Spacer's predicates here are over integers only).
    /// </summary>
    internal (List<HornPredicate> Predicates, List<HornClause> Clauses)? Encode(IReadOnlyCollection<Transition> undefined)
    {
        var names = Ts.Variables.Select(v => v.Name).ToImmutableArray();
        var pre = names.Select(TransitionSystem.Pre).ToImmutableArray();
        var post = names.Select(TransitionSystem.Post).ToImmutableArray();
        var heads = context.LoopHeads().ToHashSet();
        var predicates = heads.Order().Select(h => new HornPredicate(h, names)).ToList();
        var clauses = new List<HornClause>();
        bool Known(int cutpoint) => cutpoint == Ts.Entry || heads.Contains(cutpoint);
        foreach (var t in Ts.Transitions.Where(t => Known(t.From)))
        {
            var isQuery = undefined.Contains(t);
            if (!isQuery && !heads.Contains(t.To))
            {
                continue;
            }

            var constraint = t.From == Ts.Entry ? Formula.And(Ts.Initial, t.Relation) : t.Relation;
            if (LogicOps.Vars(constraint).Any(v => v.Sort != Sort.Int))
            {
                return null;
            }

            int? source = t.From == Ts.Entry ? null : t.From;
            clauses.Add(new HornClause(source, source is null ? [] : pre, constraint, isQuery ? null : t.To, isQuery ? [] : post));
        }

        return (predicates, clauses);
    }
}
