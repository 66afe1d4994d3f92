using System.Collections.Immutable;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

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
                result.Add(new Transition(result.Count, location, location, Formula.And(first, middle, second), [.. a.Draws, .. secondDraws], a.HasAssume || b.HasAssume));
            }
        }

        return result;
    }
}
