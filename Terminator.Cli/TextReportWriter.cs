using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using Terminator.Core;

namespace Terminator.Cli;

/// <summary>
/// The human-readable report: one block per function, the verdict on the first line, the evidence indented below it.
/// </summary>
/// <param name="useColor">Colour the verdict words with ANSI escapes (only for a terminal; the caller decides).</param>
public sealed class TextReportWriter(bool useColor = false) : IReportWriter
{
    private const string Indent = "  ";

    /// <inheritdoc />
    public void Write(ProgramResult result, TextWriter output)
    {
        if (result.Functions.IsEmpty)
            output.WriteLine($"{result.File}: no functions to analyze");
        else if (result.Language == Core.Ir.SourceLanguage.C && result.DataModel == Core.Ir.DataModel.Lp64)
            output.WriteLine($"{result.File}: data model LP64 (long, unsigned long and size_t are 64 bits)");
        if (!result.Functions.IsEmpty && result.Language == Core.Ir.SourceLanguage.C && result.UninitializedReads == Core.Ir.UninitializedReads.ArbitraryValue)
            output.WriteLine($"{result.File}: a local read before any store into it holds an arbitrary value of its type (not C's undefined behaviour)");
        foreach (var function in result.Functions)
            WriteFunction(function, output);
    }

    private void WriteFunction(FunctionResult function, TextWriter output)
    {
        var head = $"{function.Name}: {Paint(function.Verdict.Name)} ({Milliseconds(function.Elapsed)} ms)";
        switch (function.Verdict)
        {
            case Yes yes:
                output.WriteLine(head);
                WriteCertificate(yes.Certificate, output);
                break;
            case No no:
                output.WriteLine($"{head} - {DescribeKind(no.Witness)}");
                WriteWitness(no.Witness, output);
                break;
            case DontKnow dontKnow:
                output.WriteLine(head);
                output.WriteLine($"{Indent}reason: {dontKnow.Reason}");
                if (!dontKnow.TechniquesTried.IsDefaultOrEmpty)
                    output.WriteLine($"{Indent}tried: {string.Join(", ", dontKnow.TechniquesTried)}");
                break;
            default:
                output.WriteLine(head);
                break;
        }

        if (function.UndefinedBehaviour is { } answers)
            WriteUndefinedBehaviourAnswers(function.Verdict, answers, output);

        foreach (var assumption in function.Assumptions.IsDefault ? [] : function.Assumptions)
            output.WriteLine($"{Indent}assumes: {assumption}");

        if (function.CanReturn is { } canReturn)
            output.WriteLine(DescribeCanReturn(function.Name, canReturn));

        foreach (var assertion in function.Assertions.IsDefault ? [] : function.Assertions)
            output.WriteLine($"{Indent}{DescribeAssertion(assertion)}");
    }

    private string DescribeAssertion(AssertionResult assertion)
    {
        var head = $"assertion at {assertion.Location}: {Paint(assertion.Verdict.ToString())}";
        if (assertion.Verdict != AssertionVerdict.Fails)
            return $"{head} ({assertion.Reason})";

        var answer = $"{head}, with {DescribeInputs(assertion.Inputs, "no inputs")}";
        if (!assertion.NondetValues.IsDefaultOrEmpty)
            answer += $"; nondeterministic values: {Numbers(assertion.NondetValues)}";
        return answer;
    }

    private static void WriteCertificate(TerminationCertificate certificate, TextWriter output)
    {
        foreach (var loop in certificate.Loops)
        {
            output.WriteLine($"{Indent}loop at {loop.Location}");
            var ranking = loop.Ranking.IsDefaultOrEmpty
                ? "ranking function: none needed"
                : loop.Ranking.Length == 1
                    ? $"ranking function: {loop.Ranking[0]}"
                    : $"ranking function (lexicographic): ({string.Join(", ", loop.Ranking)})";
            output.WriteLine($"{Indent}{Indent}{ranking}");
            output.WriteLine($"{Indent}{Indent}invariant: {loop.Invariant}");
        }

        foreach (var note in certificate.Notes.IsDefault ? [] : certificate.Notes)
            output.WriteLine($"{Indent}note: {note}");
    }

    /// <summary>
    /// The two properties the verdict combines, one line each; evidence the verdict's block already shows is not
    /// repeated.
    /// </summary>
    private void WriteUndefinedBehaviourAnswers(Verdict verdict, UndefinedBehaviourAnswers answers, TextWriter output)
    {
        // A question left open before either property was asked (outside the subset, self-reference, the budget):
        // the verdict's reason says it once.
        if (verdict is DontKnow open && answers.TerminatesWithoutUndefinedBehaviour is DontKnow { Reason: var first } && first == open.Reason
            && answers.UndefinedBehaviourReachable is UndefinedBehaviourUnknown { Reason: var second } && second == open.Reason)
        {
            return;
        }

        var termination = answers.TerminatesWithoutUndefinedBehaviour;
        var line = $"{Indent}terminates whenever no undefined behaviour occurs: {Paint(termination.Name)}";
        switch (termination)
        {
            case Yes yes when !ReferenceEquals(termination, verdict):
                output.WriteLine($"{line} - a certificate that ends each run at its first undefined behaviour");
                foreach (var loop in yes.Certificate.Loops)
                {
                    var ranking = loop.Ranking.IsDefaultOrEmpty ? "none needed" : string.Join(", ", loop.Ranking);
                    output.WriteLine($"{Indent}{Indent}loop at {loop.Location}: ranking function {ranking}; invariant {loop.Invariant}");
                }

                break;
            case No no when !ReferenceEquals(termination, verdict):
                output.WriteLine($"{line} - {DescribeKind(no.Witness)}, with {DescribeInputs(no.Witness.Inputs, "no inputs")}");
                break;
            case DontKnow dontKnow:
                output.WriteLine($"{line} - {dontKnow.Reason}");
                break;
            default:
                output.WriteLine(line);
                break;
        }

        var reachable = answers.UndefinedBehaviourReachable;
        line = $"{Indent}undefined behaviour reachable: {Paint(reachable.Name)}";
        switch (reachable)
        {
            case UndefinedBehaviourReachable { Witness: var witness }:
                var at = witness.UndefinedBehaviourAt is { } span ? $", at {span}" : "";
                var answer = $"{line}{at} with {DescribeInputs(witness.Inputs, "no inputs")}";
                if (!witness.NondetValues.IsDefaultOrEmpty)
                    answer += $"; nondeterministic values: {Draws(witness)}";
                output.WriteLine(answer);
                break;
            case UndefinedBehaviourUnreachable unreachable:
                output.WriteLine($"{line} - {unreachable.Explanation}");
                if (verdict is not Yes)
                {
                    foreach (var invariant in unreachable.Invariants)
                        output.WriteLine($"{Indent}{Indent}invariant at {invariant.Location}: {invariant.Invariant}");
                }

                break;
            case UndefinedBehaviourUnknown unknown:
                output.WriteLine($"{line} - {unknown.Reason}");
                break;
        }
    }

    /// <summary>The kind of "No" in plain words, as the first line says it.</summary>
    private static string DescribeKind(NonterminationWitness witness) => witness.Kind switch
    {
        WitnessKind.Nontermination => "runs forever",
        WitnessKind.UndefinedBehaviour => witness.UndefinedBehaviourAt is { } at
            ? $"reaches undefined behaviour at {at}"
            : "reaches undefined behaviour",
        _ => "runs forever or reaches undefined behaviour",
    };

    private static void WriteWitness(NonterminationWitness witness, TextWriter output)
    {
        output.WriteLine($"{Indent}input: {DescribeInputs(witness.Inputs, "none (no parameters)")}");
        if (!witness.NondetValues.IsDefaultOrEmpty)
            output.WriteLine($"{Indent}nondeterministic values: {Draws(witness)}");
        if (witness.Loop is { } loop)
        {
            output.WriteLine(witness.RecurrentSet is { } set
                ? $"{Indent}the loop at {loop} never leaves: {set}"
                : $"{Indent}the loop at {loop} never exits");
        }

        // For the UB kind the location is already on the first line.
        if (witness.Kind == WitnessKind.NonterminationOrUndefinedBehaviour && witness.UndefinedBehaviourAt is { } at)
            output.WriteLine($"{Indent}undefined behaviour possible at {at}");
        if (!string.IsNullOrWhiteSpace(witness.Explanation))
            output.WriteLine($"{Indent}why: {witness.Explanation}");
    }

    private string DescribeCanReturn(string functionName, CanReturnResult canReturn)
    {
        var question = $"{functionName} can return {canReturn.Value}: {Paint(canReturn.Verdict.ToString())}";
        if (canReturn.Verdict != CanReturnVerdict.Yes)
            return string.IsNullOrWhiteSpace(canReturn.Reason) ? question : $"{question} - {canReturn.Reason}";

        var answer = canReturn.Inputs.IsDefaultOrEmpty ? question : $"{question}, with {DescribeInputs(canReturn.Inputs, "")}";
        if (!canReturn.NondetValues.IsDefaultOrEmpty)
            answer += $"; nondeterministic values: {Numbers(canReturn.NondetValues)}";
        return answer;
    }

    private static string DescribeInputs(ImmutableArray<InputValue> inputs, string whenEmpty) =>
        inputs.IsDefaultOrEmpty
            ? whenEmpty
            : string.Join(", ", inputs.Select(i => i.Describe()));

    /// <summary>
    /// A witness's nondeterministic values, each with where it is drawn when the witness says; those that repeat for
    /// ever follow "then for ever, in turn:" (or start with "for ever, in turn:").
    /// </summary>
    private static string Draws(NonterminationWitness witness)
    {
        var values = witness.NondetValues.Select((v, i) =>
            i < witness.NondetOrigins.Length
                ? $"{v.ToString(CultureInfo.InvariantCulture)} ({witness.NondetOrigins[i]})"
                : v.ToString(CultureInfo.InvariantCulture)).ToList();
        if (witness.NondetValuesRepeatFrom is not { } start || start >= values.Count)
            return string.Join(", ", values);
        var cycle = $"for ever, in turn: {string.Join(", ", values.Skip(start))}";
        return start == 0 ? cycle : $"{string.Join(", ", values.Take(start))}, then {cycle}";
    }

    private static string Numbers(ImmutableArray<BigInteger> values) =>
        string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static long Milliseconds(TimeSpan elapsed) => (long)Math.Round(elapsed.TotalMilliseconds);

    private string Paint(string verdict)
    {
        if (!useColor)
            return verdict;
        var code = verdict switch
        {
            "Yes" or "Holds" => "32",
            "No" or "Fails" => "31",
            _ => "33",
        };
        return $"\u001b[{code}m{verdict}\u001b[0m";
    }
}
