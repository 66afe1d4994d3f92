using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// Reachable undefined behaviour: a bounded search for a run into one of the given transitions, then long concrete
/// runs for undefined behaviour too deep for it. Every witness is replayed by the checker.
/// </summary>
internal sealed class UndefinedBehaviourSearch(AnalysisContext context)
{
    /// <summary>A replayed input whose run takes one of <paramref name="possible"/>, found by bounded search.</summary>
    public No? Bounded(IEnumerable<Transition> possible, StageBudget stage)
    {
        var targets = possible.Select(t => t.To).Distinct().ToList();
        var run = RunSearch.Reach(context.System, k => Formula.Or(targets.Select(u => Formula.Eq(Unrolling.Pc(k), new Const(u)))), context.Tuning.Nontermination.ReachDepth, context.Smt, stage.Timeout, stage.Over);
        return run is null ? null : Confirm(run.Inputs, run.Draws);
    }

    /// <summary>
    /// Undefined behaviour too deep for the bounded search, such as an overflow after hundreds of iterations: runs the
    /// program concretely, far longer, from an input that reaches a loop and from all-zero inputs. Only inputs whose
    /// run needs no further nondeterministic values qualify; the replay in the checker confirms the witness.
    /// </summary>
    public No? LongRun(StageBudget stage)
    {
        var ts = context.System;
        var heads = context.AnalyzedLoopHeads();
        if (heads.Count == 0 || stage.Over())
        {
            return null;
        }

        var starts = new List<(ImmutableArray<BigInteger> Inputs, ImmutableArray<BigInteger> Draws)>();
        var toLoop = RunSearch.Reach(ts, k => Formula.Or(heads.Select(h => Formula.Eq(Unrolling.Pc(k), new Const(h)))), context.Tuning.Nontermination.LongRunStemDepth, context.Smt, stage.Timeout, stage.Over);
        if (toLoop is not null)
        {
            starts.Add((toLoop.Inputs, toLoop.Draws));
        }

        starts.Add(([.. ts.Parameters.Select(_ => BigInteger.Zero)], []));
        var checker = context.Checker();
        foreach (var (inputs, draws) in starts)
        {
            if (checker.Run(inputs, draws, null).Outcome is Interpretation.UndefinedBehaviour && Confirm(inputs, draws) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private No? Confirm(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws)
    {
        var checker = context.Checker();
        var proof = new UndefinedBehaviourProof(inputs, draws);
        if (checker.Check(proof) is not null)
        {
            return null;
        }

        var replay = checker.Run(inputs, draws, null);
        var at = replay.Outcome is Interpretation.UndefinedBehaviour ub ? ub : null;
        return new No(CertificateRendering.Witness(
            context,
            WitnessKind.UndefinedBehaviour,
            inputs,
            draws,
            null,
            null,
            at?.At,
            $"this input reaches undefined behaviour: {at?.What ?? "unknown"}"));
    }
}
