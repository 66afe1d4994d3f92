using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using Terminator.Core;

namespace Terminator.NUnit;

/// <summary>One-line renderings of Terminator's answers, as failure messages show them.</summary>
internal static class AnswerText
{
    private const string Dash = " — ";

    /// <summary>The verdict and its evidence: the certificate's loops, the witness, or the reason for DontKnow.</summary>
    public static string Of(Verdict verdict) => verdict switch
    {
        Yes yes => "Yes" + Dash + Certificate(yes.Certificate),
        No no => "No" + Dash + Witness(no.Witness),
        DontKnow dontKnow => "DontKnow" + Dash + dontKnow.Reason
            + (dontKnow.TechniquesTried.IsDefaultOrEmpty ? "" : $" (tried: {string.Join(", ", dontKnow.TechniquesTried)})"),
        _ => verdict.Name,
    };

    /// <summary>The answer to "is undefined behaviour reachable?" with its input, invariants or reason.</summary>
    public static string Of(UndefinedBehaviourVerdict answer) => "undefined behaviour reachable: " + answer switch
    {
        UndefinedBehaviourReachable reachable => "Yes" + Dash + Witness(reachable.Witness),
        UndefinedBehaviourUnreachable unreachable => "No" + Dash + unreachable.Explanation
            + (unreachable.Invariants.IsDefaultOrEmpty ? "" : " (" + string.Join("; ", unreachable.Invariants.Select(i => $"at {i.Location}: {i.Invariant}")) + ")"),
        UndefinedBehaviourUnknown unknown => "DontKnow" + Dash + unknown.Reason,
        _ => answer.Name,
    };

    /// <summary>The answer to "can the function return V?" with its input or reason.</summary>
    public static string Of(CanReturnResult answer)
    {
        var evidence = answer.Verdict == CanReturnVerdict.Yes && !answer.Inputs.IsDefaultOrEmpty
            ? $"returns {answer.Value} {From(answer.Inputs, answer.NondetValues)}"
            : answer.Reason;
        return $"can return {answer.Value}? {answer.Verdict}{Dash}{evidence}";
    }

    private static string Certificate(TerminationCertificate certificate)
    {
        var parts = certificate.Loops.IsDefaultOrEmpty
            ? ["no loops"]
            : certificate.Loops.Select(Loop).ToList();
        if (!certificate.Notes.IsDefaultOrEmpty)
            parts.Add("note: " + string.Join(", ", certificate.Notes));
        return string.Join("; ", parts);
    }

    private static string Loop(LoopProof loop)
    {
        var ranking = loop.Ranking.Length == 1 ? loop.Ranking[0] : $"({string.Join(", ", loop.Ranking)})";
        // "true" is the invariant of a loop that needs none; saying "under true" would only add noise.
        var invariant = loop.Invariant is AndCondition { Operands.IsEmpty: true } or BooleanCondition { Value: true } ? "" : $" under {loop.Invariant}";
        return $"loop at {loop.Location} ranked by {ranking}{invariant}";
    }

    private static string Witness(NonterminationWitness witness)
    {
        var what = witness.Kind switch
        {
            WitnessKind.Nontermination => "runs forever",
            WitnessKind.UndefinedBehaviour => witness.UndefinedBehaviourAt is { } at
                ? $"reaches undefined behaviour at {at}"
                : "reaches undefined behaviour",
            _ => "runs forever or reaches undefined behaviour",
        };
        var from = From(witness.Inputs, witness.NondetValues);
        var loop = witness.Loop is { } l && witness.Kind != WitnessKind.UndefinedBehaviour ? $" (loop at {l})" : "";
        return string.Join(" ", new[] { what, from }.Where(s => s.Length > 0)) + loop;
    }

    /// <summary>"from x = 5, y = 0 with nondet() = 1, 2", leaving out what is empty.</summary>
    private static string From(ImmutableArray<InputValue> inputs, ImmutableArray<BigInteger> nondet)
    {
        var text = inputs.IsDefaultOrEmpty
            ? ""
            : "from " + string.Join(", ", inputs.Select(i => i.Describe()));
        if (!nondet.IsDefaultOrEmpty)
            text += (text.Length > 0 ? " " : "") + "with nondet() = " + string.Join(", ", nondet.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        return text;
    }
}
