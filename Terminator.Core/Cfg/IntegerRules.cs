using System.Numerics;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>C's integer types under a chosen semantics: ranges, promotions and conversions, as logic terms.</summary>
internal sealed class IntegerRules(SourceLanguage language, IntegerSemantics semantics)
{
    public IntegerSemantics Semantics { get; } = semantics;

    public SourceLanguage Language { get; } = language;

    /// <summary>The type a declared type has in this semantics: machine integers become unbounded under math semantics.</summary>
    public ScalarType Effective(ScalarType declared) =>
        declared.Kind switch
        {
            TypeKind.Signed or TypeKind.Unsigned when Semantics == IntegerSemantics.Math => UnboundedOf(declared),
            _ => declared,
        };

    // Under math semantics an unsigned type keeps its lower bound 0 for nondeterministic values only; the
    // arithmetic itself is unbounded, so both map to the same unbounded type.
    private static ScalarType UnboundedOf(ScalarType _) => ScalarType.Unbounded;

    public static BigInteger Min(ScalarType t) => Interpretation.IntegerType.Min(t);

    public static BigInteger Max(ScalarType t) => Interpretation.IntegerType.Max(t);

    /// <summary>The values a variable of the declared type can hold (a fact of the encoding, not an assumption).</summary>
    public Formula Range(Term v, ScalarType declared)
    {
        var t = Effective(declared);
        if (t.IsMachineInteger)
        {
            return Formula.And(Formula.Ge(v, new Const(Min(t))), Formula.Le(v, new Const(Max(t))));
        }

        return Formula.True;
    }

    /// <summary>The values a nondeterministic draw of the declared type can take.</summary>
    public Formula DrawRange(Term v, ScalarType declared)
    {
        var t = Effective(declared);
        if (t.IsMachineInteger)
        {
            return Range(v, declared);
        }

        return declared.Kind == TypeKind.Unsigned ? Formula.Ge(v, new Const(0)) : Formula.True;
    }

    /// <summary>C's integer promotions: bool, char and short become int.</summary>
    public ScalarType Promote(ScalarType t) => t.Kind == TypeKind.Bool || (Effective(t).IsMachineInteger && t.Bits < ScalarType.Int.Bits)
        ? (Semantics == IntegerSemantics.Math || Language == SourceLanguage.Python ? ScalarType.Unbounded : ScalarType.Int)
        : Effective(t);

    /// <summary>C's usual arithmetic conversions.</summary>
    public ScalarType Common(ScalarType a, ScalarType b)
    {
        a = Promote(a);
        b = Promote(b);
        if (a.Kind == TypeKind.Unbounded || b.Kind == TypeKind.Unbounded)
        {
            return ScalarType.Unbounded;
        }

        if (a == b)
        {
            return a;
        }

        if (a.Kind == b.Kind)
        {
            return a.Bits >= b.Bits ? a : b;
        }

        var (signed, unsigned) = a.Kind == TypeKind.Signed ? (a, b) : (b, a);
        if (unsigned.Bits >= signed.Bits)
        {
            return unsigned;
        }

        return signed;
    }

    /// <summary>The value <paramref name="v"/> of type <paramref name="from"/> converted to <paramref name="to"/>.</summary>
    public Term Convert(Term v, ScalarType from, ScalarType to)
    {
        from = Effective(from);
        to = Effective(to);
        if (from == to)
        {
            return v;
        }

        switch (to.Kind)
        {
            case TypeKind.Bool:
                return new Ite(Formula.Ne(v, new Const(0)), new Const(1), new Const(0));
            case TypeKind.Unbounded:
                return v;
            case TypeKind.Unsigned or TypeKind.Signed:
                if (from.IsMachineInteger && Min(from) >= Min(to) && Max(from) <= Max(to))
                {
                    return v;
                }

                return Wrap(v, to);
            default:
                return v;
        }
    }

    /// <summary>A constant converted to <paramref name="to"/>, as a conversion in this semantics does.</summary>
    public BigInteger ConvertConstant(BigInteger value, ScalarType to) =>
        Interpretation.IntegerType.Convert(Effective(to), value, Semantics);

    /// <summary>Reduces into the range of a machine type modulo 2^bits (unsigned wrap; gcc's conversion to signed).</summary>
    public static Term Wrap(Term v, ScalarType to)
    {
        var modulus = new Const(BigInteger.One << to.Bits);
        var min = new Const(Min(to));
        return to.Kind == TypeKind.Unsigned
            ? LogicOps.SimplifyArith(ArithOp.ModFloor, v, modulus)
            : LogicOps.SimplifyArith(ArithOp.Add, LogicOps.SimplifyArith(ArithOp.ModFloor, LogicOps.SimplifyArith(ArithOp.Sub, v, min), modulus), min);
    }
}
