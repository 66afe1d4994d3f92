using System.Numerics;

namespace Terminator.Differential.Generation;

/// <summary>An expression of a generated program.</summary>
internal abstract record Expr;

/// <summary>A variable read.</summary>
internal sealed record VarExpr(string Name) : Expr;

/// <summary>An integer literal of a type, written in decimal or (<paramref name="Hex"/>) hexadecimal.</summary>
internal sealed record ConstExpr(BigInteger Value, CType Type, bool Hex = false) : Expr;

/// <summary><c>-e</c> or <c>!e</c>.</summary>
internal sealed record UnaryExpr(string Op, Expr Operand) : Expr;

/// <summary>An arithmetic, comparison or logical operator.</summary>
internal sealed record BinaryExpr(string Op, Expr Left, Expr Right) : Expr;

/// <summary><c>(type)e</c>.</summary>
internal sealed record CastExpr(CType Type, Expr Operand) : Expr;

/// <summary><c>c ? a : b</c>.</summary>
internal sealed record ConditionalExpr(Expr Condition, Expr Then, Expr Else) : Expr;

/// <summary><c>x++</c>, <c>x--</c>, <c>++x</c> or <c>--x</c>.</summary>
internal sealed record StepExpr(string Name, bool Increment, bool Prefix) : Expr;

/// <summary>A statement of a generated program; each one is rendered on lines of its own.</summary>
internal abstract record Stmt;

/// <summary><c>x = e;</c> or a compound assignment such as <c>x /= e;</c> (<paramref name="Op"/> is <c>=</c>, <c>+=</c>, ...).</summary>
internal sealed record AssignStmt(string Target, string Op, Expr Value) : Stmt;

/// <summary><c>x++;</c> and the like, as a statement.</summary>
internal sealed record StepStmt(StepExpr Step) : Stmt;

/// <summary><c>if (c) { ... } else { ... }</c>; an empty else branch is left out.</summary>
internal sealed record IfStmt(Expr Condition, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt> Else) : Stmt;

/// <summary><c>while (c) { ... }</c>.</summary>
internal sealed record WhileStmt(Expr Condition, IReadOnlyList<Stmt> Body) : Stmt;

/// <summary><c>for (init; c; step) { ... }</c>; init and step are assignments or steps.</summary>
internal sealed record ForStmt(Stmt? Init, Expr Condition, Stmt? Step, IReadOnlyList<Stmt> Body) : Stmt;

/// <summary><c>break;</c></summary>
internal sealed record BreakStmt : Stmt;

/// <summary><c>return e;</c></summary>
internal sealed record ReturnStmt(Expr Value) : Stmt;

/// <summary>A parameter or local variable.</summary>
internal sealed record Variable(string Name, CType Type);

/// <summary>A local variable with its initializer; locals are declared at the top of the function.</summary>
internal sealed record Declaration(Variable Variable, Expr Initializer);

/// <summary>
/// A generated function: <c>int name(params) { locals; body }</c>. It reads no nondeterministic value and calls no
/// function, so its run is determined by its arguments and a repeated state at a loop head is a proof of an endless run.
/// </summary>
internal sealed record FunctionDef(string Name, IReadOnlyList<Variable> Parameters, IReadOnlyList<Declaration> Locals, IReadOnlyList<Stmt> Body)
{
    /// <summary>Parameters, then locals: the full state of a run at a loop head.</summary>
    public IEnumerable<Variable> Variables => Parameters.Concat(Locals.Select(d => d.Variable));
}
