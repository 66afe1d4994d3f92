using System.Numerics;
using System.Text;

namespace Terminator.Core;

/// <summary>
/// An exact rational number of an answer (a coefficient of a ranking function, a bound of an invariant), in lowest
/// terms with a positive denominator: an integer has denominator 1.
/// </summary>
public sealed record Fraction
{
    /// <summary>The number <paramref name="numerator"/> / <paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is 0.</exception>
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction's denominator must not be 0.");
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator) * denominator.Sign;
        (Numerator, Denominator) = divisor.IsZero ? (numerator, denominator) : (numerator / divisor, denominator / divisor);
    }

    /// <summary>The integer <paramref name="value"/>.</summary>
    public Fraction(BigInteger value) : this(value, BigInteger.One) { }

    /// <summary>The numerator; its sign is the number's.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, at least 1.</summary>
    public BigInteger Denominator { get; }

    /// <summary>Whether the number is an integer.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>-1, 0 or 1: the number's sign.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>The integer <paramref name="value"/>.</summary>
    public static implicit operator Fraction(BigInteger value) => new(value);

    /// <summary>The integer <paramref name="value"/>.</summary>
    public static implicit operator Fraction(long value) => new(value);

    /// <summary>The integer, or <c>n/d</c>.</summary>
    public override string ToString() => IsInteger ? Numerator.ToString() : $"{Numerator}/{Denominator}";
}

/// <summary>
/// A numeric expression of an answer: a ranking function, a side of a comparison in an invariant or a recurrent set.
/// Its variables are the function's (parameters, locals, and named stand-ins the answer's text explains, such as
/// <c>len(a)</c> for an array's length or <c>f.x</c> for the variable <c>x</c> of an inlined call of <c>f</c>).
/// One closed hierarchy: <see cref="LinearFunction"/>, <see cref="NumberExpression"/>, <see cref="VariableExpression"/>,
/// <see cref="ArithmeticExpression"/> and <see cref="ConditionalExpression"/>. <see cref="ToString"/> renders it, in
/// one place for all of them.
/// </summary>
public abstract record Expression
{
    private protected Expression() { }

    /// <summary>The expression as text, as answers show it (<c>x - y + 1</c>, <c>(x * y)</c>).</summary>
    public sealed override string ToString() => ExpressionText.Of(this);
}

/// <summary>An affine function Σ cᵢ·xᵢ + c₀ with exact coefficients: the form of every ranking function.</summary>
/// <param name="Terms">The terms cᵢ·xᵢ, each with a coefficient other than 0, in the order of their variables' names (ordinal).</param>
/// <param name="Constant">The constant c₀.</param>
public sealed record LinearFunction(EquatableArray<LinearTerm> Terms, Fraction Constant) : Expression
{
    /// <summary>The value of the function in a state that gives each of its variables a value.</summary>
    /// <exception cref="KeyNotFoundException">A variable of the function has no value in <paramref name="state"/>.</exception>
    public Fraction Evaluate(IReadOnlyDictionary<string, BigInteger> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (numerator, denominator) = (Constant.Numerator, Constant.Denominator);
        foreach (var term in Terms)
        {
            var value = state.TryGetValue(term.Variable, out var v)
                ? v
                : throw new KeyNotFoundException($"The state gives no value to {term.Variable}.");
            numerator = numerator * term.Coefficient.Denominator + term.Coefficient.Numerator * value * denominator;
            denominator *= term.Coefficient.Denominator;
        }

        return new Fraction(numerator, denominator);
    }
}

/// <summary>One term c·x of a <see cref="LinearFunction"/>.</summary>
/// <param name="Coefficient">The coefficient c, never 0.</param>
/// <param name="Variable">The variable x.</param>
public sealed record LinearTerm(Fraction Coefficient, string Variable);

/// <summary>A number.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberExpression(Fraction Value) : Expression;

/// <summary>A variable.</summary>
/// <param name="Name">Its name, as answers show it.</param>
public sealed record VariableExpression(string Name) : Expression;

/// <summary>An arithmetic operation on two expressions, with its rounding made explicit (<see cref="ArithmeticOperator"/>).</summary>
/// <param name="Operator">The operation.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record ArithmeticExpression(ArithmeticOperator Operator, Expression Left, Expression Right) : Expression;

/// <summary>The value of <paramref name="Then"/> where <paramref name="Condition"/> holds, of <paramref name="Else"/> elsewhere.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Then">The value where it holds.</param>
/// <param name="Else">The value where it does not.</param>
public sealed record ConditionalExpression(Condition Condition, Expression Then, Expression Else) : Expression;

/// <summary>The operations of an <see cref="ArithmeticExpression"/>, over the integers (or rationals) of mathematics.</summary>
public enum ArithmeticOperator
{
    /// <summary>a + b, written <c>+</c>.</summary>
    Add,
    /// <summary>a − b, written <c>-</c>.</summary>
    Subtract,
    /// <summary>a · b, written <c>*</c>.</summary>
    Multiply,
    /// <summary>The quotient rounded toward zero (C's <c>/</c>), written <c>/</c>.</summary>
    TruncatedDivide,
    /// <summary>The remainder with the dividend's sign (C's <c>%</c>), written <c>%</c>.</summary>
    TruncatedRemainder,
    /// <summary>The quotient rounded toward negative infinity (Python's <c>//</c>), written <c>//</c>.</summary>
    FloorDivide,
    /// <summary>The remainder with the divisor's sign (Python's <c>%</c>), written <c>mod</c>.</summary>
    FloorModulo,
}

/// <summary>
/// A condition on a state: an invariant, a recurrent set, a region of a ranking argument. One closed hierarchy:
/// <see cref="ComparisonCondition"/>, <see cref="AndCondition"/>, <see cref="OrCondition"/>, <see cref="NotCondition"/>,
/// <see cref="BooleanCondition"/> and <see cref="QuantifiedCondition"/>. <see cref="ToString"/> renders it, in one place
/// for all of them.
/// </summary>
public abstract record Condition
{
    private protected Condition() { }

    /// <summary>The condition as text, as answers show it (<c>y >= 1 &amp;&amp; x &lt; y</c>).</summary>
    public sealed override string ToString() => ExpressionText.Of(this);
}

/// <summary>A comparison of two expressions.</summary>
/// <param name="Left">The left side.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Right">The right side.</param>
public sealed record ComparisonCondition(Expression Left, ComparisonOperator Operator, Expression Right) : Condition;

/// <summary>Every operand holds; with no operands, true. Invariants are conjunctions of their atoms.</summary>
/// <param name="Operands">The conjuncts.</param>
public sealed record AndCondition(EquatableArray<Condition> Operands) : Condition;

/// <summary>Some operand holds; with no operands, false.</summary>
/// <param name="Operands">The disjuncts.</param>
public sealed record OrCondition(EquatableArray<Condition> Operands) : Condition;

/// <summary>The operand does not hold.</summary>
/// <param name="Operand">The negated condition.</param>
public sealed record NotCondition(Condition Operand) : Condition;

/// <summary>A constant: true or false.</summary>
/// <param name="Value">The constant.</param>
public sealed record BooleanCondition(bool Value) : Condition;

/// <summary>A condition under a quantifier: some values (<paramref name="IsExists"/>) or all values of <paramref name="Variables"/> make <paramref name="Body"/> hold.</summary>
/// <param name="IsExists">Whether the quantifier is ∃ (otherwise ∀).</param>
/// <param name="Variables">The bound variables.</param>
/// <param name="Body">The condition under the quantifier.</param>
public sealed record QuantifiedCondition(bool IsExists, EquatableArray<string> Variables, Condition Body) : Condition;

/// <summary>The comparisons of a <see cref="ComparisonCondition"/>.</summary>
public enum ComparisonOperator
{
    /// <summary>a ≤ b, written <c>&lt;=</c>.</summary>
    LessOrEqual,
    /// <summary>a &lt; b, written <c>&lt;</c>.</summary>
    Less,
    /// <summary>a ≥ b, written <c>&gt;=</c>.</summary>
    GreaterOrEqual,
    /// <summary>a &gt; b, written <c>&gt;</c>.</summary>
    Greater,
    /// <summary>a = b, written <c>==</c>.</summary>
    Equal,
    /// <summary>a ≠ b, written <c>!=</c>.</summary>
    NotEqual,
}

/// <summary>The text of expressions and conditions: the one place they are rendered.</summary>
internal static class ExpressionText
{
    public static string Of(Expression expression) => expression switch
    {
        LinearFunction linear => Of(linear),
        NumberExpression { Value: var value } => value.Sign < 0 ? $"({value})" : value.ToString(),
        VariableExpression variable => variable.Name,
        ArithmeticExpression arithmetic => $"({arithmetic.Left} {Symbol(arithmetic.Operator)} {arithmetic.Right})",
        ConditionalExpression conditional => $"({conditional.Condition} ? {conditional.Then} : {conditional.Else})",
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "unknown kind of expression"),
    };

    public static string Of(Condition condition) => condition switch
    {
        ComparisonCondition comparison => $"{Bare(comparison.Left)} {Symbol(comparison.Operator)} {Bare(comparison.Right)}",
        AndCondition { Operands.IsEmpty: true } => "true",
        AndCondition and => string.Join(" && ", and.Operands.Select(o => o is OrCondition ? $"({o})" : o.ToString())),
        OrCondition { Operands.IsEmpty: true } => "false",
        OrCondition or => string.Join(" || ", or.Operands.Select(o => o is AndCondition ? $"({o})" : o.ToString())),
        NotCondition not => $"!({not.Operand})",
        BooleanCondition boolean => boolean.Value ? "true" : "false",
        QuantifiedCondition quantified => $"{(quantified.IsExists ? "exists" : "forall")} {string.Join(", ", quantified.Variables)}. ({quantified.Body})",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown kind of condition"),
    };

    /// <summary><c>x - 2*y + 1</c>, <c>-x</c>, <c>1/2*x</c>, <c>0</c>.</summary>
    private static string Of(LinearFunction function)
    {
        var text = new StringBuilder();
        foreach (var term in function.Terms)
        {
            var magnitude = Magnitude(term.Coefficient);
            var body = magnitude is { IsInteger: true, Numerator.IsOne: true } ? term.Variable : $"{magnitude}*{term.Variable}";
            text.Append(text.Length == 0 ? (term.Coefficient.Sign < 0 ? "-" : "") : (term.Coefficient.Sign < 0 ? " - " : " + ")).Append(body);
        }

        if (function.Constant.Sign != 0 || text.Length == 0)
        {
            text.Append(text.Length == 0 ? function.Constant.ToString() : $"{(function.Constant.Sign < 0 ? " - " : " + ")}{Magnitude(function.Constant)}");
        }

        return text.ToString();
    }

    private static Fraction Magnitude(Fraction value) => value.Sign < 0 ? new Fraction(-value.Numerator, value.Denominator) : value;

    /// <summary>A side of a comparison: an operation without its outer parentheses.</summary>
    private static string Bare(Expression side) => side is ArithmeticExpression ? Of(side)[1..^1] : Of(side);

    private static string Symbol(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.TruncatedDivide => "/",
        ArithmeticOperator.TruncatedRemainder => "%",
        ArithmeticOperator.FloorDivide => "//",
        ArithmeticOperator.FloorModulo => "mod",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown arithmetic operator"),
    };

    private static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison"),
    };
}
