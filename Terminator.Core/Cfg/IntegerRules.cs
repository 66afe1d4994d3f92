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

                return from.IsMachineInteger ? Wrap(v, to, Min(from), Max(from)) : Wrap(v, to);
            default:
                return v;
        }
    }

    /// <summary>A constant converted to <paramref name="to"/>, as a conversion in this semantics does.</summary>
    public BigInteger ConvertConstant(BigInteger value, ScalarType to) =>
        Interpretation.IntegerType.Convert(Effective(to), value, Semantics);

    /// <summary>
    /// The most multiples of the modulus that <see cref="Wrap(Term, ScalarType, BigInteger, BigInteger)"/> spells out
    /// as cases; a wider range keeps the remainder term.
    /// </summary>
    public const int MaxWrapCases = 3;

    /// <summary>
    /// Reduces <paramref name="v"/>, whose value lies in [<paramref name="lo"/>, <paramref name="hi"/>] in every run,
    /// into the range of <paramref name="to"/> modulo 2^bits, as <see cref="Wrap(Term, ScalarType)"/> does. When that
    /// interval meets at most <see cref="MaxWrapCases"/> windows [min + k·2^bits, max + k·2^bits], the result is a
    /// case split over them, ite(min ≤ v ≤ max, v, ite(…, v − k·2^bits, v − k'·2^bits)): for every v in the interval
    /// it equals the remainder, and it is linear where v is, so that ranking functions over the rationals see that
    /// <c>n - 1</c> under <c>n &gt; 0</c> does not wrap. One window needs no case at all: <c>e / 2</c> never wraps.
    /// </summary>
    public static Term Wrap(Term v, ScalarType to, BigInteger lo, BigInteger hi)
    {
        if (v is Const || lo > hi)
        {
            return Wrap(v, to);
        }

        var modulus = BigInteger.One << to.Bits;
        var (min, max) = (Min(to), Max(to));
        var first = LogicOps.FloorDiv(lo - min, modulus);
        var last = LogicOps.FloorDiv(hi - min, modulus);
        if (last - first + 1 > MaxWrapCases)
        {
            return Wrap(v, to);
        }

        // The window of the quotient 0 (no wrap) is tested first; the one tested last needs no test.
        var quotients = Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).OrderBy(k => BigInteger.Abs(k)).ToList();
        Term Shifted(BigInteger k) => LogicOps.SimplifyArith(ArithOp.Sub, v, new Const(k * modulus));
        var result = Shifted(quotients[^1]);
        for (var i = quotients.Count - 2; i >= 0; i--)
        {
            var shift = quotients[i] * modulus;
            var inWindow = Formula.And(Formula.Ge(v, new Const(min + shift)), Formula.Le(v, new Const(max + shift)));
            result = new Ite(inWindow, Shifted(quotients[i]), result);
        }

        return result;
    }

    /// <summary>
    /// Bounds of <c>l op r</c> where each operand is a value of <paramref name="type"/> (a constant operand counts as
    /// itself); null where the operation's result is not bounded that way.
    /// </summary>
    public static (BigInteger Lo, BigInteger Hi)? Bounds(ArithOp op, Term l, Term r, ScalarType type)
    {
        if (!type.IsMachineInteger)
        {
            return null;
        }

        (BigInteger Lo, BigInteger Hi) Of(Term t) => t is Const c && c.Value.IsInteger ? (c.Value.Numerator, c.Value.Numerator) : (Min(type), Max(type));
        var (a, b) = (Of(l), Of(r));
        switch (op)
        {
            case ArithOp.Add:
                return (a.Lo + b.Lo, a.Hi + b.Hi);
            case ArithOp.Sub:
                return (a.Lo - b.Hi, a.Hi - b.Lo);
            case ArithOp.Mul:
                BigInteger[] corners = [a.Lo * b.Lo, a.Lo * b.Hi, a.Hi * b.Lo, a.Hi * b.Hi];
                return (corners.Min(), corners.Max());
            case ArithOp.DivTrunc or ArithOp.RemTrunc or ArithOp.DivFloor or ArithOp.ModFloor when a.Lo >= 0 && b.Lo >= 0:
                // Non-negative operands (a zero divisor stops before): the result is at most the dividend.
                return (BigInteger.Zero, a.Hi);
            default:
                return null;
        }
    }

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
