using System.Collections.Immutable;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Certificates;

/// <summary>
/// A closed recurrent set: for each location of a strongly connected component, a set of states such that from
/// every state in a set some transition is enabled, and every enabled transition leads to a state in the set of its
/// target (or, when <see cref="AllowsUndefinedBehaviour"/>, to undefined behaviour). A run that enters it never exits.
/// </summary>
internal sealed record RecurrentSet(EquatableDictionary<int, Formula> Sets, bool AllowsUndefinedBehaviour);

/// <summary>The exact conditions of a closed recurrent set.</summary>
internal static class RecurrentSetCheck
{
    /// <summary>The conditions of a closed recurrent set, checked exactly; used by the certificate checker and by the search, which finds nothing the checker would refuse.</summary>
    public static bool? Check(TransitionSystem ts, IReadOnlySet<int> component, IReadOnlyDictionary<int, Formula> sets, bool allowUndefinedBehaviour, SmtContext smt, Func<TimeSpan> timeout)
    {
        using var session = smt.OpenSolver(timeout());
        foreach (var location in component)
        {
            var outgoing = ts.From(location).ToList();
            foreach (var t in outgoing)
            {
                var targetKind = ts.Cutpoint(t.To).Kind;
                Formula obligation;
                if (component.Contains(t.To))
                {
                    obligation = ts.Primed(sets[t.To]);
                }
                else if (allowUndefinedBehaviour && targetKind == NodeKind.UndefinedBehaviour)
                {
                    continue;
                }
                else
                {
                    obligation = Formula.False;
                }

                session.Push();
                session.Assert(sets[location]);
                session.Assert(t.Relation);
                var result = session.Check(obligation.Negate());
                session.Pop();
                if (result != SatResult.Unsat)
                {
                    return result == SatResult.Unknown ? null : false;
                }
            }

            // Some transition must be enabled from every state of the set: only paths through assume can block.
            if (outgoing.Any(t => t.HasAssume))
            {
                // That a path is enabled for some abstracted value does not make it enabled for the exact one.
                if (outgoing.Any(t => !t.Abstracted.IsEmpty))
                {
                    return false;
                }

                var enabled = Formula.Or(outgoing.Select(t =>
                {
                    var bound = LogicOps.Vars(t.Relation).Where(v => v.Name.EndsWith('\'') || t.Draws.Contains(v)).ToImmutableArray();
                    return bound.IsEmpty ? t.Relation : new Quantified(true, bound, t.Relation);
                }));
                session.Push();
                session.Assert(sets[location]);
                var result = session.Check(enabled.Negate());
                session.Pop();
                if (result != SatResult.Unsat)
                {
                    return result == SatResult.Unknown ? null : false;
                }
            }
            else if (outgoing.Count == 0)
            {
                return false;
            }
        }

        return true;
    }
}
