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

/// <summary>How integers behave during analysis.</summary>
public enum IntegerSemantics
{
    /// <summary>C's machine integers (ILP32): <c>int</c> is 32-bit two's complement, signed overflow is undefined, unsigned wraps.</summary>
    C,
    /// <summary>Unbounded mathematical integers (termCOMP's "C Integer", and Python).</summary>
    Math,
}
