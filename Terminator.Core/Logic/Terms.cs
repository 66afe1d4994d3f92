using System.Collections.Immutable;
using System.Numerics;

namespace Terminator.Core.Logic;

/// <summary>The sort of a logical variable.</summary>
internal enum Sort
{
    /// <summary>Mathematical integers.</summary>
    Int,
    /// <summary>Real (rational) numbers; used for the unknown coefficients of templates.</summary>
    Real,
}

/// <summary>
/// A numeric term of the solver-neutral logic. Terms are exact: integer division and remainder are spelled out
/// with their rounding (<see cref="ArithOp.DivTrunc"/> for C, <see cref="ArithOp.DivFloor"/> for Python).
/// </summary>
internal abstract record Term
{
    /// <summary>Sum.</summary>
    public static Term operator +(Term a, Term b) => new Arith(ArithOp.Add, a, b);
    /// <summary>Difference.</summary>
    public static Term operator -(Term a, Term b) => new Arith(ArithOp.Sub, a, b);
    /// <summary>Product.</summary>
    public static Term operator *(Term a, Term b) => new Arith(ArithOp.Mul, a, b);
    /// <summary>Negation.</summary>
    public static Term operator -(Term a) => new Arith(ArithOp.Sub, new Const(0), a);
    /// <summary>An integer constant.</summary>
    public static implicit operator Term(long value) => new Const(value);
}

/// <summary>A rational constant (integral for integer terms).</summary>
internal sealed record Const(Rational Value) : Term
{
    /// <summary>An integer constant.</summary>
    public Const(BigInteger value) : this(new Rational(value, 1)) { }
    /// <summary>An integer constant.</summary>
    public Const(long value) : this(new Rational(value, 1)) { }
    /// <inheritdoc />
    public override string ToString() => Value.Sign < 0 ? $"({Value})" : Value.ToString();
}

/// <summary>A variable.</summary>
internal sealed record Var(string Name, Sort Sort = Sort.Int) : Term
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A binary arithmetic operation.</summary>
internal sealed record Arith(ArithOp Op, Term Left, Term Right) : Term
{
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private Arith(Arith original)
        : base(original)
    {
        Op = original.Op; Left = original.Left; Right = original.Right;
    }

    /// <inheritdoc />
    public bool Equals(Arith? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Op == other.Op && Left.Equals(other.Left) && Right.Equals(other.Right));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(HashCode.Combine(Op, Left, Right));

    /// <inheritdoc />
    public override string ToString() => Op switch
    {
        ArithOp.Add => $"({Left} + {Right})",
        ArithOp.Sub => $"({Left} - {Right})",
        ArithOp.Mul => $"({Left} * {Right})",
        ArithOp.DivTrunc => $"({Left} / {Right})",
        ArithOp.RemTrunc => $"({Left} % {Right})",
        ArithOp.DivFloor => $"({Left} // {Right})",
        ArithOp.ModFloor => $"({Left} mod {Right})",
        _ => $"({Left} ? {Right})",
    };
}

/// <summary>If-then-else on terms.</summary>
internal sealed record Ite(Formula Condition, Term Then, Term Else) : Term
{
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private Ite(Ite original)
        : base(original)
    {
        Condition = original.Condition; Then = original.Then; Else = original.Else;
    }

    /// <inheritdoc />
    public bool Equals(Ite? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Condition.Equals(other.Condition) && Then.Equals(other.Then) && Else.Equals(other.Else));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(HashCode.Combine(Condition, Then, Else));

    /// <inheritdoc />
    public override string ToString() => $"({Condition} ? {Then} : {Else})";
}

/// <summary>Arithmetic operators. Division by zero never appears unguarded: the encoder branches on it first.</summary>
internal enum ArithOp
{
    /// <summary>a + b</summary>
    Add,
    /// <summary>a - b</summary>
    Sub,
    /// <summary>a * b</summary>
    Mul,
    /// <summary>Division rounding toward zero (C).</summary>
    DivTrunc,
    /// <summary>Remainder with the dividend's sign (C).</summary>
    RemTrunc,
    /// <summary>Division rounding toward negative infinity (Python).</summary>
    DivFloor,
    /// <summary>Modulo with the divisor's sign (Python).</summary>
    ModFloor,
}

/// <summary>A formula of the solver-neutral logic.</summary>
internal abstract record Formula
{
    /// <summary>true</summary>
    public static Formula True { get; } = new BoolConst(true);
    /// <summary>false</summary>
    public static Formula False { get; } = new BoolConst(false);

    /// <summary>The negation, pushed through connectives and comparisons.</summary>
    public abstract Formula Negate();

    /// <summary>Conjunction, flattening and dropping <c>true</c>.</summary>
    public static Formula And(IEnumerable<Formula> parts)
    {
        var list = new List<Formula>();
        foreach (var p in parts)
        {
            switch (p)
            {
                case BoolConst { Value: true }: break;
                case BoolConst { Value: false }: return False;
                case AndF a: list.AddRange(a.Parts); break;
                default: list.Add(p); break;
            }
        }

        return list.Count switch { 0 => True, 1 => list[0], _ => new AndF([.. list]) };
    }

    /// <summary>Conjunction.</summary>
    public static Formula And(params Formula[] parts) => And((IEnumerable<Formula>)parts);

    /// <summary>Disjunction, flattening and dropping <c>false</c>.</summary>
    public static Formula Or(IEnumerable<Formula> parts)
    {
        var list = new List<Formula>();
        foreach (var p in parts)
        {
            switch (p)
            {
                case BoolConst { Value: false }: break;
                case BoolConst { Value: true }: return True;
                case OrF o: list.AddRange(o.Parts); break;
                default: list.Add(p); break;
            }
        }

        return list.Count switch { 0 => False, 1 => list[0], _ => new OrF([.. list]) };
    }

    /// <summary>Disjunction.</summary>
    public static Formula Or(params Formula[] parts) => Or((IEnumerable<Formula>)parts);

    /// <summary>a ⇒ b</summary>
    public static Formula Implies(Formula a, Formula b) => Or(a.Negate(), b);

    /// <summary>a ≤ b</summary>
    public static Formula Le(Term a, Term b) => new Cmp(CmpOp.Le, a, b);
    /// <summary>a &lt; b</summary>
    public static Formula Lt(Term a, Term b) => new Cmp(CmpOp.Lt, a, b);
    /// <summary>a ≥ b</summary>
    public static Formula Ge(Term a, Term b) => new Cmp(CmpOp.Ge, a, b);
    /// <summary>a &gt; b</summary>
    public static Formula Gt(Term a, Term b) => new Cmp(CmpOp.Gt, a, b);
    /// <summary>a = b</summary>
    public static Formula Eq(Term a, Term b) => new Cmp(CmpOp.Eq, a, b);
    /// <summary>a ≠ b</summary>
    public static Formula Ne(Term a, Term b) => new Cmp(CmpOp.Ne, a, b);
}

/// <summary>A boolean constant.</summary>
internal sealed record BoolConst(bool Value) : Formula
{
    /// <inheritdoc />
    public override Formula Negate() => Value ? False : True;
    /// <inheritdoc />
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A comparison between two terms.</summary>
internal sealed record Cmp(CmpOp Op, Term Left, Term Right) : Formula
{
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private Cmp(Cmp original)
        : base(original)
    {
        Op = original.Op; Left = original.Left; Right = original.Right;
    }

    /// <inheritdoc />
    public bool Equals(Cmp? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Op == other.Op && Left.Equals(other.Left) && Right.Equals(other.Right));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(HashCode.Combine(Op, Left, Right));

    /// <inheritdoc />
    public override Formula Negate() => new Cmp(Op switch
    {
        CmpOp.Le => CmpOp.Gt,
        CmpOp.Lt => CmpOp.Ge,
        CmpOp.Ge => CmpOp.Lt,
        CmpOp.Gt => CmpOp.Le,
        CmpOp.Eq => CmpOp.Ne,
        _ => CmpOp.Eq,
    }, Left, Right);

    /// <inheritdoc />
    public override string ToString() => $"{Strip(Left)} {Symbol(Op)} {Strip(Right)}";

    /// <summary>The C-like symbol of a comparison.</summary>
    public static string Symbol(CmpOp op) => op switch
    {
        CmpOp.Le => "<=",
        CmpOp.Lt => "<",
        CmpOp.Ge => ">=",
        CmpOp.Gt => ">",
        CmpOp.Eq => "==",
        _ => "!=",
    };

    private static string Strip(Term t)
    {
        var s = t.ToString() ?? "";
        return t is Arith && s.StartsWith('(') && s.EndsWith(')') ? s[1..^1] : s;
    }
}

/// <summary>Comparison operators.</summary>
internal enum CmpOp
{
    /// <summary>≤</summary>
    Le,
    /// <summary>&lt;</summary>
    Lt,
    /// <summary>≥</summary>
    Ge,
    /// <summary>&gt;</summary>
    Gt,
    /// <summary>=</summary>
    Eq,
    /// <summary>≠</summary>
    Ne,
}

/// <summary>Logical negation of an arbitrary formula (kept only where it cannot be pushed inward).</summary>
internal sealed record NotF(Formula Inner) : Formula
{
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private NotF(NotF original)
        : base(original)
    {
        Inner = original.Inner;
    }

    /// <inheritdoc />
    public bool Equals(NotF? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Inner.Equals(other.Inner));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(HashCode.Combine(3, Inner));

    /// <inheritdoc />
    public override Formula Negate() => Inner;
    /// <inheritdoc />
    public override string ToString() => $"!({Inner})";
}

/// <summary>Conjunction.</summary>
internal sealed record AndF(ImmutableArray<Formula> Parts) : Formula
{
    /// <inheritdoc />
    public override Formula Negate() => Or(Parts.Select(p => p.Negate()));
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private AndF(AndF original)
        : base(original)
    {
        Parts = original.Parts;
    }

    /// <inheritdoc />
    public bool Equals(AndF? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Parts.SequenceEqual(other.Parts));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(Parts.Aggregate(17, (h, p) => HashCode.Combine(h, p)));
    /// <inheritdoc />
    public override string ToString() => string.Join(" && ", Parts.Select(p => p is OrF ? $"({p})" : p.ToString()));
}

/// <summary>Disjunction.</summary>
internal sealed record OrF(ImmutableArray<Formula> Parts) : Formula
{
    /// <inheritdoc />
    public override Formula Negate() => And(Parts.Select(p => p.Negate()));
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private OrF(OrF original)
        : base(original)
    {
        Parts = original.Parts;
    }

    /// <inheritdoc />
    public bool Equals(OrF? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && Parts.SequenceEqual(other.Parts));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(Parts.Aggregate(19, (h, p) => HashCode.Combine(h, p)));
    /// <inheritdoc />
    public override string ToString() => string.Join(" || ", Parts.Select(p => p is AndF ? $"({p})" : p.ToString()));
}

/// <summary>The cached hashes of terms and formulas use 0 for "not computed yet".</summary>
internal static class TermHash
{
    /// <summary><paramref name="hash"/>, or 1 in place of 0.</summary>
    public static int NonZero(int hash) => hash == 0 ? 1 : hash;
}
