using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Pointers into arrays. A pointer is a pair of an array object, fixed where the program is read, and an offset in
/// elements, an unbounded integer: a pointer variable or parameter is its offset variable, and every pointer it ever
/// holds points into one object (an assignment of a pointer into another object is refused). Forming a pointer by
/// arithmetic is a <see cref="PointerExpr"/>, undefined unless it stays within the object or one past its end;
/// <c>*p</c> and <c>p[i]</c> are elements of the object at the offset plus the index. Two pointers into the same
/// object compare and subtract by their offsets; pointers into different objects are refused. A pointer parameter's
/// object is the argument's, bound at each inlined call. The null pointer is the offset
/// <see cref="PointerExpr.NullOffset"/>: a pointer variable that the function sets to null, or to what a function
/// returns, may hold it, and each use that needs an object checks it (<see cref="NullCheckExpr"/>). A function that
/// returns a pointer returns its offset; when every pointer it returns points into the object of one parameter, its
/// callers use the result as a pointer into the argument's array, and when they all point into one heap array the
/// function allocates, each call names that array in its caller. A pointer converted to an integer type gives an
/// unspecified value of that type (GCC and Clang define the conversion by the address, which the analysis does not model).
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The type of a pointer's offset: unbounded, since an offset lies between 0 and the object's length.</summary>
    private static readonly ScalarType OffsetType = ScalarType.Unbounded;

    /// <summary>
    /// How a <c>void *</c> points: at bytes, read as <c>unsigned char</c> (C lets any object be accessed through a
    /// character type). Such a pointer reaches only arrays of a character type; casting it to another character type
    /// reads the same bytes another way.
    /// </summary>
    private static readonly ScalarType ByteType = new(TypeKind.Unsigned, 8);

    /// <summary>The element type a pointer to <paramref name="pointee"/> reads: the bytes of a <c>void *</c>, or the type itself.</summary>
    private static ScalarType Pointee(ScalarType pointee) => pointee == ScalarType.Void ? ByteType : pointee;

    /// <summary>Whether a pointer to <paramref name="view"/> may point into an array of <paramref name="objectType"/>.</summary>
    private static bool CanView(ScalarType view, ScalarType objectType) =>
        view == objectType || (IsCharacterType(view) && IsCharacterType(objectType));

    /// <summary>
    /// A pointer expression: the array it points into (elements of <paramref name="ObjectType"/>), the type its
    /// elements are read as (<paramref name="ElementType"/>, another character type after a cast such as
    /// <c>(unsigned char *) s</c>), and its offset. <paramref name="Checked"/> tells that the offset is known to be
    /// within the object (a pointer variable, or a pointer formed by a checked store), so it needs no new check.
    /// </summary>
    private sealed record PointerOperand(string Array, ScalarType ObjectType, ScalarType ElementType, Expr Offset, bool Checked, SourceSpan Span)
    {
        /// <summary>Whether the offset may be the null pointer's (a checked pointer that may be null).</summary>
        public bool MayBeNull { get; init; }

        /// <summary>
        /// For a pointer into an array member of an element of an array of structs: the elements of that member, which
        /// bound it (see <see cref="MemberWindow"/>); null for a pointer bounded by its whole object.
        /// </summary>
        public MemberWindow? Window { get; init; }

        public bool IsAtStart => Offset is IntLiteral { Value.IsZero: true };

        /// <summary>The offset where C needs a pointer to an object: checked not to be null when it may be.</summary>
        public Expr NonNull(SourceSpan span) => MayBeNull ? new NullCheckExpr(Offset, span) : Offset;

        /// <summary>The offset as a value that may be stored or passed: checked to be within the object.</summary>
        public Expr Formed() => Checked ? Offset : FormedWithin(Array, Window, Offset, Span);

        /// <summary>The pointer as an argument of a call: always a <see cref="PointerExpr"/>, which names its object.</summary>
        public PointerExpr Argument() =>
            Window is not null ? throw WindowPointerRefused(this, Span, "passed to a function")
            : Formed() as PointerExpr ?? new PointerExpr(Array, Offset, Span) { AllowsNull = MayBeNull };

        /// <summary>The offset moved by <paramref name="delta"/> elements (subtracted when <paramref name="subtract"/>).</summary>
        public PointerOperand Moved(Expr delta, bool subtract, SourceSpan span) => this with
        {
            Offset = IsAtStart && !subtract ? delta : new BinaryExpr(subtract ? BinaryOp.Sub : BinaryOp.Add, NonNull(span), delta, span),
            Checked = false,
            MayBeNull = false,
            Span = span,
        };
    }

    /// <summary>An element reached through a pointer: <c>*p</c> or <c>p[i]</c>.</summary>
    private sealed record ElementRef(string Array, ScalarType ObjectType, ScalarType ElementType, Expr Index)
    {
        /// <summary>The element as this pointer's type reads it (another character type reads the same byte another way).</summary>
        public ArrayReadExpr Read(SourceSpan span) => new(Array, Index, ElementType, span);
    }

    /// <summary>Identifiers that the function being converted assigns or increments (a moving pointer needs an offset variable).</summary>
    private HashSet<string> _assignedNames = [];

    /// <summary>
    /// For each function converted so far, the element type that each pointer-to-pointer parameter <c>T **pp</c> points
    /// to (null for any other parameter).
    /// </summary>
    private readonly Dictionary<string, ScalarType?[]> _pointerToPointerParameterTypes = [];

    /// <summary>For each function converted so far, the element type of each pointer parameter (null for an integer one).</summary>
    private readonly Dictionary<string, ScalarType?[]> _pointerParameterTypes = [];

    /// <summary>For each function defined so far, which of its parameters take the null pointer as well as pointers into objects.</summary>
    private readonly Dictionary<string, bool[]> _nullablePointerParameters = [];

    /// <summary>Functions with a pointer parameter, found before any body is converted.</summary>
    private readonly HashSet<string> _functionsWithPointerParameters = [];

    /// <summary>Functions that return a pointer (their IR returns its offset, or the null pointer's).</summary>
    private readonly HashSet<string> _pointerResultFunctions = [];

    /// <summary>
    /// What a pointer-returning function returns: pointers to <paramref name="ElementType"/> into the object of its
    /// parameter <paramref name="Parameter"/>, or into the heap array <paramref name="OwnArray"/> that it allocates
    /// (of <paramref name="ObjectType"/>), or null pointers when <paramref name="MayBeNull"/>. With neither a parameter
    /// nor an array of its own, a call's result can only be discarded or converted to an integer.
    /// </summary>
    private sealed record PointerResult(ScalarType ElementType, int? Parameter, string? OwnArray, ScalarType ObjectType, bool MayBeNull)
    {
        public bool IsPointerIntoArray => Parameter is not null || OwnArray is not null;
    }

    /// <summary>What the pointer-returning functions converted so far return.</summary>
    private readonly Dictionary<string, PointerResult> _pointerResults = [];

    /// <summary>The arrays (and their element types) that the returns of the function being converted point into.</summary>
    private readonly Dictionary<string, ScalarType> _returnedArrays = [];

    /// <summary>Whether the function being converted may return a null pointer.</summary>
    private bool _returnsNull;

    /// <summary>Pointer variables of the function being converted that may hold the null pointer (by name).</summary>
    private HashSet<string> _nullableNames = [];

    /// <summary>The call whose pointer result is discarded by the statement being converted.</summary>
    private CallContext? _discardedCall;

    /// <summary>Whether the function being converted returns a pointer (then its IR returns nothing).</summary>
    private bool _returnsPointer;

    private static HashSet<string> AssignedIdentifiers(IParseTree root) =>
        Descendants(root)
            .Select(node => node switch
            {
                AssignmentContext assignment => assignment.target,
                PrefixIncrementContext increment => increment.expr(),
                PostfixIncrementContext increment => increment.expr(),
                _ => null,
            })
            .Select(target => target is null ? null : IdentifierOf(StripParentheses(target))?.GetText())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private bool IsPointerSymbol(ExprContext expression) =>
        DereferencedPointer(expression) is not null
        || (IdentifierOf(StripParentheses(expression)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
            && _scopes.Lookup(identifier.GetText()) is ArraySymbol or PointerSymbol or UnsetPointerSymbol);

    /// <summary>Whether <paramref name="target"/> is a pointer that a store can change: a pointer variable, or <c>*pp</c>.</summary>
    private bool IsPointerLvalue(ExprContext target) =>
        DereferencedPointer(target) is not null
        || (IsPointerSymbol(target) && _scopes.Lookup(IdentifierOf(StripParentheses(target))!.GetText()) is PointerSymbol or UnsetPointerSymbol);

    /// <summary>
    /// The pointer that <paramref name="expression"/> denotes when it is <c>*pp</c> of a pointer to a pointer variable
    /// (see <see cref="PointerToPointerSymbol"/>); null for anything else.
    /// </summary>
    private PointerSymbol? DereferencedPointer(ExprContext expression) =>
        StripParentheses(expression) is UnaryContext { op.Text: "*" } dereference
        && IdentifierOf(StripParentheses(dereference.expr())) is { } identifier && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is PointerToPointerSymbol pointer
            ? pointer.Pointee
            : null;

    /// <summary>The name of the pointer that a store changes: the variable's, or <c>*pp</c>.</summary>
    private string PointerName(ExprContext target) =>
        DereferencedPointer(target) is not null ? StripParentheses(target).GetText() : IdentifierOf(StripParentheses(target))!.GetText();

    /// <summary>The symbol of the pointer that a store changes (see <see cref="PointerName"/>), or null for a pointer without an array yet.</summary>
    private Symbol? PointerLvalue(ExprContext target) => DereferencedPointer(target) ?? _scopes.Lookup(PointerName(target));

    /// <summary>Whether <paramref name="expression"/> has the shape of a pointer expression (nothing is converted).</summary>
    private bool IsPointer(ExprContext expression)
    {
        expression = StripParentheses(expression);
        return expression switch
        {
            PrimaryContext primary => IsPointerSymbol(expression) || primary.primaryExpression() is StringLiteralContext,
            SubscriptContext => IsArgumentVectorElement(expression),
            UnaryContext { op.Text: "*" } when IsArgumentVectorElement(expression) => true,
            MemberAccessContext access => ArrayMemberOf(expression) is not null || (access.op.Text == "." && ElementArrayMember(access) is not null) || (ElementArrayMember(access) is { } member ? throw SourceException.Unsupported(At(access), $"a pointer into the array member '{member}' of {(access.op.Text == "." ? "an element of an array of structs" : "a struct reached through a pointer")}") : false),
            CastContext cast => PointeeOfCast(cast.typeName()) is not null && IsPointer(cast.expr()),
            AdditiveContext { op.Text: "+" } add => IsPointer(add.left) != IsPointer(add.right),
            AdditiveContext add => IsPointer(add.left) && !IsPointer(add.right),
            UnaryContext { op.Text: "&" } => true,
            UnaryContext { op.Text: "*" } => DereferencedPointer(expression) is not null,
            PrefixIncrementContext increment => IsPointerSymbol(increment.expr()),
            PostfixIncrementContext increment => IsPointerSymbol(increment.expr()),
            AssignmentContext assignment => IsPointerSymbol(assignment.target),
            CallContext call => ResultOf(call) is { IsPointerIntoArray: true },
            _ => false,
        };
    }

    /// <summary>For a call of a converted function that returns a pointer: what it returns. Null for any other call.</summary>
    private PointerResult? ResultOf(CallContext call) =>
        CalleeName(call) is { } callee && _scopes.Lookup(callee) is null ? _pointerResults.GetValueOrDefault(callee) : null;

    /// <summary>The pointer <paramref name="expression"/> denotes, or null when it has no pointer's shape.</summary>
    private PointerOperand? PointerOf(ExprContext expression) => IsPointer(expression) ? ConvertPointer(StripParentheses(expression)) : null;

    private PointerOperand ConvertPointer(ExprContext expression)
    {
        var span = At(expression);
        switch (expression)
        {
            case PrimaryContext { } primary when primary.primaryExpression() is StringLiteralContext literal:
                return StringLiteralPointer(literal);
            case SubscriptContext or UnaryContext { op.Text: "*" } when IsArgumentVectorElement(expression):
                return ArgumentVectorElement(expression);
            case PrimaryContext:
                return _scopes.Lookup(IdentifierOf(expression)!.GetText()) switch
                {
                    ArraySymbol array => new PointerOperand(array.IrName, array.ElementType, array.ElementType, new IntLiteral(0, OffsetType, span), true, span),
                    PointerSymbol pointer => new PointerOperand(pointer.Array, pointer.ObjectType, pointer.ElementType, Read(pointer, span), true, span) { MayBeNull = pointer.MayBeNull, Window = pointer.Window },
                    UnsetPointerSymbol => throw SourceException.Unsupported(span, $"pointer '{expression.GetText()}' used before the first store into it"),
                    _ => throw new InvalidOperationException($"{span}: not a pointer"),
                };
            case MemberAccessContext:
            {
                if (MemberWindowPointer(expression) is { } windowed)
                {
                    return windowed;
                }

                var array = ArrayMemberOf(expression)!;
                return new PointerOperand(array.IrName, array.ElementType, array.ElementType, new IntLiteral(0, OffsetType, span), true, span);
            }

            case UnaryContext { op.Text: "*" } when DereferencedPointer(expression) is { } pointee:
                return new PointerOperand(pointee.Array, pointee.ObjectType, pointee.ElementType, Read(pointee, span), true, span);
            case CastContext cast:
            {
                var inner = ConvertPointer(StripParentheses(cast.expr()));
                var target = Pointee(PointeeOfCast(cast.typeName())!);
                return CanView(target, inner.ElementType)
                    ? inner with { ElementType = target }
                    : throw SourceException.Unsupported(span, $"pointer cast from '{inner.ElementType} *' to '{target} *'");
            }

            case AdditiveContext add when IsPointer(add.left):
                return ConvertPointer(StripParentheses(add.left)).Moved(Convert(add.right), add.op.Text == "-", span);
            case AdditiveContext add:
            {
                var delta = Convert(add.left);
                return ConvertPointer(StripParentheses(add.right)).Moved(delta, false, span);
            }

            case UnaryContext { op.Text: "&" } address:
            {
                if (MemberWindowElementAddress(address.expr(), span) is { } windowed)
                {
                    return windowed;
                }

                if (StructArrayUse(address.expr()) is { } structs)
                {
                    // A pointer into a member's array would step over the same member of the next elements, not the next members.
                    throw StructArrayUsedAsValue(span, structs);
                }

                if (Element(address.expr()) is not var (pointer, index))
                {
                    throw IdentifierOf(StripParentheses(address.expr())) is { } named && _scopes.Lookup(named.GetText()) is PointerSymbol or UnsetPointerSymbol
                        ? SourceException.Unsupported(span, $"address of pointer '{named.GetText()}' other than as the argument for a 'T **' parameter or the initializer of a local 'T **'")
                        : Unsupported(address.op, "address-of operator other than &a[i] or &*p");
                }

                return pointer with { Offset = index, Checked = false, Span = span };
            }

            case PrefixIncrementContext increment:
                return MovingPointer(increment.expr(), increment.op, yieldsOldValue: false, span);
            case PostfixIncrementContext increment:
                return MovingPointer(increment.expr(), increment.op, yieldsOldValue: true, span);
            case AssignmentContext assignment:
            {
                var store = AssignPointer(assignment, span);
                var symbol = PointerLvalue(assignment.target) as PointerSymbol
                    ?? throw SourceException.Unsupported(span, "the value of a store of a null pointer into a pointer that points nowhere yet");
                return new PointerOperand(symbol.Array, symbol.ObjectType, symbol.ElementType, store, true, span) { MayBeNull = symbol.MayBeNull, Window = symbol.Window };
            }

            case CallContext call:
            {
                // The callee returns the offset of a pointer (checked there) into its parameter's object, which is the
                // argument's array, or into a heap array it allocates, which this call names; or null.
                var callee = CalleeName(call)!;
                var result = _pointerResults[callee];
                var converted = ConvertDefinedCall(call, callee);
                string array;
                var objectType = result.ObjectType;
                if (result.Parameter is { } parameter)
                {
                    array = ((PointerExpr)converted.Arguments[parameter]).Array;
                    objectType = _pointerParameterTypes[callee][parameter]!;
                }
                else
                {
                    array = _scopes.NewLocalName($"{callee}()");
                    _scopes.RecordArray(array);
                    _heapArrays.Add(array);
                    converted = converted with { ResultObject = array };
                }

                if (!CanView(result.ElementType, objectType))
                {
                    throw SourceException.Unsupported(span, $"'{callee}' returns a pointer to '{result.ElementType}' into an array of '{objectType}'");
                }

                return new PointerOperand(array, objectType, result.ElementType, converted, true, span) { MayBeNull = result.MayBeNull };
            }

            default:
                throw new InvalidOperationException($"{span}: not a pointer");
        }
    }

    /// <summary><c>p++</c>, <c>++p</c>, <c>p--</c>, <c>--p</c> of a pointer variable as a pointer: the old or the new one.</summary>
    private PointerOperand MovingPointer(ExprContext target, IToken op, bool yieldsOldValue, SourceSpan span)
    {
        var increment = IncrementPointer(target, op, yieldsOldValue, span);
        var symbol = (PointerSymbol)PointerLvalue(target)!;
        return new PointerOperand(symbol.Array, symbol.ObjectType, symbol.ElementType, increment, true, span) { Window = symbol.Window };
    }

    /// <summary>The offset of a pointer variable: checked when it may still be unset (a null pointer passes when it may be null).</summary>
    private static Expr Read(PointerSymbol pointer, SourceSpan span) =>
        pointer.StartsUnset
            ? new PointerExpr(pointer.Array, Offset(pointer, span), span) { AllowsNull = pointer.MayBeNull }
            : Offset(pointer, span);

    /// <summary>The offset a pointer variable holds: its variable, or the one element of its <see cref="PointerSymbol.OffsetCell"/>.</summary>
    private static Expr Offset(PointerSymbol pointer, SourceSpan span) =>
        pointer.OffsetCell is { } cell
            ? new ArrayReadExpr(cell, new IntLiteral(0, OffsetType, span), OffsetType, span)
            : new VarRef(pointer.IrName, span);

    /// <summary>A store of <paramref name="offset"/> into a pointer variable (see <see cref="Offset"/>); its value is the offset stored.</summary>
    private static Expr StoreOffset(PointerSymbol pointer, Expr offset, SourceSpan span) =>
        pointer.OffsetCell is { } cell
            ? new ArrayAssignExpr(cell, new IntLiteral(0, OffsetType, span), offset, OffsetType, span)
            : new AssignExpr(pointer.IrName, offset, false, span);

    /// <summary>The offset of a pointer variable where C needs a pointer to an object: checked not to be null.</summary>
    private static Expr ReadNonNull(PointerSymbol pointer, SourceSpan span) =>
        pointer.MayBeNull ? new NullCheckExpr(Read(pointer, span), span) : Read(pointer, span);

    /// <summary>The pointer variable that <paramref name="target"/> names, once a store has fixed its array.</summary>
    private PointerSymbol PointerVariable(ExprContext target)
    {
        if (DereferencedPointer(target) is { } pointee)
        {
            return pointee;
        }

        var name = IdentifierOf(StripParentheses(target))!.GetText();
        return _scopes.Lookup(name) switch
        {
            PointerSymbol pointer => pointer,
            UnsetPointerSymbol => throw SourceException.Unsupported(At(target), $"pointer '{name}' moved before the first store into it"),
            _ => throw SourceException.Unsupported(At(target), $"array '{name}' assigned (only a pointer variable can be)"),
        };
    }

    private Expr IncrementPointer(ExprContext target, IToken op, bool yieldsOldValue, SourceSpan span, bool discarded = false)
    {
        var symbol = PointerVariable(target);
        var one = new IntLiteral(1, OffsetType, At(op));
        var moved = new BinaryExpr(op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub, ReadNonNull(symbol, span), one, span);
        if (symbol.OffsetCell is null)
        {
            return new AssignExpr(symbol.IrName, FormedWithin(symbol.Array, symbol.Window, moved, span), yieldsOldValue, span);
        }

        // The store yields the new offset; the old one is one step back (offsets are unbounded integers).
        var store = StoreOffset(symbol, FormedWithin(symbol.Array, symbol.Window, moved, span), span);
        return yieldsOldValue && !discarded ? new BinaryExpr(op.Text == "++" ? BinaryOp.Sub : BinaryOp.Add, store, one, span) : store;
    }

    /// <summary>
    /// <c>p = q</c>, <c>p += k</c>, <c>p -= k</c> of a pointer variable: a checked store of the new offset. The first
    /// store into a pointer declared without a value fixes the array it points into (a string literal's array is then
    /// named after the pointer).
    /// </summary>
    private Expr AssignPointer(AssignmentContext context, SourceSpan span)
    {
        var op = context.assignmentOperator().GetText();
        var name = PointerName(context.target);
        if (op == "=" && IsNullPointerConstant(context.value))
        {
            return PointerLvalue(context.target) switch
            {
                PointerSymbol { MayBeNull: true } pointer => StoreOffset(pointer, NullOffset(span), span),
                UnsetPointerSymbol { MayBeNull: true } unsetPointer => new AssignExpr(unsetPointer.IrName, NullOffset(span), false, span),
                _ => throw SourceException.Unsupported(span, $"null pointer stored into '{name}'"),
            };
        }

        if (op == "=" && _scopes.Lookup(name) is UnsetPointerSymbol unset)
        {
            var first = (StringLiteralOf(context.value) is { } literal ? StringLiteralPointer(literal, name) : PointerOf(context.value))
                ?? throw SourceException.Unsupported(At(context.value), $"assignment to pointer '{name}' of something other than a pointer into an array");
            if (!CanView(unset.ElementType, first.ElementType))
            {
                throw SourceException.Unsupported(At(context.value), $"pointer '{name}' to '{unset.ElementType}' given a pointer to '{first.ElementType}'");
            }

            RequireLifetime(first.Array, name, At(context.value));
            if (IsArgumentString(first.Array))
            {
                // A backward goto could run the read of argv[i] again while this pointer still points into the string
                // it read before; a pointer declared from it is declared again with it.
                throw SourceException.Unsupported(At(context.value), $"a pointer into an argument string stored into '{name}', declared without a value (only a pointer declared from it may point into it)");
            }

            if (first.Window is not null)
            {
                return FirstWindowStore(name, unset, first, span);
            }

            RequireNullable(first, unset.MayBeNull, name, At(context.value));
            _scopes.Rebind(name, new PointerSymbol(unset.IrName, first.Array, first.ObjectType, unset.ElementType) { StartsUnset = true, MayBeNull = unset.MayBeNull });
            return new AssignExpr(unset.IrName, first.Formed(), false, span);
        }

        var symbol = PointerVariable(context.target);
        switch (op)
        {
            case "=":
            {
                var value = PointerOf(context.value)
                    ?? throw SourceException.Unsupported(At(context.value), $"assignment to pointer '{name}' of something other than a pointer into an array");
                RequireSameObject(value, symbol.Array, symbol.ElementType, name, At(context.value));
                RequireNullable(value, symbol.MayBeNull, name, At(context.value));
                if ((symbol.Window is null) != (value.Window is null))
                {
                    throw SourceException.Unsupported(At(context.value), $"pointer '{name}' made to point into another array than the one it points into");
                }

                if (symbol.Window is { Start: VarRef start })
                {
                    // The window's start first (it reads no offset), then the offset, checked against the value's window.
                    return new SequenceExpr(new AssignExpr(start.Name, value.Window!.Start, false, span), StoreOffset(symbol, value.Formed(), span), span);
                }

                return StoreOffset(symbol, value.Formed(), span);
            }

            case "+=" or "-=":
            {
                var delta = Convert(context.value);
                var moved = new BinaryExpr(op == "+=" ? BinaryOp.Add : BinaryOp.Sub, ReadNonNull(symbol, span), delta, span);
                return StoreOffset(symbol, FormedWithin(symbol.Array, symbol.Window, moved, span), span);
            }

            default:
                throw SourceException.Unsupported(At(context.assignmentOperator()), $"'{op}' on pointer '{name}'");
        }
    }

    /// <summary>
    /// Refuses a pointer that may outlive the array it points into (declared in an outer block than the array): the
    /// analysis names an array by its declaration, so a pointer into an array of an earlier run of a block would be
    /// taken for one into the current one.
    /// </summary>
    private void RequireLifetime(string array, string pointer, SourceSpan span)
    {
        if (!_scopes.CanPointInto(array, pointer))
        {
            throw SourceException.Unsupported(span, $"pointer '{pointer}' declared in an outer block than the array it points into");
        }
    }

    /// <summary>Refuses storing a pointer that may be null into a variable whose uses assume it is not.</summary>
    private static void RequireNullable(PointerOperand value, bool mayBeNull, string name, SourceSpan span)
    {
        if (value.MayBeNull && !mayBeNull)
        {
            throw SourceException.Unsupported(span, $"a pointer that may be null stored into '{name}'");
        }
    }

    private static IntLiteral NullOffset(SourceSpan span) => new(PointerExpr.NullOffset, OffsetType, span);

    private static void RequireSameObject(PointerOperand value, string array, ScalarType elementType, string name, SourceSpan span)
    {
        if (value.Array != array)
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' made to point into another array than the one it points into");
        }

        if (value.ElementType != elementType)
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' to '{elementType}' given a pointer to '{value.ElementType}'");
        }
    }

    /// <summary>The element <c>*p</c> or <c>p[i]</c> that <paramref name="target"/> denotes, or null when it is neither.</summary>
    private (PointerOperand Pointer, Expr Index)? Element(ExprContext target)
    {
        target = StripParentheses(target);
        if ((MatrixElement(target) ?? StructArrayMemberElement(target) ?? StructArrayElement(target)) is { } matrixElement)
        {
            return matrixElement;
        }

        if (IdentifierOf(target) is { } name && !_macros.ContainsKey(name.GetText()) && _scopes.Lookup(name.GetText()) is AddressedVariableSymbol addressed)
        {
            // x, whose address is taken: the one element of its object.
            var span = At(target);
            return (new PointerOperand(addressed.Array, addressed.Type, addressed.Type, new IntLiteral(0, OffsetType, span), true, span), new IntLiteral(0, ScalarType.Int, span));
        }

        if (target is SubscriptContext subscript && IsPointer(subscript.expr()))
        {
            var pointer = ConvertPointer(StripParentheses(subscript.expr()));
            var index = ConvertExpression(subscript.expression());
            var element = pointer.IsAtStart ? index : new BinaryExpr(BinaryOp.Add, pointer.NonNull(At(subscript)), index, At(subscript));
            return (pointer, pointer.Window is null ? element : WindowElement(pointer, element, At(subscript)));
        }

        if (target is UnaryContext { op.Text: "*" } dereference && IsPointer(dereference.expr()))
        {
            var pointer = ConvertPointer(StripParentheses(dereference.expr()));
            var element = pointer.IsAtStart ? new IntLiteral(0, ScalarType.Int, At(dereference)) : pointer.NonNull(At(dereference));
            return (pointer, pointer.Window is null ? element : WindowElement(pointer, element, At(dereference)));
        }

        return null;
    }

    /// <summary>
    /// <c>a[i] = v</c>, <c>a[i] op= v</c>, <c>++a[i]</c> and <c>a[i]++</c> as one store; the index of a compound
    /// assignment is evaluated once in C, so it must be free of side effects to be read twice here. A store through a
    /// pointer that reads the elements as another character type than the array's is refused.
    /// </summary>
    private static ArrayAssignExpr AssignElement(ElementRef element, Expr index, Func<Expr, Expr> value, bool readsElement, SourceSpan span)
    {
        if (!CanView(element.ElementType, element.ObjectType))
        {
            throw SourceException.Unsupported(span, $"a store through a pointer to '{element.ElementType}' into an array of '{element.ObjectType}'");
        }

        if (readsElement && IrWalker.Expressions(new ExprStmt(index, span)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr))
        {
            throw SourceException.Unsupported(index.Span, "an index with side effects in a compound assignment to an array element");
        }

        return new ArrayAssignExpr(element.Array, index, value(element.Read(span)), element.ElementType, span);
    }

    private ElementRef? ElementOf(ExprContext target) =>
        Element(target) is var (pointer, index) ? new ElementRef(pointer.Array, pointer.ObjectType, pointer.ElementType, index) : null;

    /// <summary>
    /// <c>p - q</c>, comparisons of two pointers into one array, and <c>p == 0</c>, <c>p != 0</c> of a pointer variable
    /// (never null: every pointer of the subset points into an object); null when neither operand is a pointer.
    /// </summary>
    private Expr? PointerBinary(ExprContext context, ExprContext left, IToken op, ExprContext right)
    {
        var (leftIsPointer, rightIsPointer) = (IsPointer(left), IsPointer(right));
        if (!leftIsPointer && !rightIsPointer)
        {
            return null;
        }

        var span = At(context);
        if (leftIsPointer && rightIsPointer && op.Text is "-" or "<" or "<=" or ">" or ">=" or "==" or "!=")
        {
            var p = ConvertPointer(StripParentheses(left));
            var q = ConvertPointer(StripParentheses(right));
            if (p.Array != q.Array)
            {
                throw SourceException.Unsupported(span, "comparison or subtraction of pointers into different arrays");
            }

            if (p.Window is not null && q.Window is not null)
            {
                return WindowBinary(op.Text, p, q, span);
            }

            // Equality holds between null pointers too; order and difference need pointers into the object.
            return op.Text switch
            {
                "-" => new PointerDifferenceExpr(Ordered(p), Ordered(q), CTypeRules.Long(dataModel), span),
                "==" or "!=" => new BinaryExpr(BinaryOperators[op.Text], p.Formed(), q.Formed(), span),
                _ => new BinaryExpr(BinaryOperators[op.Text], Ordered(p), Ordered(q), span),
            };

            Expr Ordered(PointerOperand operand) => operand.MayBeNull ? operand.NonNull(span) : operand.Formed();
        }

        var (pointer, other) = leftIsPointer ? (left, right) : (right, left);
        if (op.Text is "==" or "!=" && IsNullPointerConstant(other))
        {
            return NullTest(pointer, op.Text == "!=" ? 1 : 0, span);
        }

        throw SourceException.Unsupported(span, $"pointer used as an integer (operator '{op.Text}')");
    }

    /// <summary>
    /// A test of a pointer against null whose value, when the pointer is not null, is <paramref name="value"/>
    /// (<c>p != 0</c> is 1, <c>p == 0</c> and <c>!p</c> are 0). A pointer that may be null is compared with the null
    /// pointer's offset; any other one points into an object (alloca does not fail), and is only evaluated.
    /// </summary>
    private Expr NullTest(ExprContext expression, int value, SourceSpan span)
    {
        var pointer = ConvertPointer(StripParentheses(expression));
        if (pointer.MayBeNull)
        {
            return new BinaryExpr(value == 1 ? BinaryOp.Ne : BinaryOp.Eq, pointer.Formed(), NullOffset(span), span);
        }

        var result = new IntLiteral(value, ScalarType.Int, span);
        return pointer.Formed() is VarRef or IntLiteral ? result : new SequenceExpr(pointer.Formed(), result, span);
    }

    /// <summary>
    /// A pointer parameter <c>T *p</c>, <c>T p[]</c> or <c>T p[N]</c> of a constant N (an array parameter is a pointer,
    /// C11 6.7.6.3p7, whatever its length): its element type, or null for any other declarator.
    /// </summary>
    private ScalarType? PointerParameterType(ParameterDeclarationContext parameter, out IToken? name)
    {
        name = null;
        var declarator = parameter.declarator();
        if (declarator is null)
        {
            return null;
        }

        switch (declarator.directDeclarator())
        {
            case NamedDeclaratorContext named when PointerDepth(declarator.pointer()) == 1:
                name = named.Identifier().Symbol;
                break;
            case ArrayDeclaratorContext array when array.directDeclarator() is NamedDeclaratorContext named && declarator.pointer() is null:
                if (array.expression() is { } length)
                {
                    _ = ConstantLength(length, named.GetText(), "array parameter with a variable length");
                }

                name = named.Identifier().Symbol;
                break;
            default:
                return null;
        }

        return Pointee(ResolveType(parameter.declarationSpecifiers()));
    }

    /// <summary>
    /// A parameter <c>T **pp</c> (see <see cref="PointerToPointerSymbol"/>): the parameter that points to the object
    /// holding the offset of the caller's pointer (<c>*pp</c>), and one more, after the parameters of C, that points
    /// into the array that pointer points into (<c>**pp</c>), each bound to the caller's objects at an inlined call.
    /// Null for any other parameter.
    /// </summary>
    private (Parameter Cell, Parameter Target)? PointerToPointerParameter(ParameterDeclarationContext parameter)
    {
        if (parameter.declarator() is not { } declarator
            || declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != 2)
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        RejectMacroName(name, span);
        if (_assignedNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"pointer-to-pointer parameter '{name}' assigned");
        }

        var type = Pointee(ResolveType(parameter.declarationSpecifiers()));
        var symbol = new PointerToPointerSymbol("*" + name, "**" + name, type, type);
        _scopes.Declare(name, symbol, span);
        _scopes.RecordArray(symbol.Cell);
        _scopes.RecordArray(symbol.Target);
        var offset = _scopes.NewLocalName(name);
        var start = _scopes.NewLocalName($"start({name})");
        return (new Parameter(offset, OffsetType, span) { PointsInto = symbol.Cell }, new Parameter(start, OffsetType, span) { PointsInto = symbol.Target });
    }

    /// <summary>The arguments of a call of a function defined in the file: a pointer parameter takes a pointer into an array.</summary>
    private Expr[] ConvertArguments(CallContext context, string callee, ExprContext[] arguments)
    {
        if (!_pointerParameterTypes.TryGetValue(callee, out var types))
        {
            return _functionsWithPointerParameters.Contains(callee)
                ? throw SourceException.Unsupported(At(context), _refused.Any(f => f.Name == callee)
                    ? $"call of '{callee}', which is outside the subset"
                    : $"call of '{callee}', which has pointer parameters, before its definition")
                : [.. arguments.Select(Convert)];
        }

        var converted = new Expr[arguments.Length];
        var records = _recordParameters.GetValueOrDefault(callee) ?? [];
        var pointersToPointers = _pointerToPointerParameterTypes.GetValueOrDefault(callee) ?? [];
        var matrices = _matrixParameters.GetValueOrDefault(callee) ?? [];
        var targets = new List<Expr>();
        var windows = new List<Expr>();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i < pointersToPointers.Length && pointersToPointers[i] is { } pointee)
            {
                // The object holding the pointer's offset, and (after the arguments) the array the pointer points into.
                var (cell, target) = AddressOfPointer(arguments[i], pointee, $"argument {i + 1} of '{callee}'");
                converted[i] = cell;
                targets.Add(target.Argument());
                continue;
            }

            if (i < matrices.Length && matrices[i] is { } rows)
            {
                converted[i] = MatrixArgument(arguments[i], rows, $"argument {i + 1} of '{callee}'");
                continue;
            }

            if (i < records.Length && records[i] is { } layout)
            {
                converted[i] = RecordPointer(arguments[i], layout);
                continue;
            }

            if (i >= types.Length || types[i] is not { } type)
            {
                converted[i] = Convert(arguments[i]);
                continue;
            }

            var pointer = PointerOf(arguments[i])
                ?? throw (StructArrayUse(arguments[i]) is { } structs
                    ? StructArrayUsedAsValue(At(arguments[i]), structs)
                    : SourceException.Unsupported(At(arguments[i]), $"argument {i + 1} of '{callee}' is not a pointer into an array"));
            if (pointer.MayBeNull && _libraryFunctions.Contains(callee))
            {
                // C11 7.1.4: a null pointer passed to a function of the C library is undefined behaviour.
                pointer = pointer with { Offset = new NullCheckExpr(pointer.Offset, At(arguments[i])), MayBeNull = false };
            }

            if (pointer.MayBeNull && !_nullablePointerParameters[callee][i])
            {
                throw SourceException.Unsupported(At(arguments[i]), $"argument {i + 1} of '{callee}' may be a null pointer, and its parameter's address is taken");
            }

            if (!CanView(type, pointer.ObjectType) || !CanView(type, pointer.ElementType))
            {
                throw SourceException.Unsupported(At(arguments[i]), $"argument {i + 1} of '{callee}' points to '{pointer.ElementType}' in an array of '{pointer.ObjectType}', not to '{type}'");
            }

            var (argument, window) = WindowArgument(_windowedParameters, callee, i, pointer, At(arguments[i]));
            converted[i] = argument;
            windows.AddRange(window);
        }

        return [.. converted, .. targets, .. windows];
    }

    /// <summary>
    /// The check of the library's copying functions that their source and destination do not overlap
    /// (<see cref="LibraryFunctions.OverlapCheck"/><c>(p, m, q, n)</c>: m elements at p, n at q). Each count is a sum
    /// of terms, added without wrap-around.
    /// </summary>
    private OverlapCheckExpr ConvertOverlapCheck(CallContext context, SourceSpan span)
    {
        ExpectArgumentCount(context, LibraryFunctions.OverlapCheck, 4);
        var arguments = context.argumentList().expr();
        return new OverlapCheckExpr(
            Start(arguments[0]), Count(arguments[1]), Start(arguments[2]), Count(arguments[3]), "copying between overlapping objects", span);

        PointerExpr Start(ExprContext argument) =>
            PointerOf(argument)?.Argument() ?? throw new InvalidOperationException($"{At(argument)}: not a pointer");

        Expr Count(ExprContext argument) =>
            StripParentheses(argument) is AdditiveContext { op.Text: "+" } sum
                ? new BinaryExpr(BinaryOp.Add, Count(sum.left), Count(sum.right), At(argument))
                : new CastExpr(OffsetType, Convert(argument), At(argument));
    }

    /// <summary>The pointed-to type of a cast to <c>T *</c>, or null for a cast to anything else.</summary>
    private ScalarType? PointeeOfCast(TypeNameContext typeName) =>
        typeName.abstractDeclarator() is { ChildCount: 1 } abstractDeclarator && PointerDepth(abstractDeclarator.pointer()) == 1
        && StorageClass(typeName.declarationSpecifiers(), out _) is null
            ? ResolveType(typeName.declarationSpecifiers())
            : null;

    private static bool IsCharacterType(ScalarType type) => type.IsMachineInteger && type.Kind != TypeKind.Bool && type.Bits == 8;

    /// <summary>
    /// Declares <c>T *p = q</c> where q is a pointer into an array: a <see cref="PointerSymbol"/> whose offset variable
    /// starts at q's offset. Null for any other declarator; a pointer declared without an initializer is refused.
    /// </summary>
    private Stmt[]? TryDeclarePointer(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.directDeclarator() is not NamedDeclaratorContext named || PointerDepth(declarator.pointer()) != 1)
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        var initializer = initDeclarator.initializer()?.expr();
        if (initializer is null || IsNullPointerConstant(initializer))
        {
            // Its first store of a pointer into an array fixes its array; until then it holds the null pointer, or
            // the unset offset, which no use of it accepts.
            RejectMacroName(name, span);
            var isNull = initializer is not null;
            var unset = _scopes.DeclareUnsetPointer(name, Pointee(elementType()), span, isNull || _nullableNames.Contains(name));
            return [.. UnsetWindowStart(name, unset, span), new VarDeclStmt(unset.IrName, OffsetType, new IntLiteral(isNull ? PointerExpr.NullOffset : PointerExpr.UnsetOffset, OffsetType, span), span)];
        }

        RejectRefusedNames(initializer);
        if (!IsPointer(initializer))
        {
            return null;
        }

        if (_scopes.Lookup(name) is not null && Tokens(initializer).Any(t => t.Type == IdentifierType && t.Text == name))
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' whose initializer names '{name}'");
        }

        var value = ConvertPointer(StripParentheses(initializer));
        var type = Pointee(elementType());
        if (!CanView(type, value.ElementType))
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' to '{type}' initialized with a pointer to '{value.ElementType}'");
        }

        RejectMacroName(name, span);
        var pointer = _scopes.DeclarePointer(name, value.Array, value.ObjectType, type, span, value.MayBeNull || _nullableNames.Contains(name));
        RequireLifetime(value.Array, name, span);
        if (value.Window is { } window)
        {
            var (start, bound) = WindowOfDeclared(name, window, span);
            pointer = pointer with { Window = bound };
            _scopes.Rebind(name, pointer);
            return start is null ? DeclareOffset(name, pointer, value.Formed(), span) : [start, .. DeclareOffset(name, pointer, value.Formed(), span)];
        }

        return DeclareOffset(name, pointer, value.Formed(), span);
    }

    /// <summary>
    /// The declaration of the offset of the pointer variable <paramref name="pointer"/>, just declared as
    /// <paramref name="name"/>, starting at <paramref name="initial"/>: a variable, or, when the function takes the
    /// pointer's address (<c>&amp;p</c>), an array object of one element (see <see cref="PointerSymbol.OffsetCell"/>)
    /// that lives as long as the pointer.
    /// </summary>
    private Stmt[] DeclareOffset(string name, PointerSymbol pointer, Expr initial, SourceSpan span)
    {
        if (!_addressedNames.Contains(name))
        {
            return [new VarDeclStmt(pointer.IrName, OffsetType, initial, span)];
        }

        return OffsetCell(name, pointer, pointer.IrName, initial, span);
    }

    /// <summary>
    /// Makes <paramref name="cell"/>, an array object of one element holding <paramref name="initial"/>, the offset of
    /// <paramref name="pointer"/> (named <paramref name="name"/>), and returns the statements that make it.
    /// </summary>
    private Stmt[] OffsetCell(string name, PointerSymbol pointer, string cell, Expr initial, SourceSpan span)
    {
        _scopes.RecordArray(cell);
        _scopes.Rebind(name, pointer with { OffsetCell = cell });
        return
        [
            new ArrayDeclStmt(cell, OffsetType, new IntLiteral(1, CTypeRules.ULong(dataModel), span), span),
            new ExprStmt(new ArrayAssignExpr(cell, new IntLiteral(0, OffsetType, span), initial, OffsetType, span), span),
        ];
    }

    /// <summary>
    /// A pointer parameter whose address the function takes: its offset is copied on entry into an array object of
    /// one element (see <see cref="PointerSymbol.OffsetCell"/>), which its name then denotes.
    /// </summary>
    private Stmt[] AddressedPointerParameter(string name, SourceSpan span)
    {
        var parameter = (PointerSymbol)_scopes.Lookup(name)!;
        return OffsetCell(name, parameter, _scopes.NewLocalName(name), new VarRef(parameter.IrName, span), span);
    }

    /// <summary>
    /// <c>T **pp = &amp;p;</c> of a local pointer variable p (see <see cref="PointerToPointerSymbol"/>), never assigned:
    /// <c>*pp</c> is p. Null for a declarator that is not a pointer to a pointer; any other one is refused.
    /// </summary>
    private PointerToPointerSymbol? TryDeclarePointerToPointer(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.directDeclarator() is not NamedDeclaratorContext named || PointerDepth(declarator.pointer()) != 2)
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        if (initDeclarator.initializer()?.expr() is not { } initializer
            || (StripParentheses(initializer) is not UnaryContext { op.Text: "&" }
                && (IdentifierOf(StripParentheses(initializer)) is not { } source || _scopes.Lookup(source.GetText()) is not PointerToPointerSymbol)))
        {
            return null;
        }

        if (_assignedNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"pointer to a pointer '{name}' assigned after its declaration");
        }

        var (cell, target) = AddressOfPointer(initializer, Pointee(elementType()), $"pointer to a pointer '{name}'");
        RejectMacroName(name, span);
        var symbol = new PointerToPointerSymbol(cell.Array, target.Array, target.ObjectType, Pointee(elementType()));
        _scopes.Declare(name, symbol, span);
        RequireLifetime(cell.Array, name, span);
        return symbol;
    }

    /// <summary>
    /// <c>&amp;p</c> of a pointer variable p whose offset lives in an object of its own (see
    /// <see cref="PointerSymbol.OffsetCell"/>), or a pointer to a pointer <c>pp</c> passed on, as a pointer to
    /// <paramref name="type"/>: the pointer to the object holding the offset, and a pointer to the start of the array
    /// it points into. Refused for a pointer that may be null or that holds no pointer yet (the uses of <c>*pp</c>
    /// assume one into its array), and for one into an array from <c>malloc</c> (which may be freed while its
    /// pointers live on).
    /// </summary>
    private (PointerExpr Cell, PointerOperand Target) AddressOfPointer(ExprContext expression, ScalarType type, string what)
    {
        var span = At(expression);
        var stripped = StripParentheses(expression);
        PointerSymbol pointer;
        string name;
        if (IdentifierOf(stripped) is { } passed && !_macros.ContainsKey(passed.GetText()) && _scopes.Lookup(passed.GetText()) is PointerToPointerSymbol onward)
        {
            (pointer, name) = (onward.Pointee, "*" + passed.GetText());
        }
        else if (stripped is UnaryContext { op.Text: "&" } address && IdentifierOf(StripParentheses(address.expr())) is { } identifier
            && !_macros.ContainsKey(identifier.GetText()) && _scopes.Lookup(identifier.GetText()) is PointerSymbol or UnsetPointerSymbol)
        {
            name = identifier.GetText();
            pointer = _scopes.Lookup(name) as PointerSymbol
                ?? throw SourceException.Unsupported(span, $"address of pointer '{name}', which does not point into an array yet");
            if (pointer.OffsetCell is null || pointer.StartsUnset)
            {
                throw SourceException.Unsupported(span, $"address of pointer '{name}', which is declared without a pointer into an array");
            }

            if (pointer.MayBeNull)
            {
                throw SourceException.Unsupported(span, $"address of pointer '{name}', which may be null");
            }

            if (_heapArrays.Contains(pointer.Array))
            {
                throw SourceException.Unsupported(span, $"address of pointer '{name}', which points into an array from malloc");
            }

            if (pointer.Window is { } window)
            {
                throw SourceException.Unsupported(span, $"address of pointer '{name}', which points into {window.Description}");
            }
        }
        else
        {
            throw SourceException.Unsupported(span, $"{what} given something other than '&p' of a pointer variable p");
        }

        if (!CanView(type, pointer.ElementType) || !CanView(type, pointer.ObjectType))
        {
            throw SourceException.Unsupported(span, $"{what} to '{type}' given the address of '{name}', a pointer to '{pointer.ElementType}'");
        }

        var zero = new IntLiteral(0, OffsetType, span);
        return (new PointerExpr(pointer.OffsetCell!, zero, span), new PointerOperand(pointer.Array, pointer.ObjectType, type, zero, false, span));
    }

    /// <summary>
    /// The offset a function returns: a pointer into an array is formed (and checked), a null pointer constant is the
    /// null pointer's offset, and <c>c ? p : q</c> evaluates c and then one of them. The arrays are remembered, so that
    /// callers know which object the result points into.
    /// </summary>
    private Expr Returned(ExprContext expression)
    {
        expression = StripParentheses(expression);
        if (PointerOf(expression) is { } pointer)
        {
            if (pointer.Window is not null)
            {
                throw WindowPointerRefused(pointer, At(expression), "returned");
            }

            _returnedArrays[pointer.Array] = pointer.ObjectType;
            _returnsNull |= pointer.MayBeNull;
            return pointer.Formed();
        }

        if (IsNullPointerConstant(expression))
        {
            _returnsNull = true;
            return NullOffset(At(expression));
        }

        if (expression is ConditionalContext conditional && conditional.thenValue.expr() is [var then])
        {
            return new ConditionalExpr(Convert(conditional.condition), Returned(then), Returned(conditional.elseValue), At(expression));
        }

        throw SourceException.Unsupported(At(expression), "a function returning something other than a pointer into an array or a null pointer");
    }

    /// <summary><c>0</c>, or <c>0</c> cast to a pointer type (<c>NULL</c> as the headers spell it, <c>((void *) 0)</c>).</summary>
    private bool IsNullPointerConstant(ExprContext expression)
    {
        expression = StripParentheses(expression);
        if (expression is CastContext cast && cast.typeName().abstractDeclarator() is { ChildCount: 1 } abstractDeclarator && PointerDepth(abstractDeclarator.pointer()) == 1)
        {
            expression = StripParentheses(cast.expr());
        }

        return expression is PrimaryContext primary && primary.primaryExpression() is IntegerConstantContext && primary.GetText() == "0";
    }

    private static int IdentifierType => Generated.MiniCLexer.Identifier;

    private static IEnumerable<IToken> Tokens(IParseTree tree) =>
        tree is ITerminalNode terminal
            ? [terminal.Symbol]
            : Enumerable.Range(0, tree.ChildCount).SelectMany(i => Tokens(tree.GetChild(i)));

    /// <summary><c>return p;</c> in a function that returns a pointer: the pointer's offset is returned.</summary>
    private ReturnStmt ConvertPointerReturn(ReturnStatementContext statement, SourceSpan span)
    {
        if (statement.expression() is not { } value)
        {
            throw new SourceException(span, "'return' without a value in a function returning a pointer");
        }

        var formed = value.expr() is [var only] ? Returned(only) : throw Unsupported(value, "comma operator in a return of a pointer");
        return new ReturnStmt(formed, span);
    }

    /// <summary>
    /// The pointer variables of a function body that may hold the null pointer: <paramref name="parameters"/>, those
    /// assigned or initialized with a null pointer constant, a conditional, or a call of a function that may return a
    /// null pointer, and (to a fixed point) those assigned another one of them.
    /// </summary>
    private HashSet<string> NullableIdentifiers(IParseTree root, IEnumerable<string> parameters)
    {
        var stores = new List<(string Target, ExprContext Value)>();
        var pending = new Stack<IParseTree>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case AssignmentContext { target: var target } assignment when assignment.assignmentOperator().GetText() == "="
                    && IdentifierOf(StripParentheses(target)) is { } identifier:
                    stores.Add((identifier.GetText(), assignment.value));
                    break;
                case InitDeclaratorContext declaration when declaration.declarator().directDeclarator() is NamedDeclaratorContext named
                    && declaration.initializer()?.expr() is { } initializer:
                    stores.Add((named.GetText(), initializer));
                    break;
            }

            for (var i = 0; i < node.ChildCount; i++)
            {
                pending.Push(node.GetChild(i));
            }
        }

        var nullable = new HashSet<string>(parameters, StringComparer.Ordinal);
        bool MayBeNull(ExprContext value)
        {
            value = StripParentheses(value);
            while (value is CastContext cast)
            {
                value = StripParentheses(cast.expr());
            }

            return IsNullPointerConstant(value) || value is ConditionalContext
                || (value is CallContext call && CalleeName(call) is { } callee && _pointerResultFunctions.Contains(callee)
                    && _pointerResults.GetValueOrDefault(callee) is not { MayBeNull: false })
                || (IdentifierOf(value) is { } source && nullable.Contains(source.GetText()))
                || (value is AssignmentContext inner && IdentifierOf(StripParentheses(inner.target)) is { } stored && nullable.Contains(stored.GetText()));
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (target, value) in stores)
            {
                changed |= !nullable.Contains(target) && MayBeNull(value) && nullable.Add(target);
            }
        }

        return nullable;
    }
}
