namespace Terminator.Core.Ir;

/// <summary>
/// A scalar type of the source program. C types carry their width and signedness (<c>char</c> 8 bits, <c>short</c> 16,
/// <c>int</c> 32, <c>long long</c> 64; ILP32: <c>long</c> is 32 bits);
/// <see cref="Unbounded"/> is a mathematical integer (Python, or any C type under math semantics).
/// </summary>
/// <param name="Kind">Which family the type belongs to.</param>
/// <param name="Bits">Width in bits for machine integers; 0 for <see cref="TypeKind.Unbounded"/> and <see cref="TypeKind.Void"/>.</param>
public sealed record ScalarType(TypeKind Kind, int Bits)
{
    /// <summary>C <c>int</c> (and <c>long</c> under ILP32).</summary>
    public static ScalarType Int { get; } = new(TypeKind.Signed, 32);
    /// <summary>C <c>unsigned int</c>.</summary>
    public static ScalarType UInt { get; } = new(TypeKind.Unsigned, 32);
    /// <summary>C <c>long long</c>.</summary>
    public static ScalarType LongLong { get; } = new(TypeKind.Signed, 64);
    /// <summary>C <c>unsigned long long</c>.</summary>
    public static ScalarType ULongLong { get; } = new(TypeKind.Unsigned, 64);
    /// <summary>C <c>_Bool</c> / <c>bool</c>, and Python's <c>bool</c>.</summary>
    public static ScalarType Bool { get; } = new(TypeKind.Bool, 1);
    /// <summary>A mathematical integer.</summary>
    public static ScalarType Unbounded { get; } = new(TypeKind.Unbounded, 0);
    /// <summary>C <c>void</c>, for functions that return nothing.</summary>
    public static ScalarType Void { get; } = new(TypeKind.Void, 0);

    /// <summary>True for integer types whose values are bounded by their width.</summary>
    public bool IsMachineInteger => Kind is TypeKind.Signed or TypeKind.Unsigned or TypeKind.Bool;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        TypeKind.Signed => Bits switch { 8 => "signed char", 16 => "short", 32 => "int", 64 => "long long", _ => $"int{Bits}" },
        TypeKind.Unsigned => Bits switch { 8 => "unsigned char", 16 => "unsigned short", 32 => "unsigned int", 64 => "unsigned long long", _ => $"uint{Bits}" },
        TypeKind.Bool => "bool",
        TypeKind.Unbounded => "integer",
        _ => "void",
    };
}

/// <summary>Families of scalar types.</summary>
public enum TypeKind
{
    /// <summary>Two's complement signed integer.</summary>
    Signed,
    /// <summary>Unsigned integer, wrapping modulo 2^Bits.</summary>
    Unsigned,
    /// <summary>Boolean, 0 or 1.</summary>
    Bool,
    /// <summary>Mathematical integer.</summary>
    Unbounded,
    /// <summary>No value.</summary>
    Void,
}
