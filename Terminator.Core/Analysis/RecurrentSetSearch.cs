using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// Closed recurrent sets: a set of states at a loop head that contains a reachable state and that no iteration of the
/// loop leaves. Grown from a state of a concrete run, and checked (closure and the replayed run) before a No.
/// </summary>
internal sealed class RecurrentSetSearch(AnalysisContext context)
{
    private readonly NonterminationTuning tuning = context.Tuning.Nontermination;

    /// <summary>
    /// A checked No from a closed recurrent set containing a late state of a deep run at some loop head of the
    /// analyzed function, within <paramref name="stage"/>: hard closure queries can each take the whole query limit.
    /// </summary>
    public No? FromDeepRuns(ImmutableArray<Formula> candidates, StageBudget stage)
    {
        var ts = context.System;
        var components = context.LoopComponents();
        foreach (var head in context.AnalyzedLoopHeads())
        {
            var component = components.FirstOrDefault(c => c.Contains(head));
            if (component is null || stage.Over())
            {
                continue;
            }

            foreach (var bound in new BigInteger?[] { tuning.DeepRunInputBound, null })
            {
                var deep = RunSearch.DeepRun(ts, head, component, tuning.DeepRunStay, tuning.DeepRunMaxStem, bound, context.Smt, stage.Timeout, stage.Over);
                if (deep is not { } d)
                {
                    continue;
                }

                // The last visit of the deep run first: later states show the loop's long-run behaviour best.
                var visits = Enumerable.Range(d.StemSteps, d.Run.Cutpoints.Length - d.StemSteps).Where(i => d.Run.Cutpoints[i] == head).Reverse().ToList();
                // Cones come from the run with small inputs only: from large states their coefficients are large too,
                // and each query slow. They get a fixed number of solver rounds, like an explanation, and only linear
                // loops get them: those are the loops that diverge along an eigenvector.
                var rays = bound is null || context.Nonlinear ? [] : Rays(visits.Take(tuning.RayStates).Select(i => d.Run.States[i]));
                foreach (var index in visits.Take(tuning.DeepRunVisits))
                {
                    var rounds = 0;
                    var proof = From(d.Run.States[index], head, component, candidates, d.Run, index, stage.Over, stage.Timeout)
                        ?? (rays.IsEmpty ? null : From(d.Run.States[index], head, component, candidates.AddRange(rays), d.Run, index, () => ++rounds > tuning.ConeRounds || stage.Over(), stage.Timeout));
                    if (proof is null)
                    {
                        continue;
                    }

                    if (context.Checker().Check(proof) is null)
                    {
                        var kind = proof.Set.AllowsUndefinedBehaviour ? WitnessKind.NonterminationOrUndefinedBehaviour : WitnessKind.Nontermination;
                        var explanation = proof.Set.AllowsUndefinedBehaviour
                            ? $"from this input the loop at {ts.Cutpoint(head).Span} never exits; it runs forever or reaches signed overflow"
                            : $"from this input the loop at {ts.Cutpoint(head).Span} never exits";
                        return new No(CertificateRendering.Witness(context, kind, proof.Inputs, proof.Draws, head, proof.Set, null, explanation));
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Cones through the origin from the states of a run: for each pair of variables (u, v) and each state s, the
    /// half-planes s(u)·v − s(v)·u ≥ 0 and ≤ 0, which compare the ratio v/u with the one at s. A loop that diverges
    /// along an eigenvector, with states that never repeat (x, y ↦ 2x + 4y, 4x), has such a ratio converging while it
    /// alternates around its limit, so the half-planes through two consecutive states enclose a closed cone. For such
    /// loops this stands in for Leike and Heizmann's geometric non-termination arguments.
    /// </summary>
    private ImmutableArray<Formula> Rays(IEnumerable<ImmutableDictionary<string, BigInteger>> states)
    {
        var variables = context.RankingVariables().Take(tuning.RayVariableLimit).ToList();
        var result = new List<Formula>();
        foreach (var state in states)
        {
            for (var i = 0; i < variables.Count; i++)
            {
                for (var j = i + 1; j < variables.Count; j++)
                {
                    if (!state.TryGetValue(variables[i], out var su) || !state.TryGetValue(variables[j], out var sv) || (su.IsZero && sv.IsZero))
                    {
                        continue;
                    }

                    // su·v − sv·u, scaled down by the common divisor
                    var divisor = BigInteger.GreatestCommonDivisor(su, sv);
                    var ray = (new Const(su / divisor) * new Var(variables[j])) - (new Const(sv / divisor) * new Var(variables[i]));
                    result.Add(Formula.Ge(ray, new Const(0)));
                    result.Add(Formula.Le(ray, new Const(0)));
                }
            }
        }

        return [.. result.Distinct()];
    }

    /// <summary>
    /// A recurrent set at <paramref name="head"/> containing <paramref name="sample"/>, the state of <paramref name="run"/>
    /// after <paramref name="stemSteps"/> steps, built from <paramref name="candidates"/>; in C a set that may end in
    /// undefined behaviour is tried when no set without it is found. Unchecked.
    /// </summary>
    public RecurrentSetProof? From(
        ImmutableDictionary<string, BigInteger> sample,
        int head,
        ImmutableSortedSet<int> component,
        ImmutableArray<Formula> candidates,
        FoundRun run,
        int stemSteps,
        Func<bool>? stop = null,
        Func<TimeSpan>? timeout = null)
    {
        var visit = run.Cutpoints.Take(stemSteps + 1).Skip(1).Count(c => c == head);
        var stemDraws = run.DrawsOfFirst(stemSteps);
        foreach (var allowUb in context.Semantics == IntegerSemantics.C ? new[] { false, true } : [false])
        {
            var set = Recurrence.Find(context.System, component, head, sample, candidates, allowUb, context.Smt, timeout ?? context.QueryTimeout, stop ?? (() => context.OutOfTime));
            if (set is not null)
            {
                return new RecurrentSetProof(run.Inputs, stemDraws, head, visit, component, set);
            }
        }

        return null;
    }
}
