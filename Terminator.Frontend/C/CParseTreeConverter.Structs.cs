using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Structs whose members are all integers, held in local variables: a local <c>struct S s;</c> is one variable per
/// member (named <c>s.m</c>), so <c>s.m</c> reads and assigns it, and <c>s = t</c> copies every member. Nothing can
/// reach such a variable but its name: taking its address, passing, returning or comparing it, pointers to structs,
/// struct members that are not integers (pointers, arrays, structs, bit-fields), unions, and struct variables at file
/// scope are refused.
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

    /// <summary>The members of a struct body: integers, and pointers to structs; anything else is refused.</summary>
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
                if (declarator.initializer() is not null || declarator.declarator().pointer() is not null
                    || declarator.declarator().directDeclarator() is not NamedDeclaratorContext named || type == ScalarType.Void)
                {
                    throw SourceException.Unsupported(At(declarator), "struct member that is not an integer (a pointer, an array or a function)");
                }

                if (members.Any(m => m.Name == named.GetText()))
                {
                    throw new SourceException(At(named), $"duplicate member '{named.GetText()}'");
                }

                members.Add(new StructMember(named.GetText(), type));
            }
        }

        return members.ToImmutable();
    }

    /// <summary>
    /// Declares the declarators of a declaration whose type is the struct <paramref name="layout"/>: a typedef name, or
    /// local variables (each member a variable). Returns the members' declarations.
    /// </summary>
    private IEnumerable<Stmt> DeclareStructs(StructLayout layout, string? storage, InitDeclaratorListContext declarators)
    {
        foreach (var initDeclarator in declarators.initDeclarator())
        {
            var declarator = initDeclarator.declarator();
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

            if (declarator.pointer() is not null || declarator.directDeclarator() is not NamedDeclaratorContext named)
            {
                throw Unsupported(declarator, declarator.pointer() is not null ? "pointer to a pointer to a struct" : "array of structs");
            }

            var name = named.GetText();
            var span = At(named.Identifier().Symbol);
            RejectMacroName(name, span);
            if (storage == "typedef")
            {
                _scopes.Declare(name, new StructTypeSymbol(layout), span);
                continue;
            }

            if (_scopes.AtFileScope || storage is not (null or "auto" or "register"))
            {
                throw SourceException.Unsupported(span, $"struct variable '{name}' outside a function's automatic variables");
            }

            if (layout.Members.FirstOrDefault(m => m.PointsTo is not null) is { } pointerMember)
            {
                throw SourceException.Unsupported(span, $"struct variable '{name}' with the pointer member '{pointerMember.Name}' (a struct with pointers lives on the heap)");
            }

            var members = layout.Members.Select(m => new VariableSymbol(_scopes.NewLocalName($"{name}.{m.Name}"), m.Type)).ToImmutableArray();
            _scopes.Declare(name, new StructSymbol(layout, members), span);
            var values = initDeclarator.initializer() is { } initializer ? StructInitializer(initializer, layout, span) : null;
            for (var i = 0; i < members.Length; i++)
            {
                yield return new VarDeclStmt(members[i].IrName, members[i].Type, values?[i], span);
            }
        }
    }

    /// <summary>
    /// <c>{a, b}</c> for a struct: one value per member in order, 0 for the members it leaves out (C11 6.7.9p21).
    /// Designators and nested braces are refused.
    /// </summary>
    private Expr[] StructInitializer(InitializerContext initializer, StructLayout layout, SourceSpan span)
    {
        if (initializer.expr() is not null)
        {
            throw SourceException.Unsupported(span, "struct initialized by an expression");
        }

        var values = new Expr[layout.Members.Length];
        var given = InitializerList(initializer, "struct initializer other than a list of values (designators, nested braces)", span);
        if (given.Length > values.Length)
        {
            throw new SourceException(At(given[values.Length]), $"more values than the {values.Length} members of struct '{layout.Name}'");
        }

        for (var i = 0; i < given.Length; i++)
        {
            values[i] = Convert(given[i]);
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] ??= new IntLiteral(0, ScalarType.Int, span);
        }

        return values;
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

        var parser = new Generated.MiniCParser(new CommonTokenStream(new ListTokenSource([.. inner, new CommonToken(TokenConstants.EOF)])));
        parser.RemoveErrorListeners();
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            var list = parser.argumentList();
            return parser.CurrentToken.Type == TokenConstants.EOF ? list.expr() : throw new ParseCanceledException();
        }
        catch (ParseCanceledException)
        {
            throw SourceException.Unsupported(refusedAt, refusal);
        }
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
                var parser = new Generated.MiniCParser(new CommonTokenStream(new ListTokenSource([.. tokens, new CommonToken(TokenConstants.EOF)])));
                parser.RemoveErrorListeners();
                parser.ErrorHandler = new BailErrorStrategy();
                try
                {
                    Antlr4.Runtime.Tree.IParseTree item = tokens[0].Text == "{" ? parser.initializer() : parser.expr();
                    items.Add(parser.CurrentToken.Type == TokenConstants.EOF ? item : throw new ParseCanceledException());
                }
                catch (ParseCanceledException)
                {
                    throw SourceException.Unsupported(At(initializer), refusal);
                }

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
            throw Unsupported(access.op, "member access of something other than a local struct variable");
        }

        var member = access.Identifier().GetText();
        var index = structure.Layout.Members.Select(m => m.Name).ToList().IndexOf(member);
        return index >= 0
            ? structure.Members[index]
            : throw new SourceException(At(access.Identifier().Symbol), $"struct '{structure.Layout.Name}' has no member '{member}'");
    }

    /// <summary><c>s = t</c> of two local variables of one struct type: every member copied, as one expression statement.</summary>
    private Expr? StructAssignment(AssignmentContext context)
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

        Expr copy = new AssignExpr(left.Members[^1].IrName, new VarRef(right.Members[^1].IrName, span), false, span);
        for (var i = left.Members.Length - 2; i >= 0; i--)
        {
            copy = new SequenceExpr(new AssignExpr(left.Members[i].IrName, new VarRef(right.Members[i].IrName, span), false, span), copy, span);
        }

        return copy;
    }

    private static SourceException StructUsedAsValue(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"struct '{name}' used other than through its members (passed, returned, compared or its address taken)");
}

/// <summary>A member of a struct: its name and integer type, or, with <see cref="PointsTo"/>, a pointer to a struct.</summary>
internal sealed record StructMember(string Name, ScalarType Type)
{
    /// <summary>For a pointer to a struct: that struct's tag. Null for an integer member.</summary>
    public string? PointsTo { get; init; }
}

/// <summary>A struct type whose members are all integers, in declaration order.</summary>
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

/// <summary>A local struct variable: one variable per member of <paramref name="Layout"/>, in order.</summary>
internal sealed record StructSymbol(StructLayout Layout, ImmutableArray<VariableSymbol> Members) : Symbol;
