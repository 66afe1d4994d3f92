namespace Terminator.Core.Ir;

/// <summary>A position in a source file: 1-based line and column.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceSpan(string File, int Line, int Column)
{
    /// <summary>A span for synthesized code that has no place in the source.</summary>
    public static SourceSpan None { get; } = new("<none>", 0, 0);

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>The language a program was written in; it fixes the integer semantics.</summary>
public enum SourceLanguage
{
    /// <summary>The mini-C subset.</summary>
    C,
    /// <summary>The mini-Python subset.</summary>
    Python,
}

/// <summary>The widths of C's <c>long</c>, <c>unsigned long</c> and <c>size_t</c>; every other integer type has the same width in both.</summary>
public enum DataModel
{
    /// <summary><c>int</c>, <c>long</c> and pointers are 32 bits (<c>size_t</c> is <c>unsigned int</c>): SV-COMP's termination tasks.</summary>
    Ilp32,
    /// <summary><c>long</c> and pointers are 64 bits (<c>size_t</c> is <c>unsigned long</c>), <c>int</c> 32: Linux and macOS on 64-bit machines.</summary>
    Lp64,
}

/// <summary>
/// What reading a C local before any store into it means. C11 6.3.2.1p2 makes it undefined behaviour for an object of
/// automatic storage duration that could have been declared <c>register</c> (its address is never taken); every other
/// object (an array element, a variable whose address is taken, a <c>malloc</c>'d cell) holds an indeterminate value,
/// which the analysis reads as an arbitrary value of its type under either convention.
/// </summary>
public enum UninitializedReads
{
    /// <summary>Undefined behaviour, as C11 6.3.2.1p2 says: the answer is No, with a run that reads the variable. The default.</summary>
    Undefined,
    /// <summary>
    /// An arbitrary value of the variable's type, the same at every read until a store: the convention of older
    /// SV-COMP tasks that draw inputs from locals declared without a value (<c>int x; while (x &gt; 0) x--;</c>).
    /// </summary>
    ArbitraryValue,
}

/// <summary>How integers behave during analysis.</summary>
public enum IntegerSemantics
{
    /// <summary>
    /// C's machine integers: <c>int</c> is 32-bit two's complement (<c>long</c> as the program's <see cref="DataModel"/>
    /// says), signed overflow is undefined, unsigned wraps.
    /// </summary>
    C,
    /// <summary>Unbounded mathematical integers (termCOMP's "C Integer", and Python).</summary>
    Math,
}
