using System.Globalization;
using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// C's typing rules: <c>int</c> is 32 bits and <c>long long</c> 64; <c>long</c> is 32 bits under ILP32 and 64 under
/// LP64. Under LP64 <c>long</c> and <c>long long</c> have the same width and signedness, so they convert alike.
/// </summary>
internal static class CTypeRules
{
    /// <summary>The width of <c>long</c> under <paramref name="model"/>.</summary>
    public static int LongBits(DataModel model) => model == DataModel.Lp64 ? 64 : 32;

    /// <summary><c>long</c> under <paramref name="model"/>.</summary>
    public static ScalarType Long(DataModel model) => new(TypeKind.Signed, LongBits(model));

    /// <summary><c>unsigned long</c> (and <c>size_t</c>) under <paramref name="model"/>.</summary>
    public static ScalarType ULong(DataModel model) => new(TypeKind.Unsigned, LongBits(model));

    /// <summary>The type named by a list of type keywords such as <c>unsigned long int</c>.</summary>
    public static ScalarType FromKeywords(IReadOnlyList<string> keywords, SourceSpan span, DataModel model = DataModel.Ilp32)
    {
        int Count(string keyword) => keywords.Count(k => k == keyword);

        if (Count("float") + Count("double") > 0)
        {
            throw SourceException.Unsupported(span, "floating point type");
        }

        var typeName = string.Join(' ', keywords);
        if (Count("void") > 0 || Count("_Bool") > 0)
        {
            return keywords.Count == 1
                ? (keywords[0] == "void" ? ScalarType.Void : ScalarType.Bool)
                : throw new SourceException(span, $"invalid type '{typeName}'");
        }

        var longs = Count("long");
        if (Count("int") > 1 || Count("signed") + Count("unsigned") > 1 || longs > 2)
        {
            throw new SourceException(span, $"invalid type '{typeName}'");
        }

        var unsigned = Count("unsigned") == 1;
        var chars = Count("char");
        var shorts = Count("short");
        if (chars + shorts > 1 || (chars + shorts == 1 && (longs > 0 || (chars == 1 && Count("int") > 0))))
        {
            throw new SourceException(span, $"invalid type '{typeName}'");
        }

        // Plain char is signed, as on x86 and with GCC's default; long follows the data model.
        var bits = chars == 1 ? 8 : shorts == 1 ? 16 : longs == 2 ? 64 : longs == 1 ? LongBits(model) : 32;
        return new ScalarType(unsigned ? TypeKind.Unsigned : TypeKind.Signed, bits);
    }

    /// <summary>The smallest value of a machine integer type.</summary>
    public static BigInteger MinValue(ScalarType type) =>
        type.Kind == TypeKind.Signed ? -(BigInteger.One << (type.Bits - 1)) : BigInteger.Zero;

    /// <summary>The largest value of a machine integer type.</summary>
    public static BigInteger MaxValue(ScalarType type) => type.Kind switch
    {
        TypeKind.Signed => (BigInteger.One << (type.Bits - 1)) - 1,
        TypeKind.Bool => BigInteger.One,
        _ => (BigInteger.One << type.Bits) - 1,
    };

    /// <summary>True when <paramref name="value"/> is a value of <paramref name="type"/>.</summary>
    public static bool Fits(BigInteger value, ScalarType type) => value >= MinValue(type) && value <= MaxValue(type);

    /// <summary>
    /// The value a conversion to <paramref name="type"/> produces: unsigned types wrap, <c>_Bool</c> tests for
    /// non-zero, and signed types wrap as GCC and Clang do (the standard leaves it to the implementation).
    /// </summary>
    public static BigInteger Convert(BigInteger value, ScalarType type)
    {
        if (type.Kind == TypeKind.Bool)
        {
            return value.IsZero ? BigInteger.Zero : BigInteger.One;
        }

        var modulus = BigInteger.One << type.Bits;
        var wrapped = BigInteger.Remainder(value, modulus);
        if (wrapped.Sign < 0)
        {
            wrapped += modulus;
        }

        return type.Kind == TypeKind.Signed && wrapped > MaxValue(type) ? wrapped - modulus : wrapped;
    }

    /// <summary>Integer promotion: <c>_Bool</c>, <c>char</c> and <c>short</c> operands are computed as <c>int</c>.</summary>
    public static ScalarType Promote(ScalarType type) =>
        type.Kind == TypeKind.Bool || (type.IsMachineInteger && type.Bits < ScalarType.Int.Bits) ? ScalarType.Int : type;

    /// <summary>The usual arithmetic conversions: the type both operands of a binary operator are converted to.</summary>
    public static ScalarType CommonType(ScalarType left, ScalarType right)
    {
        left = Promote(left);
        right = Promote(right);
        if (left == right)
        {
            return left;
        }

        if (left.Kind == right.Kind)
        {
            return left.Bits >= right.Bits ? left : right;
        }

        var (unsignedType, signedType) = left.Kind == TypeKind.Unsigned ? (left, right) : (right, left);
        if (unsignedType.Bits >= signedType.Bits)
        {
            return unsignedType;
        }

        // The wider signed type holds every value of the narrower unsigned one.
        return signedType;
    }

    /// <summary>
    /// The value and C type of an integer literal such as <c>42</c>, <c>0x7fu</c> or <c>10LL</c>: the first type
    /// of the standard's candidate list (C11 6.4.4.1) that holds the value.
    /// </summary>
    public static (BigInteger Value, ScalarType Type) ParseIntegerLiteral(string text, SourceSpan span, DataModel model = DataModel.Ilp32)
    {
        var digitsEnd = text.Length;
        while (digitsEnd > 0 && "uUlL".Contains(text[digitsEnd - 1], StringComparison.Ordinal))
        {
            digitsEnd--;
        }

        var digits = text[..digitsEnd];
        var suffix = text[digitsEnd..].ToUpperInvariant();
        var isDecimal = digits.Length == 1 || digits[0] != '0';
        BigInteger value;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            // The leading zero keeps the hex parse from reading a sign bit.
            value = BigInteger.Parse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (!isDecimal)
        {
            value = digits.Aggregate(BigInteger.Zero, (sum, digit) => sum * 8 + (digit - '0'));
        }
        else
        {
            value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var unsigned = suffix.Contains('U', StringComparison.Ordinal);
        var longLong = suffix.Contains("LL", StringComparison.Ordinal);
        ScalarType[] candidates = (unsigned, longLong, isDecimal) switch
        {
            (true, true, _) => [ScalarType.ULongLong],
            (true, false, _) => [ScalarType.UInt, ScalarType.ULongLong],
            (false, true, true) => [ScalarType.LongLong],
            (false, true, false) => [ScalarType.LongLong, ScalarType.ULongLong],
            (false, false, true) => [ScalarType.Int, ScalarType.LongLong],
            (false, false, false) => [ScalarType.Int, ScalarType.UInt, ScalarType.LongLong, ScalarType.ULongLong],
        };

        // An l suffix asks for long at least: under LP64 that leaves out the 32-bit candidates.
        var longs = suffix.Contains('L', StringComparison.Ordinal) ? candidates.Where(c => c.Bits >= LongBits(model)) : candidates;
        foreach (var candidate in longs)
        {
            if (Fits(value, candidate))
            {
                return (value, candidate);
            }
        }

        throw new SourceException(span, $"integer literal '{text}' is too large for any integer type");
    }

    /// <summary>
    /// The value of a character constant such as <c>'a'</c>, <c>'\0'</c>, <c>'\n'</c>, <c>'\377'</c> or <c>'\x41'</c>
    /// (C11 6.4.4.4): its type is <c>int</c>, and its value is that of the one <c>char</c> it denotes, converted to
    /// <c>int</c>; plain <c>char</c> is signed, so <c>'\377'</c> is -1, as with gcc and clang on x86. Characters
    /// outside ASCII and multi-character constants have implementation-defined values and are refused.
    /// </summary>
    public static BigInteger ParseCharacterConstant(string text, SourceSpan span)
    {
        var body = text[1..^1];
        int code;
        if (body[0] != '\\')
        {
            if (body.Length != 1)
                throw SourceException.Unsupported(span, $"multi-character constant {text}");
            code = body[0];
            if (code > 127)
                throw SourceException.Unsupported(span, $"character constant {text} outside ASCII");
            return code;
        }

        var rest = body[1..];
        switch (rest[0])
        {
            case 'x':
            {
                var hex = rest[1..];
                if (hex.Length == 0 || !hex.All(Uri.IsHexDigit))
                    throw new SourceException(span, $"invalid hexadecimal escape in {text}");
                var value = BigInteger.Parse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (value > 255)
                    throw new SourceException(span, $"hexadecimal escape in {text} is out of range for char");
                code = (int)value;
                break;
            }

            case >= '0' and <= '7':
            {
                var digits = new string(rest.TakeWhile(c => c is >= '0' and <= '7').Take(3).ToArray());
                if (digits.Length != rest.Length)
                    throw SourceException.Unsupported(span, $"multi-character constant {text}");
                code = digits.Aggregate(0, (sum, digit) => sum * 8 + (digit - '0'));
                if (code > 255)
                    throw new SourceException(span, $"octal escape in {text} is out of range for char");
                break;
            }

            default:
                if (rest.Length != 1)
                    throw SourceException.Unsupported(span, $"multi-character constant {text}");
                code = rest[0] switch
                {
                    'n' => '\n', 't' => '\t', 'r' => '\r', 'a' => 7, 'b' => 8, 'f' => 12, 'v' => 11,
                    '\\' => '\\', '\'' => '\'', '"' => '"', '?' => '?',
                    _ => throw new SourceException(span, $"unknown escape sequence in {text}"),
                };
                break;
        }

        return code > 127 ? code - 256 : code;
    }
}
