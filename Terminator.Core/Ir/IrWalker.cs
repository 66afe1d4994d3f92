namespace Terminator.Core.Ir;

/// <summary>Enumerates the expressions of a statement tree, outermost first.</summary>
public static class IrWalker
{
    /// <summary>
    /// Every expression in <paramref name="statement"/> and the statements nested in it, each followed by its
    /// subexpressions; the expression an <see cref="UndefinedExpr"/> stands for is not visited, since it is never evaluated.
    /// </summary>
    /// <param name="statement">The root of the statement tree.</param>
    /// <returns>The expressions in preorder.</returns>
    public static IEnumerable<Expr> Expressions(Stmt statement) =>
        OwnExpressions(statement).SelectMany(Flatten).Concat(Nested(statement).SelectMany(Expressions));

    /// <summary>The expressions that <paramref name="statement"/> itself evaluates, not those of the statements nested in it.</summary>
    internal static IEnumerable<Expr> OwnExpressions(Stmt statement) =>
        statement switch
        {
            VarDeclStmt d => d.Initializer is null ? [] : [d.Initializer],
            ArrayDeclStmt d => [d.Length],
            FreeStmt f => [f.Offset],
            ReallocStmt r => [r.Offset, r.Length],
            FreeRecordStmt f => [f.Address],
            ExprStmt e => [e.Expression],
            ParallelAssignStmt p => p.Values,
            IfStmt i => [i.Condition],
            LoopStmt l => (l.Condition is null ? [] : new[] { l.Condition }).Concat(l.Step is null ? [] : [l.Step]),
            ReturnStmt r => r.Value is null ? [] : [r.Value],
            AssumeStmt a => [a.Condition],
            AssertStmt a => [a.Condition],
            SwitchStmt s => [s.Value],
            _ => [],
        };

    /// <summary>A statement and every statement nested in it, outermost first.</summary>
    /// <param name="statement">The root of the statement tree.</param>
    /// <returns>The statements in preorder.</returns>
    public static IEnumerable<Stmt> Statements(Stmt statement)
    {
        var pending = new Stack<Stmt>();
        pending.Push(statement);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            foreach (var inner in Nested(current).Reverse())
            {
                pending.Push(inner);
            }
        }
    }

    private static IEnumerable<Stmt> Nested(Stmt statement) => statement switch
    {
        IfStmt i => i.Else is null ? [i.Then] : [i.Then, i.Else],
        LoopStmt l => l.Else is null ? [l.Body] : [l.Body, l.Else],
        BlockStmt b => b.Statements,
        SwitchStmt s => s.Sections.SelectMany(section => section.Statements),
        LabeledStmt l => [l.Body],
        _ => [],
    };

    /// <summary>
    /// Whether a declaration's initializer reads or assigns the variable it declares (<c>int j = j + 1;</c>): in C the
    /// variable's scope starts at its declarator, so the initializer sees the new, still uninitialized variable.
    /// </summary>
    internal static bool InitializerUsesItself(VarDeclStmt declaration) =>
        declaration.Initializer is { } initializer
        && Flatten(initializer).Any(e => e is VarRef v && v.Name == declaration.Name || e is AssignExpr a && a.Target == declaration.Name);

    /// <summary>An expression and all expressions inside it.</summary>
    internal static IEnumerable<Expr> Subexpressions(Expr e) => Flatten(e);

    private static IEnumerable<Expr> Flatten(Expr e)
    {
        yield return e;
        IEnumerable<Expr> inner = e switch
        {
            UnaryExpr u => [u.Operand],
            BinaryExpr b => [b.Left, b.Right],
            ConditionalExpr c => [c.Condition, c.Then, c.Else],
            CastExpr c => [c.Operand],
            AssignExpr a => [a.Value],
            ArrayReadExpr r => [r.Index],
            ArrayAssignExpr a => [a.Index, a.Value],
            RecordPointerExpr r => [r.Pointer],
            FieldReadExpr r => r.Index is null ? [r.Address] : [r.Address, r.Index],
            FieldAssignExpr a => a.Index is null ? [a.Address, a.Value] : [a.Address, a.Index, a.Value],
            CallExpr c => c.Arguments,
            SequenceExpr s => [s.First, s.Second],
            PointerExpr p => [p.Offset],
            NullCheckExpr n => [n.Pointer],
            ElementCheckExpr c => [c.Index, c.Condition],
            PointerDifferenceExpr d => [d.Left, d.Right],
            IntegerSqrtExpr r => [r.Operand],
            OverlapCheckExpr o => [o.First.Offset, o.FirstCount, o.Second.Offset, o.SecondCount],
            ArgumentStringExpr a => [a.Index, a.Count],
            _ => [],
        };
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }
}
