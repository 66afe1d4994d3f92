using NUnit.Framework.Constraints;
using Terminator.Core;
using Terminator.NUnit;

namespace Terminator.Tests.Examples;

/// <summary>What one expectation asks of a function's result, and what a failure tells the reader besides the answer.</summary>
/// <param name="Constraint">The Terminator.NUnit constraint the result must satisfy.</param>
/// <param name="Hint">The first line of a failure message.</param>
internal sealed record ExpectationRule(IResolveConstraint Constraint, string Hint);

/// <summary>Turns an example's expectations into Terminator.NUnit constraints (rules in examples/README.md) and asserts them.</summary>
internal static class ExpectationCheck
{
    /// <summary>
    /// Asserts <paramref name="result"/> against <paramref name="header"/>: the analyzed functions are those with an
    /// <c>expect</c> line, and each answer satisfies its rule. Inside <c>Assert.EnterMultipleScope</c> every failure is
    /// reported; outside, the first one throws.
    /// </summary>
    /// <param name="header">The example's expectations.</param>
    /// <param name="result">The analysis of the example.</param>
    /// <param name="note">Receives passing news, such as an expectation that can now be raised.</param>
    public static void Verify(ExampleHeader header, ProgramResult result, Action<string> note)
    {
        Assert.That(result.Functions.Select(f => f.Name), Is.EquivalentTo(header.Expectations.Select(e => e.Function)),
            "the analyzed functions must be exactly those with an 'expect' line");

        foreach (var expectation in header.Expectations)
        {
            // A missing function is reported by the assertion above.
            if (result.Functions.FirstOrDefault(f => f.Name == expectation.Function) is not { } function)
                continue;
            var rule = Rule(expectation);
            Assert.That(function, rule.Constraint, rule.Hint);
            if (expectation.Expected == "DontKnow" && expectation.Truth is { } truth && function.Verdict.Name == truth)
                note($"{function.Name}: now proves {truth}; raise the expectation to '// expect {function.Name}: {truth}'");
        }

        foreach (var expectation in header.CanReturnExpectations)
        {
            if (result.Functions.FirstOrDefault(f => f.Name == expectation.Function) is not { } function)
                continue;
            var rule = Rule(expectation);
            Assert.That(function, rule.Constraint, rule.Hint);
        }
    }

    /// <summary>The constraint for one <c>expect</c> line, following the table of examples/README.md.</summary>
    public static ExpectationRule Rule(TerminationExpectation expectation)
    {
        var name = expectation.Function;
        return (expectation.Expected, expectation.Truth) switch
        {
            ("Yes", _) => new(Proved.Terminates, $"{name} must prove Yes"),
            ("No", _) => new(Proved.DoesNotTerminate, $"{name} must prove No"),
            (_, null) => new(Proved.Nothing,
                $"{name}: answered where the truth is unknown; check the certificate or witness and record '// truth {name}: Yes|No'"),
            // Expected DontKnow with a known truth: the true answer is an improvement (see Verify's note), the other one is wrong.
            (_, "Yes") => new(!Proved.DoesNotTerminate, $"{name}: answered contrary to the true verdict Yes"),
            _ => new(!Proved.Terminates, $"{name}: answered contrary to the true verdict No"),
        };
    }

    /// <summary>The constraint for one <c>expect-can-return</c> line: the answer must be exactly the expected one.</summary>
    public static ExpectationRule Rule(CanReturnExpectation expectation)
    {
        var (value, hint) = (expectation.Value, $"{expectation.Function} can return {expectation.Value}: expected {expectation.Expected}");
        return expectation.Expected switch
        {
            "Yes" => new(Proved.CanReturn(value), hint),
            "No" => new(Proved.CannotReturn(value), hint),
            _ => new(!Proved.CanReturn(value) & !Proved.CannotReturn(value), hint),
        };
    }
}
