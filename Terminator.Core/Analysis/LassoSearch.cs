using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// Lassos: runs that come back to a loop head in a state they were in before, found by bounded unrolling and
/// replayed by the checker. A recurrent set explains a found lasso when one is found within a few solver rounds.
/// </summary>
internal sealed class LassoSearch(AnalysisContext context, RecurrentSetSearch recurrentSets)
{
    /// <summary>
    /// A replayed lasso of at least <paramref name="minDepth"/> and at most <paramref name="depth"/> steps with a
    /// period of at most <paramref name="maxPeriod"/>, explained by a recurrent set when one is found.
    /// </summary>
    public No? Find(ImmutableArray<Formula> candidates, int depth, int maxPeriod, StageBudget stage, int minDepth = 1)
    {
        var ts = context.System;
        var heads = context.LassoHeads();
        if (heads.Count == 0)
        {
            return null;
        }

        var lasso = RunSearch.Lasso(ts, heads, depth, maxPeriod, context.Smt, stage.Timeout, stage.Over, minDepth);
        if (lasso is not { } found)
        {
            return null;
        }

        var (run, head, stem, period) = found;
        var (draws, cycleStart) = StemAndCycle(run, stem);
        var component = context.LoopComponents().FirstOrDefault(c => c.Contains(head));
        var checker = context.Checker();
        var proof = new LassoProof(run.Inputs, draws, head, cycleStart);
        if (checker.Check(proof) is not null)
        {
            return null;
        }

        // The replayed lasso is the proof; a recurrent set only explains it, so it gets a budget of its own, counted in
        // solver rounds rather than time so that the explanation does not depend on the machine's load. Comparisons
        // without modulo go first: they usually suffice, and are cheaper to close and shrink.
        var rounds = 0;
        bool Stop() => ++rounds > context.Tuning.Nontermination.ExplanationRounds || stage.Over();
        var plain = candidates.Where(c => c is Cmp && !c.ToString()!.Contains(" mod ", StringComparison.Ordinal)).ToImmutableArray();
        var explanation = component is null ? null
            : recurrentSets.From(run.States[stem], head, component, plain, run, stem, Stop)
              ?? (plain.Length < candidates.Length ? recurrentSets.From(run.States[stem], head, component, candidates, run, stem, Stop) : null);
        var setIsValid = explanation is not null && checker.Check(explanation) is null;
        var recursion = ts.Cutpoint(head).IsRecursionHead;
        var witness = CertificateRendering.Witness(
            context,
            WitnessKind.Nontermination,
            run.Inputs,
            draws,
            recursion ? null : head,
            setIsValid && !recursion ? explanation!.Set : null,
            null,
            recursion
                ? $"a nested call starts in the state of a call of the same function that is still running ({ts.Cutpoint(head).Description}), so the calls never end"
                : $"the loop at {ts.Cutpoint(head).Span} comes back to the same state every {period} iteration{(period == 1 ? "" : "s")}");
        return new No(witness with { NondetValuesRepeatFrom = cycleStart });
    }

    /// <summary>
    /// The stem's draws followed by the cycle's, and where the cycle's start when it draws any: those repeat for ever,
    /// so the run that repeats the cycle draws the same values each time round.
    /// </summary>
    private static (ImmutableArray<BigInteger> Draws, int? CycleStart) StemAndCycle(FoundRun run, int stem)
    {
        var stemDraws = run.DrawsOfFirst(stem);
        var cycle = run.Draws.Skip(stemDraws.Length).ToList();
        return ([.. stemDraws, .. cycle], cycle.Count > 0 ? stemDraws.Length : null);
    }
}
