using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core.Interpretation;

/// <summary>
/// Exact facts about the integer types of the core IR: ranges, conversions, C's promotions and usual arithmetic
/// conversions, and the two integer divisions. Shared by the interpreter and the analyzer so both agree on every bit.
/// </summary>
/// <remarks>
/// Conversion of an out-of-range value to a signed machine type is implementation-defined in C; these helpers use the
/// two's complement wrap (what gcc and clang do), so <c>(int)4294967295u == -1</c>.
/// </remarks>
internal static class IntegerType
{
    /// <summary>The smallest value of a machine integer type (0 for unsigned types and bool).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a machine integer type.</exception>
    public static BigInteger Min(ScalarType type) => type.Kind switch
    {
        TypeKind.Signed => -(BigInteger.One << (type.Bits - 1)),
        TypeKind.Unsigned or TypeKind.Bool => BigInteger.Zero,
        _ => throw new ArgumentException($"{type} has no minimum", nameof(type)),
    };

    /// <summary>The largest value of a machine integer type (1 for bool).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a machine integer type.</exception>
    public static BigInteger Max(ScalarType type) => type.Kind switch
    {
        TypeKind.Signed => (BigInteger.One << (type.Bits - 1)) - 1,
        TypeKind.Unsigned => (BigInteger.One << type.Bits) - 1,
        TypeKind.Bool => BigInteger.One,
        _ => throw new ArgumentException($"{type} has no maximum", nameof(type)),
    };

    /// <summary>True when <paramref name="value"/> is representable in <paramref name="type"/> as a C machine integer; always true for unbounded.</summary>
    public static bool IsInRange(ScalarType type, BigInteger value) =>
        !type.IsMachineInteger || (value >= Min(type) && value <= Max(type));

    /// <summary>
    /// True when a variable of <paramref name="type"/> can hold <paramref name="value"/> under <paramref name="semantics"/>:
    /// the C range under <see cref="IntegerSemantics.C"/>; under <see cref="IntegerSemantics.Math"/> bool is 0/1, unsigned
    /// types are the non-negative integers and signed or unbounded types are all integers.
    /// This is the domain of inputs and nondeterministic values.
    /// </summary>
    public static bool IsInDomain(ScalarType type, BigInteger value, IntegerSemantics semantics)
    {
        if (semantics == IntegerSemantics.C)
            return IsInRange(type, value);
        return type.Kind switch
        {
            TypeKind.Bool => value.IsZero || value.IsOne,
            TypeKind.Unsigned => value.Sign >= 0,
            _ => true,
        };
    }

    /// <summary>
    /// The two's complement (signed) or modular (unsigned) image of <paramref name="value"/> in a machine integer type;
    /// the identity for unbounded. For bool this is the low bit, not C's conversion to bool — use <see cref="Convert"/> for that.
    /// </summary>
    public static BigInteger Wrap(ScalarType type, BigInteger value)
    {
        if (!type.IsMachineInteger)
            return value;
        var modulus = BigInteger.One << type.Bits;
        var r = BigInteger.Remainder(value, modulus);
        if (r.Sign < 0)
            r += modulus;
        if (type.Kind == TypeKind.Signed && r > Max(type))
            r -= modulus;
        return r;
    }

    /// <summary>
    /// Converts <paramref name="value"/> to <paramref name="type"/> as an assignment, cast, argument or return does.
    /// Conversion to bool is "nonzero → 1" under both semantics. Under <see cref="IntegerSemantics.C"/>, unsigned types wrap
    /// modulo 2^bits and signed types wrap in two's complement (implementation-defined in C; gcc's choice). Under
    /// <see cref="IntegerSemantics.Math"/> every other type is a mathematical integer, so the value is unchanged
    /// (even a negative value converted to an unsigned type).
    /// </summary>
    public static BigInteger Convert(ScalarType type, BigInteger value, IntegerSemantics semantics)
    {
        if (type.Kind == TypeKind.Bool)
            return value.IsZero ? BigInteger.Zero : BigInteger.One;
        return semantics == IntegerSemantics.C ? Wrap(type, value) : value;
    }

    /// <summary>C's integer promotion: bool and types narrower than int become int (int can hold all their values).</summary>
    public static ScalarType Promote(ScalarType type) =>
        type.IsMachineInteger && (type.Kind == TypeKind.Bool || type.Bits < ScalarType.Int.Bits) ? ScalarType.Int : type;

    /// <summary>
    /// C's usual arithmetic conversions: the common type of the operands of a binary operator. After promotion, the wider
    /// type wins; at equal width the unsigned type wins (so <c>-1 &lt; 1u</c> compares 4294967295 with 1). An unbounded
    /// operand makes the result unbounded.
    /// </summary>
    public static ScalarType CommonType(ScalarType left, ScalarType right)
    {
        var a = Promote(left);
        var b = Promote(right);
        if (a.Kind == TypeKind.Unbounded || b.Kind == TypeKind.Unbounded)
            return ScalarType.Unbounded;
        if (a.Kind == TypeKind.Void || b.Kind == TypeKind.Void)
            throw new ArgumentException($"no common type of {left} and {right}");
        if (a == b)
            return a;
        if (a.Kind == b.Kind)
            return a.Bits >= b.Bits ? a : b;
        var (unsigned, signed) = a.Kind == TypeKind.Unsigned ? (a, b) : (b, a);
        // A signed type strictly wider than the unsigned one holds all its values (C11 6.3.1.8, third bullet);
        // otherwise the unsigned type has rank at least the signed one's and wins.
        return unsigned.Bits >= signed.Bits ? unsigned : signed;
    }

    /// <summary>Division truncating toward zero (C's <c>/</c>). <paramref name="divisor"/> must be nonzero.</summary>
    public static BigInteger TruncatedDivide(BigInteger dividend, BigInteger divisor) => BigInteger.Divide(dividend, divisor);

    /// <summary>Remainder with the sign of the dividend (C's <c>%</c>). <paramref name="divisor"/> must be nonzero.</summary>
    public static BigInteger TruncatedRemainder(BigInteger dividend, BigInteger divisor) => BigInteger.Remainder(dividend, divisor);

    /// <summary>Division rounding toward negative infinity (Python's <c>//</c>): <c>-7 // 2 == -4</c>. <paramref name="divisor"/> must be nonzero.</summary>
    public static BigInteger FloorDivide(BigInteger dividend, BigInteger divisor)
    {
        var q = BigInteger.DivRem(dividend, divisor, out var r);
        // Truncation rounded up exactly when the remainder is nonzero and the operands have opposite signs.
        return !r.IsZero && (r.Sign < 0) != (divisor.Sign < 0) ? q - 1 : q;
    }

    /// <summary>The integer square root ⌊√x⌋ of a non-negative <paramref name="x"/>, by Newton's iteration from above.</summary>
    public static BigInteger SquareRoot(BigInteger x)
    {
        if (x.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(x), "the square root of a negative integer");
        if (x < 2)
            return x;
        // Start at a power of two at least √x; each step stays at least ⌊√x⌋ and decreases until it reaches it.
        var r = BigInteger.One << (int)((x.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (r + x / r) / 2;
            if (next >= r)
                return r;
            r = next;
        }
    }

    /// <summary>Modulo with the sign of the divisor (Python's <c>%</c>): <c>-7 % 2 == 1</c>. <paramref name="divisor"/> must be nonzero.</summary>
    public static BigInteger FloorModulo(BigInteger dividend, BigInteger divisor)
    {
        var r = BigInteger.Remainder(dividend, divisor);
        return !r.IsZero && (r.Sign < 0) != (divisor.Sign < 0) ? r + divisor : r;
    }
}
