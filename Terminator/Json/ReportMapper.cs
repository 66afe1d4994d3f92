using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Json;

/// <summary>Maps the analysis results to the JSON report's DTOs.</summary>
internal static class ReportMapper
{
    /// <summary>The report for <paramref name="result"/>.</summary>
    public static ReportDto ToDto(ProgramResult result) => new(
        TerminationJson.SchemaVersion,
        result.File,
        result.Language switch
        {
            SourceLanguage.C => "c",
            _ => "python",
        },
        result.Semantics switch
        {
            IntegerSemantics.C => "c",
            _ => "math",
        },
        result.Functions.Select(ToDto).ToList())
    {
        DataModel = result.Language == SourceLanguage.C ? DataModelName(result.DataModel) : null,
        UninitializedReads = result.Language == SourceLanguage.C && result.UninitializedReads == Core.Ir.UninitializedReads.ArbitraryValue ? "arbitrary" : null,
    };

    /// <summary><c>ilp32</c> or <c>lp64</c>.</summary>
    public static string DataModelName(DataModel model) => model == DataModel.Lp64 ? "lp64" : "ilp32";

    /// <summary>The entry for one function.</summary>
    public static FunctionDto ToDto(FunctionResult function)
    {
        var dontKnow = function.Verdict as DontKnow;
        return new FunctionDto(
            function.Name,
            ToDto(function.Location),
            function.Verdict.Name,
            dontKnow?.Reason,
            dontKnow is null || dontKnow.TechniquesTried.IsDefaultOrEmpty ? null : dontKnow.TechniquesTried,
            (long)Math.Round(function.Elapsed.TotalMilliseconds),
            function.Verdict is Yes yes ? ToDto(yes.Certificate) : null,
            function.Verdict is No no ? ToDto(no.Witness) : null,
            function.CanReturn is { } canReturn ? ToDto(canReturn) : null,
            function.Assertions.IsDefaultOrEmpty ? null : function.Assertions.Select(ToDto).ToList())
        {
            Assumptions = function.Assumptions.IsDefaultOrEmpty ? null : function.Assumptions,
            UndefinedBehaviour = function.UndefinedBehaviour is { } answers ? ToDto(answers) : null,
        };
    }

    private static UndefinedBehaviourAnswersDto ToDto(UndefinedBehaviourAnswers answers) => new(
        answers.TerminatesWithoutUndefinedBehaviour switch
        {
            Yes yes => new PropertyDto(yes.Name, null, ToDto(yes.Certificate), null, null),
            No no => new PropertyDto(no.Name, null, null, ToDto(no.Witness), null),
            var other => new PropertyDto(other.Name, (other as DontKnow)?.Reason, null, null, null),
        },
        answers.UndefinedBehaviourReachable switch
        {
            UndefinedBehaviourReachable reachable => new PropertyDto(reachable.Name, null, null, ToDto(reachable.Witness), null),
            UndefinedBehaviourUnreachable unreachable => new PropertyDto(
                unreachable.Name,
                unreachable.Explanation,
                null,
                null,
                OrEmpty(unreachable.Invariants).Select(i => new LoopInvariantDto(ToDto(i.Location), i.Invariant.ToString())).ToList()),
            var other => new PropertyDto(other.Name, (other as UndefinedBehaviourUnknown)?.Reason, null, null, null),
        });

    private static AssertionDto ToDto(AssertionResult assertion) => new(
        ToDto(assertion.Location),
        assertion.Verdict.ToString(),
        Inputs(assertion.Inputs),
        OrEmpty(assertion.NondetValues),
        assertion.Reason);

    private static LocationDto ToDto(SourceSpan span) => new(span.File, span.Line, span.Column);

    private static CertificateDto ToDto(TerminationCertificate certificate) => new(
        OrEmpty(certificate.Loops).Select(l => new LoopProofDto(ToDto(l.Location), l.Invariant.ToString(), OrEmpty(l.Ranking))).ToList(),
        OrEmpty(certificate.Notes))
    {
        AssumesNoUndefinedBehaviour = certificate.AssumesNoUndefinedBehaviour ? true : null,
    };

    private static WitnessDto ToDto(NonterminationWitness witness) => new(
        witness.Kind switch
        {
            WitnessKind.Nontermination => "nontermination",
            WitnessKind.UndefinedBehaviour => "undefined-behaviour",
            _ => "nontermination-or-undefined-behaviour",
        },
        Inputs(witness.Inputs),
        OrEmpty(witness.NondetValues),
        witness.Loop is { } loop ? ToDto(loop) : null,
        witness.RecurrentSet?.ToString(),
        witness.UndefinedBehaviourAt is { } at ? ToDto(at) : null,
        witness.Explanation)
    {
        NondetOrigins = [.. witness.NondetOrigins.Select(o => new NondetOriginDto(ToDto(o.At), o.Source))],
        NondetValuesRepeatFrom = witness.NondetValuesRepeatFrom,
        PointerInputs = witness.Inputs.Any(i => i.IsPointer) ? [.. witness.Inputs.Where(i => i.IsPointer).Select(i => i.Name)] : null,
    };

    private static CanReturnDto ToDto(CanReturnResult canReturn) => new(
        canReturn.Value,
        canReturn.Verdict.ToString(),
        Inputs(canReturn.Inputs),
        OrEmpty(canReturn.NondetValues),
        canReturn.Reason);

    // An insertion-ordered map, so that the JSON lists parameters in declaration order.
    private static Dictionary<string, BigInteger> Inputs(ImmutableArray<InputValue> inputs)
    {
        var map = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var input in OrEmpty(inputs))
            map[input.Name] = input.Value;
        return map;
    }

    // Results built with `default` arrays must not crash the report.
    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static ImmutableArray<T> OrEmpty<T>(EquatableArray<T> items) => items.AsImmutableArray();
}
