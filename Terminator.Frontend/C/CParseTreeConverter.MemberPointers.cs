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
/// variable of its own, <c>start(q)</c>, stored with the offset (or shares the window of the pointer it copies, when
/// no store <c>=</c> changes either). Two such pointers compare by their addresses (the elements of one window in
/// order, the windows in the order of the structs), and subtract only within one window (pointers into different
/// arrays do not subtract, C11 6.5.6p9). A pointer parameter that some call passes such a pointer takes its window
/// as two more parameters, <c>start(p)</c> and <c>length(p)</c>; a call that passes a pointer into a whole array
/// passes the length -1, which bounds nothing more than the object. Returning such a pointer, passing it on from the
/// callee, taking its address or storing it into a pointer declared without a value is refused.
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
        var stable = StableIndexKey(indexContext);
        var window = new MemberWindow(
            start,
            new IntLiteral(length, OffsetType, span),
            $"the member '{member}' of an element of '{name}'",
            $"the member '{member}' of different elements of '{name}'",
            structs.Layout.Members.Length == 1)
        {
            Key = stable is null ? null : $"{array.IrName}[{stable}]",
            Fixed = stable is not null,
        };
        return new PointerOperand(array.IrName, array.ElementType, array.ElementType, checkedStart, true, span) { Window = window };
    }

    /// <summary>
    /// The index <paramref name="index"/> as a text that names its value, with each variable by its IR name, when it
    /// has the same value wherever the function evaluates it: it reads only constants and parameters or locals that
    /// the function never assigns, increments or takes the address of (and that are not static, which a recursive call
    /// could change); null otherwise.
    /// </summary>
    private string? StableIndexKey(ExprContext index)
    {
        var parts = new List<string>();
        foreach (var token in Tokens(index))
        {
            if (token.Type != IdentifierType || _macros.ContainsKey(token.Text) || _scopes.Lookup(token.Text) is ConstantSymbol)
            {
                parts.Add(token.Text);
            }
            else if (_scopes.Lookup(token.Text) is VariableSymbol variable && _scopes.IsLocal(token.Text) && !variable.IrName.Contains('.', StringComparison.Ordinal)
                && !_assignedNames.Contains(token.Text) && !_addressedNames.Contains(token.Text))
            {
                parts.Add(variable.IrName);
            }
            else
            {
                return null;
            }
        }

        return string.Join(" ", parts);
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

        return new ConditionalExpr(window.HoldsPointer(offset, span), formed, new UndefinedExpr(formed, $"pointer out of the bounds of {window.Description}{window.LengthText}", span), span);
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
        var sameWindow = (window.Key is not null && window.Key == other.Key) || window.Start == other.Start;
        if (op == "-")
        {
            var difference = new PointerDifferenceExpr(p.Formed(), q.Formed(), CTypeRules.Long(dataModel), span);
            return sameWindow
                ? difference
                : new ConditionalExpr(
                    new BinaryExpr(BinaryOp.Eq, window.Start, other.Start, span),
                    difference,
                    new UndefinedExpr(difference, $"subtraction of pointers into {window.Different}", span),
                    span);
        }

        if (sameWindow || window.Contiguous)
        {
            return new BinaryExpr(BinaryOperators[op], p.Formed(), q.Formed(), span);
        }

        if (window.Length is not IntLiteral length || other.Length is not IntLiteral otherLength || otherLength.Value != length.Value)
        {
            throw SourceException.Unsupported(span, $"a comparison of pointers into {window.Description} and {other.Description}, which may be different array members");
        }

        Expr Key(PointerOperand operand) =>
            new BinaryExpr(BinaryOp.Add, new BinaryExpr(BinaryOp.Mul, operand.Formed(), length, span), operand.Window!.Start, span);
        if (HasSideEffects(p.Formed()) || HasSideEffects(q.Formed()))
        {
            throw SourceException.Unsupported(span, $"a comparison with side effects of pointers into {window.Description}");
        }

        return new BinaryExpr(BinaryOperators[op], Key(p), Key(q), span);
    }

    /// <summary>Identifiers that the function being converted assigns with <c>=</c> (a pointer given another window by such a store).</summary>
    private HashSet<string> _storedNames = [];

    /// <summary>Identifiers that the function being converted assigns with <c>=</c> a pointer of a member window's shape (see <see cref="HasMemberWindowShape"/>).</summary>
    private HashSet<string> _windowStoredNames = [];

    /// <summary>For each pointer declared without a value that some store gives a member window: the variable of its window's start.</summary>
    private readonly Dictionary<string, string> _unsetWindowStarts = [];

    private static HashSet<string> StoredIdentifiers(Antlr4.Runtime.Tree.IParseTree root, Func<ExprContext, bool>? value = null) =>
        Descendants(root)
            .OfType<AssignmentContext>()
            .Where(assignment => assignment.assignmentOperator().GetText() == "=" && (value is null || value(assignment.value)))
            .Select(assignment => IdentifierOf(StripParentheses(assignment.target))?.GetText())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The declaration of the window start of <paramref name="pointer"/>, a pointer named <paramref name="name"/>
    /// declared without a value, when a store of the function may give it a pointer into a member window (its value
    /// is not used before that store); none otherwise.
    /// </summary>
    private Stmt[] UnsetWindowStart(string name, UnsetPointerSymbol pointer, SourceSpan span)
    {
        if (!_windowStoredNames.Contains(name))
        {
            return [];
        }

        var start = _scopes.NewLocalName($"start({name})");
        _unsetWindowStarts[pointer.IrName] = start;
        return [new VarDeclStmt(start, OffsetType, new IntLiteral(0, OffsetType, span), span)];
    }

    /// <summary>
    /// The first store of a pointer into a member window into <paramref name="unset"/>, a pointer declared without a
    /// value: its window's start, then its offset; the pointer is bound to the window from then on.
    /// </summary>
    private SequenceExpr FirstWindowStore(string name, UnsetPointerSymbol unset, PointerOperand first, SourceSpan span)
    {
        if (!_unsetWindowStarts.TryGetValue(unset.IrName, out var start) || unset.MayBeNull)
        {
            throw WindowPointerRefused(first, first.Span, $"stored into '{name}', declared without a value{(unset.MayBeNull ? " that may be null" : "")}");
        }

        var window = first.Window! with { Start = new VarRef(start, span), Key = start, Fixed = false };
        _scopes.Rebind(name, new PointerSymbol(unset.IrName, first.Array, first.ObjectType, unset.ElementType) { StartsUnset = true, Window = window });
        return new SequenceExpr(new AssignExpr(start, first.Window!.Start, false, span), new AssignExpr(unset.IrName, first.Formed(), false, span), span);
    }

    /// <summary>
    /// The window of a pointer variable <paramref name="name"/> declared with a pointer into <paramref name="window"/>:
    /// the same window when its start is a variable that no store changes and none changes this pointer's either (a
    /// copy of a parameter, <c>const int *q = p;</c>, then compares with p by offsets), or else a window whose start
    /// a variable of its own holds, with the declaration of that variable.
    /// </summary>
    private (Stmt? Declaration, MemberWindow Window) WindowOfDeclared(string name, MemberWindow window, SourceSpan span)
    {
        if (window.Fixed && !_storedNames.Contains(name))
        {
            return (null, window);
        }

        var (declaration, bound) = DeclareWindowStart(name, window, span);
        return (declaration, bound with { Fixed = !_storedNames.Contains(name) });
    }

    /// <summary>
    /// The declaration of the variable <c>start(name)</c> that holds the start of <paramref name="window"/> for the pointer
    /// variable <paramref name="name"/>, and the window bounded by that variable.
    /// </summary>
    private (Stmt Declaration, MemberWindow Window) DeclareWindowStart(string name, MemberWindow window, SourceSpan span)
    {
        var start = _scopes.NewLocalName($"start({name})");
        return (new VarDeclStmt(start, OffsetType, window.Start, span), window with { Start = new VarRef(start, span), Key = start });
    }

    /// <summary>
    /// For each function defined in the file, the positions of the pointer parameters that some call passes a pointer
    /// into an array member of an element of an array of structs (found by the arguments' shape before any body is
    /// converted): such a parameter takes the window's start and length as two more parameters, after the others.
    /// </summary>
    private readonly Dictionary<string, HashSet<int>> _windowedParameters = [];

    /// <summary>Notes the arguments of the calls in <paramref name="definition"/> that have the shape of a pointer into a member window.</summary>
    private void RegisterWindowedArguments(FunctionDefinitionContext definition)
    {
        foreach (var call in Descendants(definition.compoundStatement()).OfType<CallContext>())
        {
            if (CalleeName(call) is not { } callee || call.argumentList()?.expr() is not { } arguments)
            {
                continue;
            }

            for (var k = 0; k < arguments.Length; k++)
            {
                if (HasMemberWindowShape(arguments[k]))
                {
                    _windowedParameters.TryAdd(callee, []);
                    _windowedParameters[callee].Add(k);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="expression"/> looks like <c>a[i].m</c>, <c>a[i].m + k</c> or <c>&amp;a[i].m[k]</c> (cast or not).</summary>
    private static bool HasMemberWindowShape(ExprContext expression)
    {
        expression = StripParentheses(expression);
        return expression switch
        {
            CastContext cast => HasMemberWindowShape(cast.expr()),
            AdditiveContext add => HasMemberWindowShape(add.left) || HasMemberWindowShape(add.right),
            UnaryContext { op.Text: "&" } address => StripParentheses(address.expr()) is SubscriptContext subscript && HasMemberWindowShape(subscript.expr()),
            MemberAccessContext { op.Text: "." } access => StripParentheses(access.expr()) is SubscriptContext element && IdentifierOf(StripParentheses(element.expr())) is not null,
            _ => false,
        };
    }

    /// <summary>
    /// A pointer parameter that takes pointers into member windows (see <see cref="_windowedParameters"/>): its window
    /// is bounded by two more parameters, its start and its length (negative for a pointer into a whole array), which
    /// are returned.
    /// </summary>
    private Parameter[] WindowParameters(string function, int position, string name, SourceSpan span)
    {
        if (!_windowedParameters.TryGetValue(function, out var positions) || !positions.Contains(position))
        {
            return [];
        }

        var pointer = (PointerSymbol)_scopes.Lookup(name)!;
        var start = _scopes.NewLocalName($"start({name})");
        var length = _scopes.NewLocalName($"length({name})");
        _scopes.Rebind(name, pointer with
        {
            Window = new MemberWindow(new VarRef(start, span), new VarRef(length, span), $"the array member that '{name}' points into", "different array members", false)
            {
                Key = start,
                Fixed = !_storedNames.Contains(name),
            },
        });
        return [new Parameter(start, OffsetType, span), new Parameter(length, OffsetType, span)];
    }

    /// <summary>
    /// The argument for a pointer parameter of <paramref name="callee"/> at <paramref name="position"/>, and, when that
    /// parameter takes member windows, the window's start and length (for a pointer into a whole array, 0 and -1).
    /// </summary>
    private static (PointerExpr Argument, Expr[] Window) WindowArgument(Dictionary<string, HashSet<int>> windowed, string callee, int position, PointerOperand pointer, SourceSpan span)
    {
        if (!windowed.TryGetValue(callee, out var positions) || !positions.Contains(position))
        {
            return (pointer.Argument(), []);
        }

        if (pointer.Window is not { } window)
        {
            return (pointer.Argument(), [new IntLiteral(0, OffsetType, span), new IntLiteral(-1, OffsetType, span)]);
        }

        var formed = pointer.Formed();
        return (formed as PointerExpr ?? new PointerExpr(pointer.Array, formed, span), [window.Start, window.Length]);
    }

    private static SourceException WindowPointerRefused(PointerOperand pointer, SourceSpan span, string use) =>
        SourceException.Unsupported(span, $"a pointer into {pointer.Window!.Description} {use}: its bounds, the member's, are kept only in the function that forms it and in the functions it is passed to from there");
}

/// <summary>
/// The elements of one array member of one element of an array of structs, inside the object that holds that member
/// of every element: <paramref name="Length"/> elements from the offset <paramref name="Start"/> (expressions without
/// side effects). A window whose length is a variable (a pointer parameter's) bounds nothing while that length is
/// negative: the caller passed a pointer into a whole array. <paramref name="Description"/> names the member in
/// answers, <paramref name="Different"/> the members of two windows. <paramref name="Contiguous"/> tells that the
/// struct is the member alone, so that the windows of consecutive elements touch and their offsets are addresses.
/// </summary>
internal sealed record MemberWindow(Expr Start, Expr Length, string Description, string Different, bool Contiguous)
{
    /// <summary>Whether <see cref="Start"/> has the same value wherever the function evaluates it while the pointers bounded by this window live.</summary>
    public bool Fixed { get; init; }

    /// <summary>A name of the window shared by the windows known to be the same one (a start variable, or <c>rows.v[i]</c> of a stable i); null when there is none.</summary>
    public string? Key { get; init; }

    /// <summary>The length as messages give it: " (its length is 4)", or nothing when it is known only when the program runs.</summary>
    public string LengthText => Length is IntLiteral constant ? $" (its length is {constant.Value})" : "";

    private BinaryExpr End(SourceSpan span) => new(BinaryOp.Add, Start, Length, span);

    /// <summary>Whether <paramref name="offset"/> may be a pointer formed from the member: inside it or one past its end.</summary>
    public Expr HoldsPointer(Expr offset, SourceSpan span) => Unless(new BinaryExpr(
        BinaryOp.And,
        new BinaryExpr(BinaryOp.Ge, offset, Start, span),
        new BinaryExpr(BinaryOp.Le, offset, End(span), span),
        span), span);

    /// <summary>Whether <paramref name="index"/> is an element of the member.</summary>
    public Expr HoldsElement(Expr index, SourceSpan span) => Unless(new BinaryExpr(
        BinaryOp.And,
        new BinaryExpr(BinaryOp.Ge, index, Start, span),
        new BinaryExpr(BinaryOp.Lt, index, End(span), span),
        span), span);

    /// <summary>The condition <paramref name="within"/>, which a window of a negative variable length does not impose.</summary>
    private BinaryExpr Unless(BinaryExpr within, SourceSpan span) => Length is IntLiteral
        ? within
        : new BinaryExpr(BinaryOp.Or, new BinaryExpr(BinaryOp.Lt, Length, new IntLiteral(0, ScalarType.Unbounded, span), span), within, span);

    /// <summary>The undefined behaviour of reaching the element <paramref name="index"/> outside the member.</summary>
    public UndefinedExpr Outside(Expr index, SourceSpan span) =>
        new(index, $"out-of-bounds access of {Description} through a pointer{LengthText}", span);
}
