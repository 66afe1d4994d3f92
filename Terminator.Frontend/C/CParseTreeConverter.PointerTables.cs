using System.Numerics;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Tables of row pointers: arrays whose elements point to arrays from <c>malloc</c> (the rows of a two-dimensional
/// dynamic array), local (<c>int *tab[4];</c>), at file scope, or themselves from <c>malloc</c>
/// (<c>int **m = malloc(n * sizeof(int *));</c>), reached as <c>m[i][j]</c>, <c>m[i] = malloc(...)</c>,
/// <c>m[i] = NULL</c>, <c>m[i] == 0</c>, <c>!m[i]</c>, <c>free(m[i])</c>, <c>free(m)</c> and <c>T *row = m[i];</c>
/// (see <see cref="TableSymbol"/>).
/// <para>
/// A table is two arrays. Its slots hold, for each element, the state of the row pointer there: never set
/// (<see cref="UnsetRow"/>; null for a table of static storage or with an initializer), null (<see cref="NullRow"/>),
/// freed (<see cref="FreedRow"/>), or a live row of length L (<see cref="LiveRow"/> + L). Its rows hold the contents
/// of every row, element j of the row in slot i at <c>i * RowStride + j</c>; a row that <c>malloc</c> makes anew in a
/// slot holds arbitrary values (whatever the slot's earlier rows left there is one such choice). Each use of a row
/// checks its slot: using a row pointer never set, freed, or (dereferenced) null, and an element outside the row's
/// length, is undefined behaviour. The slots array is checked per element (see
/// <see cref="ArrayDeclStmt.CheckedPerElement"/>): the analysis follows one slot of its choosing exactly, which is
/// what lets it prove that every row a loop allocates is used within its length, and the rows array is indexed only
/// after those checks (see <see cref="ArrayDeclStmt.InBoundsByConstruction"/>). The interpreter runs both arrays
/// cell by cell.
/// </para>
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The state of a slot never stored into (null, for a table of static storage or with an initializer).</summary>
    private const int UnsetRow = 0;

    /// <summary>The state of a slot that holds the null pointer.</summary>
    private const int NullRow = 1;

    /// <summary>The state of a slot whose row was freed.</summary>
    private const int FreedRow = 2;

    /// <summary>The state of a slot that holds a live row of length L is this plus L.</summary>
    private const int LiveRow = 3;

    /// <summary>How far apart two slots' rows lie in the rows array: more than any row's length (a size_t).</summary>
    private static readonly BigInteger RowStride = BigInteger.One << 64;

    // ------------------------------------------------------------------ declarations

    /// <summary>
    /// <c>T *name[N];</c> (local, or <c>T *name[N] = {0};</c> with null pointer constants only) or
    /// <c>T **name = malloc(size);</c> (<c>calloc(k, s)</c>, optionally cast to <c>T **</c>): a table of row pointers.
    /// Null for any other declarator.
    /// </summary>
    private Stmt[]? TryDeclareTable(InitDeclaratorContext initDeclarator, DeclarationSpecifiersContext specifiers, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        var initializer = initDeclarator.initializer();
        switch (PointerDepth(declarator.pointer()), declarator.directDeclarator())
        {
            case (1, ArrayDeclaratorContext array)
                when array.directDeclarator() is NamedDeclaratorContext named && array.expression() is { } lengthExpression
                    && NullInitializer(initializer) is { } nullInitially:
            {
                var type = elementType();
                if (!type.IsMachineInteger)
                {
                    return null;
                }

                var (name, span) = (named.GetText(), At(named.Identifier().Symbol));
                var length = ConstantLength(lengthExpression, name, $"table of row pointers '{name}' of variable length");
                var table = DeclareTableSymbol(name, type, length, nullInitially, onHeap: false, span);
                var count = new IntLiteral(length, OffsetType, span);
                return
                [
                    new ArrayDeclStmt(table.Slots, OffsetType, count, span) { Zeroed = true, CheckedPerElement = true },
                    new ArrayDeclStmt(table.Rows, type, RowsLength(count, span), span) { InBoundsByConstruction = true },
                ];
            }

            case (2, NamedDeclaratorContext named) when initializer?.expr() is { } value:
            {
                var type = elementType();
                if (!type.IsMachineInteger || HeapCellLayout(named.GetText(), specifiers, array: true) is not null)
                {
                    return null;
                }

                Expr bytes;
                CastContext? cast;
                var calloc = false;
                if (CallocArguments(value, out cast) is var (count, each))
                {
                    var sizeType = CTypeRules.ULong(dataModel);
                    bytes = new BinaryExpr(BinaryOp.Mul, new CastExpr(sizeType, Convert(count), At(count)), new CastExpr(sizeType, Convert(each), At(each)), At(value));
                    calloc = true;
                }
                else if (AllocationSize(value, out cast, out var onHeap) is { } size && onHeap)
                {
                    bytes = Convert(size);
                }
                else
                {
                    return null;
                }

                var (name, span) = (named.GetText(), At(named.Identifier().Symbol));
                if (cast is not null && !(cast.typeName().abstractDeclarator() is { ChildCount: 1 } abstractDeclarator
                        && PointerDepth(abstractDeclarator.pointer()) == 2 && ResolveType(cast.typeName().declarationSpecifiers()) == type))
                {
                    throw SourceException.Unsupported(At(cast), $"table of row pointers '{name}' allocated with a cast to another type than '{type} **'");
                }

                if (_assignedNames.Contains(name) || _addressedNames.Contains(name))
                {
                    throw SourceException.Unsupported(span, $"table of row pointers '{name}' assigned or whose address is taken");
                }

                var table = DeclareTableSymbol(name, type, null, calloc, onHeap: true, span);
                _heapArrays.Add(table.Slots);
                var (prelude, slotCount) = ElementCount(bytes, PointerBytes, span);
                return
                [
                    .. prelude,
                    new ArrayDeclStmt(table.Slots, OffsetType, slotCount, span) { OnHeap = true, Zeroed = true, CheckedPerElement = true },
                    new ArrayDeclStmt(table.Rows, type, RowsLength(new IntLiteral(RowStride, OffsetType, span), span), span) { InBoundsByConstruction = true },
                ];
            }

            default:
                return null;
        }
    }

    /// <summary>
    /// <c>T *name[N];</c> at file scope (optionally initialized by null pointer constants): a table of row pointers
    /// whose slots start null. Returns whether the declarator is one.
    /// </summary>
    private bool TryDeclareGlobalTable(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (PointerDepth(declarator.pointer()) != 1
            || declarator.directDeclarator() is not ArrayDeclaratorContext array
            || array.directDeclarator() is not NamedDeclaratorContext named
            || array.expression() is not { } lengthExpression
            || NullInitializer(initDeclarator.initializer()) is null
            || elementType() is not { IsMachineInteger: true } type)
        {
            return false;
        }

        var (name, span) = (named.GetText(), At(named.Identifier().Symbol));
        if (_definedFunctionArity.ContainsKey(name))
        {
            throw new SourceException(span, $"'{name}' is already a function");
        }

        var length = ConstantLength(lengthExpression, name, $"table of row pointers '{name}' of variable length");
        var table = DeclareTableSymbol(name, type, length, nullInitially: true, onHeap: false, span);
        var count = new IntLiteral(length, OffsetType, span);
        _globalArrays.Add(new ArrayDeclStmt(table.Slots, OffsetType, count, span) { Zeroed = true, CheckedPerElement = true });
        _globalArrays.Add(new ArrayDeclStmt(table.Rows, type, RowsLength(count, span), span) { InBoundsByConstruction = true });
        return true;
    }

    /// <summary>
    /// For the initializer of an array of pointers: whether its slots start null (an initializer of null pointer
    /// constants) or unset (none); null for any other initializer.
    /// </summary>
    private bool? NullInitializer(InitializerContext? initializer)
    {
        if (initializer is null)
        {
            return false;
        }

        return initializer.expr() is null
            && InitializerList(initializer, "initializer of a table of row pointers other than null pointers", At(initializer)) is { Length: > 0 } values
            && values.All(IsNullPointerConstant)
                ? true
                : null;
    }

    private TableSymbol DeclareTableSymbol(string name, ScalarType type, long? length, bool nullInitially, bool onHeap, SourceSpan span)
    {
        RejectMacroName(name, span);
        var atFileScope = _scopes.AtFileScope;
        var slots = atFileScope ? $"slots({name})" : _scopes.NewLocalName($"slots({name})");
        var rows = atFileScope ? $"rows({name})" : _scopes.NewLocalName($"rows({name})");
        if (atFileScope)
        {
            _scopes.ReserveGlobalNames([slots, rows]);
        }

        var table = new TableSymbol(slots, rows, type, length, nullInitially, onHeap);
        _scopes.Declare(name, table, span);
        _scopes.RecordArray(slots);
        _scopes.RecordArray(rows);
        return table;
    }

    /// <summary>
    /// The number of whole elements of <paramref name="elementBytes"/> bytes in an allocation of <paramref name="size"/>
    /// bytes (a size_t, wrapping as C computes it), as an unbounded integer. For the usual <c>count * sizeof(T)</c>
    /// (either order, the count free of side effects) it is stated as <c>count</c> when the product does not wrap,
    /// which is the same value in a form the analysis relates to the count without division.
    /// </summary>
    private (Stmt[] Prelude, Expr Count) ElementCount(Expr size, int elementBytes, SourceSpan span)
    {
        var sizeType = CTypeRules.ULong(dataModel);
        var count = size switch
        {
            BinaryExpr { Op: BinaryOp.Mul, Left: var left, Right: var right } when IsSize(right) => left,
            BinaryExpr { Op: BinaryOp.Mul, Left: var left, Right: var right } when IsSize(left) => right,
            _ => null,
        };
        if (count is null || !BigInteger.IsPow2(elementBytes)
            || IrWalker.Expressions(new ExprStmt(count, span)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr or NewRecordExpr or ArrayReadExpr or FieldReadExpr))
        {
            return ([], new CastExpr(OffsetType, new BinaryExpr(BinaryOp.Div, new CastExpr(sizeType, size, size.Span), new IntLiteral(elementBytes, sizeType, span), span), span));
        }

        // (count * b mod 2^W) / b is (size_t)count mod (2^W / b), for b a power of two: piecewise linear in the count,
        // held in a variable of its own so that the pieces test one variable. The size is computed all the same, for
        // its own undefined behaviour (a signed product that overflows).
        var wideName = _scopes.NewLocalName("count");
        Stmt[] prelude = [new ExprStmt(size, span), new VarDeclStmt(wideName, sizeType, new CastExpr(sizeType, count, count.Span), span)];
        var wide = new CastExpr(OffsetType, new VarRef(wideName, span), span);
        var period = (CTypeRules.MaxValue(sizeType) + 1) / elementBytes;
        Expr value = new BinaryExpr(BinaryOp.Sub, wide, new IntLiteral(period * (elementBytes - 1), OffsetType, span), span);
        for (var k = elementBytes - 2; k >= 0; k--)
        {
            var below = new BinaryExpr(BinaryOp.Lt, wide, new IntLiteral(period * (k + 1), OffsetType, span), span);
            value = new ConditionalExpr(below, k == 0 ? wide : new BinaryExpr(BinaryOp.Sub, wide, new IntLiteral(period * k, OffsetType, span), span), value, span);
        }

        return (prelude, value);

        bool IsSize(Expr operand) =>
            (operand is CastExpr { Operand: var inner } ? inner : operand) is IntLiteral { Value: var value } && value == elementBytes;
    }

    /// <summary>
    /// The length of a table's rows array: room for a row of any length in each slot (a table from malloc has fewer
    /// slots than the row stride).
    /// </summary>
    private static BinaryExpr RowsLength(Expr slots, SourceSpan span) =>
        new(BinaryOp.Mul, slots, new IntLiteral(RowStride, OffsetType, span), span);

    /// <summary>
    /// <c>T *row = m[i];</c> of a table of row pointers: the pointer names slot i (an unset or freed row pointer cannot
    /// be read). The table's slot must keep that row while the pointer is in scope: the rest of the enclosing block
    /// stores into no slot of the table and frees nothing but through the pointer itself, and calls no function of the
    /// file when the table is at file scope. Null for any other declarator.
    /// </summary>
    private Stmt[]? TryDeclareRowPointer(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != 1
            || initDeclarator.initializer()?.expr() is not { } initializer
            || TableSlotOf(initializer) is not var (tableName, table, subscript))
        {
            return null;
        }

        var (name, span) = (named.GetText(), At(named.Identifier().Symbol));
        if (_assignedNames.Contains(name) || _addressedNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"pointer '{name}', read from the table of row pointers '{tableName}', assigned or whose address is taken");
        }

        if (elementType() != table.ElementType)
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' to another type than the rows of '{tableName}'");
        }

        RequireRowKept(initDeclarator, name, tableName, table, span);
        var slot = SlotIndex(subscript.expression(), tableName);
        RejectMacroName(name, span);
        var slotName = _scopes.NewLocalName($"slot({name})");
        _scopes.Declare(name, new RowPointerSymbol(slotName, tableName, table), span);
        var slotVariable = new VarRef(slotName, span);
        var display = $"{tableName}[{subscript.expression().GetText()}]";
        return
        [
            new VarDeclStmt(slotName, OffsetType, slot, span),
            .. RowPointerChecks(table, slotVariable, display, span).Select(check => new ExprStmt(check, span)),
        ];
    }

    /// <summary>Refuses a pointer read from a table whose slot may change while the pointer is in scope (see <see cref="TryDeclareRowPointer"/>).</summary>
    private void RequireRowKept(InitDeclaratorContext initDeclarator, string name, string tableName, TableSymbol table, SourceSpan span)
    {
        IParseTree? node = initDeclarator;
        while (node is not null and not BlockItemContext)
        {
            node = node.Parent;
        }

        if (node is not BlockItemContext { Parent: CompoundStatementContext block } item)
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' read from the table of row pointers '{tableName}' outside a block");
        }

        // The rest of the block: its items after the declaration.
        var rest = block.blockItem().SkipWhile(other => !ReferenceEquals(other, item)).Skip(1);
        foreach (var expression in rest.SelectMany(Descendants).OfType<ExprContext>())
        {
            var changes = expression switch
            {
                AssignmentContext assignment => TableSlotOf(assignment.target) is not null,
                CallContext call when CalleeName(call) == "free" => call.argumentList()?.expr() is [var freed]
                    && !(IdentifierOf(StripParentheses(freed))?.GetText() == name),
                CallContext call when CalleeName(call) is { } callee && _definedFunctionArity.ContainsKey(callee) => table.Length is not null && _scopes.IsDeclaredAtFileScope(tableName),
                _ => false,
            };
            if (changes)
            {
                throw SourceException.Unsupported(At(expression), $"a store, free or call while the pointer '{name}' read from the table of row pointers '{tableName}' is in scope");
            }
        }
    }

    // ------------------------------------------------------------------ uses

    /// <summary><c>m[i]</c> of a table of row pointers <c>m</c>: its name, symbol and subscript; null for anything else.</summary>
    private (string Name, TableSymbol Table, SubscriptContext Subscript)? TableSlotOf(ExprContext expression) =>
        StripParentheses(expression) is SubscriptContext subscript
        && IdentifierOf(StripParentheses(subscript.expr())) is { } identifier
        && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is TableSymbol table
            ? (identifier.GetText(), table, subscript)
            : null;

    /// <summary>
    /// A row pointer: <c>m[i]</c> of a table, or a pointer read from one (see <see cref="RowPointerSymbol"/>), with the
    /// slot index and the text that names it in messages; null for anything else.
    /// </summary>
    private (TableSymbol Table, Func<Expr> Slot, string Display)? RowPointerOf(ExprContext expression)
    {
        if (TableSlotOf(expression) is var (name, table, subscript))
        {
            return (table, () => SlotIndex(subscript.expression(), name), $"{name}[{subscript.expression().GetText()}]");
        }

        return IdentifierOf(StripParentheses(expression)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
            && _scopes.Lookup(identifier.GetText()) is RowPointerSymbol row
                ? (row.Table, () => new VarRef(row.SlotIrName, At(identifier)), identifier.GetText())
                : null;
    }

    /// <summary><c>m[i][j]</c>, <c>row[j]</c>, <c>*m[i]</c> or <c>*row</c>: the row pointer and the column; null for anything else.</summary>
    private ((TableSymbol Table, Func<Expr> Slot, string Display) Row, Func<Expr> Column)? RowElementOf(ExprContext expression)
    {
        switch (StripParentheses(expression))
        {
            case SubscriptContext subscript when RowPointerOf(subscript.expr()) is { } row:
                return (row, () => ColumnIndex(subscript.expression(), row.Display));
            case UnaryContext { op.Text: "*" } dereference when RowPointerOf(dereference.expr()) is { } row:
                return (row, () => new IntLiteral(0, OffsetType, At(dereference)));
            default:
                return null;
        }
    }

    /// <summary>The index of a slot: free of side effects, since the checks of a row read it again.</summary>
    private CastExpr SlotIndex(ExpressionContext index, string table) =>
        new CastExpr(OffsetType, WithoutEffects(ConvertExpression(index), $"an index with side effects into the table of row pointers '{table}'"), At(index));

    private CastExpr ColumnIndex(ExpressionContext index, string row) =>
        new CastExpr(OffsetType, WithoutEffects(ConvertExpression(index), $"an index with side effects into the row '{row}'"), At(index));

    /// <summary>An index that is read more than once: refused (at <paramref name="at"/>, or the index) when it has side effects.</summary>
    private static Expr WithoutEffects(Expr index, string refusal, SourceSpan? at = null) =>
        IrWalker.Expressions(new ExprStmt(index, index.Span)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr or NewRecordExpr)
            ? throw SourceException.Unsupported(at ?? index.Span, refusal)
            : index;

    /// <summary>The state of a slot (see <see cref="UnsetRow"/>), read with the table's bounds and lifetime.</summary>
    private static ArrayReadExpr SlotState(TableSymbol table, Expr slot, SourceSpan span) => new(table.Slots, slot, OffsetType, span);

    private static IntLiteral Code(BigInteger value, SourceSpan span) => new(value, OffsetType, span);

    /// <summary>
    /// The check of a use of a row pointer (copied, compared, freed): it was set and not freed. One read of the slot,
    /// so that the analysis meets one arbitrary value on a slot it does not follow.
    /// </summary>
    private static List<Expr> RowPointerChecks(TableSymbol table, Expr slot, string display, SourceSpan span, string use = "use")
    {
        // Set and not freed: null (a never set slot of a table whose slots start null is null) or live.
        var state = SlotState(table, slot, span);
        var setAndNotFreed = table.NullInitially
            ? new BinaryExpr(BinaryOp.Ne, state, Code(FreedRow, span), span)
            : new BinaryExpr(BinaryOp.Or, new BinaryExpr(BinaryOp.Eq, state, Code(NullRow, span), span), new BinaryExpr(BinaryOp.Ge, SlotState(table, slot, span), Code(LiveRow, span), span), span);
        return [new ElementCheckExpr(table.Slots, slot, setAndNotFreed, $"{use} of the row pointer '{display}' after its row was freed, or before it is set", span)];
    }

    /// <summary>
    /// The check of an access to element <paramref name="column"/> of a row (the row is live and the column within its
    /// length, which one read of the slot says), and the element's index in the rows array.
    /// </summary>
    private static (List<Expr> Checks, Expr Index) RowElementAccess(TableSymbol table, Expr slot, Expr column, string display, string access, SourceSpan span)
    {
        // 0 <= j && j + LiveRow < state: the state is that of a live row (at least LiveRow) longer than j.
        var within = new BinaryExpr(
            BinaryOp.And,
            new BinaryExpr(BinaryOp.Ge, column, Code(0, span), span),
            new BinaryExpr(BinaryOp.Lt, new BinaryExpr(BinaryOp.Add, column, Code(LiveRow, span), span), SlotState(table, slot, span), span),
            span);
        var check = new ElementCheckExpr(
            table.Slots,
            slot,
            within,
            $"{access} of the row '{display}' out of its bounds, or through a row pointer that is null, freed or not set",
            span);
        var index = new BinaryExpr(BinaryOp.Add, new BinaryExpr(BinaryOp.Mul, slot, Code(RowStride, span), span), column, span);
        return ([check], index);
    }

    private static SourceException TableUsedOtherwise(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"table of row pointers '{name}' used other than as '{name}[i][j]', or '{name}[i]' stored, tested against null, freed or read into a pointer");

    private static SourceException RowPointerUsedOtherwise(SourceSpan span, string name, string table) =>
        SourceException.Unsupported(span, $"pointer '{name}' read from the table of row pointers '{table}' used other than as '{name}[j]', tested against null or freed");

    private static Expr Sequence(IEnumerable<Expr> first, Expr last, SourceSpan span) =>
        first.Reverse().Aggregate(last, (rest, check) => new SequenceExpr(check, rest, span));

    /// <summary>
    /// An expression of a table of row pointers: <c>m[i][j]</c> read, <c>m[i] == 0</c> (or <c>!=</c>, either side,
    /// any null pointer constant) and <c>!m[i]</c>, and the same through a pointer read from the table. A store into a
    /// row or a slot inside a larger expression is refused. Null for any other expression.
    /// </summary>
    private Expr? TryConvertTableExpression(ExprContext expression)
    {
        var span = At(expression);
        switch (StripParentheses(expression))
        {
            case var read when RowElementOf(read) is var (row, column):
            {
                var slot = row.Slot();
                var (checks, index) = RowElementAccess(row.Table, slot, column(), row.Display, "read", span);
                return Sequence(checks, new ArrayReadExpr(row.Table.Rows, index, row.Table.ElementType, span), span);
            }

            case EqualityContext equality when RowPointerOf(equality.left) is { } row && IsNullPointerConstant(equality.right):
                return RowIsNull(row, equality.op.Text == "==", span);
            case EqualityContext equality when RowPointerOf(equality.right) is { } row && IsNullPointerConstant(equality.left):
                return RowIsNull(row, equality.op.Text == "==", span);
            case UnaryContext { op.Text: "!" } not when RowPointerOf(not.expr()) is { } row:
                return RowIsNull(row, true, span);
            case EqualityContext equality when HeapTableOf(equality.left) is { } table && IsNullPointerConstant(equality.right):
                return TableIsNull(table, equality.op.Text == "==", span);
            case EqualityContext equality when HeapTableOf(equality.right) is { } table && IsNullPointerConstant(equality.left):
                return TableIsNull(table, equality.op.Text == "==", span);
            case UnaryContext { op.Text: "!" } not when HeapTableOf(not.expr()) is { } table:
                return TableIsNull(table, true, span);
            case AssignmentContext assignment when RowElementOf(assignment.target) is not null || RowPointerOf(assignment.target) is not null:
            case PostfixIncrementContext increment when RowElementOf(increment.expr()) is not null:
            case PrefixIncrementContext prefix when RowElementOf(prefix.expr()) is not null:
                throw SourceException.Unsupported(span, "a store into a table of row pointers or one of its rows inside a larger expression");
            default:
                return null;
        }
    }

    /// <summary>
    /// A row pointer (<c>if (m[i])</c>) or a table from malloc (<c>if (m)</c>) as a truth value: whether it is not
    /// null. Null for any other expression.
    /// </summary>
    private Expr? RowTruth(ExprContext expression) =>
        RowPointerOf(expression) is { } row ? RowIsNull(row, false, At(expression))
        : HeapTableOf(expression) is { } table ? TableIsNull(table, false, At(expression))
        : null;

    /// <summary>A table of row pointers from malloc named by <paramref name="expression"/>; null for anything else.</summary>
    private TableSymbol? HeapTableOf(ExprContext expression) =>
        IdentifierOf(StripParentheses(expression)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is TableSymbol { OnHeap: true } table
            ? table
            : null;

    /// <summary>
    /// Whether a table from malloc is null (or, <paramref name="isNull"/> false, not null): never, since malloc does
    /// not fail here; comparing it once freed is undefined behaviour (the pointer to its start is formed).
    /// </summary>
    private static SequenceExpr TableIsNull(TableSymbol table, bool isNull, SourceSpan span) =>
        new(new PointerExpr(table.Slots, new IntLiteral(0, OffsetType, span), span), new IntLiteral(isNull ? 0 : 1, ScalarType.Int, span), span);

    /// <summary>Whether a row pointer is null (or, <paramref name="isNull"/> false, not null), after it is checked to be set and not freed.</summary>
    private static Expr RowIsNull((TableSymbol Table, Func<Expr> Slot, string Display) row, bool isNull, SourceSpan span)
    {
        var slot = row.Slot();
        var state = SlotState(row.Table, slot, span);
        // A table whose slots start null holds the null pointer as either code.
        Expr test = row.Table.NullInitially
            ? new BinaryExpr(isNull ? BinaryOp.Le : BinaryOp.Gt, state, Code(NullRow, span), span)
            : new BinaryExpr(isNull ? BinaryOp.Eq : BinaryOp.Ne, state, Code(NullRow, span), span);
        return Sequence(RowPointerChecks(row.Table, slot, row.Display, span), test, span);
    }

    /// <summary>
    /// A statement of a table of row pointers: <c>m[i][j] = v;</c> (or a compound assignment, <c>++</c>, <c>--</c>),
    /// <c>m[i] = malloc(size);</c> (optionally cast), <c>m[i] = NULL;</c>, <c>free(m[i]);</c>, <c>free(m);</c> of a
    /// table from <c>malloc</c>, and the same through a pointer read from the table. Null for any other statement.
    /// </summary>
    private Stmt? TryConvertTableStatement(ExprContext expression)
    {
        var span = At(expression);
        switch (StripParentheses(expression))
        {
            case AssignmentContext assignment when RowElementOf(assignment.target) is var (row, column):
            {
                var op = assignment.assignmentOperator().GetText();
                return StoreIntoRow(row, column, assignment.value, op == "=" ? null : BinaryOperators[op[..^1]], span);
            }

            case PostfixIncrementContext increment when RowElementOf(increment.expr()) is var (row, column):
                return StoreIntoRow(row, column, null, increment.op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub, span);
            case PrefixIncrementContext increment when RowElementOf(increment.expr()) is var (row, column):
                return StoreIntoRow(row, column, null, increment.op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub, span);
            case AssignmentContext assignment when TableSlotOf(assignment.target) is var (name, table, subscript):
                return assignment.assignmentOperator().GetText() == "="
                    ? StoreRowPointer(name, table, subscript, assignment.value, span)
                    : throw SourceException.Unsupported(span, $"arithmetic on the row pointer '{assignment.target.GetText()}'");
            case CallContext call when CalleeName(call) == "free" && !_definedFunctionArity.ContainsKey("free")
                && call.argumentList()?.expr() is [var freed]:
                return FreeRow(freed, span);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>row[j] = v;</c> (or <c>row[j] op= v;</c>, <c>row[j]++;</c> when <paramref name="value"/> is null): the row is
    /// checked and the element stored. The value may neither assign a variable nor call a function of the file (which
    /// could change the row or the indexes), so computing it after the checks is as good as before them.
    /// </summary>
    private BlockStmt StoreIntoRow((TableSymbol Table, Func<Expr> Slot, string Display) row, Func<Expr> column, ExprContext? value, BinaryOp? op, SourceSpan span)
    {
        var table = row.Table;
        var slot = row.Slot();
        var at = column();
        Expr stored = value is null ? new IntLiteral(1, ScalarType.Int, span) : Convert(value);
        if (IrWalker.Expressions(new ExprStmt(stored, span)).Any(e => e is AssignExpr or ArrayAssignExpr or FieldAssignExpr || (e is CallExpr call && _definedFunctionArity.ContainsKey(call.Callee))))
        {
            throw SourceException.Unsupported(span, $"a value stored into the row '{row.Display}' that assigns a variable or calls a function of the file");
        }

        var (checks, index) = RowElementAccess(table, slot, at, row.Display, "write", span);
        if (op is { } arithmetic)
        {
            stored = new BinaryExpr(arithmetic, new ArrayReadExpr(table.Rows, index, table.ElementType, span), stored, span);
        }

        return new BlockStmt(
            [
                .. checks.Select(check => new ExprStmt(check, span)),
                new ExprStmt(new ArrayAssignExpr(table.Rows, index, stored, table.ElementType, span), span),
            ],
            span);
    }

    /// <summary><c>m[i] = malloc(size);</c> (a new row of <c>size / sizeof(T)</c> elements) or <c>m[i] = NULL;</c>.</summary>
    private Stmt StoreRowPointer(string name, TableSymbol table, SubscriptContext subscript, ExprContext value, SourceSpan span)
    {
        var slot = new CastExpr(OffsetType, ConvertExpression(subscript.expression()), At(subscript.expression()));
        if (IsNullPointerConstant(value))
        {
            return new ExprStmt(new ArrayAssignExpr(table.Slots, slot, Code(NullRow, span), OffsetType, span), span);
        }

        if (CallocArguments(value, out _) is not null)
        {
            throw SourceException.Unsupported(span, $"a row of the table of row pointers '{name}' from calloc (only malloc)");
        }

        if (AllocationSize(value, out var cast, out var onHeap) is not { } size || !onHeap)
        {
            throw SourceException.Unsupported(span, $"a row pointer of the table '{name}' given another value than malloc(size) or a null pointer");
        }

        if (cast is not null && !IsPointerTo(cast.typeName(), table.ElementType))
        {
            throw SourceException.Unsupported(At(cast), $"a row of the table '{name}' allocated with a cast to another type than '{table.ElementType} *'");
        }

        var bytes = table.ElementType.Kind == TypeKind.Bool ? 1 : table.ElementType.Bits / 8;
        var (prelude, length) = ElementCount(Convert(size), bytes, span);
        var state = new BinaryExpr(BinaryOp.Add, length, Code(LiveRow, span), span);
        return new BlockStmt([.. prelude, new ExprStmt(new ArrayAssignExpr(table.Slots, slot, state, OffsetType, span), span)], span);
    }

    /// <summary>
    /// <c>free(m[i]);</c> or <c>free(row);</c>: the row pointer must be set and not freed before; a null one frees
    /// nothing, a live row becomes freed. <c>free(m);</c> of a table from <c>malloc</c> frees its slots (its rows stay
    /// allocated, unreachable through it). Null for the free of anything else.
    /// </summary>
    private Stmt? FreeRow(ExprContext freed, SourceSpan span)
    {
        if (RowPointerOf(freed) is { } row)
        {
            var slot = row.Slot();
            var checks = RowPointerChecks(row.Table, slot, row.Display, span, "free").Select(check => new ExprStmt(check, span));
            var live = new BinaryExpr(BinaryOp.Ge, SlotState(row.Table, slot, span), Code(LiveRow, span), span);
            var free = new ExprStmt(new ArrayAssignExpr(row.Table.Slots, slot, Code(FreedRow, span), OffsetType, span), span);
            return new BlockStmt([.. checks, new IfStmt(live, free, null, span)], span);
        }

        if (IdentifierOf(StripParentheses(freed)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
            && _scopes.Lookup(identifier.GetText()) is TableSymbol table)
        {
            return table.OnHeap
                ? new FreeStmt(table.Slots, new IntLiteral(0, OffsetType, span), span)
                : throw SourceException.Unsupported(span, $"free of the table of row pointers '{identifier.GetText()}', which is not from malloc");
        }

        return null;
    }
}

/// <summary>
/// A table of row pointers (see <see cref="CParseTreeConverter"/>'s tables): the array of its slots' states and the
/// array of its rows' contents.
/// </summary>
/// <param name="Slots">The array of the slots' states.</param>
/// <param name="Rows">The array of the rows' contents, row i at i times the row stride.</param>
/// <param name="ElementType">The type of a row's elements.</param>
/// <param name="Length">The number of slots of a table declared as an array; null for one from malloc.</param>
/// <param name="NullInitially">Whether a slot never stored into holds the null pointer (rather than no value).</param>
/// <param name="OnHeap">Whether the table comes from malloc (and free ends it).</param>
internal sealed record TableSymbol(string Slots, string Rows, ScalarType ElementType, long? Length, bool NullInitially, bool OnHeap) : Symbol;

/// <summary>A local pointer read from a table of row pointers (<c>T *row = m[i];</c>): the variable that holds its slot.</summary>
/// <param name="SlotIrName">The variable holding the slot's index.</param>
/// <param name="TableName">The table's name in the source.</param>
/// <param name="Table">The table.</param>
internal sealed record RowPointerSymbol(string SlotIrName, string TableName, TableSymbol Table) : Symbol;
