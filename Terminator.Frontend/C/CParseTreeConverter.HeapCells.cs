using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Heap cells: pointers to single integers on the heap (<c>int *p = malloc(sizeof(int))</c>) that are passed to a
/// recursive function. Such a pointer cannot be a pointer into an array, since an array parameter is bound to the one
/// array its outermost call passes, and a recursive call that passes a new object (<c>rec(malloc(...))</c>) breaks
/// that. Instead each such object is a record (see <see cref="RecordType"/>) with one integer field, and the pointers
/// to it hold its address, as pointers to structs do: <c>*p</c> reads and stores the field, <c>free(p)</c> ends its life.
/// <para>
/// Which pointers are heap cells is decided for the whole file before any function is converted. The candidates are
/// the local variables, parameters and results (<c>int *f(...)</c>) of type pointer to an integer type. Two of them
/// are linked when one is assigned, passed or returned to the other, or compared with it; a linked class is a class of
/// heap cells when every member is used only as <c>*p</c> (not under <c>&amp;</c>), stored into from another member,
/// <c>malloc(sizeof ...)</c>, <c>calloc(1, sizeof ...)</c> or a null pointer constant, passed to a member parameter or
/// to <c>free</c>, returned as a member result, compared for equality with a member or null, or tested as a
/// condition; and when the class holds a parameter of a recursive function. Every other class keeps the array model.
/// </para>
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// The heap-cell pointers of the file: (function, variable or parameter name), a function's result being
    /// <see cref="CellResult"/>; the value tells an array of heap-cell pointers (<c>int **a</c>).
    /// </summary>
    private Dictionary<(string Function, string Name), bool> _heapCells = [];

    /// <summary>The array objects (by IR name) of the function being converted whose elements are heap-cell pointers, with the cells' layout.</summary>
    private readonly Dictionary<string, StructLayout> _cellArrays = [];

    /// <summary>The name that stands for a function's result among the heap cells (no C identifier has it).</summary>
    private const string CellResult = "$result";

    /// <summary>The record layouts of heap cells, by the integer type they hold.</summary>
    private readonly Dictionary<ScalarType, StructLayout> _cellLayouts = [];

    /// <summary>The layout of a heap cell holding a <paramref name="type"/>: one member, named <c>value</c>.</summary>
    private StructLayout CellLayout(ScalarType type)
    {
        if (!_cellLayouts.TryGetValue(type, out var layout))
        {
            layout = new StructLayout(type.ToString(), [new StructMember("value", type)]);
            _cellLayouts[type] = layout;
        }

        return layout;
    }

    /// <summary>Whether <paramref name="layout"/> is that of a heap cell.</summary>
    private bool IsCellLayout(StructLayout layout) => _cellLayouts.ContainsValue(layout);

    /// <summary>
    /// The heap-cell layout of a declarator of the function being converted (<paramref name="name"/>, or
    /// <see cref="CellResult"/>) with <paramref name="specifiers"/>; null when it is not a heap cell.
    /// </summary>
    private StructLayout? HeapCellLayout(string name, DeclarationSpecifiersContext specifiers, bool array = false) =>
        _heapCells.TryGetValue((_currentFunctionName, name), out var isArray) && isArray == array ? CellLayout(ResolveType(specifiers)) : null;

    /// <summary>The type of an element of an array of heap-cell pointers: an unsigned integer as wide as a pointer, holding a cell's address.</summary>
    private ScalarType CellAddressType => CTypeRules.ULong(dataModel);

    /// <summary>
    /// <c>T **a = malloc(size)</c> whose elements are heap-cell pointers: an array of cell addresses (see
    /// <see cref="CellAddressType"/>); null for any other declarator.
    /// </summary>
    private Stmt[]? TryDeclareCellArray(InitDeclaratorContext initDeclarator, DeclarationSpecifiersContext specifiers)
    {
        if (initDeclarator.declarator().directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(initDeclarator.declarator().pointer()) != 2
            || HeapCellLayout(named.GetText(), specifiers, array: true) is not { } layout)
        {
            return null;
        }

        var statements = TryDeclareArray(initDeclarator, () => CellAddressType, pointerDepth: 2)
            ?? throw Unsupported(initDeclarator, "an array of pointers that is not allocated where it is declared");
        _cellArrays[ArrayObjectOf(named.GetText())] = layout;
        return statements;
    }

    /// <summary>A parameter <c>T **a</c> whose elements are heap-cell pointers: a pointer into an array of cell addresses; null for any other parameter.</summary>
    private Parameter? CellArrayParameter(ParameterDeclarationContext parameter)
    {
        if (parameter.declarator() is not { } declarator
            || declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != 2
            || HeapCellLayout(named.GetText(), parameter.declarationSpecifiers(), array: true) is not { } layout)
        {
            return null;
        }

        var span = At(named.Identifier().Symbol);
        RejectMacroName(named.GetText(), span);
        var pointer = _scopes.DeclarePointer(named.GetText(), "*" + named.GetText(), CellAddressType, CellAddressType, span);
        _scopes.RecordArray(pointer.Array);
        _cellArrays[pointer.Array] = layout;
        return new Parameter(pointer.IrName, OffsetType, span) { PointsInto = pointer.Array };
    }

    /// <summary>The array object that the local array or pointer <paramref name="name"/> denotes.</summary>
    private string ArrayObjectOf(string name) => _scopes.Lookup(name) switch
    {
        ArraySymbol array => array.IrName,
        PointerSymbol pointer => pointer.Array,
        _ => throw new InvalidOperationException($"'{name}' is no array"),
    };

    /// <summary>The heap-cell layout of <c>a[i]</c> or <c>*a</c> where a is an array of heap-cell pointers; null for anything else.</summary>
    private StructLayout? CellArrayElementLayout(ExprContext expression)
    {
        var array = StripParentheses(expression) switch
        {
            SubscriptContext subscript => subscript.expr(),
            UnaryContext { op.Text: "*" } dereference => dereference.expr(),
            _ => null,
        };
        return array is not null && IdentifierOf(StripParentheses(array)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
            && _scopes.Lookup(identifier.GetText()) is ArraySymbol or PointerSymbol
            && _cellArrays.TryGetValue(ArrayObjectOf(identifier.GetText()), out var layout)
                ? layout
                : null;
    }

    /// <summary><c>a[i] = p</c> into an array of heap-cell pointers; null for any other assignment.</summary>
    private ArrayAssignExpr? CellArrayAssignment(AssignmentContext context)
    {
        if (CellArrayElementLayout(context.target) is not { } layout)
        {
            return null;
        }

        var span = At(context);
        if (context.assignmentOperator().GetText() != "=")
        {
            throw SourceException.Unsupported(span, $"'{context.assignmentOperator().GetText()}' on a pointer element");
        }

        var element = ElementOf(context.target)!;
        return AssignElement(element, element.Index, _ => RecordPointer(context.value, layout), readsElement: false, span);
    }

    /// <summary>Decides the heap cells of the file (see the class comment) from its function definitions.</summary>
    private void FindHeapCells(IReadOnlyList<FunctionDefinitionContext> definitions)
    {
        try
        {
            _heapCells = new HeapCellFinder(this, definitions).Find();
        }
        catch (SourceException)
        {
            // A declaration outside the subset: the conversion reports it; no pointer is a heap cell.
            _heapCells = [];
        }
    }

    /// <summary>The linking and checking of candidates behind <see cref="FindHeapCells"/>.</summary>
    private sealed class HeapCellFinder(CParseTreeConverter converter, IReadOnlyList<FunctionDefinitionContext> definitions)
    {
        private readonly Dictionary<(string, string), (string, string)> parent = [];
        private readonly Dictionary<(string, string), string> typeText = [];
        private readonly HashSet<(string, string)> refused = [];
        private readonly Dictionary<string, FunctionDefinitionContext> byName = [];
        private readonly Dictionary<string, string?[]> parameterNames = [];

        /// <summary>The candidates that are arrays of heap-cell pointers (<c>int **a</c>); their class holds their elements.</summary>
        private readonly HashSet<(string, string)> arrays = [];

        public Dictionary<(string Function, string Name), bool> Find()
        {
            foreach (var definition in definitions)
            {
                if (DeclaredName(definition.declarator()) is { } name && !byName.ContainsKey(name.Text))
                {
                    byName[name.Text] = definition;
                }
            }

            foreach (var (name, definition) in byName)
            {
                CollectCandidates(name, definition);
            }

            foreach (var (name, definition) in byName)
            {
                CheckUses(name, definition);
            }

            var refusedRoots = refused.Select(Root).ToHashSet();
            foreach (var group in typeText.Keys.GroupBy(Root))
            {
                if (group.Select(n => typeText[n]).Distinct().Count() > 1)
                {
                    refusedRoots.Add(group.Key);
                }
            }

            var recursive = RecursiveFunctions();
            var neededRoots = typeText.Keys
                .Where(n => arrays.Contains(n) || (recursive.Contains(n.Item1) && parameterNames[n.Item1].Contains(n.Item2)))
                .Select(Root)
                .ToHashSet();
            return typeText.Keys.Where(n => neededRoots.Contains(Root(n)) && !refusedRoots.Contains(Root(n))).ToDictionary(n => n, arrays.Contains);
        }

        /// <summary>The candidates of one function: pointer-to-integer parameters, locals and result; a name declared otherwise too is none.</summary>
        private void CollectCandidates(string function, FunctionDefinitionContext definition)
        {
            var declared = new Dictionary<string, string?>();
            void Declare(string name, DeclarationSpecifiersContext specifiers, PointerContext? pointer, bool named)
            {
                var depth = PointerDepth(pointer);
                var candidate = named && depth is 1 or 2 && IsIntegerSpecifier(specifiers) ? $"{specifiers.GetText()}{new string('*', depth)}" : null;
                declared[name] = declared.TryGetValue(name, out var earlier) && earlier != candidate ? null : candidate;
            }

            var parameters = ParametersOf(definition.declarator());
            parameterNames[function] = [.. parameters.Select(p => p.declarator() is { } d ? DeclaredName(d)?.Text : null)];
            foreach (var parameter in parameters)
            {
                // The argument vector of main points to the program's arguments, never to heap cells.
                var argumentVector = function == MainName && parameters.Length == ArgumentVectorArity && parameter == parameters[^1];
                if (!argumentVector && parameter.declarator() is { } declarator && DeclaredName(declarator) is { } name)
                {
                    Declare(name.Text, parameter.declarationSpecifiers(), declarator.pointer(), declarator.directDeclarator() is NamedDeclaratorContext);
                }
            }

            foreach (var node in Descendants(definition.compoundStatement()))
            {
                var (specifiers, list) = node switch
                {
                    DeclarationContext d => (d.declarationSpecifiers(), d.initDeclaratorList()),
                    ForInitContext f when f.declarationSpecifiers() is not null => (f.declarationSpecifiers(), f.initDeclaratorList()),
                    _ => (null, null),
                };
                foreach (var initDeclarator in list?.initDeclarator() ?? [])
                {
                    if (DeclaredName(initDeclarator.declarator()) is { } name)
                    {
                        // An array of heap-cell pointers must be allocated where it is declared.
                        var automatic = converter.StorageClass(specifiers!, out _) is null or "auto" or "register";
                        var allocated = initDeclarator.initializer() is not null || PointerDepth(initDeclarator.declarator().pointer()) != 2;
                        Declare(name.Text, specifiers!, initDeclarator.declarator().pointer(), automatic && allocated && initDeclarator.declarator().directDeclarator() is NamedDeclaratorContext);
                    }
                }
            }

            foreach (var (name, text) in declared)
            {
                if (text is not null)
                {
                    typeText[(function, name)] = text.TrimEnd('*');
                    if (text.EndsWith("**", StringComparison.Ordinal))
                    {
                        arrays.Add((function, name));
                    }
                }
            }

            if (definition.declarationSpecifiers() is { } resultSpecifiers && PointerDepth(definition.declarator().pointer()) == 1 && IsIntegerSpecifier(resultSpecifiers))
            {
                typeText[(function, CellResult)] = resultSpecifiers.GetText();
            }
        }

        private static bool IsIntegerSpecifier(DeclarationSpecifiersContext specifiers) =>
            specifiers.typeSpecifier() is PrimitiveTypeSpecifierContext primitive
            && !specifiers.primitiveType().Append(primitive.primitiveType()).Any(t => t.GetText() is "void" or "float" or "double");

        private static ParameterDeclarationContext[] ParametersOf(DeclaratorContext declarator) =>
            declarator.directDeclarator() is FunctionDeclaratorContext { } function && function.parameterList() is { } list
                ? list.parameterDeclaration()
                : [];

        /// <summary>Links and checks every use of a candidate in one function, and every value passed to a candidate parameter or returned as a candidate result.</summary>
        private void CheckUses(string function, FunctionDefinitionContext definition)
        {
            foreach (var node in Descendants(definition.compoundStatement()))
            {
                switch (node)
                {
                    case PrimaryContext primary when IdentifierOf(primary) is { } identifier && typeText.ContainsKey((function, identifier.GetText())):
                        CheckUse(function, (function, identifier.GetText()), primary);
                        break;
                    case InitDeclaratorContext { } initDeclarator when initDeclarator.initializer()?.expr() is { } value
                                                                       && DeclaredName(initDeclarator.declarator()) is { } name
                                                                       && typeText.ContainsKey((function, name.Text)):
                        Store((function, name.Text), function, value);
                        break;
                    case CallContext call when CalleeName(call) is { } callee && parameterNames.TryGetValue(callee, out var names):
                        var arguments = call.argumentList()?.expr() ?? [];
                        for (var i = 0; i < arguments.Length && i < names.Length; i++)
                        {
                            if (names[i] is { } parameter && typeText.ContainsKey((callee, parameter)))
                            {
                                Store((callee, parameter), function, arguments[i]);
                            }
                        }

                        break;
                    case ReturnStatementContext { } statement when typeText.ContainsKey((function, CellResult)):
                        if (statement.expression()?.expr() is [var returned])
                        {
                            Store((function, CellResult), function, returned);
                        }
                        else
                        {
                            refused.Add((function, CellResult));
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// A value stored into the candidate <paramref name="target"/>. A heap-cell pointer takes another one (linked), a
        /// new object or null; an array candidate takes an array passed by a linked array argument, or a new array.
        /// </summary>
        private void Store((string, string) target, string function, ExprContext value)
        {
            if (!arrays.Contains(target))
            {
                StoreCell(target, function, value);
                return;
            }

            value = StripParentheses(value);
            if (IdentifierOf(value) is { } identifier && arrays.Contains((function, identifier.GetText())))
            {
                Link(target, (function, identifier.GetText()));
            }
            else if (converter.AllocationSize(value, out _, out var onHeap) is null || !onHeap)
            {
                refused.Add(target);
            }
        }

        /// <summary>
        /// A heap-cell pointer stored into the class of <paramref name="target"/> (a heap-cell pointer, or an array candidate
        /// whose element is stored): another heap-cell pointer (linked), an element of an array candidate (linked), a
        /// function's heap-cell result (linked), <c>malloc(sizeof ...)</c>, <c>calloc(1, sizeof ...)</c> or null.
        /// </summary>
        private void StoreCell((string, string) target, string function, ExprContext value)
        {
            value = StripPointerCast(value);
            if (converter.IsNullPointerConstant(value))
            {
                return;
            }

            if (IdentifierOf(value) is { } identifier && typeText.ContainsKey((function, identifier.GetText())) && !arrays.Contains((function, identifier.GetText())))
            {
                Link(target, (function, identifier.GetText()));
                return;
            }

            if (value is CallContext call && CalleeName(call) is { } callee && typeText.ContainsKey((callee, CellResult)))
            {
                Link(target, (callee, CellResult));
                return;
            }

            if (ElementArray(function, value) is { } array)
            {
                Link(target, array);
                return;
            }

            var allocation = value is CastContext cast ? StripParentheses(cast.expr()) : value;
            var size = allocation is CallContext allocator && CalleeName(allocator) is { } name && !byName.ContainsKey(name)
                ? name switch
                {
                    MallocName when allocator.argumentList()?.expr() is [var only] => only,
                    // calloc of one object; any other count is an array (and keeps the array model).
                    "calloc" when allocator.argumentList()?.expr() is [var first, var second] => IsLiteralOne(first) ? second : IsLiteralOne(second) ? first : null,
                    _ => null,
                }
                : null;
            if (size is null || StripParentheses(size) is not (SizeofTypeContext or SizeofExpressionContext))
            {
                refused.Add(target);
            }
        }

        /// <summary><paramref name="value"/> without parentheses and without a cast to a pointer type (<c>(int *) p</c>).</summary>
        private static ExprContext StripPointerCast(ExprContext value)
        {
            value = StripParentheses(value);
            return value is CastContext cast && IsPointerCast(cast) ? StripParentheses(cast.expr()) : value;
        }

        private static bool IsPointerCast(CastContext cast) =>
            cast.typeName().abstractDeclarator() is { ChildCount: 1 } pointer && PointerDepth(pointer.pointer()) == 1;

        /// <summary>The array candidate whose element <paramref name="value"/> is (<c>a[i]</c>, optionally cast to a pointer), or null.</summary>
        private (string, string)? ElementArray(string function, ExprContext value)
        {
            value = StripPointerCast(value);
            return value is SubscriptContext subscript && IdentifierOf(StripParentheses(subscript.expr())) is { } identifier && arrays.Contains((function, identifier.GetText()))
                ? (function, identifier.GetText())
                : null;
        }

        /// <summary>One occurrence of a candidate: links it, or refuses its class when the use is not a heap cell's.</summary>
        private void CheckUse(string function, (string, string) candidate, ExprContext occurrence)
        {
            var (context, child) = Enclosing(occurrence);
            if (context is CastContext cast && IsPointerCast(cast) && !arrays.Contains(candidate))
            {
                // '(int *) p' is p.
                (context, child) = Enclosing(cast);
            }

            if (arrays.Contains(candidate))
            {
                CheckArrayUse(function, candidate, context, child);
                return;
            }

            switch (context)
            {
                case UnaryContext { op.Text: "*" } dereference when Enclosing(dereference).Context is not UnaryContext { op.Text: "&" }:
                case UnaryContext { op.Text: "!" }:
                case IfStatementContext or WhileStatementContext or DoWhileStatementContext:
                case ForStatementContext loop when ReferenceEquals(child, loop.condition):
                    return;
                case AssignmentContext assignment when assignment.assignmentOperator().GetText() == "=":
                    if (ReferenceEquals(child, assignment.target))
                    {
                        Store(candidate, function, assignment.value);
                    }
                    else if (ElementArray(function, assignment.target) is { } array)
                    {
                        Link(candidate, array);
                    }
                    else if (IdentifierOf(StripParentheses(assignment.target)) is not { } target || !typeText.ContainsKey((function, target.GetText())) || arrays.Contains((function, target.GetText())))
                    {
                        refused.Add(candidate);
                    }

                    return;
                case InitializerContext initializer when initializer.Parent is InitDeclaratorContext { } declarator
                                                        && DeclaredName(declarator.declarator()) is { } name
                                                        && typeText.ContainsKey((function, name.Text)):
                    return;
                case ArgumentListContext { Parent: CallContext call } when CalleeName(call) is { } callee:
                    var index = Array.IndexOf(call.argumentList().expr(), child);
                    if (callee == "free" && !byName.ContainsKey(callee))
                    {
                        return;
                    }

                    if (!parameterNames.TryGetValue(callee, out var names) || index >= names.Length || names[index] is not { } parameter || !typeText.ContainsKey((callee, parameter)))
                    {
                        refused.Add(candidate);
                    }

                    return;
                case ReturnStatementContext when typeText.ContainsKey((function, CellResult)):
                    return;
                case EqualityContext equality:
                    var other = StripParentheses(ReferenceEquals(child, equality.left) ? equality.right : equality.left);
                    if (IdentifierOf(other) is { } identifier && typeText.ContainsKey((function, identifier.GetText())))
                    {
                        Link(candidate, (function, identifier.GetText()));
                    }
                    else if (!converter.IsNullPointerConstant(other))
                    {
                        refused.Add(candidate);
                    }

                    return;
                default:
                    refused.Add(candidate);
                    return;
            }
        }

        /// <summary>
        /// One occurrence of an array candidate: an element <c>a[i]</c> stored into a heap-cell candidate (also cast to a
        /// pointer), or stored into from one, a new object or null; the array passed to an array candidate parameter or to
        /// <c>free</c>. Anything else refuses its class.
        /// </summary>
        private void CheckArrayUse(string function, (string, string) candidate, IParseTree? context, IParseTree child)
        {
            if (context is SubscriptContext subscript && ReferenceEquals(StripParentheses(subscript.expr()), StripParentheses((ExprContext)child)))
            {
                var (use, element) = Enclosing(subscript);
                if (use is CastContext cast && IsPointerCast(cast))
                {
                    (use, element) = Enclosing(cast);
                }

                switch (use)
                {
                    case InitializerContext { Parent: InitDeclaratorContext declarator } when DeclaredName(declarator.declarator()) is { } name
                                                                                               && typeText.ContainsKey((function, name.Text)) && !arrays.Contains((function, name.Text)):
                        return;
                    case AssignmentContext assignment when assignment.assignmentOperator().GetText() == "=":
                        if (ReferenceEquals(element, assignment.target))
                        {
                            StoreCell(candidate, function, assignment.value);
                            return;
                        }

                        if (IdentifierOf(StripParentheses(assignment.target)) is { } target && typeText.ContainsKey((function, target.GetText())) && !arrays.Contains((function, target.GetText())))
                        {
                            return;
                        }

                        break;
                }

                refused.Add(candidate);
                return;
            }

            if (context is ArgumentListContext { Parent: CallContext call } && CalleeName(call) is { } callee)
            {
                var index = Array.IndexOf(call.argumentList().expr(), child);
                if ((callee == "free" && !byName.ContainsKey(callee))
                    || (parameterNames.TryGetValue(callee, out var names) && index < names.Length && names[index] is { } parameter && arrays.Contains((callee, parameter))))
                {
                    return;
                }
            }

            refused.Add(candidate);
        }

        /// <summary>The node that uses <paramref name="expression"/> (parentheses skipped), with the child it uses (an expression or expression list).</summary>
        private static (IParseTree? Context, IParseTree Child) Enclosing(ExprContext expression)
        {
            IParseTree child = expression;
            var node = expression.Parent;
            while (true)
            {
                if (node is ExpressionContext list && list.expr().Length == 1 && list.Parent is ParenthesizedContext { Parent: PrimaryContext primary })
                {
                    child = primary;
                    node = primary.Parent;
                    continue;
                }

                if (node is ExpressionContext condition && condition.expr().Length == 1
                    && condition.Parent is IfStatementContext or WhileStatementContext or DoWhileStatementContext or ForStatementContext)
                {
                    return (condition.Parent, condition);
                }

                if (node is ExpressionContext { Parent: ReturnStatementContext statement } returned && returned.expr().Length == 1)
                {
                    return (statement, returned);
                }

                return (node, child);
            }
        }

        private void Link((string, string) a, (string, string) b)
        {
            var (ra, rb) = (Root(a), Root(b));
            if (ra != rb)
            {
                parent[ra] = rb;
            }
        }

        private (string, string) Root((string, string) node)
        {
            while (parent.TryGetValue(node, out var up))
            {
                node = up;
            }

            return node;
        }

        /// <summary>The functions that can call themselves, directly or through others.</summary>
        private HashSet<string> RecursiveFunctions()
        {
            var callees = byName.ToDictionary(
                f => f.Key,
                f => Descendants(f.Value.compoundStatement()).OfType<CallContext>().Select(CalleeName).OfType<string>().Where(byName.ContainsKey).ToHashSet());
            var recursive = new HashSet<string>();
            foreach (var function in byName.Keys)
            {
                var seen = new HashSet<string>();
                var pending = new Stack<string>(callees[function]);
                while (pending.Count > 0)
                {
                    var next = pending.Pop();
                    if (next == function)
                    {
                        recursive.Add(function);
                        break;
                    }

                    if (seen.Add(next))
                    {
                        foreach (var callee in callees[next])
                        {
                            pending.Push(callee);
                        }
                    }
                }
            }

            return recursive;
        }
    }

    /// <summary>Every node of the tree under <paramref name="root"/>, itself included, in preorder (without recursion, for deep trees).</summary>
    internal static IEnumerable<IParseTree> Descendants(IParseTree root)
    {
        var pending = new Stack<IParseTree>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            for (var i = node.ChildCount - 1; i >= 0; i--)
            {
                pending.Push(node.GetChild(i));
            }
        }
    }
}
