using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

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
        return RecurrentSetCheck.Check(ts, component, sets, allowUndefinedBehaviour, smt, timeout);
    }
}
