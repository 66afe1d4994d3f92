using System.Numerics;

namespace Terminator.Differential.Generation;

/// <summary>The integer types the generated programs use: the same width under ILP32 (the analyzer) and LP64 (the compiled run).</summary>
internal enum CType
{
    /// <summary><c>int</c>: 32-bit signed.</summary>
    Int,
    /// <summary><c>unsigned</c>: 32-bit unsigned.</summary>
    UInt,
    /// <summary><c>long long</c>: 64-bit signed.</summary>
    LongLong,
    /// <summary><c>unsigned long long</c>: 64-bit unsigned.</summary>
    ULongLong,
}

/// <summary>Names, ranges and literal suffixes of <see cref="CType"/>.</summary>
internal static class CTypes
{
    public static string Name(this CType type) => type switch
    {
        CType.Int => "int",
        CType.UInt => "unsigned",
        CType.LongLong => "long long",
        _ => "unsigned long long",
    };

    public static bool IsSigned(this CType type) => type is CType.Int or CType.LongLong;

    public static int Bits(this CType type) => type is CType.Int or CType.UInt ? 32 : 64;

    public static BigInteger Min(this CType type) => type.IsSigned() ? -(BigInteger.One << (type.Bits() - 1)) : BigInteger.Zero;

    public static BigInteger Max(this CType type) =>
        type.IsSigned() ? (BigInteger.One << (type.Bits() - 1)) - 1 : (BigInteger.One << type.Bits()) - 1;

    /// <summary>The suffix that gives a decimal literal this type (when its value fits the type).</summary>
    public static string Suffix(this CType type) => type switch
    {
        CType.Int => "",
        CType.UInt => "u",
        CType.LongLong => "LL",
        _ => "ULL",
    };

    /// <summary>The two's complement (signed) or modular (unsigned) image of a value in the type.</summary>
    public static BigInteger Wrap(this CType type, BigInteger value)
    {
        var modulus = BigInteger.One << type.Bits();
        var wrapped = BigInteger.Remainder(value, modulus);
        if (wrapped.Sign < 0)
            wrapped += modulus;
        return type.IsSigned() && wrapped > type.Max() ? wrapped - modulus : wrapped;
    }
}
