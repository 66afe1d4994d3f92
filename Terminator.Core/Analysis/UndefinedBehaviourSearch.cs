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
    /// <summary>
    /// A replayed input whose run takes one of <paramref name="possible"/>, found by bounded search. The path found
    /// gives no values for what the graph abstracts (the elements of arrays), so when its run stops for want of values
    /// it is run again from the same input as a long run would be.
    /// </summary>
    public No? Bounded(IEnumerable<Transition> possible, StageBudget stage)
    {
        var targets = possible.Select(t => t.To).Distinct().ToList();
        var run = RunSearch.Reach(context.System, k => Formula.Or(targets.Select(u => Formula.Eq(Unrolling.Pc(k), new Const(u)))), context.Tuning.Nontermination.ReachDepth, context.Smt, stage.Timeout, stage.Over);
        if (run is null)
        {
            return null;
        }

        return Confirm(run.Inputs, run.Draws)
            ?? (HasArrays && context.Checker().Run(run.Inputs, run.Draws, null).Outcome is Interpretation.OutOfNondetValues ? FromInput(run.Inputs, run.Draws) : null);
    }

    /// <summary>Whether the graph has arrays, whose elements it abstracts: only then do runs draw values that no path gives.</summary>
    private bool HasArrays => context.System.Variables.Any(v => Lowering.IsLength(v.Name));

    /// <summary>
    /// Undefined behaviour too deep for the bounded search, such as an overflow after hundreds of iterations: runs the
    /// program concretely, far longer, from an input that reaches a loop and from all-zero inputs. Only inputs whose
    /// run needs no further nondeterministic values qualify; the replay in the checker confirms the witness.
    /// </summary>
    public No? LongRun(StageBudget stage)
    {
        var ts = context.System;
        var heads = context.AnalyzedLoopHeads();
        if (stage.Over())
        {
            return null;
        }

        if (heads.Count == 0 && !HasArrays)
        {
            return null;
        }

        // Without a loop of its own the function may still read past an array in the callees inlined into it.
        var starts = new List<(ImmutableArray<BigInteger> Inputs, ImmutableArray<BigInteger> Draws)>();
        var toLoop = heads.Count == 0 ? null : RunSearch.Reach(ts, k => Formula.Or(heads.Select(h => Formula.Eq(Unrolling.Pc(k), new Const(h)))), context.Tuning.Nontermination.LongRunStemDepth, context.Smt, stage.Timeout, stage.Over);
        if (toLoop is not null)
        {
            starts.Add((toLoop.Inputs, toLoop.Draws));
        }

        ImmutableArray<BigInteger> zeros = [.. ts.Parameters.Select(_ => BigInteger.Zero)];
        starts.Add((zeros, []));
        starts.AddRange(EdgeInputs(ts.Parameters).Select(inputs => (inputs, ImmutableArray<BigInteger>.Empty)));
        foreach (var (inputs, draws) in starts.Concat(ts.Transitions.Any(t => t.ProgramDraws.Any()) ? EdgeDraws(zeros) : []))
        {
            if (stage.Over())
            {
                break;
            }

            if (FromInput(inputs, draws) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// Starts whose drawn values lie at the ends of <c>int</c>'s range, the type that programs which draw their inputs
    /// (as SV-COMP's <c>main</c> functions do) draw most: each of the first <see cref="EdgeDrawLimit"/> values that a
    /// run from all-zero draws takes, alone at its maximum and minimum (the others 0), then all of them at one end. They
    /// reach deep overflows as <see cref="EdgeInputs"/> do from parameters. A value outside the type that draws it makes
    /// the run invalid, and the start is passed over.
    /// </summary>
    private IEnumerable<(ImmutableArray<BigInteger> Inputs, ImmutableArray<BigInteger> Draws)> EdgeDraws(ImmutableArray<BigInteger> zeros)
    {
        var drawn = (int)Math.Min(context.Checker().Run(zeros, [BigInteger.Zero], null, cycleStart: 0).NondetConsumed, EdgeDrawLimit);
        foreach (var edge in IntEdges)
        {
            for (var position = 0; position < drawn; position++)
            {
                yield return (zeros, Enumerable.Repeat(BigInteger.Zero, drawn).Select((v, i) => i == position ? edge : v).ToImmutableArray());
            }
        }

        foreach (var edge in IntEdges)
        {
            yield return (zeros, [.. Enumerable.Repeat(edge, drawn)]);
        }
    }

    /// <summary>How many of a run's first drawn values are set, one at a time, to the ends of <c>int</c>'s range.</summary>
    private const int EdgeDrawLimit = 8;

    /// <summary>
    /// A replayed run from <paramref name="inputs"/> into undefined behaviour, when the long concrete run from there
    /// reaches it: a run that stops for want of a nondeterministic value (a local without initializer, an array element
    /// never written) is run again with one more value, a few times: all zeros first, then all ones (a string with no
    /// terminating zero).
    /// </summary>
    public No? FromInput(ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws)
    {
        var checker = context.Checker();
        foreach (var fill in HasArrays ? ExtraDrawValues : ExtraDrawValues[..1])
        {
            var given = draws;
            var run = checker.Run(inputs, given, null);
            for (var extra = 0; run.Outcome is Interpretation.OutOfNondetValues && extra < ExtraDraws; extra++)
            {
                given = given.Add(fill);
                run = checker.Run(inputs, given, null);
            }

            if (run.Outcome is Interpretation.UndefinedBehaviour)
            {
                return Confirm(inputs, given);
            }

            if (given.Length == draws.Length)
            {
                // The run needed no more values: another fill would run it the same way.
                return null;
            }
        }

        return null;
    }

    /// <summary>How many values a long run may draw beyond the values its start came with.</summary>
    private const int ExtraDraws = 4;

    /// <summary>The values a long run draws beyond those its start came with, one kind per attempt.</summary>
    private static readonly BigInteger[] ExtraDrawValues = [BigInteger.Zero, BigInteger.One];

    /// <summary>
    /// The most parameters for which each one alone is tried at its type's extremes; beyond, only all of them at once.
    /// </summary>
    private const int EdgeParameterLimit = 3;

    /// <summary>
    /// Inputs at the ends of the parameters' types: each parameter alone at its maximum and minimum (the others 0),
    /// then all at their maxima and all at their minima. Overflows that only the largest inputs reach, such as
    /// <c>for (i = 0; i &lt; n; i += 2)</c> from <c>n = INT_MAX</c>, lie that far; the interpreter fast-forwards
    /// the loops that take them there.
    /// </summary>
    /// <summary>The ends of <c>int</c>'s range.</summary>
    private static readonly BigInteger[] IntEdges = [int.MaxValue, int.MinValue];

    private static IEnumerable<ImmutableArray<BigInteger>> EdgeInputs(ImmutableArray<Ir.Parameter> parameters)
    {
        if (parameters.IsEmpty || !parameters.All(p => p.Type.IsMachineInteger))
        {
            yield break;
        }

        var zeros = parameters.Select(_ => BigInteger.Zero).ToImmutableArray();
        if (parameters.Length <= EdgeParameterLimit)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                yield return zeros.SetItem(i, Interpretation.IntegerType.Max(parameters[i].Type));
                if (parameters[i].Type.Kind == Ir.TypeKind.Signed)
                {
                    yield return zeros.SetItem(i, Interpretation.IntegerType.Min(parameters[i].Type));
                }
            }
        }

        if (parameters.Length > 1)
        {
            yield return [.. parameters.Select(p => Interpretation.IntegerType.Max(p.Type))];
            yield return [.. parameters.Select(p => Interpretation.IntegerType.Min(p.Type))];
        }
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
