using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Pointers into an array member of an element of an array of structs: <c>int *q = rows[i].v;</c>,
/// <c>&amp;rows[i].v[k]</c>, <c>rows[i].v + k</c>. The member's elements are elements <c>i * L + k</c> of the object
/// <c>rows.v</c> (see <see cref="StructArraySymbol"/>), so such a pointer is a pointer into that object, whose offset
/// stays within a window: the L elements of the member it was formed from, and one past them (a
/// <see cref="MemberWindow"/>). C bounds the pointer by the member array, not by the enclosing object (C11 6.5.6p8):
/// forming a pointer outside the window is undefined behaviour, and so is reaching an element outside it, even when
/// the element lies inside the object. A pointer variable holding such a pointer keeps the start of its window in a
/// variable of its own, <c>start(q)</c>, stored with the offset. Two such pointers compare by their addresses (the
/// elements of one window in order, the windows in the order of the structs), and subtract only within one window
/// (pointers into different arrays do not subtract, C11 6.5.6p9). Passing one to a function, returning it, taking its
/// address or storing it into a pointer declared without a value is refused: the callee would see the whole object.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// <c>a[i].m</c> of an array member m of an element of a local or file-scope array of structs, as a pointer to the
    /// member's first element; null for any other expression. The index is checked against the array of structs:
    /// <c>a[N].m</c> designates no object.
    /// </summary>
    private PointerOperand? MemberWindowPointer(ExprContext expression)
    {
        if (StripParentheses(expression) is not MemberAccessContext { op.Text: "." } access
            || StructArrayIndexing(access.expr()) is not var (structs, indexContext))
        {
            return null;
        }

        var memberIndex = MemberIndex(structs.Layout, access);
        if (structs.Layout.Members[memberIndex].Length is not { } length)
        {
            return null;
        }

        var span = At(access);
        var name = IdentifierOf(StripParentheses(((SubscriptContext)StripParentheses(access.expr())).expr()))!.GetText();
        var member = access.Identifier().GetText();
        var index = Convert(indexContext);
        if (HasSideEffects(index))
        {
            throw SourceException.Unsupported(index.Span, $"an index with side effects into the array of structs '{name}' in a pointer into its member '{member}'");
        }

        var wide = new CastExpr(OffsetType, index, index.Span);
        var within = new BinaryExpr(
            BinaryOp.And,
            new BinaryExpr(BinaryOp.Ge, wide, new IntLiteral(0, OffsetType, span), span),
            new BinaryExpr(BinaryOp.Lt, wide, new IntLiteral(structs.Length, OffsetType, span), span),
            span);
        var start = new BinaryExpr(BinaryOp.Mul, wide, new IntLiteral(length, OffsetType, span), span);
        var checkedStart = new ConditionalExpr(
            within,
            start,
            new UndefinedExpr(start, $"pointer into the member '{member}' of an element outside '{name}' (its length is {structs.Length})", index.Span),
            span);
        var array = structs.Members[memberIndex];
        var window = new MemberWindow(start, length, member, name, structs.Layout.Members.Length == 1);
        return new PointerOperand(array.IrName, array.ElementType, array.ElementType, checkedStart, true, span) { Window = window };
    }

    /// <summary>
    /// <c>&amp;a[i].m[k]</c> of an array member m of an element of an array of structs: the pointer <c>a[i].m + k</c>;
    /// null for any other expression.
    /// </summary>
    private PointerOperand? MemberWindowElementAddress(ExprContext operand, SourceSpan span)
    {
        if (StripParentheses(operand) is not SubscriptContext subscript || MemberWindowPointer(subscript.expr()) is not { } start)
        {
            return null;
        }

        return start.Moved(ConvertExpression(subscript.expression()), false, span);
    }

    private static bool HasSideEffects(Expr expression) =>
        IrWalker.Expressions(new ExprStmt(expression, expression.Span))
            .Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr);

    /// <summary>
    /// The index of an element that <paramref name="pointer"/>, a pointer into a member window, reaches: checked to lie
    /// inside the window. An index with side effects is read once: <c>*q++</c> checks q before the store, <c>*++q</c>
    /// after it; any other one is refused.
    /// </summary>
    private static Expr WindowElement(PointerOperand pointer, Expr index, SourceSpan span)
    {
        var window = pointer.Window!;
        if (!HasSideEffects(index))
        {
            return new ConditionalExpr(window.HoldsElement(index, span), index, window.Outside(index, span), span);
        }

        if (index is AssignExpr { Value: var value } store && !HasSideEffects(value))
        {
            var variable = new VarRef(store.Target, span);
            return store.YieldsOldValue
                ? new SequenceExpr(new ConditionalExpr(window.HoldsElement(variable, span), new IntLiteral(0, OffsetType, span), window.Outside(variable, span), span), store, span)
                : new SequenceExpr(store, new ConditionalExpr(window.HoldsElement(variable, span), variable, window.Outside(variable, span), span), span);
        }

        throw SourceException.Unsupported(span, $"an element with side effects in its index reached through a pointer into {window.Description}");
    }

    /// <summary>The offset <paramref name="offset"/> of a pointer into <paramref name="array"/> formed (checked), and checked to stay in <paramref name="window"/> when there is one.</summary>
    private static Expr FormedWithin(string array, MemberWindow? window, Expr offset, SourceSpan span)
    {
        var formed = new PointerExpr(array, offset, span);
        if (window is null)
        {
            return formed;
        }

        if (HasSideEffects(offset))
        {
            throw SourceException.Unsupported(span, $"a pointer into {window.Description} moved by an expression with side effects");
        }

        return new ConditionalExpr(window.HoldsPointer(offset, span), formed, new UndefinedExpr(formed, $"pointer out of the bounds of {window.Description} (its length is {window.Length})", span), span);
    }

    /// <summary>
    /// <c>p - q</c> and comparisons of two pointers into member windows of one object. Within one window the offsets
    /// compare; across windows the address order is the order of the windows, so the key <c>offset * L + start</c>
    /// orders both, and no two pointers into different windows are equal unless the struct is the member alone (then
    /// the windows are contiguous and the offsets are the addresses). A difference of pointers into different windows
    /// is undefined behaviour.
    /// </summary>
    private Expr WindowBinary(string op, PointerOperand p, PointerOperand q, SourceSpan span)
    {
        var (window, other) = (p.Window!, q.Window!);
        var sameWindow = window.Start == other.Start;
        if (op == "-")
        {
            var difference = new PointerDifferenceExpr(p.Formed(), q.Formed(), CTypeRules.Long(dataModel), span);
            return sameWindow
                ? difference
                : new ConditionalExpr(
                    new BinaryExpr(BinaryOp.Eq, window.Start, other.Start, span),
                    difference,
                    new UndefinedExpr(difference, $"subtraction of pointers into the member '{window.Member}' of different elements of '{window.Structs}'", span),
                    span);
        }

        if (sameWindow || window.Contiguous)
        {
            return new BinaryExpr(BinaryOperators[op], p.Formed(), q.Formed(), span);
        }

        var length = new IntLiteral(window.Length, OffsetType, span);
        Expr Key(PointerOperand operand) =>
            new BinaryExpr(BinaryOp.Add, new BinaryExpr(BinaryOp.Mul, operand.Formed(), length, span), operand.Window!.Start, span);
        if (HasSideEffects(p.Formed()) || HasSideEffects(q.Formed()))
        {
            throw SourceException.Unsupported(span, $"a comparison with side effects of pointers into {window.Description}");
        }

        return new BinaryExpr(BinaryOperators[op], Key(p), Key(q), span);
    }

    /// <summary>
    /// The declaration of the variable <c>start(name)</c> that holds the start of <paramref name="window"/> for the pointer
    /// variable <paramref name="name"/>, and the window bounded by that variable.
    /// </summary>
    private (Stmt Declaration, MemberWindow Window) DeclareWindowStart(string name, MemberWindow window, SourceSpan span)
    {
        var start = _scopes.NewLocalName($"start({name})");
        return (new VarDeclStmt(start, OffsetType, window.Start, span), window with { Start = new VarRef(start, span) });
    }

    private static SourceException WindowPointerRefused(PointerOperand pointer, SourceSpan span, string use) =>
        SourceException.Unsupported(span, $"a pointer into {pointer.Window!.Description} {use}: only the elements of that member may be reached through it, which the analysis checks only in the function that forms it");
}

/// <summary>
/// The elements of one array member of one element of an array of structs, inside the object that holds that member
/// of every element: <paramref name="Length"/> elements from the offset <paramref name="Start"/> (an expression without
/// side effects). <paramref name="Contiguous"/> tells that the struct is the member alone, so that the windows of
/// consecutive elements touch and their offsets are addresses.
/// </summary>
internal sealed record MemberWindow(Expr Start, long Length, string Member, string Structs, bool Contiguous)
{
    /// <summary>The member as answers name it.</summary>
    public string Description => $"the member '{Member}' of an element of '{Structs}'";

    private BinaryExpr End(SourceSpan span) => new BinaryExpr(BinaryOp.Add, Start, new IntLiteral(Length, ScalarType.Unbounded, span), span);

    /// <summary>Whether <paramref name="offset"/> may be a pointer formed from the member: inside it or one past its end.</summary>
    public Expr HoldsPointer(Expr offset, SourceSpan span) => new BinaryExpr(
        BinaryOp.And,
        new BinaryExpr(BinaryOp.Ge, offset, Start, span),
        new BinaryExpr(BinaryOp.Le, offset, End(span), span),
        span);

    /// <summary>Whether <paramref name="index"/> is an element of the member.</summary>
    public Expr HoldsElement(Expr index, SourceSpan span) => new BinaryExpr(
        BinaryOp.And,
        new BinaryExpr(BinaryOp.Ge, index, Start, span),
        new BinaryExpr(BinaryOp.Lt, index, End(span), span),
        span);

    /// <summary>The undefined behaviour of reaching the element <paramref name="index"/> outside the member.</summary>
    public UndefinedExpr Outside(Expr index, SourceSpan span) =>
        new(index, $"out-of-bounds access of {Description} through a pointer (its length is {Length})", span);
}
