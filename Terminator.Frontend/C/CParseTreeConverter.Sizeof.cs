using System.Numerics;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// <c>sizeof</c> (C11 6.5.3.4): the size in bytes of a type, or of the type of an expression, a constant of type
/// <c>size_t</c> under the data model. The operand of <c>sizeof expr</c> is only typed, never converted, so it is not
/// evaluated: <c>sizeof x++</c> does not change x, and <c>sizeof a[i]</c> or <c>sizeof *p</c> is no access. The one
/// operand C evaluates, a variable-length array, gives the length its declaration computed, times the size of an
/// element. Arrays keep their type as the operand (<c>sizeof a</c> is the whole array) and become pointers anywhere
/// else (<c>sizeof (a + 0)</c>); an array parameter is a pointer. An operand whose type the subset cannot tell
/// exactly is refused.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// The identifiers that occur after a <c>sizeof</c> in the function being converted: the variable-length arrays
    /// among them keep their length in a variable of their own (see <see cref="ArrayExtent"/>).
    /// </summary>
    private HashSet<string> _sizeofNames = [];

    /// <summary>
    /// The name that the declarator being converted declares: C's scope rule lets its own initializer see it
    /// (<c>int *a = malloc(n * sizeof *a)</c>), so a <c>sizeof</c> of it there, before the name is declared, is refused
    /// rather than read as an outer variable of that name.
    /// </summary>
    private string? _declaringName;

    /// <summary>
    /// When the declarator being converted declares a pointer to an integer type (<c>int *a</c>): its type, which a
    /// <c>sizeof</c> in its initializer sees (<c>int *a = malloc(n * sizeof *a)</c>); null for any other declarator.
    /// </summary>
    private Func<SizedType>? _declaringPointer;

    private static SizedType DeclaredPointerType(ScalarType pointee, int depth)
    {
        SizedType type = new SizedScalar(pointee);
        for (var level = 0; level < depth; level++)
        {
            type = new SizedPointer(type);
        }

        return type;
    }

    private static HashSet<string> SizeofOperandNames(IParseTree body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var afterSizeof = false;
        foreach (var node in Descendants(body))
        {
            if (node is ITerminalNode terminal)
            {
                afterSizeof |= terminal.Symbol.Type == Sizeof;
                if (afterSizeof && terminal.Symbol.Type == Identifier)
                {
                    names.Add(terminal.GetText());
                }
            }
        }

        return names;
    }

    /// <summary>
    /// <c>sizeof expr</c>, parenthesized or not. The operand is a unary expression in C's grammar, so a cast must be in
    /// parentheses: <c>sizeof (char) c</c> is an error, as C compilers say, and <c>sizeof ((char) c)</c> is 1.
    /// </summary>
    public override Expr VisitSizeofExpression(SizeofExpressionContext context) =>
        context.expr() is CastContext cast
            ? throw new SourceException(At(cast.expr()), $"expected an expression after 'sizeof ({cast.typeName().GetText()})': a cast is the operand of sizeof only in parentheses ('sizeof ((T) x)')")
            : SizeOf(OperandType(context.expr()), At(context));

    /// <summary>
    /// <c>sizeof(T)</c> of an integer type, a pointer type, an array type of a constant length or a struct type; or
    /// <c>sizeof (x)</c>, <c>sizeof (a[0])</c> of a variable, which the grammar reads as a type name.
    /// </summary>
    public override Expr VisitSizeofType(SizeofTypeContext context)
    {
        var typeName = context.typeName();
        if (typeName.declarationSpecifiers().typeSpecifier() is TypedefNameSpecifierContext name
            && _scopes.Lookup(name.GetText()) is not (TypeSymbol or RefusedSymbol or StructTypeSymbol or RecordPointerTypeSymbol) and var symbol)
        {
            // A name the file does not declare may be a type of a header that was not read ('sizeof(uint32_t)').
            return symbol is null && !_macros.ContainsKey(name.GetText()) && !_definedFunctionArity.ContainsKey(name.GetText()) && !_prototypes.ContainsKey(name.GetText())
                ? throw Unsupported(name, $"sizeof of '{name.GetText()}', which names neither a type nor an object declared here")
                : SizeOf(OperandType(ReadAsExpression(typeName)), At(context));
        }

        return SizeOf(NamedType(typeName), At(context));
    }

    /// <summary>The tokens of a type name such as <c>a[0]</c>, read again as the expression they spell.</summary>
    private ExprContext ReadAsExpression(TypeNameContext typeName) =>
        ParseWhole(Tokens(typeName), parser => parser.expr())
        ?? throw new SourceException(At(typeName), $"'{typeName.GetText()}' is neither a type nor an expression");

    /// <summary>
    /// <paramref name="tokens"/> read again by one rule of the grammar (<paramref name="rule"/>), which must take
    /// all of them; null when they are not one such phrase.
    /// </summary>
    private static T? ParseWhole<T>(IEnumerable<IToken> tokens, Func<Generated.MiniCParser, T> rule)
        where T : class
    {
        var parser = new Generated.MiniCParser(new CommonTokenStream(new ListTokenSource([.. tokens, new CommonToken(TokenConstants.EOF)])));
        parser.RemoveErrorListeners();
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            var phrase = rule(parser);
            return parser.CurrentToken.Type == TokenConstants.EOF ? phrase : null;
        }
        catch (ParseCanceledException)
        {
            return null;
        }
    }

    // ------------------------------------------------------------------ sizes

    /// <summary>The size of <paramref name="type"/>: a <c>size_t</c> constant, or, for a variable-length array, the product of its kept length and its element's size.</summary>
    private Expr SizeOf(SizedType type, SourceSpan span)
    {
        var sizeType = CTypeRules.ULong(dataModel);
        if (type is SizedArray { Length: null } array)
        {
            var element = ConstantSize(array.Element, span);
            return array.LengthVariable is { } length
                ? new BinaryExpr(BinaryOp.Mul, new VarRef(length, span), new IntLiteral(element, sizeType, span), span)
                : throw SourceException.Unsupported(span, "sizeof of a variable-length array whose length is not kept");
        }

        var bytes = ConstantSize(type, span);
        return bytes <= CTypeRules.MaxValue(sizeType)
            ? new IntLiteral(bytes, sizeType, span)
            : throw SourceException.Unsupported(span, $"sizeof of an object of {bytes} bytes, more than size_t holds");
    }

    private int PointerBytes => CTypeRules.LongBits(dataModel) / 8;

    /// <summary>What a caller may pass to a pointer parameter to <paramref name="element"/>: objects of at most <c>SIZE_MAX</c> bytes.</summary>
    private CallerObject CallerObjectOf(ScalarType element, SourceSpan span) =>
        new(element, CTypeRules.MaxValue(CTypeRules.ULong(dataModel)) / ScalarBytes(element, span));

    /// <summary>The size in bytes of a type of constant size.</summary>
    private BigInteger ConstantSize(SizedType type, SourceSpan span) => type switch
    {
        SizedScalar scalar => ScalarBytes(scalar.Type, span),
        SizedPointer => PointerBytes,
        SizedArray { Length: { } length } array => ConstantSize(array.Element, span) * length,
        SizedArray => throw SourceException.Unsupported(span, "sizeof of an array of arrays of a variable length"),
        SizedStruct structure => StructSize(structure.Layout, span).Size,
        _ => throw new InvalidOperationException($"unknown type {type}"),
    };

    private static int ScalarBytes(ScalarType type, SourceSpan span) => type.Kind switch
    {
        TypeKind.Bool => 1,
        TypeKind.Signed or TypeKind.Unsigned => type.Bits / 8,
        TypeKind.Void => throw SourceException.Unsupported(span, "sizeof(void)"),
        _ => throw SourceException.Unsupported(span, "sizeof of an object whose C type the subset does not keep"),
    };

    /// <summary>
    /// The size and alignment of a struct, laid out as the System V ABIs do: each member at the next multiple of its
    /// alignment (its size, for an integer or a pointer), the whole rounded up to the largest alignment. Under ILP32
    /// the alignment of a 64-bit member differs between ABIs (4 on i386, 8 on ARM), so such a struct is refused.
    /// </summary>
    private (BigInteger Size, int Alignment) StructSize(StructLayout layout, SourceSpan span)
    {
        if (layout.Members.IsEmpty)
        {
            throw SourceException.Unsupported(span, $"sizeof of struct '{layout.Name}' without members");
        }

        BigInteger offset = 0;
        var alignment = 1;
        foreach (var member in layout.Members)
        {
            var bytes = member.PointsTo is not null ? PointerBytes : ScalarBytes(member.Type, span);
            if (bytes > PointerBytes)
            {
                throw SourceException.Unsupported(span, $"sizeof of struct '{layout.Name}', whose member '{member.Name}' of 64 bits is aligned differently by the ILP32 ABIs");
            }

            offset = RoundUp(offset, bytes) + (bytes * (member.Length ?? 1));
            alignment = Math.Max(alignment, bytes);
        }

        return (RoundUp(offset, alignment), alignment);

        static BigInteger RoundUp(BigInteger value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }

    // ------------------------------------------------------------------ types of operands

    /// <summary>The type a type name names.</summary>
    private SizedType NamedType(TypeNameContext typeName)
    {
        if (StorageClass(typeName.declarationSpecifiers(), out var storage) is not null)
        {
            throw new SourceException(At(storage!), $"'{storage!.Text}' in a type name");
        }

        var specifiers = typeName.declarationSpecifiers();
        var abstractDeclarator = typeName.abstractDeclarator();
        var pointer = abstractDeclarator?.pointer();
        SizedType type;
        if (specifiers.typeSpecifier() is TypedefNameSpecifierContext typedefName && _scopes.Lookup(typedefName.GetText()) is RecordPointerTypeSymbol recordPointer)
        {
            type = new SizedPointer(new SizedStruct(StructTagged(recordPointer.Tag, At(typedefName))));
        }
        else if (StructOf(specifiers) is { } layout)
        {
            type = new SizedStruct(layout);
        }
        else
        {
            var scalar = ResolveType(specifiers);
            type = new SizedScalar(scalar);
        }

        for (var depth = PointerDepth(pointer); depth > 0; depth--)
        {
            type = new SizedPointer(type);
        }

        if (abstractDeclarator is null || abstractDeclarator.ChildCount == 1 && pointer is not null)
        {
            return type;
        }

        // 'T[N]' or 'T *[N]': an array of N elements.
        if (abstractDeclarator.expression() is not { } lengthExpression)
        {
            throw new SourceException(At(abstractDeclarator), "sizeof of an array type without a length (an incomplete type)");
        }

        return new SizedArray(type, ConstantLength(lengthExpression, typeName.GetText(), "sizeof of a variable-length array type"), null);
    }

    /// <summary>
    /// The type of <paramref name="expression"/> as the operand of <c>sizeof</c>: an array stays an array. The
    /// expression is typed, not converted, so nothing in it is evaluated.
    /// </summary>
    private SizedType OperandType(ExprContext expression)
    {
        var span = At(expression);
        switch (expression)
        {
            case PrimaryContext { } primary:
                return PrimaryType(primary.primaryExpression());
            case ExtensionExpressionContext extension:
                return OperandType(extension.expr());
            case CallContext call when CalleeName(call) is { } callee && NondetBuiltins.TryGetValue(callee, out var nondet) && IsBuiltinInScope(callee):
                return new SizedScalar(NondetType(callee, nondet));
            case CallContext:
                throw SourceException.Unsupported(span, "sizeof of a function call");
            case SubscriptContext subscript:
                var indexed = ValueType(subscript.expr());
                var index = CommaType(subscript.expression());
                return (indexed, index) switch
                {
                    (SizedPointer pointer, SizedScalar) => Pointed(pointer.Target, span),
                    (SizedScalar, SizedPointer pointer) => Pointed(pointer.Target, span),
                    _ => throw SourceException.Unsupported(span, "sizeof of a subscript of something other than an array or a pointer"),
                };
            case MemberAccessContext access:
                var structure = access.op.Text == "->"
                    ? ValueType(access.expr()) is SizedPointer { Target: SizedStruct pointed } ? pointed : null
                    : OperandType(access.expr()) as SizedStruct;
                return structure is not null
                    ? MemberType(structure.Layout, access)
                    : throw Unsupported(access.op, $"sizeof of '{access.op.Text}' on something other than a struct{(access.op.Text == "->" ? " pointer" : "")}");
            case PostfixIncrementContext increment:
                return Modified(increment.expr());
            case PrefixIncrementContext increment:
                return Modified(increment.expr());
            case CastContext cast:
                _ = ValueType(cast.expr());
                return NamedType(cast.typeName()) is var castType and (SizedScalar or SizedPointer)
                    ? castType
                    : throw SourceException.Unsupported(span, "sizeof of a cast to a type other than an integer or a pointer");
            case UnaryContext { op.Text: "*" } dereference:
                return ValueType(dereference.expr()) is SizedPointer { Target: { } target }
                    ? Pointed(target, span)
                    : throw SourceException.Unsupported(span, "sizeof of '*' of something other than a pointer");
            case UnaryContext { op.Text: "&" } address:
                return new SizedPointer(OperandType(address.expr()));
            case UnaryContext { op.Text: "!" } not:
                _ = ValueType(not.expr());
                return new SizedScalar(ScalarType.Int);
            case UnaryContext arithmetic:
                return new SizedScalar(CTypeRules.Promote(Arithmetic(arithmetic.expr())));
            case SizeofExpressionContext or SizeofTypeContext:
                _ = Visit(expression);
                return new SizedScalar(CTypeRules.ULong(dataModel));
            case MultiplicativeContext or BitwiseAndContext or BitwiseXorContext or BitwiseOrContext:
                var (left, right) = ((ExprContext)expression.GetChild(0), (ExprContext)expression.GetChild(2));
                return new SizedScalar(CTypeRules.CommonType(Arithmetic(left), Arithmetic(right)));
            case ShiftContext shift:
                _ = Arithmetic(shift.right);
                return new SizedScalar(CTypeRules.Promote(Arithmetic(shift.left)));
            case AdditiveContext additive:
                return (ValueType(additive.left), ValueType(additive.right), additive.op.Text) switch
                {
                    (SizedScalar l, SizedScalar r, _) => new SizedScalar(CTypeRules.CommonType(l.Type, r.Type)),
                    (SizedPointer, SizedPointer, "-") => new SizedScalar(CTypeRules.Long(dataModel)),
                    (SizedPointer p, SizedScalar, _) => p,
                    (SizedScalar, SizedPointer p, "+") => p,
                    _ => throw SourceException.Unsupported(span, $"sizeof of '{additive.op.Text}' of these operands"),
                };
            case RelationalContext or EqualityContext or LogicalAndContext or LogicalOrContext:
                _ = ValueType((ExprContext)expression.GetChild(0));
                _ = ValueType((ExprContext)expression.GetChild(2));
                return new SizedScalar(ScalarType.Int);
            case ConditionalContext conditional:
                _ = ValueType(conditional.condition);
                return (CommaType(conditional.thenValue), ValueType(conditional.elseValue)) switch
                {
                    (SizedScalar l, SizedScalar r) => new SizedScalar(CTypeRules.CommonType(l.Type, r.Type)),
                    (SizedPointer p, SizedPointer or SizedScalar) => p,
                    (SizedScalar, SizedPointer p) => p,
                    _ => throw SourceException.Unsupported(span, "sizeof of '?:' of these operands"),
                };
            case AssignmentContext assignment:
                _ = ValueType(assignment.value);
                return Modified(assignment.target);
            default:
                throw SourceException.Unsupported(span, $"sizeof of '{expression.GetText()}'");
        }
    }

    /// <summary>The type of a subexpression whose value is used: an array becomes a pointer to its first element.</summary>
    private SizedType ValueType(ExprContext expression) => OperandType(expression) switch
    {
        SizedArray array => new SizedPointer(array.Element),
        var type => type,
    };

    /// <summary>The type of an operand of an arithmetic operator: an integer type.</summary>
    private ScalarType Arithmetic(ExprContext expression) =>
        ValueType(expression) is SizedScalar scalar ? scalar.Type : throw SourceException.Unsupported(At(expression), "sizeof of arithmetic on something other than integers");

    /// <summary>The type of a comma expression: its last operand's value (every operand is typed).</summary>
    private SizedType CommaType(ExpressionContext expression) => expression.expr().Select(ValueType).ToList()[^1];

    /// <summary>The type of the object an assignment or increment stores into: an integer or a pointer.</summary>
    private SizedType Modified(ExprContext target) => OperandType(target) is var type and (SizedScalar or SizedPointer)
        ? type
        : throw SourceException.Unsupported(At(target), "sizeof of a store into something other than an integer or a pointer");

    /// <summary>The type a pointer points to, which must be a complete object type.</summary>
    private static SizedType Pointed(SizedType target, SourceSpan span) =>
        target is SizedScalar { Type.Kind: TypeKind.Void } ? throw SourceException.Unsupported(span, "sizeof of an object of type void") : target;

    private SizedType MemberType(StructLayout layout, MemberAccessContext access)
    {
        var member = layout.Members[MemberIndex(layout, access)];
        SizedType scalar = member.PointsTo is { } tag ? new SizedPointer(new SizedStruct(StructTagged(tag, At(access)))) : new SizedScalar(member.Type);
        return member.Length is { } length ? new SizedArray(scalar, length, null) : scalar;
    }

    private SizedType PrimaryType(PrimaryExpressionContext primary)
    {
        var span = At(primary);
        switch (primary)
        {
            case IdentifierContext identifier:
                return NameType(identifier.GetText(), span);
            case IntegerConstantContext constant:
                return new SizedScalar(CTypeRules.ParseIntegerLiteral(constant.GetText(), span, dataModel).Type);
            case CharacterConstantContext:
                return new SizedScalar(ScalarType.Int);
            case StringLiteralContext literal:
                // An array of char: the characters and the terminating 0.
                return new SizedArray(new SizedScalar(new ScalarType(TypeKind.Signed, 8)), StringLiteralBytes(literal).Count + 1, null);
            case ParenthesizedContext parenthesized:
                return parenthesized.expression().expr() is [var single] ? OperandType(single) : CommaType(parenthesized.expression());
            case FloatingConstantContext:
                throw SourceException.Unsupported(span, "floating point literal");
            default:
                throw SourceException.Unsupported(span, "sizeof of a statement expression");
        }
    }

    /// <summary>The type of the object or constant that <paramref name="name"/> denotes.</summary>
    private SizedType NameType(string name, SourceSpan span)
    {
        if (_macros.TryGetValue(name, out var macro))
        {
            return new SizedScalar(macro.Type);
        }

        if (name == _declaringName && !_scopes.IsDeclaredInInnermost(name))
        {
            return _declaringPointer?.Invoke() ?? throw SourceException.Unsupported(span, $"sizeof of '{name}' inside its own declaration");
        }

        SizedType Elements(ScalarType element, string array) =>
            _cellArrays.TryGetValue(array, out var cell) ? new SizedPointer(new SizedScalar(cell.Members[0].Type)) : new SizedScalar(element);

        return _scopes.Lookup(name) switch
        {
            VariableSymbol variable => new SizedScalar(variable.Type),
            AddressedVariableSymbol addressed => new SizedScalar(addressed.Type),
            ConstantSymbol constant => new SizedScalar(constant.Type),
            CellPointerSymbol cell => new SizedPointer(new SizedScalar(cell.Type)),
            PointerSymbol pointer => new SizedPointer(Elements(pointer.ElementType, pointer.Array)),
            UnsetPointerSymbol pointer => new SizedPointer(new SizedScalar(pointer.ElementType)),
            PointerToPointerSymbol pointer => new SizedPointer(new SizedPointer(new SizedScalar(pointer.ElementType))),
            RecordPointerSymbol { Layout: var layout } when IsCellLayout(layout) => new SizedPointer(new SizedScalar(layout.Members[0].Type)),
            RecordPointerSymbol pointer => new SizedPointer(new SizedStruct(pointer.Layout)),
            ArraySymbol { Extent: { } extent } array => new SizedArray(Elements(array.ElementType, array.IrName), extent.Length, extent.LengthVariable),
            ArraySymbol pointer => new SizedPointer(Elements(pointer.ElementType, pointer.IrName)),
            MatrixSymbol matrix => MatrixType(matrix),
            TableSymbol { Length: { } length } table => new SizedArray(new SizedPointer(new SizedScalar(table.ElementType)), length, null),
            TableSymbol table => new SizedPointer(new SizedPointer(new SizedScalar(table.ElementType))),
            RowPointerSymbol row => new SizedPointer(new SizedScalar(row.Table.ElementType)),
            StructSymbol structure => new SizedStruct(structure.Layout),
            StructArraySymbol structs => new SizedArray(new SizedStruct(structs.Layout), structs.Length, null),
            RefusedSymbol refused => throw UsesRefused(span, name, refused),
            TypeSymbol or StructTypeSymbol or RecordPointerTypeSymbol => throw new SourceException(span, $"'{name}' is a type: sizeof of a type needs parentheses"),
            null when _definedFunctionArity.ContainsKey(name) || _prototypes.ContainsKey(name) => throw SourceException.Unsupported(span, $"sizeof of function '{name}'"),
            null => throw new SourceException(span, $"undeclared identifier '{name}'"),
            _ => throw SourceException.Unsupported(span, $"sizeof of '{name}'"),
        };
    }

    /// <summary><c>T m[L0][L1]...[Ln]</c>: an array of L0 arrays of L1 ... of Ln elements.</summary>
    private static SizedArray MatrixType(MatrixSymbol matrix)
    {
        SizedType type = new SizedScalar(matrix.ElementType);
        var inner = BigInteger.One;
        for (var k = matrix.InnerLengths.Length - 1; k >= 0; k--)
        {
            type = new SizedArray(type, matrix.InnerLengths[k], null);
            inner *= matrix.InnerLengths[k];
        }

        return new SizedArray(type, matrix.Length / inner, null);
    }
}

/// <summary>The type of an operand of <c>sizeof</c>, as far as its size goes.</summary>
internal abstract record SizedType;

/// <summary>An integer type (or void, which has no size).</summary>
internal sealed record SizedScalar(ScalarType Type) : SizedType;

/// <summary>A pointer to <paramref name="Target"/>.</summary>
internal sealed record SizedPointer(SizedType Target) : SizedType;

/// <summary>
/// An array of <paramref name="Element"/>: of the constant <paramref name="Length"/>, or, when that is null, a
/// variable-length array whose length the variable <paramref name="LengthVariable"/> holds (null when none is kept).
/// </summary>
internal sealed record SizedArray(SizedType Element, BigInteger? Length, string? LengthVariable) : SizedType;

/// <summary>A struct type.</summary>
internal sealed record SizedStruct(StructLayout Layout) : SizedType;
