using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Memory: local arrays (<c>T a[N]</c>, <c>T *a = alloca(size)</c>), whose pointers the other part of this class
/// handles (see CParseTreeConverter.Pointers.cs), and a local pointer to a stack object of its own
/// (<c>T *p = alloca(sizeof(T));</c>) that the function reaches only through <c>*p</c>. Such an object is an ordinary
/// variable: its lifetime covers every use of <c>*p</c> (alloca's memory lives until the function returns, and p cannot
/// be copied, stored, passed or returned), nothing else can reach it, and a new one is allocated each time the
/// declaration runs, holding an arbitrary value until it is first written, as a fresh local does. <c>alloca</c> does
/// not fail (as SV-COMP assumes). Any other use of p (reading p itself, assigning it, <c>&amp;p</c>, <c>p[i]</c>) is
/// outside the subset and refuses the function.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    private static readonly string[] AllocaNames = ["alloca", "__builtin_alloca"];

    /// <summary>The heap allocator: an object from it lives until <c>free</c> releases it.</summary>
    private const string MallocName = "malloc";

    /// <summary>The heap arrays (by IR name) of the function being converted: those that <c>free</c> may release.</summary>
    private readonly HashSet<string> _heapArrays = [];

    /// <summary>
    /// Declares <c>T *p = alloca(sizeof(T))</c> (or <c>__builtin_alloca</c>, optionally cast to <c>T *</c>) as a
    /// <see cref="CellPointerSymbol"/> and returns the declaration of its object; null for any other declarator.
    /// </summary>
    private VarDeclStmt? TryDeclareCellPointer(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != 1
            || initDeclarator.initializer()?.expr() is not { } initializer)
        {
            return null;
        }

        if (AllocationSize(initializer, out var cast, out var onHeap) is not { } size
            || onHeap
            || StripParentheses(size) is not SizeofTypeContext sizeOf
            || sizeOf.typeName().abstractDeclarator() is not null)
        {
            return null;
        }

        var type = elementType();
        if (type == ScalarType.Void || ResolveTypeName(sizeOf.typeName()) != type || (cast is not null && !IsPointerTo(cast.typeName(), type)))
        {
            return null;
        }

        var span = At(named.Identifier().Symbol);
        RejectMacroName(named.GetText(), span);
        var pointer = _scopes.DeclareCellPointer(named.GetText(), type, span);
        return new VarDeclStmt(pointer.CellIrName, type, null, span);
    }

    /// <summary>
    /// Declares a local array: <c>T a[N]</c> with a constant N &gt; 0, or a variable N (undefined behaviour unless
    /// N &gt; 0, C11 6.7.6.2p5), optionally initialized by <c>{v0, v1, ...}</c> or, for an array of characters, a string
    /// literal (its characters and a terminating 0), the length then optional (<c>int a[] = {1, 2}</c>); or
    /// <c>T *a = alloca(size)</c> (<c>__builtin_alloca</c>, optionally cast to <c>T *</c>) for any other size than
    /// <c>sizeof(T)</c>, whose object holds <c>size / sizeof(T)</c> whole elements, the size computed as C computes it
    /// (in <c>size_t</c>, wrapping). Returns the declaration, or null for any other declarator.
    /// </summary>
    private Stmt[]? TryDeclareArray(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType, int pointerDepth = 1)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.directDeclarator() is ArrayDeclaratorContext arrayDeclarator
            && arrayDeclarator.directDeclarator() is NamedDeclaratorContext arrayName
            && declarator.pointer() is null)
        {
            return DeclareLocalArray(arrayDeclarator, arrayName, initDeclarator.initializer(), elementType());
        }

        if (declarator.pointer() is null && MultiDimensional(declarator.directDeclarator()) is var (matrixName, lengths))
        {
            return DeclareMatrix(matrixName, lengths, initDeclarator.initializer(), elementType());
        }

        if (declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != pointerDepth
            || initDeclarator.initializer()?.expr() is not { } initializer)
        {
            return null;
        }

        if (pointerDepth == 1 && StringLiteralOf(initializer) is { } literal)
        {
            return DeclareStringLiteralPointer(named, literal, elementType());
        }

        var zeroed = false;
        CastContext? cast;
        bool onHeap;
        Expr size;
        if (CallocArguments(initializer, out var callocCast) is var (count, each))
        {
            // calloc(n, s): n * s bytes (computed in size_t, as for malloc(n * s)), all 0.
            (cast, onHeap, zeroed) = (callocCast, true, true);
            var sizeType = CTypeRules.ULong(dataModel);
            size = new BinaryExpr(BinaryOp.Mul, new CastExpr(sizeType, Convert(count), At(count)), new CastExpr(sizeType, Convert(each), At(each)), At(initializer));
        }
        else if (AllocationSize(initializer, out cast, out onHeap) is { } sizeArgument)
        {
            size = Convert(sizeArgument);
        }
        else if (ReallocArguments(initializer, out _) is not null)
        {
            throw RefusedRealloc(At(initializer));
        }
        else
        {
            return null;
        }

        var elements = elementType();
        if (elements == ScalarType.Void || (cast is not null && (pointerDepth != 1 || !IsPointerTo(cast.typeName(), elements))))
        {
            return null;
        }

        var span = At(named.Identifier().Symbol);
        RejectMacroName(named.GetText(), span);
        if (_assignedNames.Contains(named.GetText()) || (!onHeap && _addressedNames.Contains(named.GetText())))
        {
            // The function moves the pointer, or takes its address: it is an offset into an array object of its own,
            // starting at 0.
            var objectName = _scopes.NewLocalName(named.GetText());
            _scopes.RecordArray(objectName);
            var allocation = Allocation(objectName, elements, size, onHeap, span) with { Zeroed = zeroed };
            var moving = _scopes.DeclarePointer(named.GetText(), objectName, elements, elements, span, _nullableNames.Contains(named.GetText()));
            var start = new IntLiteral(0, OffsetType, span);
            return onHeap ? [allocation, new VarDeclStmt(moving.IrName, OffsetType, start, span)] : [allocation, .. DeclareOffset(named.GetText(), moving, start, span)];
        }

        var pointer = _scopes.DeclareArray(named.GetText(), elements, span);
        return [Allocation(pointer.IrName, elements, size, onHeap, span) with { Zeroed = zeroed }];
    }

    /// <summary><c>calloc(n, s)</c> of the C library (optionally cast): its two arguments; null for anything else.</summary>
    private (ExprContext Count, ExprContext Size)? CallocArguments(ExprContext expression, out CastContext? cast)
    {
        var allocation = StripParentheses(expression);
        cast = allocation as CastContext;
        if (cast is not null)
        {
            allocation = StripParentheses(cast.expr());
        }

        return allocation is CallContext call && CalleeName(call) == "calloc" && !_definedFunctionArity.ContainsKey("calloc")
            && _scopes.Lookup("calloc") is null && call.argumentList()?.expr() is [var count, var size]
                ? (count, size)
                : null;
    }

    /// <summary>The arrays at file scope, in source order (see <see cref="ProgramIr.GlobalArrays"/>).</summary>
    private readonly List<ArrayDeclStmt> _globalArrays = [];

    /// <summary>
    /// <c>T g[N];</c> at file scope, optionally initialized by a list of constants or, for characters, a string literal
    /// (the length then optional): an array every function reaches by its name, zero but for the initializer's values
    /// (see <see cref="ProgramIr.GlobalArrays"/>); or an array of more dimensions (see <see cref="DeclareGlobalMatrix"/>).
    /// Returns whether the declarator is one.
    /// </summary>
    private bool TryDeclareGlobalArray(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.pointer() is null && MultiDimensional(declarator.directDeclarator()) is var (matrixName, lengths))
        {
            DeclareGlobalMatrix(matrixName, lengths, initDeclarator.initializer(), elementType());
            return true;
        }

        if (declarator.pointer() is not null
            || declarator.directDeclarator() is not ArrayDeclaratorContext arrayDeclarator
            || arrayDeclarator.directDeclarator() is not NamedDeclaratorContext named)
        {
            return false;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        var type = elementType();
        if (type == ScalarType.Void)
        {
            throw new SourceException(span, $"array '{name}' of void");
        }

        if (_definedFunctionArity.ContainsKey(name))
        {
            throw new SourceException(span, $"'{name}' is already a function");
        }

        var values = initDeclarator.initializer() is { } initializer
            ? ArrayInitializer(initializer, type, name).Select(v => ConstantEvaluator.Evaluate(v).Value).ToArray()
            : [];
        System.Numerics.BigInteger length;
        if (arrayDeclarator.expression() is { } lengthExpression)
        {
            length = ConstantEvaluator.Evaluate(ConvertExpression(lengthExpression)).Value;
            if (length <= 0 || length > 1 << 24)
            {
                throw new SourceException(At(lengthExpression), $"array '{name}' must have a positive length (at most 2^24)");
            }

            if (values.Length == length + 1 && initDeclarator.initializer()!.expr() is not null)
            {
                // 'char s[3] = "abc";': the terminating 0 is stored only where there is room.
                values = values[..^1];
            }

            if (values.Length > length)
            {
                throw new SourceException(At(initDeclarator.initializer()!), $"more values than the {length} elements of array '{name}'");
            }
        }
        else
        {
            length = values.Length > 0 ? values.Length : throw new SourceException(span, $"array '{name}' without a length or an initializer");
        }

        RejectMacroName(name, span);
        _scopes.Declare(name, new ArraySymbol(name, type) { Extent = new ArrayExtent(length, null) }, span);
        _scopes.RecordArray(name);
        _globalArrays.Add(new ArrayDeclStmt(name, type, new IntLiteral(length, CTypeRules.ULong(dataModel), span), span)
        {
            Zeroed = true,
            Contents = new([.. values]),
        });
        return true;
    }

    /// <summary>The identifiers whose address the function being converted takes (<c>&amp;x</c>).</summary>
    private HashSet<string> _addressedNames = [];

    private static HashSet<string> AddressedIdentifiers(IParseTree root) =>
        Descendants(root)
            .Select(node => node is UnaryContext { op.Text: "&" } address ? IdentifierOf(StripParentheses(address.expr()))?.GetText() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A scalar local or parameter <paramref name="name"/> whose address the function takes: an array object of one
    /// element (see <see cref="AddressedVariableSymbol"/>) holding what <paramref name="value"/> gives once the name
    /// denotes the object (arbitrary when null: C's scope rule lets an initializer see its variable), and the
    /// statements that make it. Null when the function never takes the variable's address.
    /// </summary>
    private Stmt[]? DeclareAddressedVariable(string name, ScalarType type, Func<Expr?> value, SourceSpan span, bool parameter = false)
    {
        if (!_addressedNames.Contains(name))
        {
            return null;
        }

        var objectName = _scopes.NewLocalName(name);
        _scopes.RecordArray(objectName);
        if (parameter)
        {
            _scopes.Rebind(name, new AddressedVariableSymbol(objectName, type));
        }
        else
        {
            _scopes.Declare(name, new AddressedVariableSymbol(objectName, type), span);
        }

        var sizeType = CTypeRules.ULong(dataModel);
        Stmt declaration = new ArrayDeclStmt(objectName, type, new IntLiteral(1, sizeType, span), span);
        return value() is { } initial
            ? [declaration, new ExprStmt(new ArrayAssignExpr(objectName, new IntLiteral(0, sizeType, span), initial, type, span), span)]
            : [declaration];
    }

    private static StringLiteralContext? StringLiteralOf(ExprContext expression) =>
        StripParentheses(expression) is PrimaryContext { } primary ? primary.primaryExpression() as StringLiteralContext : null;

    /// <summary>
    /// <c>const char *s = "..."</c>: s points to the start of an array of the literal's characters and a terminating 0,
    /// which a store into is undefined behaviour (see <see cref="ArrayDeclStmt.ReadOnly"/>). The array is made where
    /// the declaration runs; a literal's object lives as long as the program, and the array as long as the function
    /// (its pointer cannot be returned or stored anywhere else in the subset).
    /// </summary>
    private Stmt[] DeclareStringLiteralPointer(NamedDeclaratorContext named, StringLiteralContext literal, ScalarType elements)
    {
        var span = At(named.Identifier().Symbol);
        if (elements.Bits != 8 || elements.Kind is not (TypeKind.Signed or TypeKind.Unsigned))
        {
            throw SourceException.Unsupported(At(literal), $"a string literal stored into a pointer to {elements}");
        }

        var name = named.GetText();
        RejectMacroName(name, span);
        Stmt[] Literal(string objectName) => [StringLiteralArray(objectName, elements, literal)];

        if (_assignedNames.Contains(name) || _addressedNames.Contains(name))
        {
            // The function moves the pointer, or takes its address: an offset into the literal's array, starting at 0.
            var objectName = _scopes.NewLocalName(name);
            _scopes.RecordArray(objectName);
            var moving = _scopes.DeclarePointer(name, objectName, elements, elements, span, _nullableNames.Contains(name));
            return [.. Literal(objectName), .. DeclareOffset(name, moving, new IntLiteral(0, OffsetType, span), span)];
        }

        return Literal(_scopes.DeclareArray(name, elements, span).IrName);
    }

    /// <summary>The read-only array of a string literal's characters and its terminating 0 (see <see cref="DeclareStringLiteralPointer"/>).</summary>
    private ArrayDeclStmt StringLiteralArray(string objectName, ScalarType elements, StringLiteralContext literal)
    {
        var span = At(literal);
        var bytes = StringLiteralBytes(literal).Append((byte)0).ToList();
        return new ArrayDeclStmt(objectName, elements, new IntLiteral(bytes.Count, CTypeRules.ULong(dataModel), span), span)
        {
            Contents = new([.. bytes.Select(b => (System.Numerics.BigInteger)(elements.Kind == TypeKind.Signed && b > 127 ? b - 256 : b))]),
            ReadOnly = true,
        };
    }

    /// <summary>The arrays of the string literals that the function being converted uses as pointers in expressions, made at its start.</summary>
    private readonly List<Stmt> _literalArrays = [];

    /// <summary>
    /// A string literal used as a pointer in an expression (<c>strcmp(s, "abc")</c>, <c>s = "abc"</c>): a pointer to the
    /// start of its read-only array, which is made when the function starts (a literal's object lives as long as the
    /// program, so every pointer of the function may hold it, and the function cannot keep a pointer to it past its
    /// return). Each occurrence of a literal is an object of its own: C leaves open whether two with the same
    /// characters are one. The object is named after <paramref name="pointer"/>, the pointer variable it is stored
    /// into, if any.
    /// </summary>
    private PointerOperand StringLiteralPointer(StringLiteralContext literal, string pointer = "string")
    {
        var span = At(literal);
        var type = new ScalarType(TypeKind.Signed, 8);
        var objectName = _scopes.NewLocalName(pointer);
        _scopes.RecordStaticArray(objectName);
        _literalArrays.Add(StringLiteralArray(objectName, type, literal));
        return new PointerOperand(objectName, type, type, new IntLiteral(0, OffsetType, span), true, span);
    }

    /// <summary>
    /// The constant length <paramref name="length"/> of a dimension of the array <paramref name="name"/>, positive and at
    /// most 2^20; a length that is not constant is refused as <paramref name="variableRefusal"/>.
    /// </summary>
    private long ConstantLength(ExpressionContext length, string name, string variableRefusal)
    {
        var value = ConvertExpression(length);
        if (IrWalker.Expressions(new ExprStmt(value, value.Span)).Any(e => e is not (IntLiteral or CastExpr or UnaryExpr or BinaryExpr or ConditionalExpr)))
        {
            throw Unsupported(length, variableRefusal);
        }

        var (constant, _) = ConstantEvaluator.Evaluate(value);
        return constant > 0 && constant <= 1 << 20 ? (long)constant : throw new SourceException(At(length), $"array '{name}' must have a positive length (at most 2^20)");
    }

    /// <summary>
    /// The values of an initializer of rows of <paramref name="columnCount"/> values each, in row order: a list of rows
    /// in braces (<c>{{1, 2}, {3, 4}}</c>), each filling the rest of its row with 0 (null here), or of values in row
    /// order, or a mix of both; braces inside a row hold that row's next value (<c>{1, {2}}</c>). Messages call the rows <paramref name="rows"/> and the values of one row
    /// <paramref name="rowValues"/>.
    /// </summary>
    private List<Expr?> RowOrderValues(InitializerContext initializer, long columnCount, string name, string rows, string rowValues)
    {
        var refusal = $"initializer of array '{name}' other than a list of {rows} or values (designators, deeper braces)";
        if (initializer.expr() is not null)
        {
            throw SourceException.Unsupported(At(initializer), $"array '{name}' initialized by an expression");
        }

        var values = new List<Expr?>();
        foreach (var item in InitializerItems(initializer, refusal))
        {
            if (item is ExprContext value)
            {
                values.Add(Convert(value));
                continue;
            }

            var row = InitializerList((InitializerContext)item, refusal, At((InitializerContext)item));
            if (values.Count % columnCount != 0)
            {
                // Inside a row, braces hold the next value of that row, not a new row (C11 6.7.9p20): '{1, {2}}'
                // gives the first row 1, 2. Braces around more than one value there are refused.
                values.Add(row is [var single] ? Convert(single) : throw SourceException.Unsupported(At((InitializerContext)item), refusal));
                continue;
            }

            // A row in braces fills the rest of its row with 0.
            if (row.Length > columnCount)
            {
                throw new SourceException(At(row[columnCount]), $"more values than the {columnCount} {rowValues} of array '{name}'");
            }

            values.AddRange(row.Select(Convert));
            while (values.Count % columnCount != 0)
            {
                values.Add(null);
            }
        }

        return values;
    }

    /// <summary><c>T a[N]</c>, <c>T a[N] = {...}</c>, <c>T a[] = {...}</c> and <c>char s[] = "..."</c> (see <see cref="TryDeclareArray"/>).</summary>
    private Stmt[] DeclareLocalArray(ArrayDeclaratorContext arrayDeclarator, NamedDeclaratorContext arrayName, InitializerContext? initializer, ScalarType type)
    {
        var arraySpan = At(arrayName.Identifier().Symbol);
        var name = arrayName.GetText();
        if (type == ScalarType.Void)
        {
            throw new SourceException(arraySpan, $"array '{name}' of void");
        }

        var values = initializer is null ? null : ArrayInitializer(initializer, type, name);
        var sizeType = CTypeRules.ULong(dataModel);
        Expr length;
        var variableLength = false;
        if (arrayDeclarator.expression() is not { } lengthExpression)
        {
            length = values is not null
                ? new IntLiteral(values.Length, sizeType, arraySpan)
                : throw new SourceException(arraySpan, $"array '{name}' without a length or an initializer");
        }
        else
        {
            var lengthValue = ConvertExpression(lengthExpression);
            if (IrWalker.Expressions(new ExprStmt(lengthValue, arraySpan)).Any(e => e is not (IntLiteral or CastExpr or UnaryExpr or BinaryExpr or ConditionalExpr)))
            {
                if (values is not null)
                {
                    throw new SourceException(At(initializer!), $"variable-length array '{name}' with an initializer");
                }

                if (IrWalker.Expressions(new ExprStmt(lengthValue, arraySpan)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr))
                {
                    throw Unsupported(lengthExpression, $"a length with side effects of variable-length array '{name}'");
                }

                // A variable length must be positive when the declaration runs.
                variableLength = true;
                var zero = new IntLiteral(0, ScalarType.Int, lengthValue.Span);
                length = new ConditionalExpr(
                    new BinaryExpr(BinaryOp.Gt, lengthValue, zero, lengthValue.Span),
                    lengthValue,
                    new UndefinedExpr(lengthValue, $"variable-length array '{name}' of a length that is not positive", lengthValue.Span),
                    lengthValue.Span);
            }
            else
            {
                var (constant, _) = ConstantEvaluator.Evaluate(lengthValue);
                if (constant <= 0)
                {
                    throw new SourceException(At(lengthExpression), $"array '{name}' must have a positive length");
                }

                if (values is not null && values.Length == constant + 1 && initializer!.expr() is not null)
                {
                    // 'char s[3] = "abc";': the terminating 0 is stored only where there is room (C11 6.7.9p14).
                    values = values[..^1];
                }

                if (values is not null && values.Length > constant)
                {
                    throw new SourceException(values[(int)constant].Span, $"more values than the {constant} elements of array '{name}'");
                }

                length = new IntLiteral(constant, sizeType, arraySpan);
            }
        }

        RejectMacroName(name, arraySpan);

        // 'sizeof a' of a variable-length array is the length its declaration computed, kept in a variable of its own
        // when the function takes sizeof of the name (its length expression has no side effects, so evaluating it
        // again right after the declaration gives that length).
        var lengthVariable = variableLength && _sizeofNames.Contains(name) ? _scopes.NewLocalName($"sizeof({name})") : null;
        var extent = new ArrayExtent(variableLength ? null : ConstantEvaluator.Evaluate(length).Value, lengthVariable);
        var array = _scopes.DeclareArray(name, type, arraySpan, extent);
        var statements = new List<Stmt> { new ArrayDeclStmt(array.IrName, type, length, arraySpan) { Zeroed = values is not null } };
        if (lengthVariable is not null)
        {
            statements.Add(new VarDeclStmt(lengthVariable, sizeType, new CastExpr(sizeType, length, arraySpan), arraySpan));
        }

        for (var i = 0; i < (values?.Length ?? 0); i++)
        {
            var value = values![i];
            statements.Add(new ExprStmt(new ArrayAssignExpr(array.IrName, new IntLiteral(i, sizeType, value.Span), value, type, value.Span), value.Span));
        }

        return [.. statements];
    }

    /// <summary>
    /// The values an array initializer gives its first elements: <c>{v0, v1, ...}</c> (a trailing comma allowed), or a
    /// string literal's characters and its terminating 0 for an array of characters. Designators and nested braces are refused.
    /// </summary>
    private Expr[] ArrayInitializer(InitializerContext initializer, ScalarType type, string name)
    {
        if (initializer.expr() is { } single)
        {
            return StringInitializer(single, type) ?? throw SourceException.Unsupported(At(initializer), $"array '{name}' initialized by an expression");
        }

        return [.. InitializerList(initializer, $"initializer of array '{name}' other than a list of values (designators, nested braces)", At(initializer)).Select(Convert)];
    }

    /// <summary>
    /// The values a string literal gives an array of characters of <paramref name="type"/>: its characters and the
    /// terminating 0. Null when <paramref name="single"/> is no string literal or the type no character type.
    /// </summary>
    private Expr[]? StringInitializer(ExprContext single, ScalarType type)
    {
        if (type.Bits != 8 || type.Kind is not (TypeKind.Signed or TypeKind.Unsigned) || StringLiteralOf(single) is not { } literal)
        {
            return null;
        }

        var span = At(literal);
        return [.. StringLiteralBytes(literal).Append((byte)0).Select(b => (Expr)new IntLiteral(type.Kind == TypeKind.Signed && b > 127 ? b - 256 : b, type, span))];
    }

    /// <summary>
    /// The bytes of a string literal (adjacent literals joined), with C's escape sequences decoded; a character outside
    /// ASCII is its UTF-8 bytes. Wide and UTF literals (<c>L"..."</c>, <c>u8"..."</c>) are refused.
    /// </summary>
    private List<byte> StringLiteralBytes(StringLiteralContext literal)
    {
        var bytes = new List<byte>();
        foreach (var part in literal.StringLiteral())
        {
            var text = part.GetText();
            if (!text.StartsWith('"'))
            {
                throw SourceException.Unsupported(At(part.Symbol), "wide or UTF string literal");
            }

            var body = text[1..^1];
            for (var i = 0; i < body.Length; i++)
            {
                if (body[i] != '\\')
                {
                    bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(body[i].ToString()));
                    continue;
                }

                var c = body[++i];
                switch (c)
                {
                    case 'n': bytes.Add(10); break;
                    case 't': bytes.Add(9); break;
                    case 'r': bytes.Add(13); break;
                    case 'a': bytes.Add(7); break;
                    case 'b': bytes.Add(8); break;
                    case 'f': bytes.Add(12); break;
                    case 'v': bytes.Add(11); break;
                    case 'x':
                        var hexEnd = i + 1;
                        while (hexEnd < body.Length && Uri.IsHexDigit(body[hexEnd]))
                        {
                            hexEnd++;
                        }

                        bytes.Add((byte)(System.Convert.ToInt32(body[(i + 1)..hexEnd], 16) & 0xFF));
                        i = hexEnd - 1;
                        break;
                    case >= '0' and <= '7':
                        var octalEnd = i;
                        while (octalEnd < body.Length && octalEnd < i + 3 && body[octalEnd] is >= '0' and <= '7')
                        {
                            octalEnd++;
                        }

                        bytes.Add((byte)(System.Convert.ToInt32(body[i..octalEnd], 8) & 0xFF));
                        i = octalEnd - 1;
                        break;
                    default:
                        // \\, \', \", \?
                        bytes.Add((byte)c);
                        break;
                }
            }
        }

        return bytes;
    }

    /// <summary>
    /// The array object an allocation of <paramref name="size"/> bytes creates: <c>size / sizeof(T)</c> whole elements,
    /// the size computed as C computes it (in <c>size_t</c>, wrapping).
    /// </summary>
    private ArrayDeclStmt Allocation(string objectName, ScalarType elements, ExprContext size, bool onHeap, SourceSpan span) =>
        Allocation(objectName, elements, Convert(size), onHeap, span);

    private ArrayDeclStmt Allocation(string objectName, ScalarType elements, Expr size, bool onHeap, SourceSpan span)
    {
        var sizeType = CTypeRules.ULong(dataModel);
        var bytes = elements.Kind == TypeKind.Bool ? 1 : elements.Bits / 8;
        var count = new BinaryExpr(BinaryOp.Div, new CastExpr(sizeType, size, size.Span), new IntLiteral(bytes, sizeType, span), span);
        if (onHeap)
        {
            _heapArrays.Add(objectName);
        }

        return new ArrayDeclStmt(objectName, elements, count, span) { OnHeap = onHeap };
    }

    /// <summary>
    /// <c>p = alloca(size);</c> or <c>p = malloc(size);</c> as a statement, for a pointer declared without a value: a new
    /// array object, declared here, into which p points from its start (this first store fixes p's array, as any first
    /// store does). Null for any other statement.
    /// </summary>
    private BlockStmt? TryAllocateIntoPointer(ExprContext expression)
    {
        if (expression is not AssignmentContext assignment
            || assignment.assignmentOperator().GetText() != "="
            || IdentifierOf(StripParentheses(assignment.target)) is not { } identifier
            || _scopes.Lookup(identifier.GetText()) is not UnsetPointerSymbol unset
            || AllocationSize(assignment.value, out var cast, out var onHeap) is not { } size
            || unset.ElementType == ScalarType.Void
            || (cast is not null && !IsPointerTo(cast.typeName(), unset.ElementType)))
        {
            return null;
        }

        var span = At(expression);
        var name = identifier.GetText();
        var objectName = _scopes.NewLocalName(name);
        var allocation = Allocation(objectName, unset.ElementType, size, onHeap, span);
        _scopes.RecordArray(objectName);
        RequireLifetime(objectName, name, span);
        _scopes.Rebind(name, new PointerSymbol(unset.IrName, objectName, unset.ElementType, unset.ElementType) { StartsUnset = true, MayBeNull = unset.MayBeNull });
        var start = new AssignExpr(unset.IrName, new IntLiteral(0, OffsetType, span), false, span);
        return new BlockStmt([allocation, new ExprStmt(start, span)], span);
    }

    /// <summary>The name of the C library's <c>realloc</c>.</summary>
    private const string ReallocName = "realloc";

    /// <summary>The heap arrays that <c>p = realloc(p, size)</c> reallocates in the function being converted, with the pointer and where.</summary>
    private readonly List<(string Array, string Pointer, SourceSpan At)> _reallocations = [];

    /// <summary>
    /// <c>p = realloc(p, size);</c> as a statement (optionally cast), for a pointer variable p into a heap array of the
    /// function, or declared without one yet (null, then realloc allocates as malloc does): see
    /// <see cref="ReallocStmt"/>; p then points to the new object's start. A size of 0 is undefined behaviour (C23
    /// 7.24.3.7; implementation-defined before). Null for any statement that does not call realloc; realloc in any other
    /// form is refused, and so is one whose old object another pointer variable may still point into (see
    /// <see cref="CheckReallocations"/>).
    /// </summary>
    private BlockStmt? TryReallocate(ExprContext expression)
    {
        if (expression is not AssignmentContext assignment || ReallocArguments(assignment.value, out var cast) is not var (argument, size))
        {
            return null;
        }

        var span = At(expression);
        var name = IdentifierOf(StripParentheses(assignment.target))?.GetText();
        if (assignment.assignmentOperator().GetText() != "=" || name is null || _macros.ContainsKey(name) || IdentifierOf(StripParentheses(argument))?.GetText() != name)
        {
            throw RefusedRealloc(span);
        }

        var (offset, array, elements) = _scopes.Lookup(name) switch
        {
            PointerSymbol pointer when _heapArrays.Contains(pointer.Array) && pointer.ElementType == pointer.ObjectType && pointer.OffsetCell is null => (pointer.IrName, pointer.Array, pointer.ElementType),
            UnsetPointerSymbol unset when unset.ElementType != ScalarType.Void => (unset.IrName, _scopes.NewLocalName(name), unset.ElementType),
            _ => throw SourceException.Unsupported(span, $"realloc of '{name}', which does not point into an array from malloc in '{_currentFunctionName}'"),
        };
        if (cast is not null && !IsPointerTo(cast.typeName(), elements))
        {
            throw SourceException.Unsupported(span, $"realloc cast to another type than '{name}''s");
        }

        if (_scopes.Lookup(name) is UnsetPointerSymbol first)
        {
            // The first store fixes p's array, which realloc made from null; the object lives until it is freed or
            // reallocated, and p is the only pointer into it.
            _scopes.RecordStaticArray(array);
            _heapArrays.Add(array);
            _scopes.Rebind(name, new PointerSymbol(offset, array, elements, elements) { StartsUnset = true, MayBeNull = first.MayBeNull });
        }

        _reallocations.Add((array, offset, span));
        var sizeType = CTypeRules.ULong(dataModel);
        var bytes = new CastExpr(sizeType, Convert(size), At(size));
        var nonZero = new ConditionalExpr(
            new BinaryExpr(BinaryOp.Ne, bytes, new IntLiteral(0, sizeType, span), span),
            bytes,
            new UndefinedExpr(bytes, $"realloc of '{name}' to size 0", At(size)),
            span);
        var length = new BinaryExpr(BinaryOp.Div, nonZero, new IntLiteral(elements.Kind == TypeKind.Bool ? 1 : elements.Bits / 8, sizeType, span), span);
        var start = new AssignExpr(offset, new IntLiteral(0, OffsetType, span), false, span);
        return new BlockStmt([new ReallocStmt(array, new VarRef(offset, span), length, elements, span), new ExprStmt(start, span)], span);
    }

    private static SourceException RefusedRealloc(SourceSpan span) =>
        SourceException.Unsupported(span, "realloc other than 'p = realloc(p, size);' of one pointer variable");

    /// <summary><c>realloc(p, size)</c> of the C library (optionally cast): its two arguments; null for anything else.</summary>
    private (ExprContext Pointer, ExprContext Size)? ReallocArguments(ExprContext expression, out CastContext? cast)
    {
        var call = StripParentheses(expression);
        cast = call as CastContext;
        if (cast is not null)
        {
            call = StripParentheses(cast.expr());
        }

        return call is CallContext realloc && CalleeName(realloc) == ReallocName && !_definedFunctionArity.ContainsKey(ReallocName)
            && _scopes.Lookup(ReallocName) is null && realloc.argumentList()?.expr() is [var pointer, var size]
                ? (pointer, size)
                : null;
    }

    /// <summary>
    /// Once the function is converted: refuses a realloc whose old object another pointer variable points into (its
    /// array is fixed, so a use of it after the realloc would reach the new object where C says the use is undefined),
    /// and one of an array the function returns.
    /// </summary>
    private void CheckReallocations()
    {
        foreach (var (array, pointer, at) in _reallocations)
        {
            var name = pointer.Split('#')[0];
            if (_scopes.PointersInto(array).FirstOrDefault(p => p.IrName != pointer) is { } other)
            {
                throw SourceException.Unsupported(at, $"realloc of '{name}' while pointer '{other.IrName.Split('#')[0]}' points into the same array");
            }

            if (_returnedArrays.ContainsKey(array))
            {
                throw SourceException.Unsupported(at, $"realloc of '{name}', whose array '{_currentFunctionName}' returns");
            }
        }
    }

    /// <summary>
    /// The size argument of <c>alloca(size)</c> (or <c>__builtin_alloca</c>) or <c>malloc(size)</c> (then
    /// <paramref name="onHeap"/>), optionally cast (<paramref name="cast"/>); null for any other expression.
    /// </summary>
    private ExprContext? AllocationSize(ExprContext initializer, out CastContext? cast, out bool onHeap)
    {
        var allocation = StripParentheses(initializer);
        cast = allocation as CastContext;
        if (cast is not null)
        {
            allocation = StripParentheses(cast.expr());
        }

        onHeap = allocation is CallContext { } heap && CalleeName(heap) == MallocName;
        return allocation is CallContext call
            && CalleeName(call) is { } callee
            && (AllocaNames.Contains(callee) || callee == MallocName)
            && !_definedFunctionArity.ContainsKey(callee)
            && _scopes.Lookup(callee) is null
            && call.argumentList()?.expr() is [var size]
            ? size
            : null;
    }

    /// <summary>
    /// <c>free(p)</c> of a pointer into a heap array of the function, or a null pointer (see <see cref="FreeStmt"/>).
    /// Refused for any other pointer: one into an object a caller passes, whose origin is unknown here.
    /// </summary>
    private Stmt ConvertFree(CallContext call, ExprContext argument, SourceSpan span)
    {
        if (RecordLayoutOf(argument) is { } layout)
        {
            return new FreeRecordStmt(RecordOf(layout, span).Name, RecordAddress(argument, layout), At(call));
        }

        var pointer = PointerOf(argument) ?? throw Unsupported(argument, "free of something other than a pointer into an array");
        if (!_heapArrays.Contains(pointer.Array))
        {
            throw SourceException.Unsupported(span, $"free of a pointer that does not come from malloc in '{_currentFunctionName}'");
        }

        return new FreeStmt(pointer.Array, pointer.Formed(), At(call));
    }

    private static SourceException ArrayUsedAsValue(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"array '{name}' used other than through its elements (a[i], *a)");

    /// <summary>The object <c>*p</c> denotes when <paramref name="operand"/> is a pointer to an object of its own; null otherwise.</summary>
    private CellPointerSymbol? CellPointerOf(ExprContext operand) =>
        IdentifierOf(StripParentheses(operand)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
            ? _scopes.Lookup(identifier.GetText()) as CellPointerSymbol
            : null;

    private bool IsPointerTo(TypeNameContext typeName, ScalarType type) =>
        typeName.abstractDeclarator() is { } abstractDeclarator
        && abstractDeclarator.ChildCount == 1
        && PointerDepth(abstractDeclarator.pointer()) == 1
        && StorageClass(typeName.declarationSpecifiers(), out _) is null
        && ResolveType(typeName.declarationSpecifiers()) == type;

    private static int PointerDepth(PointerContext? pointer) =>
        pointer is null ? 0 : Enumerable.Range(0, pointer.ChildCount).Count(i => pointer.GetChild(i) is ITerminalNode { Symbol.Text: "*" });
}
