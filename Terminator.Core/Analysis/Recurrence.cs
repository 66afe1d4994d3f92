using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>
/// A closed recurrent set: for each location of a strongly connected component, a set of states such that from
/// every state in a set some transition is enabled, and every enabled transition leads to a state in the set of its
/// target (or, when <see cref="AllowsUndefinedBehaviour"/>, to undefined behaviour). A run that enters it never exits.
/// </summary>
internal sealed record RecurrentSet(ImmutableDictionary<int, Formula> Sets, bool AllowsUndefinedBehaviour)
{
    public bool Equals(RecurrentSet? other) =>
        other is not null && AllowsUndefinedBehaviour == other.AllowsUndefinedBehaviour && Sets.Count == other.Sets.Count
        && Sets.All(p => other.Sets.TryGetValue(p.Key, out var f) && f == p.Value);

    public override int GetHashCode() => HashCode.Combine(Sets.Count, AllowsUndefinedBehaviour);
}

/// <summary>Finds closed recurrent sets that contain a given reachable state, by candidate elimination (the dual use of Houdini).</summary>
internal static class Recurrence
{
    public static RecurrentSet? Find(
        TransitionSystem ts,
        IReadOnlySet<int> component,
        int head,
        IReadOnlyDictionary<string, BigInteger> sample,
        ImmutableArray<Formula> candidates,
        bool allowUndefinedBehaviour,
        SmtContext smt,
        Func<TimeSpan> timeout,
        Func<bool> stop)
    {
        var atHead = candidates.Where(c => LogicOps.Evaluate(c, sample) == true).ToList();
        var pool = component.ToDictionary(l => l, l => l == head ? atHead : candidates.ToList());
        if (!Close(ts, component, pool, allowUndefinedBehaviour, smt, timeout, stop))
        {
            return null;
        }

        // Prefer a small, readable set: drop atoms at the head while the set stays a closed recurrent set. Atoms
        // with modulo go first, then disjunctions: they are the least readable and most often implied. Dropping runs
        // of atoms, halving the run length on failure, needs far fewer checks than one atom at a time when most atoms
        // are redundant, and ends in the same place: no single remaining atom can be dropped.
        var kept = pool[head]
            .OrderByDescending(a => a.ToString()!.Contains(" mod ", StringComparison.Ordinal))
            .ThenByDescending(a => a is OrF)
            .ToList();
        // When stopped early, the set found so far is closed already, only larger than it could be.
        for (var run = Math.Max(1, kept.Count / 2); run >= 1 && !stop(); run /= 2)
        {
            var start = 0;
            while (start < kept.Count && !stop())
            {
                var length = Math.Min(run, kept.Count - start);
                var remaining = kept.Take(start).Concat(kept.Skip(start + length)).ToList();
                var trial = pool.ToDictionary(p => p.Key, p => p.Key == head ? remaining : p.Value.ToList());
                if (IsClosed(ts, component, trial, allowUndefinedBehaviour, smt, timeout) == true)
                {
                    kept = remaining;
                    pool = trial;
                }
                else
                {
                    start += length;
                }
            }
        }

        return new RecurrentSet(pool.ToImmutableDictionary(p => p.Key, p => Formula.And(p.Value)), allowUndefinedBehaviour);
    }

    /// <summary>Drops candidates until every transition inside the component keeps the sets; then checks that no transition leaves and none blocks.</summary>
    private static bool Close(TransitionSystem ts, IReadOnlySet<int> component, Dictionary<int, List<Formula>> pool, bool allowUndefinedBehaviour, SmtContext smt, Func<TimeSpan> timeout, Func<bool> stop)
    {
        var inside = ts.Transitions.Where(t => component.Contains(t.From) && component.Contains(t.To)).ToList();
        var changed = true;
        using var session = smt.OpenSolver(timeout());
        while (changed)
        {
            changed = false;
            foreach (var t in inside)
            {
                if (stop())
                {
                    return false;
                }

                var target = pool[t.To];
                if (target.Count == 0)
                {
                    continue;
                }

                session.Push();
                session.Assert(Formula.And(pool[t.From]));
                session.Assert(t.Relation);
                while (target.Count > 0)
                {
                    var result = session.Check(Formula.And(target.Select(ts.Primed)).Negate());
                    if (result == SatResult.Unsat)
                    {
                        break;
                    }

                    if (result == SatResult.Unknown)
                    {
                        return false;
                    }

                    changed = true;
                    var model = session.GetModel();
                    if (target.RemoveAll(c => !model.Evaluate(ts.Primed(c))) == 0)
                    {
                        return false;
                    }
                }

                session.Pop();
            }
        }

        return IsClosed(ts, component, pool, allowUndefinedBehaviour, smt, timeout) == true;
    }

    /// <summary>Checks all conditions of a closed recurrent set; null when the solver cannot tell.</summary>
    public static bool? IsClosed(TransitionSystem ts, IReadOnlySet<int> component, IReadOnlyDictionary<int, List<Formula>> pool, bool allowUndefinedBehaviour, SmtContext smt, Func<TimeSpan> timeout)
    {
        var sets = pool.ToDictionary(p => p.Key, p => Formula.And(p.Value));
        return Check(ts, component, sets, allowUndefinedBehaviour, smt, timeout);
    }

    /// <summary>The conditions of a closed recurrent set, checked exactly; shared by the search and the certificate checker.</summary>
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
