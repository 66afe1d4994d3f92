using System.Numerics;

namespace Terminator.Core.Logic;

/// <summary>An exact rational number n/d with d &gt; 0 and gcd(n, d) = 1.</summary>
internal readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>The numerator.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator => denominatorMinusOne + 1;

    // Stored minus one so that default(Rational) is 0/1.
    private readonly BigInteger denominatorMinusOne;

    /// <summary>Creates n/d, normalized.</summary>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("Rational with zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }

        Numerator = numerator;
        denominatorMinusOne = denominator - 1;
    }

    /// <summary>0</summary>
    public static Rational Zero => default;

    /// <summary>1</summary>
    public static Rational One => new(1, 1);

    /// <summary>True when the value is an integer.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>The sign: -1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>Converts an integer.</summary>
    public static implicit operator Rational(BigInteger value) => new(value, 1);

    /// <summary>Converts an integer.</summary>
    public static implicit operator Rational(long value) => new(value, 1);

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>Quotient.</summary>
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Comparison.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <summary>Comparison.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <summary>Comparison.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    /// <summary>Comparison.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>Equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <summary>The largest integer not above this value.</summary>
    public BigInteger Floor()
    {
        var q = BigInteger.DivRem(Numerator, Denominator, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    /// <summary>The smallest integer not below this value.</summary>
    public BigInteger Ceiling() => -(-this).Floor();

    /// <inheritdoc />
    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    // A struct's own equality would compare through reflection; the fields are in lowest terms, so equal values have equal fields.
    /// <inheritdoc />
    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <inheritdoc />
    public override string ToString() => IsInteger ? Numerator.ToString() : $"{Numerator}/{Denominator}";

    /// <summary>Parses "n" or "n/d".</summary>
    public static Rational Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new Rational(BigInteger.Parse(text), 1)
            : new Rational(BigInteger.Parse(text[..slash]), BigInteger.Parse(text[(slash + 1)..]));
    }
}
