using System.Collections.Immutable;
using System.Numerics;

namespace Terminator.Core.Logic;

/// <summary>An affine expression Σ cᵢ·xᵢ + c₀ with exact rational coefficients.</summary>
internal sealed record LinearExpr(ImmutableSortedDictionary<string, Rational> Coefficients, Rational Constant)
{
    public static LinearExpr Zero { get; } = new(ImmutableSortedDictionary<string, Rational>.Empty.WithComparers(StringComparer.Ordinal), Rational.Zero);

    public static LinearExpr Of(Rational c) => Zero with { Constant = c };

    public static LinearExpr Of(string variable) => Zero with { Coefficients = Zero.Coefficients.Add(variable, Rational.One) };

    public bool IsConstant => Coefficients.Count == 0;

    public static LinearExpr operator +(LinearExpr a, LinearExpr b)
    {
        var builder = a.Coefficients.ToBuilder();
        foreach (var (v, c) in b.Coefficients)
        {
            var sum = builder.GetValueOrDefault(v) + c;
            if (sum.Sign == 0)
            {
                builder.Remove(v);
            }
            else
            {
                builder[v] = sum;
            }
        }

        return new LinearExpr(builder.ToImmutable(), a.Constant + b.Constant);
    }

    public static LinearExpr operator *(Rational k, LinearExpr a) =>
        k.Sign == 0 ? Zero : new LinearExpr(a.Coefficients.ToImmutableSortedDictionary(p => p.Key, p => p.Value * k, StringComparer.Ordinal), a.Constant * k);

    public static LinearExpr operator -(LinearExpr a, LinearExpr b) => a + (new Rational(-1, 1) * b);

    public Term ToTerm()
    {
        Term result = new Const(Constant);
        foreach (var (v, c) in Coefficients)
        {
            result = LogicOps.SimplifyArith(ArithOp.Add, result, LogicOps.SimplifyArith(ArithOp.Mul, new Const(c), new Var(v)));
        }

        return result;
    }

    /// <summary>The same expression multiplied by the least positive number that makes every coefficient an integer.</summary>
    public LinearExpr ClearDenominators()
    {
        var lcm = BigInteger.One;
        foreach (var c in Coefficients.Values.Append(Constant))
        {
            lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, c.Denominator) * c.Denominator;
        }

        return new Rational(lcm, 1) * this;
    }

    // Written out: a sorted dictionary compares by reference, and expressions are compared and hashed often (rows of polyhedra in hash sets).
    public bool Equals(LinearExpr? other) =>
        other is not null && Constant == other.Constant && Coefficients.Count == other.Coefficients.Count
        && Coefficients.All(p => other.Coefficients.TryGetValue(p.Key, out var c) && c == p.Value);

    public override int GetHashCode()
    {
        // Rows of one polyhedron often share their size and constant: the coefficients tell them apart in hash sets.
        var hash = new HashCode();
        hash.Add(Constant);
        foreach (var (v, c) in Coefficients)
        {
            hash.Add(v);
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>Readable form, such as <c>x - y + 1</c> or <c>2*x</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var (v, c) in Coefficients)
        {
            var magnitude = c.Sign < 0 ? -c : c;
            var body = magnitude == Rational.One ? v : $"{magnitude}*{v}";
            parts.Add(parts.Count == 0 ? (c.Sign < 0 ? "-" + body : body) : (c.Sign < 0 ? "- " + body : "+ " + body));
        }

        if (Constant.Sign != 0 || parts.Count == 0)
        {
            var magnitude = Constant.Sign < 0 ? -Constant : Constant;
            parts.Add(parts.Count == 0 ? Constant.ToString() : (Constant.Sign < 0 ? "- " : "+ ") + magnitude);
        }

        return string.Join(" ", parts);
    }
}

/// <summary>A linear constraint <c>Expr ≤ 0</c>.</summary>
internal sealed record LinearConstraint(LinearExpr Expr)
{
    public Formula ToFormula() => Formula.Le(Expr.ToTerm(), new Const(0));

    public override string ToString() => $"{Expr} <= 0";
}
