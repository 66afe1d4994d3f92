using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core.Analysis;

/// <summary>The value of a can-return question: an integer literal of the source language, optionally negated.</summary>
internal static class ReturnLiteral
{
    /// <summary>
    /// The value of <paramref name="literal"/>, or null when it is not a literal of <paramref name="language"/>. C:
    /// decimal, octal (<c>010</c> is 8) and hexadecimal integers with <c>u</c>/<c>l</c> suffixes, <c>true</c> and
    /// <c>false</c>. Python: decimal, <c>0x</c>, <c>0o</c> and <c>0b</c> integers with <c>_</c> between digits,
    /// <c>True</c> and <c>False</c>. Either may start with <c>-</c>; spaces around it are ignored.
    /// </summary>
    public static BigInteger? Parse(string literal, SourceLanguage language)
    {
        var text = literal.Trim();
        var negative = text.StartsWith('-');
        var body = negative ? text[1..].TrimStart() : text;
        var value = language == SourceLanguage.C ? ParseC(body) : ParsePython(body);
        return negative ? -value : value;
    }

    private static BigInteger? ParseC(string text)
    {
        switch (text)
        {
            case "true": return BigInteger.One;
            case "false": return BigInteger.Zero;
        }

        var digits = text.TrimEnd('u', 'U', 'l', 'L');
        var suffix = text[digits.Length..].ToLowerInvariant();
        if (suffix is not ("" or "u" or "l" or "ul" or "lu" or "ll" or "ull" or "llu"))
        {
            return null;
        }

        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Digits(digits[2..], 16);
        }

        return digits.Length > 1 && digits[0] == '0' ? Digits(digits[1..], 8) : Digits(digits, 10);
    }

    private static BigInteger? ParsePython(string text)
    {
        switch (text)
        {
            case "True": return BigInteger.One;
            case "False": return BigInteger.Zero;
        }

        var prefix = text.Length > 2 && text[0] == '0' ? char.ToLowerInvariant(text[1]) : ' ';
        var radix = prefix switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 };

        // After a prefix one underscore may come first (0x_ff); otherwise an underscore only stands between digits.
        var digits = radix == 10 ? text : text[2..].StartsWith('_') ? text[3..] : text[2..];
        if (digits.StartsWith('_') || digits.EndsWith('_') || digits.Contains("__", StringComparison.Ordinal))
        {
            return null;
        }

        digits = digits.Replace("_", "", StringComparison.Ordinal);

        // Python refuses leading zeros on a decimal literal other than zero itself (00 is fine, 01 is not).
        return radix == 10 && digits.Length > 1 && digits[0] == '0' && digits.Any(c => c != '0') ? null : Digits(digits, radix);
    }

    private static BigInteger? Digits(string digits, int radix)
    {
        if (digits.Length == 0)
        {
            return null;
        }

        var value = BigInteger.Zero;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return null;
            }

            value = (value * radix) + digit;
        }

        return value;
    }
}
