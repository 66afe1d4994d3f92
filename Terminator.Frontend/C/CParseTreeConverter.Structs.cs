using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Structs whose members are integers or arrays of integers, held in local variables: a local <c>struct S s;</c> is
/// one variable per integer member and one local array per array member (each named <c>s.m</c>), so <c>s.m</c> reads
/// and assigns an integer member, <c>s.m[i]</c> and pointers reach an array member, and <c>s = t</c> copies every
/// member, arrays element by element. A local array of structs, <c>struct S a[N];</c>, is one array per member
/// (<c>a.m</c>), of N elements whose element i is <c>a[i].m</c> for an integer member, of N * L elements whose element
/// <c>i * L + k</c> is <c>a[i].m[k]</c> for an array member of length L. Nothing can reach such a variable
/// but its members: taking its address, passing, returning or comparing it, struct members that are structs or
/// bit-fields, and unions are refused. At file scope the same objects are globals and arrays at file scope. Pointers
/// to structs, whose records live on the heap, are in CParseTreeConverter.Records.cs.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The struct tags defined so far: a layout, or why the struct is outside the subset.</summary>
    private readonly Dictionary<string, StructLayout> _structTags = new(StringComparer.Ordinal);

    /// <summary>The struct tags whose definitions are outside the subset, with the reason.</summary>
    private readonly Dictionary<string, SourceException> _refusedStructTags = new(StringComparer.Ordinal);

    /// <summary>
    /// The struct type that <paramref name="specifiers"/> name (defining it when they hold its body), or null for
    /// any other type.
    /// </summary>
    private StructLayout? StructOf(DeclarationSpecifiersContext specifiers) => specifiers.typeSpecifier() switch
    {
        StructTypeSpecifierContext structure => LayoutOf(structure.structOrUnionSpecifier()),
        TypedefNameSpecifierContext typedefName when _scopes.Lookup(typedefName.GetText()) is StructTypeSymbol type => type.Layout,
        _ => null,
    };

    private StructLayout LayoutOf(StructOrUnionSpecifierContext specifier)
    {
        var span = At(specifier);
        if (specifier.kind.Text == "union")
        {
            throw SourceException.Unsupported(span, "union");
        }

        var tag = specifier.Identifier()?.GetText();
        if (specifier.LeftBrace() is null)
        {
            if (tag is not null && _refusedStructTags.TryGetValue(tag, out var refusal))
            {
                throw SourceException.Unsupported(span, $"struct '{tag}', whose declaration at {refusal.Span} is outside the subset ({refusal.Detail})");
            }

            return tag is not null && _structTags.TryGetValue(tag, out var known)
                ? known
                : throw SourceException.Unsupported(span, $"struct '{tag}' used before its members are declared");
        }

        try
        {
            var layout = new StructLayout(tag ?? "(anonymous)", MembersOf(specifier, span));
            if (tag is not null)
            {
                _structTags[tag] = layout;
                _refusedStructTags.Remove(tag);
            }

            return layout;
        }
        catch (SourceException e) when (tag is not null && IsUnsupported(e))
        {
            _refusedStructTags[tag] = e;
            throw;
        }
    }

    /// <summary>
    /// The tag of the struct that member specifiers name (<c>struct node</c>, or a typedef name of a tagged struct), for
    /// a pointer member to it; null for any other type. The struct may be the one being defined.
    /// </summary>
    private string? PointedTag(DeclarationSpecifiersContext specifiers) => specifiers.typeSpecifier() switch
    {
        StructTypeSpecifierContext structure when structure.structOrUnionSpecifier() is { } inner && inner.kind.Text == "struct" && inner.LeftBrace() is null =>
            inner.Identifier()?.GetText() ?? throw SourceException.Unsupported(At(structure), "struct without a tag"),
        StructTypeSpecifierContext structure => throw SourceException.Unsupported(At(structure), "struct member that is a struct or a union"),
        TypedefNameSpecifierContext typedefName when _scopes.Lookup(typedefName.GetText()) is StructTypeSymbol type =>
            type.Layout.Name != "(anonymous)" ? type.Layout.Name : throw SourceException.Unsupported(At(typedefName), "pointer to a struct without a tag"),
        TypedefNameSpecifierContext typedefName when _scopes.Lookup(typedefName.GetText()) is RecordPointerTypeSymbol pointer => pointer.Tag,
        _ => null,
    };

    /// <summary>Whether <paramref name="specifiers"/> name a typedef of a pointer to a struct (<c>typedef struct node *link;</c>).</summary>
    private bool IsRecordPointerTypedef(DeclarationSpecifiersContext specifiers) =>
        specifiers.typeSpecifier() is TypedefNameSpecifierContext typedefName && _scopes.Lookup(typedefName.GetText()) is RecordPointerTypeSymbol;

    /// <summary>The members of a struct body: integers, arrays of integers of a constant length, and pointers to structs; anything else is refused.</summary>
    private ImmutableArray<StructMember> MembersOf(StructOrUnionSpecifierContext specifier, SourceSpan span)
    {
        // The body is kept as balanced tokens by the grammar; read it again as a block of declarations.
        var tokens = new List<IToken> { specifier.LeftBrace().Symbol };
        tokens.AddRange(specifier.balancedToken().SelectMany(Tokens));
        tokens.Add(specifier.RightBrace().Symbol);
        var parser = new Generated.MiniCParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.RemoveErrorListeners();
        parser.ErrorHandler = new BailErrorStrategy();
        CompoundStatementContext body;
        try
        {
            body = parser.compoundStatement();
        }
        catch (ParseCanceledException)
        {
            throw SourceException.Unsupported(span, "struct with members other than integers (bit-fields, nested definitions)");
        }

        var members = ImmutableArray.CreateBuilder<StructMember>();
        foreach (var item in body.blockItem())
        {
            if (item.declaration() is not { } declaration || declaration.initDeclaratorList() is not { } declarators
                || StorageClass(declaration.declarationSpecifiers(), out _) is not null)
            {
                throw SourceException.Unsupported(At(item), "struct member that is not a declaration of integers");
            }

            if (PointedTag(declaration.declarationSpecifiers()) is { } pointedTag)
            {
                // 'struct node *next;', or 'link next;' with 'typedef struct node *link;'.
                var depth = IsRecordPointerTypedef(declaration.declarationSpecifiers()) ? 0 : 1;
                foreach (var declarator in declarators.initDeclarator())
                {
                    if (declarator.initializer() is not null || PointerDepth(declarator.declarator().pointer()) != depth
                        || declarator.declarator().directDeclarator() is not NamedDeclaratorContext pointerName)
                    {
                        throw SourceException.Unsupported(At(declarator), "struct member that is a struct, or a pointer to a pointer to one");
                    }

                    if (members.Any(m => m.Name == pointerName.GetText()))
                    {
                        throw new SourceException(At(pointerName), $"duplicate member '{pointerName.GetText()}'");
                    }

                    members.Add(new StructMember(pointerName.GetText(), ScalarType.Unbounded) { PointsTo = pointedTag });
                }

                continue;
            }

            var type = ResolveType(declaration.declarationSpecifiers());
            foreach (var declarator in declarators.initDeclarator())
            {
                var direct = declarator.declarator().directDeclarator();
                long? length = null;
                if (direct is ArrayDeclaratorContext array && array.directDeclarator() is NamedDeclaratorContext arrayName)
                {
                    // 'int data[10];': an array of integers of a constant length.
                    length = array.expression() is { } lengthExpression
                        ? ConstantLength(lengthExpression, arrayName.GetText(), "struct member that is a variable-length array")
                        : throw SourceException.Unsupported(At(declarator), "struct member that is an array without a length (a flexible array member)");
                    direct = arrayName;
                }

                if (declarator.initializer() is not null || declarator.declarator().pointer() is not null
                    || direct is not NamedDeclaratorContext named || type == ScalarType.Void)
                {
                    throw SourceException.Unsupported(At(declarator), "struct member that is not an integer or an array of integers (a pointer, an array of arrays or a function)");
                }

                if (members.Any(m => m.Name == named.GetText()))
                {
                    throw new SourceException(At(named), $"duplicate member '{named.GetText()}'");
                }

                members.Add(new StructMember(named.GetText(), type) { Length = length });
            }
        }

        return members.ToImmutable();
    }

    /// <summary>
    /// Declares the declarators of a declaration whose type is the struct <paramref name="layout"/>: a typedef name, or
    /// local variables and arrays of structs (each member a variable or an array). Returns the members' declarations.
    /// </summary>
    private IEnumerable<Stmt> DeclareStructs(StructLayout layout, string? storage, InitDeclaratorListContext declarators)
    {
        var enclosingDeclaration = _declaringName;
        foreach (var initDeclarator in declarators.initDeclarator())
        {
            var declarator = initDeclarator.declarator();
            _declaringName = DeclaredName(declarator)?.Text;
            _declaringPointer = null;
            if (declarator.directDeclarator() is FunctionDeclaratorContext)
            {
                // A prototype returning a struct or a pointer to one: only the definition matters.
                var shape = DescribeDeclarator(declarator, allowPointerResult: true);
                if (!_definedFunctionArity.ContainsKey(shape.Name) && !_prototypes.ContainsKey(shape.Name))
                {
                    _prototypes[shape.Name] = new Prototype(At(shape.NameToken), null, ArityOf(shape.Parameters), SourceException.Unsupported(At(shape.NameToken), "function returning a struct or a pointer to one, declared but not defined"));
                }

                continue;
            }

            if (declarator.pointer() is not null && declarator.directDeclarator() is NamedDeclaratorContext pointerName && PointerDepth(declarator.pointer()) == 1)
            {
                if (_scopes.AtFileScope && storage is null or "static")
                {
                    DeclareGlobalRecordPointer(layout, pointerName, initDeclarator.initializer());
                    continue;
                }

                if (storage == "typedef" || _scopes.AtFileScope || storage is not (null or "auto" or "register"))
                {
                    throw Unsupported(declarator, "pointer to a struct in a typedef, an extern declaration or a static local");
                }

                yield return DeclareRecordPointer(layout, pointerName, initDeclarator.initializer());
                continue;
            }

            var arrayOfStructs = declarator.directDeclarator() as ArrayDeclaratorContext;
            if (declarator.pointer() is not null
                || (arrayOfStructs?.directDeclarator() ?? declarator.directDeclarator()) is not NamedDeclaratorContext named)
            {
                throw Unsupported(declarator, declarator.pointer() is not null ? "pointer to a pointer to a struct" : "array of structs of more than one dimension");
            }

            var name = named.GetText();
            var span = At(named.Identifier().Symbol);
            RejectMacroName(name, span);
            if (storage == "typedef")
            {
                _scopes.Declare(name, arrayOfStructs is null ? new StructTypeSymbol(layout) : new RefusedSymbol($"unsupported: typedef of an array of structs '{name}'", span), span);
                continue;
            }

            var global = _scopes.AtFileScope && storage is null or "static";
            if (!global && (_scopes.AtFileScope || storage is not (null or "auto" or "register")))
            {
                throw SourceException.Unsupported(span, $"struct variable '{name}' outside a function's automatic variables and file scope");
            }

            if (layout.Members.FirstOrDefault(m => m.PointsTo is not null) is { } pointerMember)
            {
                throw SourceException.Unsupported(span, $"struct variable '{name}' with the pointer member '{pointerMember.Name}' (a struct with pointers lives on the heap)");
            }

            if (global && _definedFunctionArity.ContainsKey(name))
            {
                throw new SourceException(span, $"'{name}' is already a function");
            }

            var statements = arrayOfStructs is null
                ? DeclareStructVariable(layout, name, initDeclarator.initializer(), span)
                : DeclareStructArray(layout, arrayOfStructs, name, initDeclarator.initializer(), span);
            if (global)
            {
                DeclareGlobalObjects(statements, span);
                continue;
            }

            foreach (var statement in statements)
            {
                yield return statement;
            }
        }

        _declaringName = enclosingDeclaration;
    }

    /// <summary>
    /// The objects of a struct variable or an array of structs at file scope, made from the declarations its members
    /// would have as locals: a global per integer member and a global array per array (see
    /// <see cref="ProgramIr.GlobalArrays"/>), each 0 but for the initializer's values, which must be constants.
    /// </summary>
    private void DeclareGlobalObjects(List<Stmt> declarations, SourceSpan span)
    {
        var arrays = new List<(ArrayDeclStmt Declaration, List<System.Numerics.BigInteger> Contents)>();
        foreach (var declaration in declarations)
        {
            switch (declaration)
            {
                case VarDeclStmt variable:
                    var value = variable.Initializer is { } initial ? new IntLiteral(CTypeRules.Convert(ConstantEvaluator.Evaluate(initial).Value, variable.Type), variable.Type, initial.Span) : null;
                    _globals.Add(new GlobalDecl(variable.Name, variable.Type, value, span));
                    break;
                case ArrayDeclStmt array:
                    arrays.Add((array, []));
                    break;
                case ExprStmt { Expression: ArrayAssignExpr store }:
                    var contents = arrays.Single(a => a.Declaration.Name == store.Array).Contents;
                    var index = (int)ConstantEvaluator.Evaluate(store.Index).Value;
                    while (contents.Count <= index)
                    {
                        contents.Add(0);
                    }

                    contents[index] = CTypeRules.Convert(ConstantEvaluator.Evaluate(store.Value).Value, store.ElementType);
                    break;
                default:
                    throw new InvalidOperationException($"{declaration.Span}: not the declaration of a member");
            }
        }

        _globalArrays.AddRange(arrays.Select(a => a.Declaration with { Zeroed = true, Contents = new([.. a.Contents]) }));
    }

    /// <summary>The name of the object of member <paramref name="member"/> of <paramref name="name"/>: <c>name.member</c>, unique in the function for a local.</summary>
    private string MemberObjectName(string name, string member) =>
        _scopes.AtFileScope ? $"{name}.{member}" : _scopes.NewLocalName($"{name}.{member}");

    /// <summary>
    /// A local struct variable: a variable per integer member and an array object per array member, each named
    /// <c>s.m</c>, with the values of its initializer (see <see cref="StructInitializer"/>) or arbitrary ones.
    /// </summary>
    private List<Stmt> DeclareStructVariable(StructLayout layout, string name, InitializerContext? initializer, SourceSpan span)
    {
        var members = ImmutableArray.CreateBuilder<Symbol>();
        foreach (var member in layout.Members)
        {
            var irName = MemberObjectName(name, member.Name);
            if (member.Length is null)
            {
                members.Add(new VariableSymbol(irName, member.Type));
                continue;
            }

            _scopes.RecordArray(irName);
            members.Add(new ArraySymbol(irName, member.Type));
        }

        // C's scope rule lets the initializer see the variable.
        _scopes.Declare(name, new StructSymbol(layout, members.ToImmutable()), span);
        var values = initializer is null ? null : StructInitializer(initializer, layout, name, span);
        var sizeType = CTypeRules.ULong(dataModel);
        var statements = new List<Stmt>();
        for (var i = 0; i < layout.Members.Length; i++)
        {
            switch (members[i])
            {
                case VariableSymbol variable:
                    var value = values is null ? null : values[i] is [var given] ? given : new IntLiteral(0, ScalarType.Int, span);
                    statements.Add(new VarDeclStmt(variable.IrName, variable.Type, value, span));
                    break;
                case ArraySymbol array:
                    statements.Add(new ArrayDeclStmt(array.IrName, array.ElementType, new IntLiteral(layout.Members[i].Length!.Value, sizeType, span), span) { Zeroed = values is not null });
                    statements.AddRange(ElementStores(array, values?[i] ?? [], sizeType));
                    break;
            }
        }

        return statements;
    }

    /// <summary>The stores of <paramref name="values"/> into the first elements of <paramref name="array"/> (null leaves one as it is).</summary>
    private static IEnumerable<Stmt> ElementStores(ArraySymbol array, IReadOnlyList<Expr?> values, ScalarType sizeType) =>
        values.Select((value, i) => value is null
            ? null
            : new ExprStmt(new ArrayAssignExpr(array.IrName, new IntLiteral(i, sizeType, value.Span), value, array.ElementType, value.Span), value.Span))
        .OfType<Stmt>();

    /// <summary>
    /// A local array of structs <c>struct S a[N]</c> whose members are integers or arrays of integers, stored member by
    /// member: an array object <c>a.m</c> per member m, of N elements for an integer member, so that <c>a[i].m</c> is
    /// element i of <c>a.m</c>, and of N * L elements for an array member of length L, so that <c>a[i].m[k]</c> is element
    /// <c>i * L + k</c> (see <see cref="StructArrayMemberElement"/>). N is a constant, or comes from the initializer (see
    /// <see cref="StructArrayValues"/>).
    /// </summary>
    private List<Stmt> DeclareStructArray(StructLayout layout, ArrayDeclaratorContext declarator, string name, InitializerContext? initializer, SourceSpan span)
    {
        var given = declarator.expression() is { } lengthExpression ? ConstantLength(lengthExpression, name, $"variable-length array of structs '{name}'") : (long?)null;
        if (given is null && initializer is null)
        {
            throw new SourceException(span, $"array '{name}' without a length or an initializer");
        }

        var (values, reached) = initializer is null ? ([], 0) : StructArrayValues(initializer, layout, given, name);
        var length = given ?? Math.Max(1, reached);
        var members = layout.Members.Select(m => new ArraySymbol(MemberObjectName(name, m.Name), m.Type)).ToImmutableArray();
        foreach (var member in members)
        {
            _scopes.RecordArray(member.IrName);
        }

        _scopes.Declare(name, new StructArraySymbol(layout, members) { Length = length }, span);
        var sizeType = CTypeRules.ULong(dataModel);
        var statements = new List<Stmt>();
        for (var m = 0; m < members.Length; m++)
        {
            var objectLength = length * (layout.Members[m].Length ?? 1);
            statements.Add(new ArrayDeclStmt(members[m].IrName, members[m].ElementType, new IntLiteral(objectLength, sizeType, span), span) { Zeroed = initializer is not null });
        }

        foreach (var (m, index, value) in values)
        {
            var member = members[m];
            statements.Add(new ExprStmt(new ArrayAssignExpr(member.IrName, new IntLiteral(index, sizeType, value.Span), value, member.ElementType, value.Span), value.Span));
        }

        return statements;
    }

    /// <summary>
    /// The values that the initializer of an array of structs gives, as (member, element of the member's object, value),
    /// and how many elements of the array it reaches. Without array members it is a list of structs in braces or of
    /// values in order (see <see cref="RowOrderValues"/>). With them it is read by C's rules on braces (C11 6.7.9p17-22,
    /// as gcc reads it): a list in braces initializes the element, member or array element it starts at, and the
    /// values after it the next ones; a value outside braces where an element or an array member starts begins it,
    /// which takes the values that follow too, as many as it holds; a string literal gives an array member of
    /// characters its characters (and its terminating 0 where there is room).
    /// </summary>
    private (List<(int Member, long Index, Expr Value)> Values, long Reached) StructArrayValues(InitializerContext initializer, StructLayout layout, long? length, string name)
    {
        var memberCount = layout.Members.Length;
        var values = new List<(int Member, long Index, Expr Value)>();
        if (layout.Members.All(m => m.Length is null))
        {
            var inOrder = RowOrderValues(initializer, memberCount, name, "structs in braces", "members of an element");
            if (length is { } fixedLength && inOrder.Count > fixedLength * memberCount)
            {
                throw new SourceException(At(initializer), $"more values than the {fixedLength} elements of array '{name}'");
            }

            for (var k = 0; k < inOrder.Count; k++)
            {
                if (inOrder[k] is { } value)
                {
                    values.Add((k % memberCount, k / memberCount, value));
                }
            }

            return (values, (inOrder.Count + memberCount - 1) / memberCount);
        }

        if (initializer.expr() is not null)
        {
            throw SourceException.Unsupported(At(initializer), $"array '{name}' initialized by an expression");
        }

        var refusal = $"initializer of array '{name}' other than lists of structs, members and values (designators, braces around a braced value)";
        Queue<IParseTree> ItemsOf(InitializerContext list) => new(InitializerItems(list, refusal));
        static Antlr4.Runtime.ParserRuleContext First(Queue<IParseTree> items) => (Antlr4.Runtime.ParserRuleContext)items.Peek();
        Expr Scalar(IParseTree item) =>
            item is ExprContext value ? Convert(value)
            : InitializerItems((InitializerContext)item, refusal) is [ExprContext single] ? Convert(single)
            : throw SourceException.Unsupported(At((InitializerContext)item), refusal);

        void FillElement(long element, Queue<IParseTree> items)
        {
            for (var m = 0; m < memberCount && items.Count > 0; m++)
            {
                var member = layout.Members[m];
                if (member.Length is not { } memberLength)
                {
                    values.Add((m, element, Scalar(items.Dequeue())));
                    continue;
                }

                var start = element * memberLength;
                var braced = items.Peek() as InitializerContext;
                var from = braced is null ? items : ItemsOf(braced);
                if (braced is not null)
                {
                    items.Dequeue();
                }

                if (from.Count > 0 && from.Peek() is ExprContext text && StringInitializer(text, member.Type) is { } characters)
                {
                    // 'char s[4]' given "abcd": the terminating 0 is stored only where there is room (C11 6.7.9p14).
                    from.Dequeue();
                    characters = characters.Length == memberLength + 1 ? characters[..^1] : characters;
                    if (characters.Length > memberLength)
                    {
                        throw new SourceException(characters[(int)memberLength].Span, $"more values than the {memberLength} elements of member '{member.Name}'");
                    }

                    values.AddRange(characters.Select((c, k) => (m, start + k, c)));
                }
                else
                {
                    for (var k = 0L; k < memberLength && from.Count > 0; k++)
                    {
                        values.Add((m, start + k, Scalar(from.Dequeue())));
                    }
                }

                if (braced is not null && from.Count > 0)
                {
                    throw new SourceException(At(First(from)), $"more values than the {memberLength} elements of member '{member.Name}'");
                }
            }
        }

        var items = ItemsOf(initializer);
        var reached = 0L;
        for (; (length is null || reached < length) && items.Count > 0; reached++)
        {
            if (items.Peek() is InitializerContext element)
            {
                items.Dequeue();
                var inner = ItemsOf(element);
                FillElement(reached, inner);
                if (inner.Count > 0)
                {
                    throw new SourceException(At(First(inner)), $"more values than the {memberCount} members of an element of array '{name}'");
                }
            }
            else
            {
                FillElement(reached, items);
            }
        }

        return items.Count == 0 ? (values, reached) : throw new SourceException(At(First(items)), $"more values than the {length} elements of array '{name}'");
    }

    /// <summary>
    /// <c>{a, b}</c> for a struct: the values of each member in order, none for the members it leaves out (0, C11
    /// 6.7.9p21). An array member takes a list in braces (<c>{{1, 2}, 3}</c>), as many values of the list as it has
    /// elements (<c>{1, 2, 3}</c>, braces elided), or, for an array of characters, a string literal. Designators and
    /// other braces are refused.
    /// </summary>
    private Expr[][] StructInitializer(InitializerContext initializer, StructLayout layout, string name, SourceSpan span)
    {
        if (initializer.expr() is not null)
        {
            throw SourceException.Unsupported(span, "struct initialized by an expression");
        }

        var refusal = "struct initializer other than a list of values, and of lists in braces for array members (designators, other braces)";
        var items = InitializerItems(initializer, refusal);
        var values = new Expr[layout.Members.Length][];
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var member = layout.Members[i];
            if (next == items.Count)
            {
                values[i] = [];
                continue;
            }

            if (member.Length is not { } length)
            {
                values[i] = items[next++] is ExprContext value ? [Convert(value)] : throw SourceException.Unsupported(At((InitializerContext)items[next - 1]), $"braces around the value of member '{member.Name}'");
                continue;
            }

            var given = items[next] switch
            {
                InitializerContext list => ArrayInitializer(list, member.Type, $"{name}.{member.Name}"),
                ExprContext text => StringInitializer(text, member.Type),
                _ => null,
            };
            if (given is not null)
            {
                next++;
                if (given.Length == length + 1 && items[next - 1] is ExprContext)
                {
                    // 'char name[3]' given "abc": the terminating 0 is stored only where there is room (C11 6.7.9p14).
                    given = given[..^1];
                }

                values[i] = given.Length <= length
                    ? given
                    : throw new SourceException(given[(int)length].Span, $"more values than the {length} elements of member '{member.Name}'");
                continue;
            }

            // Braces elided: the member takes the next values of the list, up to its length.
            var elided = new List<Expr>();
            while (elided.Count < length && next < items.Count && items[next] is ExprContext value)
            {
                elided.Add(Convert(value));
                next++;
            }

            values[i] = [.. elided];
        }

        return next == items.Count
            ? values
            : throw new SourceException(At((Antlr4.Runtime.ParserRuleContext)items[next]), $"more values than the members of struct '{layout.Name}'");
    }

    /// <summary>
    /// The values of a brace initializer <c>{a, b}</c> (a trailing comma allowed; none for <c>{}</c>), parsed from its
    /// tokens; anything else between the braces (designators, nested braces) is refused as <paramref name="refusal"/>
    /// at <paramref name="refusedAt"/>.
    /// </summary>
    private ExprContext[] InitializerList(InitializerContext initializer, string refusal, SourceSpan refusedAt)
    {
        var inner = initializer.balancedToken().SelectMany(Tokens).ToList();
        if (inner.Count > 0 && inner[^1].Text == ",")
        {
            inner.RemoveAt(inner.Count - 1);
        }

        if (inner.Count == 0)
        {
            return [];
        }

        return ParseWhole(inner, parser => parser.argumentList())?.expr() ?? throw SourceException.Unsupported(refusedAt, refusal);
    }

    /// <summary>
    /// The items of a brace initializer one level deep: each an expression (an <see cref="ExprContext"/>) or a brace
    /// group (an <see cref="InitializerContext"/> of its own, as <c>{1, 2}</c> in <c>{{1, 2}, {3, 4}}</c>).
    /// </summary>
    private List<Antlr4.Runtime.Tree.IParseTree> InitializerItems(InitializerContext initializer, string refusal)
    {
        var inner = initializer.balancedToken().SelectMany(Tokens).ToList();
        if (inner.Count > 0 && inner[^1].Text == ",")
        {
            inner.RemoveAt(inner.Count - 1);
        }

        var items = new List<Antlr4.Runtime.Tree.IParseTree>();
        if (inner.Count == 0)
        {
            return items;
        }

        var start = 0;
        var depth = 0;
        for (var i = 0; i <= inner.Count; i++)
        {
            if (i < inner.Count && inner[i].Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (i < inner.Count && inner[i].Text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (i == inner.Count || (depth == 0 && inner[i].Text == ","))
            {
                if (i == start)
                {
                    throw SourceException.Unsupported(At(initializer), refusal);
                }

                var tokens = inner.GetRange(start, i - start);
                items.Add(ParseWhole(tokens, parser => tokens[0].Text == "{" ? (IParseTree)parser.initializer() : parser.expr())
                    ?? throw SourceException.Unsupported(At(initializer), refusal));

                start = i + 1;
            }
        }

        return items;
    }

    /// <summary>The variable of <c>s.m</c> for a local struct variable s; null for any other expression.</summary>
    private VariableSymbol? MemberOf(ExprContext expression)
    {
        if (StripParentheses(expression) is not MemberAccessContext access)
        {
            return null;
        }

        if (FieldOf(access) is not null)
        {
            return null;
        }

        if (IdentifierOf(StripParentheses(access.expr())) is not { } identifier || _scopes.Lookup(identifier.GetText()) is not StructSymbol structure)
        {
            // 'g.m' or 'g[i].m' of a name whose declaration is outside the subset: that declaration is the reason.
            var root = StripParentheses(access.expr());
            while (root is SubscriptContext subscript)
            {
                root = StripParentheses(subscript.expr());
            }

            throw IdentifierOf(root) is { } name && _scopes.Lookup(name.GetText()) is RefusedSymbol refused
                ? UsesRefused(At(root), name.GetText(), refused)
                : Unsupported(access.op, "member access of something other than a local struct variable");
        }

        return structure.Members[MemberIndex(structure.Layout, access)] switch
        {
            VariableSymbol variable => variable,
            var array => throw ArrayUsedAsValue(At(access), ((ArraySymbol)array).IrName),
        };
    }

    /// <summary>The index in <paramref name="layout"/> of the member that <paramref name="access"/> names; an error when it has none.</summary>
    private int MemberIndex(StructLayout layout, MemberAccessContext access)
    {
        var member = access.Identifier().GetText();
        var index = layout.Members.Select(m => m.Name).ToList().IndexOf(member);
        return index >= 0 ? index : throw new SourceException(At(access.Identifier().Symbol), $"struct '{layout.Name}' has no member '{member}'");
    }

    /// <summary>
    /// The array object of <c>s.m</c> for an array member m of a local struct variable s, which <c>s.m[i]</c>, <c>*s.m</c>
    /// and pointers into it reach as any local array; null for any other expression.
    /// </summary>
    private ArraySymbol? ArrayMemberOf(ExprContext expression) =>
        StripParentheses(expression) is MemberAccessContext { op.Text: "." } access
        && IdentifierOf(StripParentheses(access.expr())) is { } identifier
        && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is StructSymbol structure
        && structure.Layout.Members.Select(m => m.Name).ToList().IndexOf(access.Identifier().GetText()) is >= 0 and var index
            ? structure.Members[index] as ArraySymbol
            : null;

    /// <summary>
    /// The name of m when <paramref name="access"/> is <c>a[i].m</c> of an array member of an element of an array of
    /// structs, or <c>p-&gt;m</c> of an array member of a struct that p points to, which are reached only through their
    /// elements; null for any other member access.
    /// </summary>
    private string? ElementArrayMember(MemberAccessContext access)
    {
        var layout = access.op.Text == "." && StructArrayIndexing(access.expr()) is var (structs, _) ? structs.Layout
            : FieldOf(access) is var (pointed, _, _) ? pointed
            : null;
        var name = access.Identifier().GetText();
        return layout?.Members.FirstOrDefault(m => m.Name == name) is { Length: not null } ? name : null;
    }

    /// <summary>
    /// The array of structs that <c>a[i]</c> indexes, and the index, when <paramref name="expression"/> is one; null
    /// for any other expression.
    /// </summary>
    private (StructArraySymbol Structs, ExprContext Index)? StructArrayIndexing(ExprContext expression) =>
        StripParentheses(expression) is SubscriptContext subscript
        && IdentifierOf(StripParentheses(subscript.expr())) is { } identifier
        && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is StructArraySymbol structs
            ? (structs, subscript.expression().expr() is [var index] ? index : throw Unsupported(subscript.expression(), "comma operator in the index of an array of structs"))
            : null;

    /// <summary>
    /// The name of the array of structs that <paramref name="expression"/> uses (<c>a</c>, <c>a[i]</c>, <c>a[i].m</c>,
    /// <c>a[i].m[k]</c>); null when it is no such use.
    /// </summary>
    private string? StructArrayUse(ExprContext expression)
    {
        expression = StripParentheses(expression);
        if (expression is SubscriptContext { } memberElement && StripParentheses(memberElement.expr()) is MemberAccessContext { op.Text: "." } member)
        {
            expression = member;
        }

        if (expression is MemberAccessContext { op.Text: "." } access)
        {
            expression = StripParentheses(access.expr());
        }

        if (expression is SubscriptContext subscript)
        {
            expression = StripParentheses(subscript.expr());
        }

        return IdentifierOf(expression) is { } identifier && !_macros.ContainsKey(identifier.GetText()) && _scopes.Lookup(identifier.GetText()) is StructArraySymbol
            ? identifier.GetText()
            : null;
    }

    /// <summary>
    /// <c>a[i].m</c> of a local array of structs: element i of the array object <c>a.m</c> (see
    /// <see cref="DeclareStructArray"/>); null for any other expression.
    /// </summary>
    private (PointerOperand Pointer, Expr Index)? StructArrayElement(ExprContext target)
    {
        if (target is not MemberAccessContext { op.Text: "." } access || StructArrayIndexing(access.expr()) is not var (structs, index))
        {
            return null;
        }

        var memberIndex = MemberIndex(structs.Layout, access);
        var array = structs.Members[memberIndex];
        var span = At(target);
        if (structs.Layout.Members[memberIndex].Length is not null)
        {
            throw SourceException.Unsupported(span, $"the array member '{access.Identifier().GetText()}' of an element of '{IdentifierOf(StripParentheses(((SubscriptContext)StripParentheses(access.expr())).expr()))!.GetText()}' used other than through its elements (a[i].m[k])");
        }

        return (new PointerOperand(array.IrName, array.ElementType, array.ElementType, new IntLiteral(0, OffsetType, span), true, span), Convert(index));
    }

    /// <summary>
    /// <c>a[i].m[k]</c> of an array member m of length L of a local array of structs: element <c>i * L + k</c> of the
    /// array object <c>a.m</c>, where k outside <c>0 &lt;= k &lt; L</c> is undefined behaviour even inside the object (C
    /// bounds an access by the member array it goes through); null for any other expression.
    /// </summary>
    private (PointerOperand Pointer, Expr Index)? StructArrayMemberElement(ExprContext target)
    {
        if (target is not SubscriptContext subscript
            || StripParentheses(subscript.expr()) is not MemberAccessContext { op.Text: "." } access
            || StructArrayIndexing(access.expr()) is not var (structs, index))
        {
            return null;
        }

        var memberIndex = MemberIndex(structs.Layout, access);
        if (structs.Layout.Members[memberIndex].Length is not { } memberLength)
        {
            return null;
        }

        var array = structs.Members[memberIndex];
        var span = At(target);
        var name = IdentifierOf(StripParentheses(((SubscriptContext)StripParentheses(access.expr())).expr()))!.GetText();
        var member = access.Identifier().GetText();
        var flat = CheckedFlatIndex(
            [Convert(index), ConvertExpression(subscript.expression())],
            [memberLength],
            (_, dimension) => $"index of the member '{member}' of an element of '{name}' out of its bounds ({dimension} elements)",
            "an array member of an element of an array of structs",
            span);
        return (new PointerOperand(array.IrName, array.ElementType, array.ElementType, new IntLiteral(0, OffsetType, span), true, span), flat);
    }

    /// <summary>The most elements an array member may have for an assignment of its struct, which copies them one by one.</summary>
    private const long MaxCopiedMemberElements = 1024;

    /// <summary>
    /// <c>s = t</c> of two local variables of one struct type: every member copied, an array member element by element
    /// (an element never stored copies the arbitrary value it holds), as one statement.
    /// </summary>
    private BlockStmt? StructAssignment(AssignmentContext context)
    {
        if (IdentifierOf(StripParentheses(context.target)) is not { } target || _scopes.Lookup(target.GetText()) is not StructSymbol left)
        {
            return null;
        }

        var span = At(context);
        if (context.assignmentOperator().GetText() != "="
            || IdentifierOf(StripParentheses(context.value)) is not { } source
            || _scopes.Lookup(source.GetText()) is not StructSymbol right
            || right.Layout != left.Layout)
        {
            throw SourceException.Unsupported(span, $"assignment to struct '{target.GetText()}' of something other than a struct variable of its type");
        }

        if (left.Layout.Members.FirstOrDefault(m => m.Length > MaxCopiedMemberElements) is { } largeMember)
        {
            throw SourceException.Unsupported(span, $"assignment to struct '{target.GetText()}', whose array member '{largeMember.Name}' has more than {MaxCopiedMemberElements} elements");
        }

        var sizeType = CTypeRules.ULong(dataModel);
        var copies = new List<Stmt>();
        for (var i = 0; i < left.Members.Length; i++)
        {
            switch ((left.Members[i], right.Members[i]))
            {
                case (VariableSymbol to, VariableSymbol from):
                    copies.Add(new ExprStmt(new AssignExpr(to.IrName, new VarRef(from.IrName, span), false, span), span));
                    break;
                case (ArraySymbol to, ArraySymbol from):
                    for (var k = 0L; k < left.Layout.Members[i].Length; k++)
                    {
                        var index = new IntLiteral(k, sizeType, span);
                        copies.Add(new ExprStmt(new ArrayAssignExpr(to.IrName, index, new ArrayReadExpr(from.IrName, index, from.ElementType, span), to.ElementType, span), span));
                    }

                    break;
            }
        }

        return new BlockStmt(new([.. copies]), span);
    }

    private static SourceException StructUsedAsValue(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"struct '{name}' used other than through its members (passed, returned, compared or its address taken)");

    private static SourceException StructArrayUsedAsValue(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"array of structs '{name}' used other than through the members of its elements ({name}[i].m): passed, its address or an element's taken, or an element used as a whole");
}

/// <summary>
/// A member of a struct: its name and integer type, or, with <see cref="Length"/>, an array of integers of that type,
/// or, with <see cref="PointsTo"/>, a pointer to a struct.
/// </summary>
internal sealed record StructMember(string Name, ScalarType Type)
{
    /// <summary>For a pointer to a struct: that struct's tag. Null for an integer member.</summary>
    public string? PointsTo { get; init; }

    /// <summary>For an array of integers: its number of elements. Null for any other member.</summary>
    public long? Length { get; init; }
}

/// <summary>A struct type: its members in declaration order.</summary>
internal sealed record StructLayout(string Name, ImmutableArray<StructMember> Members)
{
    // Each declaration is a type of its own: two struct types with the same members are still different types.
    /// <inheritdoc />
    public bool Equals(StructLayout? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>A typedef name for a struct type.</summary>
internal sealed record StructTypeSymbol(StructLayout Layout) : Symbol;

/// <summary>A typedef name for a pointer to the struct tagged <paramref name="Tag"/>, which may be defined after it.</summary>
internal sealed record RecordPointerTypeSymbol(string Tag) : Symbol;

/// <summary>
/// A local struct variable: one object per member of <paramref name="Layout"/>, in order: a
/// <see cref="VariableSymbol"/> for an integer member, an <see cref="ArraySymbol"/> for an array member.
/// </summary>
internal sealed record StructSymbol(StructLayout Layout, ImmutableArray<Symbol> Members) : Symbol;

/// <summary>
/// A local array of structs <c>struct S a[N]</c>: one array object per member of <paramref name="Layout"/>, in order, of
/// N elements for an integer member, of which <c>a[i].m</c> is element i, and of N * L for an array member of length L,
/// of which <c>a[i].m[k]</c> is element <c>i * L + k</c>.
/// </summary>
internal sealed record StructArraySymbol(StructLayout Layout, ImmutableArray<ArraySymbol> Members) : Symbol
{
    /// <summary>The number of structs N.</summary>
    public long Length { get; init; }
}
