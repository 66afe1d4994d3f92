using System.Globalization;
using Terminator.Core.Ir;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Prints IR as compact S-expressions without positions, so tests can state the expected shape in one line.
/// Literals carry a suffix for their type (<c>5</c> int, <c>5u</c>, <c>5ll</c>, <c>5ull</c>, <c>1b</c> bool).
/// </summary>
internal static class IrText
{
    public static string Of(ProgramIr program) =>
        string.Join(" ", program.Globals.Select(Of).Concat(program.Functions.Select(Of)));

    public static string Of(GlobalDecl global) =>
        global.Initializer is null ? $"(global {Of(global.Type)} {global.Name})" : $"(global {Of(global.Type)} {global.Name} {Of(global.Initializer)})";

    public static string Of(FunctionDecl function) =>
        $"(fn {Of(function.ReturnType)} {function.Name}{string.Concat(function.Parameters.Select(p => $" ({Of(p.Type)} {p.Name})"))} {Of(function.Body)})";

    public static string Of(ScalarType type) =>
        type == ScalarType.Int ? "int"
        : type == ScalarType.UInt ? "uint"
        : type == ScalarType.LongLong ? "ll"
        : type == ScalarType.ULongLong ? "ull"
        : type == ScalarType.Bool ? "bool"
        : type == ScalarType.Void ? "void"
        : type == ScalarType.Unbounded ? "z"
        : type.ToString();

    public static string Of(Stmt statement) => statement switch
    {
        VarDeclStmt d => d.Initializer is null ? $"(decl {Of(d.Type)} {d.Name})" : $"(decl {Of(d.Type)} {d.Name} {Of(d.Initializer)})",
        ArrayDeclStmt a => $"({(a.OnHeap ? "malloc" : "array")} {Of(a.ElementType)} {a.Name} {Of(a.Length)})",
        FreeStmt f => $"(free {f.Array} {Of(f.Offset)})",
        ReallocStmt r => $"(realloc {r.Array} {Of(r.Offset)} {Of(r.Length)})",
        FreeRecordStmt f => $"(free-record {f.Record} {Of(f.Address)})",
        ExprStmt e => Of(e.Expression),
        IfStmt i => i.Else is null ? $"(if {Of(i.Condition)} {Of(i.Then)})" : $"(if {Of(i.Condition)} {Of(i.Then)} {Of(i.Else)})",
        LoopStmt { Kind: LoopKind.While, Else: null } l => $"(while {Of(l.Condition)} {Of(l.Body)})",
        LoopStmt { Kind: LoopKind.While } l => $"(while {Of(l.Condition)} {Of(l.Body)} else {Of(l.Else)})",
        ParallelAssignStmt p => $"(= ({string.Join(" ", p.Targets)}) ({string.Join(" ", p.Values.Select(Of))}))",
        LoopStmt { Kind: LoopKind.DoWhile } l => $"(do {Of(l.Body)} {Of(l.Condition)})",
        LoopStmt l => $"(for {Of(l.Condition)} {Of(l.Step)} {Of(l.Body)})",
        BlockStmt b => b.Statements.IsEmpty ? "{}" : $"{{{string.Concat(b.Statements.Select(s => " " + Of(s)))} }}",
        BreakStmt => "break",
        ContinueStmt => "continue",
        ReturnStmt r => r.Value is null ? "(return)" : $"(return {Of(r.Value)})",
        AssumeStmt a => $"(assume {Of(a.Condition)})",
        AssertStmt a => $"(assert {Of(a.Condition)})",
        HaltStmt h => $"(halt {h.Why})",
        SwitchStmt s => $"(switch {Of(s.Value)}{string.Concat(s.Sections.Select(section => " " + Of(section)))})",
        LabeledStmt l => $"(label {l.Label} {Of(l.Body)})",
        GotoStmt g => $"(goto {g.Label})",
        _ => statement.GetType().Name,
    };

    public static string Of(Expr? expression) => expression switch
    {
        null => "_",
        IntLiteral l => l.Value.ToString(CultureInfo.InvariantCulture) + LiteralSuffix(l.Type),
        VarRef v => v.Name,
        UnaryExpr u => $"({u.Op switch { UnaryOp.Negate => "-", UnaryOp.Not => "!", UnaryOp.BitNot => "~", _ => "abs" }} {Of(u.Operand)})",
        SequenceExpr s => $"(, {Of(s.First)} {Of(s.Second)})",
        BinaryExpr b => $"({Symbol(b.Op)} {Of(b.Left)} {Of(b.Right)})",
        ConditionalExpr c => $"(? {Of(c.Condition)} {Of(c.Then)} {Of(c.Else)})",
        CastExpr c => $"(cast {Of(c.Type)} {Of(c.Operand)})",
        AssignExpr a => $"({(a.YieldsOldValue ? "=post" : "=")} {a.Target} {Of(a.Value)})",
        CallExpr c => $"(call {c.Callee}{string.Concat(c.Arguments.Select(a => " " + Of(a)))}{(c.ResultObject is { } result ? " -> " + result : "")})",
        NondetExpr n => $"(nondet {Of(n.Type)})",
        ArrayReadExpr r => $"({r.Array} [{Of(r.Index)}])",
        ArrayAssignExpr w => $"(= {w.Array} [{Of(w.Index)}] {Of(w.Value)})",
        TerminatesExpr t => $"(terminates {t.Function})",
        PointerExpr p => $"({(p.AllowsNull ? "ptr?" : "ptr")} {p.Array} {Of(p.Offset)})",
        NullCheckExpr n => $"(nonnull {Of(n.Pointer)})",
        NewRecordExpr n => $"(new {n.Record})",
        RecordPointerExpr r => $"(record {r.Record} {Of(r.Pointer)})",
        FieldReadExpr { Index: { } index } r => $"(-> {Of(r.Address)} {r.Field} [{Of(index)}])",
        FieldReadExpr r => $"(-> {Of(r.Address)} {r.Field})",
        FieldAssignExpr { Index: { } index } w => $"(= (-> {Of(w.Address)} {w.Field} [{Of(index)}]) {Of(w.Value)})",
        FieldAssignExpr w => $"(= (-> {Of(w.Address)} {w.Field}) {Of(w.Value)})",
        PointerDifferenceExpr d => $"(ptrdiff {Of(d.Type)} {Of(d.Left)} {Of(d.Right)})",
        IntegerSqrtExpr r => $"(sqrt {Of(r.Type)} {Of(r.Operand)})",
        UndefinedExpr u => $"(undefined {Of(u.Original)})",
        _ => expression.GetType().Name,
    };

    private static string Of(SwitchSection section) =>
        $"({string.Join(" ", section.Labels.Select(l => l.ToString(CultureInfo.InvariantCulture)).Concat(section.IsDefault ? ["default"] : []))}:"
        + $"{string.Concat(section.Statements.Select(s => " " + Of(s)))})";

    private static string LiteralSuffix(ScalarType type) =>
        type == ScalarType.Int || type == ScalarType.Unbounded ? "" : type == ScalarType.Bool ? "b" : Of(type) switch { "uint" => "u", var other => other };

    private static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Rem => "%",
        BinaryOp.Lt => "<",
        BinaryOp.Le => "<=",
        BinaryOp.Gt => ">",
        BinaryOp.Ge => ">=",
        BinaryOp.Eq => "==",
        BinaryOp.Ne => "!=",
        BinaryOp.And => "&&",
        BinaryOp.Or => "||",
        BinaryOp.FloorDiv => "//",
        BinaryOp.FloorMod => "%%",
        BinaryOp.BitAnd => "&",
        BinaryOp.BitOr => "|",
        BinaryOp.BitXor => "^",
        BinaryOp.ShiftLeft => "<<",
        BinaryOp.ShiftRight => ">>",
        _ => op.ToString(),
    };
}
