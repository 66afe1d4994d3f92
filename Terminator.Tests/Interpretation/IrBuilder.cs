using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;

namespace Terminator.Tests.Interpretation;

/// <summary>Terse constructors for hand-written core IR in the interpreter tests.</summary>
internal static class IrBuilder
{
    public const string File = "t.c";

    public static ScalarType Int => ScalarType.Int;
    public static ScalarType UInt => ScalarType.UInt;
    public static ScalarType LongLong => ScalarType.LongLong;
    public static ScalarType Bool => ScalarType.Bool;
    public static ScalarType VoidType => ScalarType.Void;
    public static ScalarType Big => ScalarType.Unbounded;

    public static SourceSpan At(int line, int column = 1) => new(File, line, column);

    private static SourceSpan Here => At(99, 99);

    public static IntLiteral Lit(BigInteger value, ScalarType? type = null) => new(value, type ?? Int, Here);

    public static VarRef V(string name) => new(name, Here);

    public static BinaryExpr Bin(BinaryOp op, Expr left, Expr right, SourceSpan? at = null) => new(op, left, right, at ?? Here);

    public static BinaryExpr Add(Expr l, Expr r, SourceSpan? at = null) => Bin(BinaryOp.Add, l, r, at);

    public static BinaryExpr Sub(Expr l, Expr r) => Bin(BinaryOp.Sub, l, r);

    public static BinaryExpr Lt(Expr l, Expr r) => Bin(BinaryOp.Lt, l, r);

    public static BinaryExpr Gt(Expr l, Expr r) => Bin(BinaryOp.Gt, l, r);

    public static BinaryExpr Eq(Expr l, Expr r) => Bin(BinaryOp.Eq, l, r);

    public static UnaryExpr Neg(Expr e) => new(UnaryOp.Negate, e, Here);

    public static AssignExpr Assign(string target, Expr value, bool yieldsOld = false) => new(target, value, yieldsOld, Here);

    public static CallExpr Call(string callee, params Expr[] args) => new(callee, [.. args], Here);

    public static NondetExpr Nondet(ScalarType? type = null) => new(type ?? Int, Here);

    public static VarDeclStmt Decl(string name, ScalarType type, Expr? init = null) => new(name, type, init, Here);

    public static ExprStmt Set(string target, Expr value) => new(Assign(target, value), Here);

    public static ExprStmt Do(Expr e) => new(e, Here);

    public static ReturnStmt Ret(Expr? e = null) => new(e, Here);

    public static IfStmt If(Expr c, Stmt then, Stmt? otherwise = null) => new(c, then, otherwise, Here);

    public static BlockStmt Block(params Stmt[] statements) => new([.. statements], Here);

    public static LoopStmt While(Expr? c, Stmt body, Stmt? otherwise = null, SourceSpan? at = null) =>
        new(LoopKind.While, c, body, null, otherwise, at ?? Here);

    public static FunctionDecl Fn(string name, ScalarType returnType, (string Name, ScalarType Type)[] parameters, params Stmt[] body) =>
        new(name, returnType, [.. parameters.Select(p => new Parameter(p.Name, p.Type, Here))], Block(body), Here);

    public static ProgramIr CProgram(params FunctionDecl[] functions) => new(File, SourceLanguage.C, [.. functions], []);

    public static ProgramIr CProgram(ImmutableArray<GlobalDecl> globals, params FunctionDecl[] functions) => new(File, SourceLanguage.C, [.. functions], globals);

    public static ProgramIr PyProgram(params FunctionDecl[] functions) => new("t.py", SourceLanguage.Python, [.. functions], []);

    public static InterpreterOptions COptions => new() { Semantics = IntegerSemantics.C, StepLimit = 100_000 };

    public static InterpreterOptions MathOptions => new() { Semantics = IntegerSemantics.Math, StepLimit = 100_000 };

    public static RunResult Run(ProgramIr program, string function, BigInteger[] inputs, BigInteger[]? nondet = null, InterpreterOptions? options = null) =>
        Interpreter.Run(program, function, inputs, nondet ?? [], options ?? COptions);

    /// <summary>Runs a one-function program <c>f</c> that returns <paramref name="body"/>'s value.</summary>
    public static RunOutcome Eval(Expr body, IntegerSemantics semantics = IntegerSemantics.C, SourceLanguage language = SourceLanguage.C)
    {
        var f = Fn("f", language == SourceLanguage.C ? LongLong : Big, [], Ret(body));
        var program = new ProgramIr(File, language, [f], []);
        return Interpreter.Run(program, "f", [], [], new InterpreterOptions { Semantics = semantics, StepLimit = 1000 }).Outcome;
    }
}
