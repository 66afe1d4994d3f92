namespace Terminator.Core.Ir;

/// <summary>
/// Bad input: a syntax error, an unsupported construct, an unknown name. <see cref="Exception.Message"/> reads
/// <c>file:line:col: message</c>, ready to print.
/// </summary>
public sealed class SourceException : Exception
{
    /// <summary>Creates the error at <paramref name="span"/>.</summary>
    public SourceException(SourceSpan span, string detail)
        : base($"{span}: {detail}")
    {
        Span = span;
        Detail = detail;
    }

    /// <summary>Creates an error with no position (use the other constructor whenever a position is known).</summary>
    public SourceException() : this(SourceSpan.None, "invalid input") { }

    /// <summary>Creates an error with no position.</summary>
    public SourceException(string message) : this(SourceSpan.None, message) { }

    /// <summary>Creates an error with no position.</summary>
    public SourceException(string message, Exception inner) : base(message, inner)
    {
        Span = SourceSpan.None;
        Detail = message;
    }

    /// <summary>Where the problem is.</summary>
    public SourceSpan Span { get; }

    /// <summary>The message without the position.</summary>
    public string Detail { get; }

    /// <summary>An error for a construct outside the supported subset: <c>file:line:col: unsupported: construct</c>.</summary>
    public static SourceException Unsupported(SourceSpan span, string construct) => new(span, $"unsupported: {construct}");
}
