using System.Collections.Immutable;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// Two consecutive iterations of a loop as one transition. A loop that ran forever would run forever two
/// iterations at a time, so a ranking function for the squared relation proves termination; it helps loops whose
/// first iteration establishes what the ranking needs (x = y; y = y - 1 ranks y only from the second round on).
/// Shared by the prover and the checker, so that both see the same transitions.
/// </summary>
internal static class Composition
{
    public const int TransitionLimit = 4;

    /// <summary>
    /// Every pair (a, b) of the given self-loop transitions at <paramref name="location"/>, composed through a middle
    /// state that satisfies <paramref name="invariant"/> (it is reachable). Ids are indices into the returned list.
    /// </summary>
    public static List<Transition> Square(TransitionSystem ts, IReadOnlyCollection<int> component, int location, Formula invariant)
    {
        var names = ts.Variables.Select(v => v.Name).ToHashSet();
        static Var Middle(string name) => new(name + "~m");
        var loops = component.Select(id => ts.Transitions[id]).ToList();
        var result = new List<Transition>();
        foreach (var a in loops)
        {
            foreach (var b in loops)
            {
                var first = LogicOps.Substitute(a.Relation, v =>
                    v.Name.EndsWith('\'') && names.Contains(v.Name[..^1]) ? Middle(v.Name[..^1]) : null);
                var secondDraws = b.Draws.Select(d => new Var(d.Name + "~b")).ToImmutableArray();
                var second = LogicOps.Substitute(b.Relation, v =>
                    names.Contains(v.Name) ? Middle(v.Name)
                    : b.Draws.Contains(v) ? new Var(v.Name + "~b")
                    : null);
                var middle = LogicOps.Substitute(invariant, v => names.Contains(v.Name) ? Middle(v.Name) : null);
                result.Add(new Transition(result.Count, location, location, Formula.And(first, middle, second), [.. a.Draws, .. secondDraws], a.HasAssume || b.HasAssume)
                {
                    Abstracted = [.. a.Abstracted, .. b.Abstracted.Select(d => new Var(d.Name + "~b"))],
                });
            }
        }

        return result;
    }
}

/// <summary>
/// A loop head split into regions by predicates over the state (control-flow refinement): region r holds where the
/// predicates take the truth values of the bits of r. Each self-loop becomes one transition per pair of regions it
/// can connect, so a loop whose paths run in phases (first one branch, then only the other) becomes a chain of
/// separate cycles, each ranked on its own. Every run of the loop is a run through the regions, since the regions
/// cover all states. Shared by the prover and the checker, so that both see the same transitions.
/// </summary>
internal static class Partition
{
    public const int PredicateLimit = 2;

    public const int TransitionLimit = 8;

    /// <summary>The location id of region <paramref name="region"/>: past every cutpoint id of the system.</summary>
    public static int RegionLocation(TransitionSystem ts, int region) => ts.Cutpoints.Max(c => c.Id) + 1 + region;

    /// <summary>The region's condition: predicate i holds exactly when bit i of <paramref name="region"/> is set.</summary>
    public static Formula Region(IReadOnlyList<Formula> predicates, int region) =>
        Formula.And(predicates.Select((p, i) => (region & (1 << i)) != 0 ? p : p.Negate()));

    /// <summary>
    /// The refined transitions of the self-loops <paramref name="component"/>, one per transition and pair of regions,
    /// feasible or not: ids are indices into the returned list, the same for whoever refines. Callers rank the cycles
    /// of the transitions they have shown can run.
    /// </summary>
    public static List<Transition> Refine(TransitionSystem ts, IReadOnlyCollection<int> component, IReadOnlyList<Formula> predicates)
    {
        var regions = 1 << predicates.Count;
        var result = new List<Transition>();
        foreach (var t in component.Select(id => ts.Transitions[id]))
        {
            for (var from = 0; from < regions; from++)
            {
                for (var to = 0; to < regions; to++)
                {
                    var relation = Formula.And(Region(predicates, from), t.Relation, ts.Primed(Region(predicates, to)));
                    result.Add(new Transition(result.Count, RegionLocation(ts, from), RegionLocation(ts, to), relation, t.Draws, t.HasAssume) { Abstracted = t.Abstracted });
                }
            }
        }

        return result;
    }
}
