using Terminator.Core;

namespace Terminator.Tests.Examples;

/// <summary>The outcome of comparing an example's results with its header.</summary>
/// <param name="Failures">Why the example fails; empty when it passes.</param>
/// <param name="Notes">Passing news worth printing, such as an expectation that can now be raised.</param>
internal sealed record ExpectationOutcome(IReadOnlyList<string> Failures, IReadOnlyList<string> Notes);

/// <summary>Compares analysis results with an example's expectations (rules in examples/README.md).</summary>
internal static class ExpectationCheck
{
    /// <summary>Checks <paramref name="result"/> against <paramref name="header"/>.</summary>
    public static ExpectationOutcome Check(ExampleHeader header, ProgramResult result)
    {
        var failures = new List<string>();
        var notes = new List<string>();
        var expectations = header.Expectations.ToDictionary(e => e.Function, StringComparer.Ordinal);

        foreach (var function in result.Functions)
        {
            if (!expectations.Remove(function.Name, out var expectation))
            {
                failures.Add($"{function.Name}: analyzed but the header has no 'expect {function.Name}: ...' line");
                continue;
            }

            CheckVerdict(expectation, function.Verdict, failures, notes);
        }

        foreach (var missing in expectations.Keys)
            failures.Add($"{missing}: expected in the header but not in the results");

        foreach (var canReturn in header.CanReturnExpectations)
        {
            var function = result.Functions.FirstOrDefault(f => f.Name == canReturn.Function);
            var actual = function?.CanReturn;
            if (actual is null)
                failures.Add($"{canReturn.Function} can return {canReturn.Value}: no answer in the results");
            else if (actual.Verdict != canReturn.Expected)
                failures.Add($"{canReturn.Function} can return {canReturn.Value}: expected {canReturn.Expected}, got {actual.Verdict} ({actual.Reason})");
        }

        return new ExpectationOutcome(failures, notes);
    }

    private static void CheckVerdict(TerminationExpectation expectation, Verdict verdict, List<string> failures, List<string> notes)
    {
        var name = expectation.Function;
        var actual = verdict.Name;
        var detail = verdict is DontKnow dontKnow ? $" (reason: {dontKnow.Reason})" : "";

        if (actual == expectation.Expected)
            return;
        if (expectation.Truth is { } truth && actual != "DontKnow" && actual != truth)
            failures.Add($"{name}: answered {actual}, contrary to the true verdict {truth}");
        else if (expectation.Expected != "DontKnow")
            failures.Add($"{name}: must prove {expectation.Expected}, answered {actual}{detail}");
        else if (expectation.Truth is null)
            failures.Add($"{name}: answered {actual} where the truth is unknown; check the certificate or witness and record '// truth {name}: {actual}'");
        else
            notes.Add($"{name}: now proves {actual}; raise the expectation to '// expect {name}: {actual}'");
    }
}
