using System.Collections.Immutable;

namespace Terminator.Core.Ir;

/// <summary>A statement of the source program.</summary>
/// <param name="Span">Where the statement starts in the source.</param>
public abstract record Stmt(SourceSpan Span);

/// <summary>A local declaration; without an initializer the variable holds an arbitrary value of its type.</summary>
public sealed record VarDeclStmt(string Name, ScalarType Type, Expr? Initializer, SourceSpan Span) : Stmt(Span);

/// <summary>An expression evaluated for its side effects.</summary>
public sealed record ExprStmt(Expr Expression, SourceSpan Span) : Stmt(Span);

/// <summary>Simultaneous assignment (Python <c>a, b = b, a % b</c>): all values are evaluated before any is stored.</summary>
public sealed record ParallelAssignStmt(ImmutableArray<string> Targets, ImmutableArray<Expr> Values, SourceSpan Span) : Stmt(Span)
{
    /// <inheritdoc />
    public bool Equals(ParallelAssignStmt? other) =>
        other is not null && Span == other.Span && Targets.SequenceEqual(other.Targets) && Values.SequenceEqual(other.Values);

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
public sealed record BlockStmt(ImmutableArray<Stmt> Statements, SourceSpan Span) : Stmt(Span)
{
    /// <inheritdoc />
    public bool Equals(BlockStmt? other) => other is not null && Span == other.Span && Statements.SequenceEqual(other.Statements);

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
