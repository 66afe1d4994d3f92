using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>"Can the function return this value?": an input that does (replayed), a checked proof that none does, or DontKnow.</summary>
internal sealed class CanReturnAnalysis(AnalysisContext context, InvariantSupply invariants)
{
    /// <summary>The answer for <paramref name="literal"/>, an integer literal of the program's language.</summary>
    public CanReturnResult Decide(string literal)
    {
        var ts = context.System;
        var function = context.Function;
        if (ts.ReturnVariable is null)
        {
            throw new SourceException(function.Span, $"--can-return: '{function.Name}' returns no value");
        }

        var value = ParseLiteral(literal, function.Span);
        var ret = ts.ReturnVariable;
        var run = RunSearch.Reach(ts, k => Formula.And(Formula.Eq(Unrolling.Pc(k), new Const(ts.Exit)), Formula.Eq(Unrolling.At(ret, k), new Const(value))), context.Tuning.Nontermination.ReachDepth, context.Smt, context.QueryTimeout, () => context.OutOfTime);
        var checker = context.Checker();
        if (run is not null && checker.CheckReturns(run.Inputs, run.Draws, value) is null)
        {
            return new CanReturnResult(literal, CanReturnVerdict.Yes, CertificateRendering.Inputs(context, run.Inputs), run.Draws, $"this input returns {literal}");
        }

        var proof = new CannotReturnProof(value, invariants.LoopInvariants().ToImmutableDictionary());
        var failure = checker.Check(proof);
        if (failure is null && ts.SharedObjects is { } shared)
        {
            return new CanReturnResult(literal, CanReturnVerdict.DontKnow, [], [], $"no input returning {literal} was found, and the proof that none does leaves out runs that share objects: {shared}");
        }

        return failure is null
            ? new CanReturnResult(literal, CanReturnVerdict.No, [], [], $"no input makes {function.Name} return {literal} (proved for all inputs)")
            : new CanReturnResult(literal, CanReturnVerdict.DontKnow, [], [], $"no input returning {literal} was found, and it could not be ruled out");
    }

    private BigInteger ParseLiteral(string literal, SourceSpan span) =>
        ReturnLiteral.Parse(literal, context.Program.Language)
        ?? throw new SourceException(span, $"--can-return: '{literal}' is not a literal of this language");
}
