using Terminator.Core;

namespace Terminator.Tests.Api;

/// <summary>Typed answer values for tests that build results by hand: g's ranking function and invariant, g2's recurrent set.</summary>
internal static class AnswerValues
{
    /// <summary>Σ cᵢ·xᵢ, from pairs of coefficient and variable.</summary>
    public static LinearFunction Linear(params (long Coefficient, string Variable)[] terms) =>
        new([.. terms.Select(t => new LinearTerm(t.Coefficient, t.Variable))], 0);

    /// <summary>The constant <paramref name="value"/>.</summary>
    public static LinearFunction Constant(long value) => new([], value);

    /// <summary><paramref name="variable"/> op <paramref name="bound"/>.</summary>
    public static ComparisonCondition Bound(string variable, ComparisonOperator op, long bound) =>
        new(Linear((1, variable)), op, Constant(bound));

    /// <summary><c>x - y</c>, g's ranking function.</summary>
    public static LinearFunction XMinusY => Linear((1, "x"), (-1, "y"));

    /// <summary><c>y >= 1</c>, g's invariant.</summary>
    public static AndCondition YAtLeastOne => new([Bound("y", ComparisonOperator.GreaterOrEqual, 1)]);

    /// <summary><c>x > y &amp;&amp; y &lt;= 0</c>, g2's recurrent set.</summary>
    public static AndCondition XAboveYAtMostZero =>
        new([new ComparisonCondition(Linear((1, "x")), ComparisonOperator.Greater, Linear((1, "y"))), Bound("y", ComparisonOperator.LessOrEqual, 0)]);
}
