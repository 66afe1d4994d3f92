using Terminator.Core;

namespace Terminator.NUnit;

/// <summary>
/// Constraints on what Terminator proved, to read like NUnit's own:
/// <code>
/// Assert.That(Source.C(code).Function("g"), Proved.Terminates);
/// Assert.That(result.Function("g2"), Proved.DoesNotTerminate);
/// Assert.That(Source.C(code).Function("f"), Proved.CannotReturn("0"));
/// Assert.That(result.Function("h"), !Proved.Terminates);
/// Assert.That(Source.C(code).Function("add"), Proved.TerminatesWithoutUndefinedBehaviour &amp; Proved.UndefinedBehaviourReachable);
/// </code>
/// Each property or call makes a fresh constraint. "Proved" is meant literally: a DontKnow satisfies neither
/// <see cref="Terminates"/> nor <see cref="DoesNotTerminate"/>, so their negations pass on it.
/// </summary>
public static class Proved
{
    /// <summary>The verdict is Yes: the function terminates on every input, with a checked certificate.</summary>
    public static TerminationConstraint Terminates => new("Yes", "proved to terminate");

    /// <summary>The verdict is No: an input that makes the function run forever or reach undefined behaviour, replayed.</summary>
    public static TerminationConstraint DoesNotTerminate => new("No", "proved nonterminating");

    /// <summary>
    /// Every run of the C function that avoids undefined behaviour terminates, with a checked certificate (the first of
    /// the two properties its verdict combines). Implied by <see cref="Terminates"/>; unlike it, holds for a function
    /// such as <c>int add(int x, int y) { return x + y; }</c> whose only way to go wrong is undefined behaviour.
    /// </summary>
    public static UndefinedBehaviourConstraint TerminatesWithoutUndefinedBehaviour =>
        new(true, "Yes", "proved to terminate whenever no undefined behaviour occurs");

    /// <summary>No input makes the C function reach undefined behaviour, proved with checked invariants.</summary>
    public static UndefinedBehaviourConstraint UndefinedBehaviourUnreachable => new(false, "No", "proved free of undefined behaviour");

    /// <summary>Some input makes the C function reach undefined behaviour, replayed.</summary>
    public static UndefinedBehaviourConstraint UndefinedBehaviourReachable => new(false, "Yes", "shown to reach undefined behaviour");

    /// <summary>The verdict is DontKnow: neither termination nor non-termination was proved.</summary>
    public static TerminationConstraint Nothing => new("DontKnow", "nothing proved (DontKnow)");

    /// <summary>The function returns <paramref name="value"/> on no input (the can-return answer is No).</summary>
    /// <param name="value">A literal of the source language, as for <see cref="AnalysisOptions.CanReturn"/>.</param>
    public static CanReturnConstraint CannotReturn(string value) => new(Checked(value), "No", $"proved never to return {value}");

    /// <summary>The function returns <paramref name="value"/> on some input, found and replayed (the can-return answer is Yes).</summary>
    /// <param name="value">A literal of the source language, as for <see cref="AnalysisOptions.CanReturn"/>.</param>
    public static CanReturnConstraint CanReturn(string value) => new(Checked(value), "Yes", $"shown to return {value} on some input");

    private static string Checked(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value;
    }
}
