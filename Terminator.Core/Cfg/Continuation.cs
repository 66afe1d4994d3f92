using System.Collections.Immutable;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// The transitions between loop heads, each restricted to the steps after which the run can go on looping. Termination
/// arguments, in the prover and in the checker alike, are made and checked over this system.
/// </summary>
/// <remarks>
/// <para>
/// For a loop head h let G(h) be the conjunction of the conditions on the pre-state that every transition from h to a
/// loop head implies (its guard, such as <c>i &lt; j</c>). The restricted relation of a transition t from h to h′ is
/// T′(x, x′) = T(x, x′) ∧ G(h′)(x′).
/// </para>
/// <para>
/// Soundness: a run that never ends takes transitions between loop heads only, from some point on (the others leave a
/// loop head for good or come once from the entry), so each of those steps is followed by another transition from its
/// target to a loop head, whose relation implies G of that target. Every such run is therefore also a run of T′, and
/// when no run of T′ is infinite, neither is any run of T.
/// </para>
/// <para>
/// This is what ends the argument for a wrap that leads out of the loop: in <c>while (i &lt; j) j = j + 1;</c> over
/// unsigned, the step from <c>j = UINT_MAX</c> to <c>j = 0</c> cannot be followed by another (<c>i &lt; 0</c> is false), so
/// under T′ only the steps that increase j remain, and <c>UINT_MAX - j</c> ranks them. Invariants, undefined behaviour
/// and non-termination are still decided on the unrestricted system.
/// </para>
/// </remarks>
internal static class Continuation
{
    /// <summary><paramref name="ts"/> with each transition between loop heads restricted by the guard of the steps that can follow it.</summary>
    public static TransitionSystem Restrict(TransitionSystem ts)
    {
        var state = ts.Variables.Select(v => v.Name).ToHashSet();
        var cyclic = ts.Transitions.Where(t => ts.IsLoopHead(t.From) && ts.IsLoopHead(t.To)).ToList();
        var guards = cyclic
            .GroupBy(t => t.From)
            .ToDictionary(
                g => g.Key,
                g => g.Select(t => PreConditions(t.Relation, state)).Aggregate((a, b) => a.Intersect(b)));
        var restricted = ts.Transitions.Select(t =>
            ts.IsLoopHead(t.From) && guards.TryGetValue(t.To, out var next) && !next.IsEmpty
                ? t with { Relation = Formula.And(t.Relation, ts.Primed(Formula.And(next))) }
                : t);
        return ts with { Transitions = [.. restricted] };
    }

    /// <summary>
    /// Conditions over the pre-state alone that <paramref name="relation"/> implies: the relation itself if it mentions
    /// nothing else, the union over a conjunction's parts, the conditions common to every case of a disjunction.
    /// </summary>
    private static ImmutableHashSet<Formula> PreConditions(Formula relation, HashSet<string> state)
    {
        if (LogicOps.Vars(relation).All(v => state.Contains(v.Name)))
        {
            return relation is AndF all ? [.. all.Parts] : [relation];
        }

        return relation switch
        {
            AndF and => and.Parts.Aggregate(ImmutableHashSet<Formula>.Empty, (found, part) => found.Union(PreConditions(part, state))),
            OrF or => or.Parts.Select(p => PreConditions(p, state)).Aggregate((a, b) => a.Intersect(b)),
            _ => [],
        };
    }
}
