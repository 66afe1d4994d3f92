namespace Terminator.Core.Ir;

/// <summary>A statement of the source program.</summary>
/// <param name="Span">Where the statement starts in the source.</param>
public abstract record Stmt(SourceSpan Span);

/// <summary>
/// A local declaration; without an initializer the variable holds an arbitrary value of its type, or, when it is
/// <see cref="Automatic"/> and the program reads C with <see cref="UninitializedReads.Undefined"/>, no value: reading
/// it before a store is undefined behaviour.
/// </summary>
public sealed record VarDeclStmt(string Name, ScalarType Type, Expr? Initializer, SourceSpan Span) : Stmt(Span)
{
    /// <summary>
    /// Whether the variable is a C object of automatic storage duration that could have been declared <c>register</c>
    /// (a scalar local whose address is never taken, C11 6.3.2.1p2): the objects whose read before a store C leaves
    /// undefined. False for the frontends' own variables and for every Python variable.
    /// </summary>
    public bool Automatic { get; init; }
}

/// <summary>An expression evaluated for its side effects.</summary>
public sealed record ExprStmt(Expr Expression, SourceSpan Span) : Stmt(Span);

/// <summary>Simultaneous assignment (Python <c>a, b = b, a % b</c>): all values are evaluated before any is stored.</summary>
public sealed record ParallelAssignStmt(EquatableArray<string> Targets, EquatableArray<Expr> Values, SourceSpan Span) : Stmt(Span)
{
    // Hashes only the span and the size: hashing a statement does not walk the expressions inside it.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Span, Targets.Length);
}

/// <summary><c>if</c> with an optional <c>else</c>.</summary>
public sealed record IfStmt(Expr Condition, Stmt Then, Stmt? Else, SourceSpan Span) : Stmt(Span);

/// <summary>
/// A loop. <see cref="LoopKind.While"/> and <see cref="LoopKind.For"/> test <paramref name="Condition"/> first;
/// <see cref="LoopKind.DoWhile"/> runs the body first. A null condition is always true.
/// <paramref name="Step"/> runs after the body and on <c>continue</c> (the <c>for</c> increment).
/// <paramref name="Else"/> runs when the condition becomes false, but not after <c>break</c> (Python's <c>while ... else</c>).
/// </summary>
public sealed record LoopStmt(LoopKind Kind, Expr? Condition, Stmt Body, Expr? Step, Stmt? Else, SourceSpan Span) : Stmt(Span);

/// <summary>Kinds of loops.</summary>
public enum LoopKind
{
    /// <summary><c>while (c) body</c></summary>
    While,
    /// <summary><c>do body while (c);</c></summary>
    DoWhile,
    /// <summary><c>for (init; c; step) body</c>; the init is a separate statement before the loop.</summary>
    For,
}

/// <summary>A sequence of statements, with its own scope.</summary>
public sealed record BlockStmt(EquatableArray<Stmt> Statements, SourceSpan Span) : Stmt(Span)
{
    // Hashes only the span and the size: hashing a statement that holds a block (a loop the interpreter looks up at
    // each iteration) does not walk the whole block.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Span, Statements.Length);
}

/// <summary><c>break</c></summary>
public sealed record BreakStmt(SourceSpan Span) : Stmt(Span);

/// <summary><c>continue</c></summary>
public sealed record ContinueStmt(SourceSpan Span) : Stmt(Span);

/// <summary><c>return</c>, with an optional value.</summary>
public sealed record ReturnStmt(Expr? Value, SourceSpan Span) : Stmt(Span);

/// <summary><c>__VERIFIER_assume(c)</c>: executions where the condition is false are discarded.</summary>
public sealed record AssumeStmt(Expr Condition, SourceSpan Span) : Stmt(Span);

/// <summary><c>assert(c)</c>: when the condition is false the program stops with an assertion failure.</summary>
public sealed record AssertStmt(Expr Condition, SourceSpan Span) : Stmt(Span);

/// <summary>The program stops at once (<c>abort()</c>, <c>exit(n)</c>, <c>__VERIFIER_error()</c>, a Python exception).</summary>
public sealed record HaltStmt(string Why, SourceSpan Span) : Stmt(Span);

/// <summary>
/// C's <c>switch</c>: evaluates <paramref name="Value"/> (promoted), then runs the statements of the sections from the
/// first section with a matching case label, or else from the section labelled <c>default</c>, or else none of them.
/// A section falls through into the next one; <c>break</c> leaves the switch, <c>continue</c> the enclosing loop's body.
/// </summary>
/// <param name="Value">The controlling expression.</param>
/// <param name="Sections">The sections in source order.</param>
/// <param name="Span">Where the statement starts.</param>
public sealed record SwitchStmt(Expr Value, EquatableArray<SwitchSection> Sections, SourceSpan Span) : Stmt(Span)
{
    // Hashes only the span and the size: hashing a statement does not walk the sections' statements.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Span, Sections.Length);
}

/// <summary>
/// One section of a <see cref="SwitchStmt"/>: the case labels in front of it and its statements.
/// </summary>
/// <param name="Labels">
/// The values of the case labels in front of the section, each converted to the promoted type of the controlling
/// expression when compared with it (as C converts them).
/// </param>
/// <param name="IsDefault">Whether <c>default:</c> is among the labels.</param>
/// <param name="Statements">The statements up to the next label of the switch.</param>
/// <param name="Span">Where the first label is.</param>
public sealed record SwitchSection(EquatableArray<System.Numerics.BigInteger> Labels, bool IsDefault, EquatableArray<Stmt> Statements, SourceSpan Span)
{
    // Hashes only the span and the sizes: hashing a section does not walk its statements.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Span, IsDefault, Labels.Length, Statements.Length);
}

/// <summary>
/// A statement with a label that <c>goto</c> can jump to. The label belongs to the block that lists this statement; a
/// jump to it is a loop when it goes backwards, so its position is a loop head.
/// </summary>
/// <param name="Label">The label's name.</param>
/// <param name="Body">The labelled statement.</param>
/// <param name="Span">Where the label is.</param>
public sealed record LabeledStmt(string Label, Stmt Body, SourceSpan Span) : Stmt(Span);

/// <summary>
/// <c>goto label</c>: continues at the statement labelled <paramref name="Label"/>, which is a statement of a block that
/// encloses this one.
/// </summary>
public sealed record GotoStmt(string Label, SourceSpan Span) : Stmt(Span);

/// <summary>
/// Declares a local array <paramref name="Name"/> of <paramref name="ElementType"/>: evaluates
/// <paramref name="Length"/>, the number of elements (a C array <c>T a[N]</c>, or an allocation <c>alloca(size)</c>
/// holding <c>size / sizeof(T)</c> whole elements), and creates a new array of that length whose elements hold
/// arbitrary values. It lives until the function returns (or, on the heap, until a <see cref="FreeStmt"/> frees it)
/// and is reached only through <see cref="ArrayReadExpr"/> and <see cref="ArrayAssignExpr"/>.
/// </summary>
public sealed record ArrayDeclStmt(string Name, ScalarType ElementType, Expr Length, SourceSpan Span) : Stmt(Span)
{
    /// <summary>
    /// Whether the object comes from <c>malloc</c>: it lives until it is freed, and a read, write or pointer into it
    /// after that is undefined behaviour. Allocation does not fail (the convention SV-COMP and CBMC's default follow).
    /// </summary>
    public bool OnHeap { get; init; }

    /// <summary>
    /// Whether every element starts at 0 (an array with an initializer, whose elements the initializer leaves out are
    /// 0 in C), instead of an arbitrary value.
    /// </summary>
    public bool Zeroed { get; init; }

    /// <summary>
    /// The values of its first elements when it is made, such as a string literal's characters and terminating 0 (the
    /// others are then 0 or arbitrary, as <see cref="Zeroed"/> says).
    /// </summary>
    public EquatableArray<System.Numerics.BigInteger> Contents { get; init; } = new([]);

    /// <summary>Whether a store into it is undefined behaviour (a string literal's array, C11 6.4.5p7).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Whether each element is checked on its own (see <see cref="ElementCheckExpr"/>), such as the element of a table
    /// of row pointers that holds a row's state and length: the analysis follows one element of its choosing, fixed for
    /// the whole run, exactly, so that a check on any element is made where that element is the followed one.
    /// </summary>
    public bool CheckedPerElement { get; init; }

    /// <summary>
    /// Whether every index into it is within it by the way the frontend builds its accesses (the contents of a table's
    /// rows, indexed by row and column once the row's own checks have passed): the analysis does not check the bounds
    /// again, while the interpreter still does.
    /// </summary>
    public bool InBoundsByConstruction { get; init; }
}

/// <summary>
/// C's <c>free(p)</c> of a pointer into the heap array <paramref name="Array"/> (see <see cref="ArrayDeclStmt.OnHeap"/>),
/// whose offset is <paramref name="Offset"/>. Undefined behaviour when the object was freed before (a double free) or
/// when the offset is not 0 (a pointer that <c>malloc</c> did not return); afterwards every use of the object is
/// undefined. The null pointer (<see cref="PointerExpr.NullOffset"/>) frees nothing.
/// </summary>
public sealed record FreeStmt(string Array, Expr Offset, SourceSpan Span) : Stmt(Span);

/// <summary>
/// C's <c>p = realloc(p, size);</c> for a pointer p whose offset is <paramref name="Offset"/>, into the heap array
/// <paramref name="Array"/> (see <see cref="ArrayDeclStmt.OnHeap"/>) or null. When the offset is the null pointer
/// (<see cref="PointerExpr.NullOffset"/>) it allocates, as <c>malloc</c>, a new heap array of
/// <paramref name="Length"/> elements of <paramref name="ElementType"/> with arbitrary values, which the name then
/// denotes (declaring it when no earlier statement did). Otherwise the offset must be 0 and the object live (a pointer
/// that holds no value, a freed object, or a pointer into the middle is undefined behaviour): it makes a new object of
/// <paramref name="Length"/> elements that holds the old one's elements up to the smaller of the two lengths (the others
/// arbitrary), frees the old object, and the name denotes the new one. The pointer is set to the new object's start by
/// the statement that follows. Allocation does not fail.
/// </summary>
/// <param name="Array">The heap array the pointer points into.</param>
/// <param name="Offset">The pointer's offset.</param>
/// <param name="Length">The new number of elements.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Span">Where <c>realloc</c> is called.</param>
public sealed record ReallocStmt(string Array, Expr Offset, Expr Length, ScalarType ElementType, SourceSpan Span) : Stmt(Span);

/// <summary>
/// <c>free(p)</c> of a pointer to a record of the type <paramref name="Record"/> (see <see cref="NewRecordExpr"/>): the
/// record's life ends, and every later use of its address (an access, a copy, a comparison, a second free) is undefined
/// behaviour. A null pointer frees nothing; freeing an address that is no record's is undefined behaviour.
/// </summary>
/// <param name="Record">The record type.</param>
/// <param name="Address">The record's address.</param>
/// <param name="Span">Where <c>free</c> is called.</param>
public sealed record FreeRecordStmt(string Record, Expr Address, SourceSpan Span) : Stmt(Span);
