using System.Numerics;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Arrays of two or more dimensions with constant lengths (<c>T m[R][C]</c>, <c>T a[X][Y][Z]</c>), local or at file
/// scope: one array object of the product of the lengths, in row-major order, reached only through whole elements
/// (see <see cref="MatrixSymbol"/>).
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The most elements a multi-dimensional array may have.</summary>
    private static readonly BigInteger MaxMatrixElements = BigInteger.One << 40;

    /// <summary>
    /// For a declarator of an array of two or more dimensions (<c>m[R][C]</c>, <c>a[X][Y][Z]</c>, the first length
    /// optional): its name and its lengths in the order they are written; null for any other declarator.
    /// </summary>
    private static (NamedDeclaratorContext Name, ExpressionContext?[] Lengths)? MultiDimensional(DirectDeclaratorContext declarator)
    {
        var lengths = new List<ExpressionContext?>();
        while (declarator is ArrayDeclaratorContext array)
        {
            lengths.Insert(0, array.expression());
            declarator = array.directDeclarator();
        }

        return lengths.Count >= 2 && declarator is NamedDeclaratorContext named ? (named, [.. lengths]) : null;
    }

    /// <summary>
    /// <c>T a[L0][L1]...[Ln]</c> with constant lengths (L0 may come from the initializer), optionally initialized by
    /// nested lists or by values in row-major order, as C's rules on braces say (C11 6.7.9p20): one local array of
    /// <c>L0 * L1 * ... * Ln</c> elements (see <see cref="MatrixSymbol"/>).
    /// </summary>
    private Stmt[] DeclareMatrix(NamedDeclaratorContext named, ExpressionContext?[] lengths, InitializerContext? initializer, ScalarType type)
    {
        var (span, name, length, inner, values) = MatrixLayout(named, lengths, initializer, type);
        RejectMacroName(name, span);
        var irName = _scopes.NewLocalName(name);
        _scopes.RecordArray(irName);
        _scopes.Declare(name, new MatrixSymbol(irName, type, inner) { Length = length }, span);
        var sizeType = CTypeRules.ULong(dataModel);
        var statements = new List<Stmt> { new ArrayDeclStmt(irName, type, new IntLiteral(length, sizeType, span), span) { Zeroed = initializer is not null } };
        foreach (var (index, value) in values)
        {
            statements.Add(new ExprStmt(new ArrayAssignExpr(irName, new IntLiteral(index, sizeType, value.Span), value, type, value.Span), value.Span));
        }

        return [.. statements];
    }

    /// <summary>
    /// <c>T g[L0][L1]...[Ln];</c> at file scope, optionally initialized by constants as <see cref="DeclareMatrix"/>
    /// reads them: an array every function reaches by its name (see <see cref="ProgramIr.GlobalArrays"/>).
    /// </summary>
    private void DeclareGlobalMatrix(NamedDeclaratorContext named, ExpressionContext?[] lengths, InitializerContext? initializer, ScalarType type)
    {
        var (span, name, length, inner, values) = MatrixLayout(named, lengths, initializer, type);
        if (length > 1 << 24)
        {
            throw new SourceException(span, $"array '{name}' of more than 2^24 elements");
        }

        if (_definedFunctionArity.ContainsKey(name))
        {
            throw new SourceException(span, $"'{name}' is already a function");
        }

        var contents = new BigInteger[values.Count == 0 ? 0 : values.Keys.Max() + 1];
        foreach (var (index, value) in values)
        {
            contents[index] = ConstantEvaluator.Evaluate(value).Value;
        }

        RejectMacroName(name, span);
        _scopes.Declare(name, new MatrixSymbol(name, type, inner) { Length = length }, span);
        _scopes.RecordArray(name);
        _globalArrays.Add(new ArrayDeclStmt(name, type, new IntLiteral(length, CTypeRules.ULong(dataModel), span), span)
        {
            Zeroed = true,
            Contents = new([.. contents]),
        });
    }

    /// <summary>
    /// The shape of a multi-dimensional array: its number of elements, the lengths of its dimensions after the first,
    /// and the values its initializer gives, by element in row-major order (the others are 0 when there is an
    /// initializer). A list in braces fills the subarray (or the element) it starts at; values outside braces fill
    /// elements in order, as many as the subarray they start has (C11 6.7.9p20).
    /// </summary>
    private (SourceSpan Span, string Name, long Length, long[] Inner, SortedDictionary<long, Expr> Values) MatrixLayout(
        NamedDeclaratorContext named, ExpressionContext?[] lengths, InitializerContext? initializer, ScalarType type)
    {
        var span = At(named.Identifier().Symbol);
        var name = named.GetText();
        if (type == ScalarType.Void)
        {
            throw new SourceException(span, $"array '{name}' of void");
        }

        long Dimension(ExpressionContext length)
        {
            var value = ConvertExpression(length);
            if (IrWalker.Expressions(new ExprStmt(value, span)).Any(e => e is not (IntLiteral or CastExpr or UnaryExpr or BinaryExpr or ConditionalExpr)))
            {
                throw Unsupported(length, "variable-length multi-dimensional array");
            }

            var (constant, _) = ConstantEvaluator.Evaluate(value);
            return constant > 0 && constant <= 1 << 20 ? (long)constant : throw new SourceException(At(length), $"array '{name}' must have a positive length (at most 2^20)");
        }

        var inner = lengths.Skip(1).Select(l => l is null ? throw IncompleteElementType(span, name) : Dimension(l)).ToArray();

        // sizes[k]: the elements of one subarray at depth k (an element of the array at depth k - 1); sizes[^1] is 1.
        var sizes = new long[lengths.Length + 1];
        sizes[^1] = 1;
        for (var k = lengths.Length - 1; k >= 1; k--)
        {
            sizes[k] = sizes[k + 1] * inner[k - 1];
        }

        var first = lengths[0] is { } firstLength ? Dimension(firstLength) : (long?)null;
        var values = new SortedDictionary<long, Expr>();
        var rows = first ?? (initializer is not null ? 0 : throw new SourceException(span, $"array '{name}' without a length or an initializer"));
        if (initializer is not null)
        {
            if (initializer.expr() is not null)
            {
                throw SourceException.Unsupported(At(initializer), $"array '{name}' initialized by an expression");
            }

            var refusal = $"initializer of array '{name}' other than lists of values (designators, braces around a braced value)";
            var items = new Queue<IParseTree>(InitializerItems(initializer, refusal));

            // Fills the subarray at depth 'depth' that starts at element 'start' from the items, taking as many as it
            // holds; returns how many of its elements the items reached.
            long Fill(int depth, long start, Queue<IParseTree> from)
            {
                var count = depth == 0 ? first ?? long.MaxValue : inner[depth - 1];
                long e = 0;
                for (; e < count && from.Count > 0; e++)
                {
                    var at = start + e * sizes[depth + 1];
                    if (from.Peek() is InitializerContext braced)
                    {
                        from.Dequeue();
                        Braced(depth + 1, at, braced);
                    }
                    else if (depth + 1 == lengths.Length)
                    {
                        values[at] = Convert((ExprContext)from.Dequeue());
                    }
                    else
                    {
                        // A value outside braces starts the subarray here, which takes the values that follow too.
                        Fill(depth + 1, at, from);
                    }
                }

                return e;
            }

            void Braced(int depth, long start, InitializerContext list)
            {
                if (depth == lengths.Length)
                {
                    // Braces around one value ('{5}') initialize one element.
                    if (InitializerItems(list, refusal) is not [ExprContext single])
                    {
                        throw SourceException.Unsupported(At(list), refusal);
                    }

                    values[start] = Convert(single);
                    return;
                }

                var listItems = new Queue<IParseTree>(InitializerItems(list, refusal));
                Fill(depth, start, listItems);
                if (listItems.Count > 0)
                {
                    throw new SourceException(At((Antlr4.Runtime.ParserRuleContext)listItems.Peek()), $"more values than the {sizes[depth]} elements of a subarray of array '{name}'");
                }
            }

            var reached = Fill(0, 0, items);
            if (items.Count > 0)
            {
                throw new SourceException(At((Antlr4.Runtime.ParserRuleContext)items.Peek()), $"more values than the {rows * sizes[1]} elements of array '{name}'");
            }

            rows = first ?? Math.Max(1, reached);
        }

        var length = rows * (BigInteger)sizes[1];
        return length <= MaxMatrixElements
            ? (span, name, (long)length, inner, values)
            : throw new SourceException(span, $"array '{name}' of more than 2^40 elements");
    }

    /// <summary>
    /// <c>a[i][j]...</c> with one index per dimension of a multi-dimensional array: element <c>(i * L1 + j) * L2 + ...</c>
    /// of its object, where an index other than the first outside its dimension is undefined behaviour of its own even
    /// inside the object (C11 6.5.6p8; the first index is checked by the object's bounds). Null for any other expression.
    /// </summary>
    private (PointerOperand Pointer, Expr Index)? MatrixElement(ExprContext target)
    {
        var indexes = new List<ExpressionContext>();
        var array = target;
        while (array is SubscriptContext subscript)
        {
            indexes.Insert(0, subscript.expression());
            array = StripParentheses(subscript.expr());
        }

        if (indexes.Count == 0 || RowsOf(array) is not { } rows)
        {
            return null;
        }

        var span = At(target);
        var name = array.GetText();
        if (indexes.Count != rows.InnerLengths.Length + 1)
        {
            throw rows.IsParameter
                ? MatrixPointerUsedOtherwise(span, name, rows.InnerLengths.Length + 1)
                : SourceException.Unsupported(span, $"array '{name}' of {rows.InnerLengths.Length + 1} dimensions used other than through its elements");
        }

        var converted = indexes.Select(ConvertExpression).ToList();
        var index = CheckedFlatIndex(converted, rows.InnerLengths, (k, dimension) => $"{Ordinal(k + 1)} index of '{name}' out of the bounds of its dimension ({dimension} elements)", "a multi-dimensional array", span);
        var pointer = new PointerOperand(rows.Array, rows.ElementType, rows.ElementType, rows.Offset, true, span);
        return (pointer, pointer.IsAtStart ? index : new BinaryExpr(BinaryOp.Add, rows.Offset, index, span));
    }

    /// <summary>
    /// Rows of a multi-dimensional array that <paramref name="expression"/> names: a local or file-scope array (its
    /// rows from the first), or a parameter that points to rows (from the row it points to). Null for anything else.
    /// </summary>
    private MatrixRows? RowsOf(ExprContext expression)
    {
        var span = At(expression);
        if (IdentifierOf(StripParentheses(expression)) is not { } identifier || _macros.ContainsKey(identifier.GetText()))
        {
            return null;
        }

        return _scopes.Lookup(identifier.GetText()) switch
        {
            MatrixSymbol matrix => new MatrixRows(matrix.IrName, matrix.ElementType, matrix.InnerLengths, new IntLiteral(0, OffsetType, span), false),
            MatrixPointerSymbol parameter => new MatrixRows(parameter.Array, parameter.ElementType, parameter.InnerLengths, new VarRef(parameter.IrName, span), true),
            _ => null,
        };
    }

    /// <summary>
    /// Rows of <paramref name="InnerLengths"/> elements of <paramref name="ElementType"/> in the flat object
    /// <paramref name="Array"/>, from the element at <paramref name="Offset"/> (the start of a row);
    /// <paramref name="IsParameter"/> for a parameter that points to rows.
    /// </summary>
    private sealed record MatrixRows(string Array, ScalarType ElementType, long[] InnerLengths, Expr Offset, bool IsParameter);

    /// <summary>For each function defined so far, its parameters that point to rows of an array (null for the others).</summary>
    private readonly Dictionary<string, MatrixPointerSymbol?[]> _matrixParameters = [];

    /// <summary>
    /// A parameter that points to rows of an array, <c>T m[][C]</c>, <c>T m[R][C]</c> (R is ignored, C11 6.7.6.3p7) or
    /// <c>T (*m)[C]</c>, with constant lengths after the first, and more dimensions alike (see
    /// <see cref="MatrixPointerSymbol"/>): a pointer parameter whose object each call binds to the caller's array. Only
    /// the calls of the program describe that object, so the function is not analyzed on its own. Null for any other
    /// parameter.
    /// </summary>
    private Parameter? MatrixParameter(ParameterDeclarationContext parameter)
    {
        if (parameter.declarator() is not { } declarator || declarator.pointer() is not null)
        {
            return null;
        }

        var lengths = new List<ExpressionContext?>();
        var direct = declarator.directDeclarator();
        while (direct is ArrayDeclaratorContext array)
        {
            lengths.Insert(0, array.expression());
            direct = array.directDeclarator();
        }

        ExpressionContext?[] inner;
        NamedDeclaratorContext named;
        if (lengths.Count >= 2 && direct is NamedDeclaratorContext arrayName)
        {
            // T m[R][C]: the first length only adjusts to a pointer.
            named = arrayName;
            if (lengths[0] is { } first)
            {
                _ = ConstantLength(first, named.GetText(), "array parameter with a variable length");
            }

            inner = [.. lengths.Skip(1)];
        }
        else if (lengths.Count >= 1
            && direct is ParenthesizedDeclaratorContext { } parenthesized
            && PointerDepth(parenthesized.declarator().pointer()) == 1
            && parenthesized.declarator().directDeclarator() is NamedDeclaratorContext pointerName)
        {
            named = pointerName;
            inner = [.. lengths];
        }
        else
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        RejectMacroName(name, span);
        var type = ResolveType(parameter.declarationSpecifiers());
        if (type == ScalarType.Void)
        {
            throw new SourceException(span, $"array '{name}' of void");
        }

        var innerLengths = inner.Select(l => l is null ? throw IncompleteElementType(span, name) : ConstantLength(l, name, "array parameter with a variable length after the first")).ToArray();
        if (_assignedNames.Contains(name) || _addressedNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"parameter '{name}' that points to rows of an array, assigned or whose address is taken");
        }

        var symbol = new MatrixPointerSymbol(_scopes.NewLocalName(name), "*" + name, type, innerLengths);
        _scopes.Declare(name, symbol, span);
        _scopes.RecordArray(symbol.Array);
        return new Parameter(symbol.IrName, OffsetType, span) { PointsInto = symbol.Array };
    }

    /// <summary>
    /// The argument of a parameter that points to rows (<paramref name="parameter"/>): an array of rows of the same shape
    /// and element type, or a parameter that points to such rows, as it is (<c>m</c>) or moved by whole rows
    /// (<c>m + k</c>, <c>m - k</c>, <c>&amp;m[k]</c>), which must stay within the object (one past its last row at most).
    /// </summary>
    private PointerExpr MatrixArgument(ExprContext argument, MatrixPointerSymbol parameter, string what)
    {
        var span = At(argument);
        var expression = StripParentheses(argument);
        ExprContext rowsExpression = expression;
        Expr? delta = null;
        var subtract = false;
        switch (expression)
        {
            case AdditiveContext add when RowsOf(add.left) is not null:
                rowsExpression = add.left;
                delta = Convert(add.right);
                subtract = add.op.Text == "-";
                break;
            case AdditiveContext { op.Text: "+" } add when RowsOf(add.right) is not null:
                rowsExpression = add.right;
                delta = Convert(add.left);
                break;
            case UnaryContext { op.Text: "&" } address when StripParentheses(address.expr()) is SubscriptContext subscript && RowsOf(subscript.expr()) is not null:
                rowsExpression = subscript.expr();
                delta = ConvertExpression(subscript.expression());
                break;
        }

        var rows = RowsOf(rowsExpression)
            ?? throw SourceException.Unsupported(span, $"{what} is not an array of rows of {RowText(parameter.InnerLengths, parameter.ElementType)} (or a pointer to its rows)");
        if (rows.ElementType != parameter.ElementType || !rows.InnerLengths.SequenceEqual(parameter.InnerLengths))
        {
            throw SourceException.Unsupported(span, $"{what} is an array of rows of {RowText(rows.InnerLengths, rows.ElementType)}, not of {RowText(parameter.InnerLengths, parameter.ElementType)}");
        }

        var pointer = new PointerOperand(rows.Array, rows.ElementType, rows.ElementType, rows.Offset, true, span);
        if (delta is not null)
        {
            var rowLength = parameter.InnerLengths.Aggregate(1L, (product, length) => product * length);
            pointer = pointer.Moved(new BinaryExpr(BinaryOp.Mul, Wide(delta), new IntLiteral(rowLength, ScalarType.LongLong, span), span), subtract, span);
        }

        return pointer.Argument();

        static Expr Wide(Expr e) => new CastExpr(ScalarType.LongLong, e, e.Span);
    }

    /// <summary>The type of a row in messages: <c>3 'int'</c>, <c>3 x 4 'int'</c>.</summary>
    private static string RowText(long[] innerLengths, ScalarType elementType) => $"{string.Join(" x ", innerLengths)} '{elementType}'";

    /// <summary>
    /// A parameter that points to rows used other than through its elements (of <paramref name="indexes"/> indexes) or
    /// as the argument of such a parameter.
    /// </summary>
    private static SourceException MatrixPointerUsedOtherwise(SourceSpan span, string name, int indexes) =>
        SourceException.Unsupported(span, $"parameter '{name}' that points to rows of an array used other than through its elements ({name}{string.Concat(Enumerable.Range(0, indexes).Select(k => $"[{(char)('i' + k)}]"))}) or passed on whole");

    /// <summary>
    /// The position <c>(i * L1 + j) * L2 + ...</c> in row-major order of the element at <paramref name="indexes"/> of an
    /// object whose dimensions after the first are <paramref name="innerLengths"/>, computed in <c>long long</c>. An index
    /// other than the first outside its dimension is undefined behaviour of its own even inside the object (C11
    /// 6.5.6p8; the first index is checked by the object's bounds), named by <paramref name="outside"/> (of the
    /// index's position and its dimension's length). Indexes with side effects are refused, since they are read twice
    /// (the refusal names the object as <paramref name="objectKind"/>).
    /// </summary>
    private static Expr CheckedFlatIndex(List<Expr> indexes, long[] innerLengths, Func<int, long, string> outside, string objectKind, SourceSpan span)
    {
        if (indexes.Any(index => IrWalker.Expressions(new ExprStmt(index, span)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr)))
        {
            throw SourceException.Unsupported(span, $"an index with side effects into {objectKind}");
        }

        var wide = ScalarType.LongLong;
        Expr Wide(Expr e) => new CastExpr(wide, e, e.Span);
        var flat = Wide(indexes[0]);
        for (var k = 1; k < indexes.Count; k++)
        {
            flat = new BinaryExpr(BinaryOp.Add, new BinaryExpr(BinaryOp.Mul, flat, new IntLiteral(innerLengths[k - 1], wide, span), span), Wide(indexes[k]), span);
        }

        var index = flat;
        for (var k = indexes.Count - 1; k >= 1; k--)
        {
            var dimension = innerLengths[k - 1];
            var within = new BinaryExpr(
                BinaryOp.And,
                new BinaryExpr(BinaryOp.Ge, Wide(indexes[k]), new IntLiteral(0, wide, span), span),
                new BinaryExpr(BinaryOp.Lt, Wide(indexes[k]), new IntLiteral(dimension, wide, span), span),
                span);
            index = new ConditionalExpr(within, index, new UndefinedExpr(flat, outside(k, dimension), indexes[k].Span), span);
        }

        return index;
    }

    /// <summary>
    /// An array whose elements are arrays without a length (<c>int a[2][];</c>), which C does not allow (C11 6.7.6.2p1:
    /// the element type must be complete): a refusal of the declaring function (or of the users of a declaration at
    /// file scope), with the message C compilers give.
    /// </summary>
    private static SourceException IncompleteElementType(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"array type has incomplete element type: array '{name}' without the length of a dimension after the first");

    private static string Ordinal(int n) => n switch
    {
        2 => "second",
        3 => "third",
        _ => $"{n}th",
    };
}
