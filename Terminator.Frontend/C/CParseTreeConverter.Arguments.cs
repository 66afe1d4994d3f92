using Antlr4.Runtime;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// The argument vector of <c>int main(int argc, char **argv)</c> (C11 5.1.2.2.1): <c>argv</c> is read only as
/// <c>argv[i]</c> (or <c>*argv</c>), a pointer into the string of argument i (an <see cref="ArgumentStringExpr"/>), or
/// the null pointer for i = argc, and as the start of a pointer into it (<c>char **p = argv + k;</c>), which holds its
/// index into <c>argv</c> and reads <c>*p</c> as <c>argv[p]</c>. Each occurrence of an element of <c>argv</c> in the
/// source binds an array name of its own to the string it reads, so a pointer declared from it
/// (<c>char *s = argv[i];</c>) points into that name's object for its whole life, and moves, reads and bounds as any
/// pointer into an array. Such a name is bound again only when the same occurrence runs again, which re-declares the
/// pointers that a declaration in the same block gave it; a pointer of an outer block never points into it (see
/// <see cref="RequireLifetime"/>), and a pointer declared without a value is never given one (a backward goto could
/// run the occurrence again while it lives), so no pointer keeps the string of an earlier run of the occurrence. Any
/// other use
/// of <c>argv</c> (<c>argv == 0</c>, <c>argv[i] = ...</c>, passing it) or of a pointer into it is refused.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// The argument vector of the function being converted: its name, the symbol that refuses its other uses, the name of
    /// the <c>argc</c> it is bounded by and the character type of its strings. Null outside <c>main(argc, argv)</c>.
    /// </summary>
    private sealed record ArgumentVectorInfo(string Name, RefusedSymbol Symbol, string Count, ScalarType ElementType);

    private ArgumentVectorInfo? _argumentVector;

    /// <summary>The reason any use of <c>argv</c> other than <c>argv[i]</c> is refused with.</summary>
    private const string ArgumentVectorRefusal =
        "unsupported: the argument vector of main used other than as 'argv[i]' (read as a pointer to the string of argument i)";

    /// <summary>The functions of <see cref="FunctionDecl.LibraryFile"/> converted so far.</summary>
    private readonly HashSet<string> _libraryFunctions = [];

    /// <summary>
    /// Whether <paramref name="expression"/> is an element of the argument vector in scope: <c>argv[i]</c>,
    /// <c>*argv</c>, or <c>*p</c> and <c>p[k]</c> of a pointer into it (see <see cref="ArgumentCursor"/>).
    /// </summary>
    private bool IsArgumentVectorElement(ExprContext expression) =>
        StripParentheses(expression) switch
        {
            SubscriptContext subscript => IsArgumentVector(subscript.expr()) || ArgumentCursor(subscript.expr()) is not null,
            UnaryContext { op.Text: "*" } dereference => IsArgumentVector(dereference.expr()) || ArgumentCursor(dereference.expr()) is not null,
            _ => false,
        };

    /// <summary>Whether <paramref name="expression"/> names the argument vector in scope (<c>argv</c>).</summary>
    private bool IsArgumentVector(ExprContext expression) =>
        _argumentVector is { } vector
        && IdentifierOf(StripParentheses(expression)) is { } identifier
        && identifier.GetText() == vector.Name
        && !_macros.ContainsKey(vector.Name)
        && ReferenceEquals(_scopes.Lookup(vector.Name), vector.Symbol);

    /// <summary>
    /// An element of the argument vector (see <see cref="IsArgumentVectorElement"/>) as a pointer that may be null: an
    /// array name of its own, bound to argument i's string when the read runs (see <see cref="ArgumentStringExpr"/>).
    /// The index is read once, its side effects included.
    /// </summary>
    private PointerOperand ArgumentVectorElement(ExprContext expression)
    {
        var vector = _argumentVector!;
        var span = At(expression);
        var (baseExpression, subscriptIndex) = StripParentheses(expression) switch
        {
            SubscriptContext subscript => (subscript.expr(), ConvertExpression(subscript.expression())),
            UnaryContext dereference => (dereference.expr(), (Expr?)null),
            _ => throw new InvalidOperationException($"{span}: not an element of argv"),
        };
        Expr index = ArgumentCursor(baseExpression) is { } cursor
            ? subscriptIndex is null ? new VarRef(cursor, span) : new BinaryExpr(BinaryOp.Add, new VarRef(cursor, span), new CastExpr(OffsetType, subscriptIndex, span), span)
            : new CastExpr(OffsetType, subscriptIndex ?? new IntLiteral(0, OffsetType, span), span);
        var array = _scopes.NewLocalName(StripParentheses(expression).GetText());
        _scopes.RecordArray(array);
        _argumentStrings.Add(array);
        var read = new ArgumentStringExpr(array, index, new VarRef(vector.Count, span), vector.ElementType, LargestObject, span);
        return new PointerOperand(array, vector.ElementType, vector.ElementType, read, true, span) { MayBeNull = true };
    }

    /// <summary>The most elements an array of characters may have: the largest value of <c>size_t</c>.</summary>
    private System.Numerics.BigInteger LargestObject => (System.Numerics.BigInteger.One << CTypeRules.ULong(dataModel).Bits) - 1;

    /// <summary>
    /// The pointers into the argument vector (<c>char **p = argv;</c>), by the symbol that refuses their other uses:
    /// the name of the variable that holds the pointer's index into <c>argv</c>.
    /// </summary>
    private readonly Dictionary<RefusedSymbol, string> _argumentCursors = new(ReferenceEqualityComparer.Instance);

    /// <summary>The reason any other use of a pointer into the argument vector is refused with.</summary>
    private const string ArgumentCursorRefusal =
        "unsupported: a pointer into the argument vector of main used other than as '*p', 'p[k]', 'p++', '++p', 'p--', '--p', 'p += k', 'p -= k' or 'p = argv + k'";

    /// <summary>
    /// For a pointer into the argument vector (see <see cref="TryDeclareArgumentCursor"/>) that
    /// <paramref name="expression"/> names: the variable holding its index into <c>argv</c>; null for anything else.
    /// </summary>
    private string? ArgumentCursor(ExprContext expression) =>
        IdentifierOf(StripParentheses(expression)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is RefusedSymbol symbol && _argumentCursors.TryGetValue(symbol, out var cursor)
            ? cursor
            : null;

    /// <summary>
    /// <c>T **p = argv;</c> or <c>T **p = argv + k;</c> (T the strings' character type): a pointer into the argument
    /// vector, held as its index into <c>argv</c>, which may go from 0 to argc + 1 (one past the null pointer at
    /// argc). <c>*p</c> and <c>p[k]</c> are then <c>argv[p]</c> and <c>argv[p + k]</c>. Null for any other declarator.
    /// </summary>
    private Stmt[]? TryDeclareArgumentCursor(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (_argumentVector is not { } vector
            || declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != 2
            || initDeclarator.initializer()?.expr() is not { } initializer)
        {
            return null;
        }

        if (ArgumentVectorOffset(initializer) is not { } offset)
        {
            // A copy of a pointer into argv (or another value built from argv) is not modelled.
            return Tokens(initializer).FirstOrDefault(t => t.Type == IdentifierType && !_macros.ContainsKey(t.Text) && _scopes.Lookup(t.Text) is RefusedSymbol refused
                    && (ReferenceEquals(refused, vector.Symbol) || _argumentCursors.ContainsKey(refused))) is { } token
                ? throw UsesRefused(At(token), token.Text, (RefusedSymbol)_scopes.Lookup(token.Text)!)
                : null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        if (!CanView(Pointee(elementType()), vector.ElementType) || _addressedNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' into the argument vector of main of another type than '{vector.ElementType} **', or whose address is taken");
        }

        RejectMacroName(name, span);
        var symbol = new RefusedSymbol(ArgumentCursorRefusal, SourceSpan.None);
        var cursor = _scopes.NewLocalName(name);
        _scopes.Declare(name, symbol, span);
        _argumentCursors[symbol] = cursor;
        return [new VarDeclStmt(cursor, OffsetType, WithinArgumentVector(offset, At(initializer)), span)];
    }

    /// <summary>
    /// The index into <c>argv</c> of <c>argv</c> or <c>argv + k</c> (k free of side effects, since the index is read
    /// twice: see <see cref="WithinArgumentVector"/>); null for any other expression.
    /// </summary>
    private Expr? ArgumentVectorOffset(ExprContext expression)
    {
        expression = StripParentheses(expression);
        if (IsArgumentVector(expression))
        {
            return new IntLiteral(0, OffsetType, At(expression));
        }

        return expression is AdditiveContext { op.Text: "+" } add && IsArgumentVector(add.left)
            ? new CastExpr(OffsetType, SideEffectFreeOffset(add.right), At(add.right))
            : null;
    }

    /// <summary>An offset into the argument vector, which its checks read twice: refused when it has side effects.</summary>
    private Expr SideEffectFreeOffset(ExprContext expression)
    {
        var offset = Convert(expression);
        return IrWalker.Expressions(new ExprStmt(offset, offset.Span)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr or NewRecordExpr or ArgumentStringExpr)
            ? throw SourceException.Unsupported(At(expression), "an offset with side effects into the argument vector of main")
            : offset;
    }

    /// <summary>
    /// <paramref name="offset"/> as the index of a pointer into <c>argv</c>: undefined behaviour unless
    /// 0 &lt;= offset &lt;= argc + 1 (C11 6.5.6p8: <c>argv</c> has argc + 1 elements, and a pointer may point one past
    /// the last). The offset, read twice, must be free of side effects.
    /// </summary>
    private ConditionalExpr WithinArgumentVector(Expr offset, SourceSpan span)
    {
        var count = new CastExpr(OffsetType, new VarRef(_argumentVector!.Count, span), span);
        var end = new BinaryExpr(BinaryOp.Add, count, new IntLiteral(1, OffsetType, span), span);
        var within = new BinaryExpr(
            BinaryOp.And,
            new BinaryExpr(BinaryOp.Ge, offset, new IntLiteral(0, OffsetType, span), span),
            new BinaryExpr(BinaryOp.Le, offset, end, span),
            span);
        return new ConditionalExpr(within, offset, new UndefinedExpr(offset, "pointer out of the bounds of 'argv'", span), span);
    }

    /// <summary>
    /// <c>p++</c>, <c>++p</c>, <c>p--</c>, <c>--p</c> of a pointer into the argument vector: a checked store of the
    /// moved index; null for any other target.
    /// </summary>
    private AssignExpr? MoveArgumentCursor(ExprContext target, IToken op, bool yieldsOldValue, SourceSpan span)
    {
        if (ArgumentCursor(target) is not { } cursor)
        {
            return null;
        }

        var one = new IntLiteral(1, OffsetType, At(op));
        var moved = new BinaryExpr(op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub, new VarRef(cursor, span), one, span);
        return new AssignExpr(cursor, WithinArgumentVector(moved, span), yieldsOldValue, span);
    }

    /// <summary>
    /// <c>p += k</c>, <c>p -= k</c> and <c>p = argv + k</c> of a pointer into the argument vector (k free of side
    /// effects): a checked store of the new index; null for any other target.
    /// </summary>
    private AssignExpr? AssignArgumentCursor(AssignmentContext assignment, SourceSpan span)
    {
        if (ArgumentCursor(assignment.target) is not { } cursor)
        {
            return null;
        }

        var op = assignment.assignmentOperator().GetText();
        var value = op switch
        {
            "=" => ArgumentVectorOffset(assignment.value)
                ?? throw SourceException.Unsupported(At(assignment.value), "a pointer into the argument vector of main given another value than 'argv + k'"),
            "+=" or "-=" => new BinaryExpr(
                op == "+=" ? BinaryOp.Add : BinaryOp.Sub, new VarRef(cursor, span), new CastExpr(OffsetType, SideEffectFreeOffset(assignment.value), span), span),
            _ => throw SourceException.Unsupported(At(assignment.assignmentOperator()), $"'{op}' on a pointer into the argument vector of main"),
        };
        return new AssignExpr(cursor, WithinArgumentVector(value, span), false, span);
    }

    /// <summary>Whether <paramref name="array"/> names the string of an argument of main (see <see cref="ArgumentVectorElement"/>).</summary>
    private bool IsArgumentString(string array) => _argumentStrings.Contains(array);

    /// <summary>The array names of the function being converted that <c>argv[i]</c> binds.</summary>
    private readonly HashSet<string> _argumentStrings = [];
}
