using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using Terminator.Frontend.Generated;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Turns a MiniC parse tree into the core IR: resolves names and scopes, types declarations and literals, lowers
/// compound assignments, increments and <c>for</c> loops, recognizes the verifier builtins, and rejects everything
/// outside the supported subset with an "unsupported: ..." SourceException at the construct's position.
/// This part handles the file level: pass order, functions, declarations and preprocessor lines; statements and
/// expressions live in the other parts of the class.
/// </summary>
internal sealed partial class CParseTreeConverter(string fileName, LineMap lines, DataModel dataModel = DataModel.Ilp32) : MiniCBaseVisitor<Expr>
{
    private readonly Scopes _scopes = new(dataModel);
    private readonly Dictionary<string, ConstantSymbol> _macros = [];
    private readonly Dictionary<string, int> _definedFunctionArity = [];
    private readonly Dictionary<string, Prototype> _prototypes = [];
    private readonly Dictionary<string, ExternalFunction> _externalsCalled = [];
    private readonly List<FunctionDecl> _functions = [];
    private readonly List<RefusedFunction> _refused = [];
    private readonly Dictionary<string, List<(string Callee, SourceSpan Span)>> _calls = [];
    private List<(string Callee, SourceSpan Span)> _callsOfCurrentFunction = [];
    private readonly List<GlobalDecl> _globals = [];
    private int _loopDepth;
    private int _switchDepth;
    private string _currentFunctionName = "";

    /// <summary>The last position the converter looked at, for reporting failures that carry no position.</summary>
    public SourceSpan LastPosition { get; private set; } = new(fileName, 1, 1);

    /// <summary>
    /// A function declared but not defined (so far): its return type and number of parameters (-1: variadic), or why
    /// its declaration is outside the subset (then only a call of it is refused).
    /// </summary>
    /// <param name="Span">Where it is declared.</param>
    /// <param name="ReturnType">Its return type (null when <paramref name="Failure"/> is set).</param>
    /// <param name="Arity">How many parameters it has (-1: variadic).</param>
    /// <param name="Failure">Why a call of it is outside the subset, or null.</param>
    /// <param name="DoubleOfDouble">Whether the prototype is <c>double name(double)</c>, as C's <c>sqrt</c> is declared.</param>
    private sealed record Prototype(SourceSpan Span, ScalarType? ReturnType, int Arity, SourceException? Failure, bool DoubleOfDouble = false);

    /// <summary>Converts a whole file.</summary>
    public ProgramIr ConvertCompilationUnit(CompilationUnitContext unit)
    {
        // First pass: functions may be called before their definition, and locals must not take the name of a
        // global declared further down.
        foreach (var item in unit.externalItem())
        {
            if (item.functionDefinition() is { } header && lines.IsSystemHeader(header.Start.Line))
            {
                // A function a system header defines (an inline helper) is not the user's to analyze: a call of it
                // is a call of an external function.
                RegisterHeaderFunction(header);
            }
            else if (item.functionDefinition() is { } definition)
            {
                try
                {
                    RegisterFunctionDefinition(definition);
                }
                catch (SourceException e) when (IsUnsupported(e) && DeclaredName(definition.declarator()) is { } name)
                {
                    // A declarator outside the subset: the second pass refuses the function; calls of it refuse their callers.
                    _definedFunctionArity.TryAdd(name.Text, -1);
                }
            }
            else if (item.declaration() is { } declaration)
            {
                _scopes.ReserveGlobalNames(PlainVariableNames(declaration));
            }
        }

        FindHeapCells([.. unit.externalItem().Select(i => i.functionDefinition()).OfType<FunctionDefinitionContext>().Where(d => !lines.IsSystemHeader(d.Start.Line))]);
        foreach (var item in unit.externalItem())
        {
            LastPosition = At(item);
            if (item.functionDefinition() is { } definition)
            {
                if (!lines.IsSystemHeader(definition.Start.Line))
                {
                    ConvertFunctionOrRefuse(definition);
                }
            }
            else if (item.declaration() is { } declaration)
            {
                ConvertFileScopeDeclaration(declaration);
            }
            else if (item.DirectiveLine() is { } directive)
            {
                ProcessDirective(directive.Symbol);
            }
        }

        ApplySequencingRules();
        RefuseCallersOfRefused();
        return new ProgramIr(fileName, SourceLanguage.C, [.. _functions], [.. _globals])
        {
            RefusedFunctions = [.. _refused.OrderBy(f => (f.Span.Line, f.Span.Column))],
            Records = RecordTypes,
            GlobalArrays = [.. _globalArrays],
            DataModel = dataModel,
            ExternalFunctions = [.. _externalsCalled.Values
                .Where(e => _functions.Any(f => _calls[f.Name].Any(c => c.Callee == e.Name)))
                .OrderBy(e => (e.Span.Line, e.Span.Column))],
        };
    }

    private static bool IsUnsupported(SourceException e) => e.Detail.StartsWith("unsupported:", StringComparison.Ordinal);

    /// <summary>A function that a system header defines: recorded as a prototype, so that a call of it is an external call.</summary>
    private void RegisterHeaderFunction(FunctionDefinitionContext definition)
    {
        try
        {
            var shape = DescribeDeclarator(definition.declarator(), allowPointerResult: true);
            if (shape.IsFunction && !_definedFunctionArity.ContainsKey(shape.Name) && !_prototypes.ContainsKey(shape.Name))
            {
                _prototypes[shape.Name] = DescribePrototype(definition.declarationSpecifiers(), definition.declarator(), shape, At(shape.NameToken));
            }
        }
        catch (SourceException)
        {
            // Never called with a declarator like this one in the subset: a call of it is an unknown function.
        }
    }

    /// <summary>A function outside the subset gets its own DontKnow; syntax errors and other mistakes still reject the file.</summary>
    private void ConvertFunctionOrRefuse(FunctionDefinitionContext definition)
    {
        try
        {
            _functions.Add(ConvertFunction(definition));
        }
        catch (SourceException e) when (IsUnsupported(e) && DeclaredName(definition.declarator()) is { } name)
        {
            _scopes.ResetToFileScope();
            _refused.Add(new RefusedFunction(name.Text, At(name), e.Span, e.Detail));
        }
    }

    /// <summary>
    /// A declaration at file scope that is outside the subset (a struct typedef, a pointer variable, a libc prototype
    /// with pointer parameters) does not reject the file: the names it declares refuse only the functions that use them.
    /// </summary>
    private void ConvertFileScopeDeclaration(DeclarationContext declaration)
    {
        try
        {
            _ = ConvertDeclaration(declaration.declarationSpecifiers(), declaration.initDeclaratorList()).ToList();
        }
        catch (SourceException e) when (IsUnsupported(e) || e.Detail.StartsWith("unknown type name", StringComparison.Ordinal))
        {
            _scopes.ResetToFileScope();
            foreach (var initDeclarator in declaration.initDeclaratorList()?.initDeclarator() ?? [])
            {
                if (DeclaredName(initDeclarator.declarator()) is not { } name)
                {
                    continue;
                }

                if (!_scopes.IsDeclaredAtFileScope(name.Text) && !_definedFunctionArity.ContainsKey(name.Text) && !_prototypes.ContainsKey(name.Text))
                {
                    _scopes.Declare(name.Text, new RefusedSymbol(e.Detail, e.Span), At(name));
                }
                else if (_scopes.Lookup(name.Text) is VariableSymbol variable && !_globals.Any(g => g.Name == variable.IrName))
                {
                    // Declared before its initializer turned out to be outside the subset: the variable does not exist.
                    _scopes.ReplaceAtFileScope(name.Text, new RefusedSymbol(e.Detail, e.Span));
                }
            }
        }
    }

    /// <summary>
    /// C's sequencing rules over the converted functions (<see cref="Sequencing"/>): a function with an expression whose
    /// meaning depends on an evaluation order C leaves open is refused.
    /// </summary>
    private void ApplySequencingRules()
    {
        var sequencing = new Sequencing(_functions, _globals, _globalArrays.Select(a => a.Name));
        for (var i = _functions.Count - 1; i >= 0; i--)
        {
            var function = _functions[i];
            try
            {
                _functions[i] = sequencing.Apply(function);
            }
            catch (SourceException e) when (IsUnsupported(e))
            {
                _functions.RemoveAt(i);
                _refused.Add(new RefusedFunction(function.Name, function.Span, e.Span, e.Detail));
            }
        }
    }

    /// <summary>A function that calls a refused one (directly or not) is refused as well, at the call: its callee cannot be analyzed.</summary>
    private void RefuseCallersOfRefused()
    {
        var refusedNames = _refused.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var function in _functions.ToList())
            {
                var call = _calls[function.Name].FirstOrDefault(c => refusedNames.Contains(c.Callee));
                if (call.Callee is not null)
                {
                    _functions.Remove(function);
                    _refused.Add(new RefusedFunction(function.Name, function.Span, call.Span, $"unsupported: call of '{call.Callee}', which is outside the subset"));
                    refusedNames.Add(function.Name);
                    changed = true;
                }
            }
        }
    }

    /// <summary>The identifier a declarator declares, however deeply nested (<c>*(*f)(int)</c> declares f); null if none.</summary>
    private static IToken? DeclaredName(DeclaratorContext declarator)
    {
        var direct = declarator.directDeclarator();
        while (true)
        {
            switch (direct)
            {
                case NamedDeclaratorContext named:
                    return named.Identifier().Symbol;
                case ParenthesizedDeclaratorContext parenthesized:
                    direct = parenthesized.declarator().directDeclarator();
                    break;
                case ArrayDeclaratorContext array:
                    direct = array.directDeclarator();
                    break;
                case FunctionDeclaratorContext function:
                    direct = function.directDeclarator();
                    break;
                default:
                    return null;
            }
        }
    }

    // ------------------------------------------------------------------ positions and errors

    private SourceSpan At(IToken token) => LastPosition = lines.Map(token.Line, token.Column + 1);

    private SourceSpan At(ParserRuleContext context) => At(context.Start);

    private SourceException Unsupported(ParserRuleContext context, string construct) =>
        SourceException.Unsupported(At(context), construct);

    private SourceException Unsupported(IToken token, string construct) => SourceException.Unsupported(At(token), construct);

    // ------------------------------------------------------------------ declarators

    /// <summary>The name a declarator declares, and its parameter list when it declares a function.</summary>
    private sealed record DeclaratorShape(string Name, IToken NameToken, bool IsFunction, ParameterListContext? Parameters);

    /// <summary>
    /// Reads a declarator of a scalar variable or a function. A pointer result is allowed only for functions
    /// (<paramref name="allowPointerResult"/>), so prototypes such as <c>void *malloc(...)</c> can stand unused.
    /// </summary>
    private DeclaratorShape DescribeDeclarator(DeclaratorContext declarator, bool allowPointerResult = false)
    {
        switch (declarator.directDeclarator())
        {
            case NamedDeclaratorContext named:
                return declarator.pointer() is { } pointer
                    ? throw Unsupported(pointer, "pointer")
                    : new DeclaratorShape(named.GetText(), named.Identifier().Symbol, false, null);
            case FunctionDeclaratorContext function when FunctionName(function.directDeclarator()) is { } named:
                if (declarator.pointer() is { } resultPointer && !allowPointerResult)
                {
                    throw Unsupported(resultPointer, "pointer");
                }

                return new DeclaratorShape(named.GetText(), named.Identifier().Symbol, true, function.parameterList());
            case ArrayDeclaratorContext array:
                throw Unsupported(((ITerminalNode)array.GetChild(1)).Symbol, "array");
            case var other:
                throw Unsupported(other, "function pointer or parenthesized declarator");
        }
    }

    /// <summary>The name of a function declarator, also when parenthesized: <c>char *(strcpy)(char *, const char *)</c>.</summary>
    private static NamedDeclaratorContext? FunctionName(DirectDeclaratorContext direct) => direct switch
    {
        NamedDeclaratorContext named => named,
        ParenthesizedDeclaratorContext parenthesized when parenthesized.declarator().pointer() is null => FunctionName(parenthesized.declarator().directDeclarator()),
        _ => null,
    };

    private static IEnumerable<string> PlainVariableNames(DeclarationContext declaration)
    {
        var isTypedef = declaration.declarationSpecifiers().declarationQualifier().Any(q => q.storage?.Text == "typedef");
        if (isTypedef || declaration.initDeclaratorList() is not { } list)
        {
            return [];
        }

        return list.initDeclarator()
            .Select(d => d.declarator().directDeclarator() is ArrayDeclaratorContext array ? array.directDeclarator() : d.declarator().directDeclarator())
            .OfType<NamedDeclaratorContext>()
            .Select(named => named.GetText());
    }

    // ------------------------------------------------------------------ types

    private string? StorageClass(DeclarationSpecifiersContext specifiers, out IToken? storageToken)
    {
        var storage = specifiers.declarationQualifier().Select(q => q.storage).OfType<IToken>().ToList();
        storageToken = storage.Count > 0 ? storage[0] : null;
        if (storage.Count > 1)
        {
            throw new SourceException(At(storage[1]), "more than one storage class in a declaration");
        }

        return storageToken?.Text;
    }

    /// <summary>
    /// The scalar type named by declaration specifiers. Declares the enumerators of an enum defined there, so it
    /// must run once per declaration.
    /// </summary>
    private ScalarType ResolveType(DeclarationSpecifiersContext specifiers)
    {
        var extraKeywords = specifiers.primitiveType();
        switch (specifiers.typeSpecifier())
        {
            case PrimitiveTypeSpecifierContext primitive:
                List<string> keywords = [Keyword(primitive.GetText()), .. extraKeywords.Select(k => Keyword(k.GetText()))];
                return CTypeRules.FromKeywords(keywords, At(primitive), dataModel);
            case StructTypeSpecifierContext structure:
                throw Unsupported(structure, structure.structOrUnionSpecifier().kind.Text);
            case TypeofSpecifierContext typeOf:
                throw Unsupported(typeOf, "typeof");
            case var _ when extraKeywords.Length > 0:
                throw new SourceException(At(extraKeywords[0]), $"unexpected '{extraKeywords[0].GetText()}' in a type");
            case EnumTypeSpecifierContext enumeration:
                DeclareEnumerators(enumeration.enumSpecifier());
                return ScalarType.Int;
            case TypedefNameSpecifierContext typedefName:
                var name = typedefName.GetText();
                return _scopes.Lookup(name) switch
                {
                    TypeSymbol type => type.Type,
                    StructTypeSymbol => throw Unsupported(typedefName, "struct"),
                    RecordPointerTypeSymbol => throw Unsupported(typedefName, "pointer to a struct used as an integer type"),
                    RefusedSymbol refused => throw UsesRefused(At(typedefName), name, refused),
                    _ => throw new SourceException(At(typedefName), $"unknown type name '{name}'"),
                };
            default:
                throw Unsupported(specifiers, "type");
        }
    }

    /// <summary>GCC's spellings of keywords (<c>__signed__</c>) as the standard ones.</summary>
    private static string Keyword(string text) => text.StartsWith("__signed", StringComparison.Ordinal) ? "signed" : text;

    private ScalarType ResolveTypeName(TypeNameContext typeName)
    {
        if (typeName.abstractDeclarator() is { } abstractDeclarator)
        {
            throw Unsupported(abstractDeclarator, abstractDeclarator.pointer() is null ? "array" : "pointer");
        }

        if (StorageClass(typeName.declarationSpecifiers(), out var storage) is not null)
        {
            throw new SourceException(At(storage!), $"'{storage!.Text}' in a type name");
        }

        return ResolveType(typeName.declarationSpecifiers());
    }

    private void DeclareEnumerators(EnumSpecifierContext enumeration)
    {
        var next = System.Numerics.BigInteger.Zero;
        foreach (var enumerator in enumeration.enumerator())
        {
            var span = At(enumerator);
            if (enumerator.expr() is { } valueExpression)
            {
                next = ConstantEvaluator.Evaluate(Convert(valueExpression)).Value;
            }

            if (!CTypeRules.Fits(next, ScalarType.Int))
            {
                throw new SourceException(span, $"enumerator value {next} does not fit in int");
            }

            var name = enumerator.Identifier().GetText();
            RejectMacroName(name, span);
            _scopes.Declare(name, new ConstantSymbol(next, ScalarType.Int), span);
            next++;
        }
    }

    private void RejectMacroName(string name, SourceSpan span)
    {
        if (_macros.ContainsKey(name))
        {
            throw new SourceException(span, $"'{name}' is a #define'd macro and cannot be declared");
        }
    }

    // ------------------------------------------------------------------ declarations

    /// <summary>
    /// Handles a declaration at file or block scope: typedefs and enumerators become symbols, prototypes are
    /// remembered, global variables become GlobalDecls, and local variables are returned as VarDeclStmts.
    /// </summary>
    private IEnumerable<Stmt> ConvertDeclaration(DeclarationSpecifiersContext specifiers, InitDeclaratorListContext? declarators)
    {
        var storage = StorageClass(specifiers, out var storageToken);
        ScalarType? resolved = null;
        ScalarType Type() => resolved ??= ResolveType(specifiers);

        if (DeclareRecordPointerTypedefs(specifiers, storage, declarators))
        {
            yield break;
        }

        if (DeclareTypedefRecordPointers(specifiers, storage, declarators) is { } recordPointers)
        {
            foreach (var statement in recordPointers)
            {
                yield return statement;
            }

            yield break;
        }

        if (StructOf(specifiers) is { } layout)
        {
            // 'struct S {...};' defines S; a typedef or local variables of a struct type are declared member by member.
            foreach (var member in declarators is null ? [] : DeclareStructs(layout, storage, declarators))
            {
                yield return member;
            }

            yield break;
        }

        if (declarators is null)
        {
            // 'enum {A, B};' declares its enumerators.
            _ = Type();
            yield break;
        }

        // 'auto' and 'register' locals are ordinary objects here (nothing takes the address of a 'register' one).
        var automatic = (storage is null or "auto" or "register") && !_scopes.AtFileScope;
        var enclosingDeclaration = _declaringName;
        foreach (var initDeclarator in declarators.initDeclarator())
        {
            _declaringName = DeclaredName(initDeclarator.declarator())?.Text;
            var pointerDeclarator = initDeclarator.declarator();
            _declaringPointer = pointerDeclarator.directDeclarator() is NamedDeclaratorContext && PointerDepth(pointerDeclarator.pointer()) > 0
                ? () => DeclaredPointerType(Type(), PointerDepth(pointerDeclarator.pointer()))
                : null;
            if (automatic && initDeclarator.declarator().directDeclarator() is NamedDeclaratorContext cellName
                && PointerDepth(initDeclarator.declarator().pointer()) == 1
                && HeapCellLayout(cellName.GetText(), specifiers) is { } cellLayout)
            {
                yield return DeclareRecordPointer(cellLayout, cellName, initDeclarator.initializer());
                continue;
            }

            if (automatic && (TryDeclareTable(initDeclarator, specifiers, Type) ?? TryDeclareRowPointer(initDeclarator, Type)) is { } table)
            {
                foreach (var statement in table)
                {
                    yield return statement;
                }

                continue;
            }

            if (automatic && (TryDeclarePointerArray(initDeclarator, Type) ?? TryDeclareChoicePointer(initDeclarator, Type)) is { } pointerArray)
            {
                foreach (var statement in pointerArray)
                {
                    yield return statement;
                }

                continue;
            }

            if (automatic && TryDeclareCellArray(initDeclarator, specifiers) is { } cellArray)
            {
                foreach (var statement in cellArray)
                {
                    yield return statement;
                }

                continue;
            }

            if (automatic && TryDeclareCellPointer(initDeclarator, Type) is { } cell)
            {
                yield return cell;
                continue;
            }

            if (automatic && TryDeclareArray(initDeclarator, Type) is { } array)
            {
                foreach (var statement in array)
                {
                    yield return statement;
                }

                continue;
            }

            if (automatic && TryDeclarePointer(initDeclarator, Type) is { } pointer)
            {
                foreach (var statement in pointer)
                {
                    yield return statement;
                }

                continue;
            }

            if (automatic && TryDeclareArgumentCursor(initDeclarator, Type) is { } cursor)
            {
                foreach (var statement in cursor)
                {
                    yield return statement;
                }

                continue;
            }

            if (automatic && TryDeclarePointerToPointer(initDeclarator, Type) is not null)
            {
                continue;
            }

            if (_scopes.AtFileScope && storage is null or "static" && (TryDeclareGlobalTable(initDeclarator, Type) || TryDeclareGlobalArray(initDeclarator, Type)))
            {
                continue;
            }

            var shape = DescribeDeclarator(initDeclarator.declarator(), allowPointerResult: storage != "typedef");
            var span = At(shape.NameToken);
            if (initDeclarator.initializer() is { } initializer && (shape.IsFunction || storage == "typedef"))
            {
                throw new SourceException(At(initializer), $"'{shape.Name}' cannot have an initializer");
            }

            if (storage == "typedef")
            {
                if (shape.IsFunction)
                {
                    throw Unsupported(initDeclarator, "typedef of a function type");
                }

                RejectMacroName(shape.Name, span);
                _scopes.Declare(shape.Name, new TypeSymbol(Type()), span);
                continue;
            }

            if (shape.IsFunction)
            {
                // A prototype: its types matter only if the function is called without being defined.
                if (!_definedFunctionArity.ContainsKey(shape.Name) && !_prototypes.ContainsKey(shape.Name))
                {
                    _prototypes[shape.Name] = DescribePrototype(specifiers, initDeclarator.declarator(), shape, span);
                }

                continue;
            }

            if (storage == "extern")
            {
                throw Unsupported(storageToken!, "extern variable");
            }

            var type = Type();
            if (type == ScalarType.Void)
            {
                throw new SourceException(span, $"variable '{shape.Name}' declared void");
            }

            RejectMacroName(shape.Name, span);
            if (_scopes.AtFileScope)
            {
                DeclareGlobal(shape.Name, type, initDeclarator.initializer(), span);
                continue;
            }

            if (storage == "static")
            {
                DeclareStaticLocal(shape.Name, type, initDeclarator.initializer(), span);
                continue;
            }

            Expr? Initial() => initDeclarator.initializer() is { } init ? (init.expr() is { } initial ? ConvertToInteger(initial, type) : ConvertInitializer(init)) : null;
            if (DeclareAddressedVariable(shape.Name, type, Initial, span) is { } addressed)
            {
                // Its address is taken: an object of one element.
                foreach (var statement in addressed)
                {
                    yield return statement;
                }

                continue;
            }

            // Its address is never taken: C leaves a read before a store undefined (C11 6.3.2.1p2). Only scanf
            // takes the address of a scanned variable, which is then no object of its own but holds an arbitrary value.
            var variable = _scopes.DeclareVariable(shape.Name, type, span);
            yield return new VarDeclStmt(variable.IrName, type, Initial(), span) { Automatic = !_scannedNames.Contains(shape.Name) };
        }

        _declaringName = enclosingDeclaration;
        _declaringPointer = null;
    }

    /// <summary>The return type and arity of a prototype, or why a call of it is outside the subset.</summary>
    private Prototype DescribePrototype(DeclarationSpecifiersContext? specifiers, DeclaratorContext declarator, DeclaratorShape shape, SourceSpan span)
    {
        var doubleOfDouble = declarator.pointer() is null
            && IsPlainDouble(specifiers)
            && shape.Parameters?.parameterDeclaration() is [var only]
            && shape.Parameters.ellipsis is null
            && IsPlainDouble(only.declarationSpecifiers())
            && only.abstractDeclarator() is null
            && (only.declarator() is not { } named || (named.pointer() is null && named.directDeclarator() is NamedDeclaratorContext));
        try
        {
            if (declarator.pointer() is { } pointer)
            {
                throw Unsupported(pointer, "pointer result");
            }

            var returnType = specifiers is null ? ScalarType.Int : ResolveType(specifiers);
            if (shape.Parameters is { } parameters && !IsVoidParameterList(parameters))
            {
                foreach (var parameter in parameters.parameterDeclaration())
                {
                    if ((parameter.declarator()?.pointer() ?? parameter.abstractDeclarator()?.pointer()) is { } parameterPointer)
                    {
                        throw Unsupported(parameterPointer, "pointer parameter");
                    }

                    if (parameter.abstractDeclarator() is not null || parameter.declarator()?.directDeclarator() is ArrayDeclaratorContext)
                    {
                        throw Unsupported(parameter, "array parameter");
                    }

                    _ = ResolveType(parameter.declarationSpecifiers());
                }
            }

            return new Prototype(span, returnType, ArityOf(shape.Parameters), null);
        }
        catch (SourceException e)
        {
            return new Prototype(span, null, -1, e, doubleOfDouble);
        }
    }

    /// <summary>Whether the specifiers name <c>double</c> alone (qualifiers and attributes aside).</summary>
    private static bool IsPlainDouble(DeclarationSpecifiersContext? specifiers) =>
        specifiers?.typeSpecifier() is PrimitiveTypeSpecifierContext primitive && primitive.GetText() == "double" && specifiers.primitiveType().Length == 0;

    private void DeclareGlobal(string name, ScalarType type, InitializerContext? initializer, SourceSpan span)
    {
        if (_definedFunctionArity.ContainsKey(name))
        {
            throw new SourceException(span, $"'{name}' is already a function");
        }

        _scopes.DeclareVariable(name, type, span);
        AddGlobal(name, type, initializer, span);
    }

    /// <summary>
    /// A <c>static</c> local: a variable that lives as long as the program, initialized once (to zero without an
    /// initializer), visible only in its block. Its IR name <c>function.name</c> (with <c>#2</c>... when the function has
    /// several of that name) cannot clash with a C identifier.
    /// </summary>
    private void DeclareStaticLocal(string name, ScalarType type, InitializerContext? initializer, SourceSpan span)
    {
        var irName = $"{_currentFunctionName}.{name}";
        for (var suffix = 2; _globals.Any(g => g.Name == irName); suffix++)
        {
            irName = $"{_currentFunctionName}.{name}#{suffix}";
        }

        _scopes.Declare(name, new VariableSymbol(irName, type), span);
        AddGlobal(irName, type, initializer, span);
    }

    private void AddGlobal(string name, ScalarType type, InitializerContext? initializer, SourceSpan span)
    {
        IntLiteral? value = null;
        if (initializer is not null)
        {
            var expression = ConvertInitializer(initializer);
            var constant = ConstantEvaluator.Evaluate(expression);
            value = new IntLiteral(CTypeRules.Convert(constant.Value, type), type, expression.Span);
        }

        _globals.Add(new GlobalDecl(name, type, value, span));
    }

    private Expr ConvertInitializer(InitializerContext initializer) =>
        initializer.expr() is { } expression ? Convert(expression) : throw Unsupported(initializer, "brace initializer");

    // ------------------------------------------------------------------ functions

    private void RegisterFunctionDefinition(FunctionDefinitionContext definition)
    {
        var shape = DescribeDeclarator(definition.declarator(), allowPointerResult: true);
        if (!shape.IsFunction)
        {
            throw new SourceException(At(shape.NameToken), $"'{shape.Name}' has a body but is not a function");
        }

        if (!_definedFunctionArity.TryAdd(shape.Name, ArityOf(shape.Parameters)))
        {
            throw new SourceException(At(shape.NameToken), $"redefinition of function '{shape.Name}'");
        }

        if (definition.declarator().pointer() is not null)
        {
            _pointerResultFunctions.Add(shape.Name);
        }

        if (shape.Parameters?.parameterDeclaration().Any(p => (p.declarator()?.pointer() ?? p.abstractDeclarator()?.pointer()) is not null
                || p.declarator()?.directDeclarator() is ArrayDeclaratorContext || p.abstractDeclarator() is not null) == true)
        {
            _functionsWithPointerParameters.Add(shape.Name);
        }

        RegisterWindowedArguments(definition);
    }

    /// <summary>The number of arguments a call must pass; -1 for a variadic function (rejected at its definition).</summary>
    private static int ArityOf(ParameterListContext? parameters) => parameters switch
    {
        null => 0,
        { ellipsis: not null } => -1,
        _ when IsVoidParameterList(parameters) => 0,
        _ => parameters.parameterDeclaration().Length,
    };

    private static bool IsVoidParameterList(ParameterListContext parameters) =>
        parameters.parameterDeclaration() is [var only]
        && only.declarator() is null && only.abstractDeclarator() is null
        && only.declarationSpecifiers().GetText() == "void";

    private FunctionDecl ConvertFunction(FunctionDefinitionContext definition)
    {
        var declarator = definition.declarator();
        var shape = DescribeDeclarator(declarator, allowPointerResult: true);
        var span = At(shape.NameToken);
        if (definition.declarationSpecifiers() is { } specifiers && StorageClass(specifiers, out var storage) is "typedef" or "extern")
        {
            throw new SourceException(At(storage!), $"'{storage!.Text}' on a function definition");
        }

        // Old-style 'main() { ... }' has an implicit int result.
        _currentFunctionName = shape.Name;
        _returnsRecord = definition.declarationSpecifiers() is { } recordSpecifiers
            ? HeapCellLayout(CellResult, recordSpecifiers) ?? PointedStruct(recordSpecifiers, declarator.pointer())
            : null;
        if (_returnsRecord is not null)
        {
            _recordResults[shape.Name] = _returnsRecord;
            _pointerResultFunctions.Remove(shape.Name);
        }

        var returnType = _returnsRecord is not null ? ScalarType.Unbounded
            : definition.declarationSpecifiers() is { } returnSpecifiers ? ResolveType(returnSpecifiers) : ScalarType.Int;
        _returnsPointer = _returnsRecord is null && declarator.pointer() is { } resultPointer
            && (PointerDepth(resultPointer) == 1 ? true : throw Unsupported(resultPointer, "function returning a pointer to a pointer"));
        var pointerResultType = _returnsRecord is null ? Pointee(returnType) : ScalarType.Unbounded;
        if (_returnsPointer)
        {
            // In the IR it returns the pointer's offset (see CParseTreeConverter.Pointers.cs).
            returnType = OffsetType;
        }

        _assignedNames = AssignedIdentifiers(definition.compoundStatement());
        _storedNames = StoredIdentifiers(definition.compoundStatement());
        _windowStoredNames = StoredIdentifiers(definition.compoundStatement(), HasMemberWindowShape);
        _unsetWindowStarts.Clear();
        _addressedNames = AddressedIdentifiers(definition.compoundStatement());
        _scannedNames = ScannedIdentifiers(definition.compoundStatement());
        _addressedNames.ExceptWith(_scannedNames);
        _sizeofNames = SizeofOperandNames(definition.compoundStatement());
        _declaringName = null;
        _argumentVector = null;
        _argumentStrings.Clear();
        _argumentCursors.Clear();
        if (span.File == FunctionDecl.LibraryFile)
        {
            _libraryFunctions.Add(shape.Name);
        }
        _declaringPointer = null;
        _returnedArrays.Clear();
        _returnsNull = false;
        _heapArrays.Clear();
        _cellArrays.Clear();
        _literalArrays.Clear();
        _reallocations.Clear();

        _callsOfCurrentFunction = [];
        _calls[shape.Name] = _callsOfCurrentFunction;
        _scopes.BeginFunction();
        _scopes.Push();
        var parameters = ConvertParameters(shape.Parameters);
        // The pointer parameters that take the null pointer: their names start the function's nullable variables.
        var nullable = parameters.Select(p => p.PointsInto is not null && _scopes.Lookup(p.PointsInto[1..]) is PointerSymbol { MayBeNull: true } pointer && pointer.IrName == p.Name).ToArray();
        _nullablePointerParameters[shape.Name] = nullable;
        _nullableNames = NullableIdentifiers(definition.compoundStatement(), parameters.Where((_, i) => nullable[i]).Select(p => p.PointsInto![1..]));
        _pointerParameterTypes[shape.Name] = [.. parameters.Select(p => p.PointsInto is not null && _scopes.Lookup(p.PointsInto[1..]) is PointerSymbol pointer ? pointer.ElementType : (ScalarType?)null)];
        _pointerToPointerParameterTypes[shape.Name] = [.. parameters.Select(p => p.PointsInto is not null && _scopes.Lookup(p.PointsInto[1..]) is PointerToPointerSymbol pointer ? pointer.ElementType : (ScalarType?)null)];
        _matrixParameters[shape.Name] = [.. parameters.Select(p => p.PointsInto is not null && _scopes.Lookup(p.PointsInto[1..]) is MatrixPointerSymbol rows ? rows : null)];
        _recordParameters[shape.Name] = [.. parameters.Select(p => p.PointsToRecord is null ? null : _recordTypes.First(r => r.Value.Name == p.PointsToRecord).Key)];
        _loopDepth = 0;
        _switchDepth = 0;
        // A parameter whose address is taken is copied into an object of its own, which its name then denotes.
        var copies = parameters
            .Where(p => p.PointsInto is null && p.PointsToRecord is null && _scopes.Lookup(p.Name) is VariableSymbol)
            .SelectMany(p => DeclareAddressedVariable(p.Name, p.Type, () => new VarRef(p.Name, p.Span), p.Span, parameter: true) ?? [])
            .ToList();
        // So is the offset of a pointer parameter whose address is taken.
        copies.AddRange(parameters
            .Where(p => p.PointsInto is { } array && _scopes.Lookup(array[1..]) is PointerSymbol pointer && pointer.IrName == p.Name && _addressedNames.Contains(array[1..]))
            .SelectMany(p => AddressedPointerParameter(p.PointsInto![1..], p.Span)));

        // The parameters and the outermost block of the body share one scope, as in C.
        var body = ConvertBlock(definition.compoundStatement(), opensScope: false);
        if (ArgumentCountAssumption(shape.Name, shape.Parameters, parameters) is { } argumentCount)
        {
            copies.Insert(0, argumentCount);
        }

        if (copies.Count + _literalArrays.Count > 0)
        {
            body = body with { Statements = [.. _literalArrays, .. copies, .. body.Statements] };
        }
        _scopes.Pop();
        CheckReallocations();
        GotoRules.Check(body);
        string? resultObject = null;
        if (_returnsPointer)
        {
            // Callers use the result as a pointer when every pointer returned points into one parameter's object or
            // into one heap array the function allocates.
            var result = new PointerResult(pointerResultType, null, null, pointerResultType, true);
            if (_returnedArrays.Count == 1 && _returnedArrays.First() is var (array, objectType))
            {
                var parameter = parameters.Select(p => p.PointsInto).ToList().IndexOf(array);
                result = parameter >= 0 && _pointerParameterTypes[shape.Name][parameter] is not null
                    ? new PointerResult(pointerResultType, parameter, null, objectType, _returnsNull)
                    : _heapArrays.Contains(array) ? new PointerResult(pointerResultType, null, array, objectType, _returnsNull) : result;
                resultObject = result.OwnArray;
            }

            _pointerResults[shape.Name] = result;
        }

        return new FunctionDecl(shape.Name, returnType, parameters, body, span) { ResultObject = resultObject };
    }

    private ImmutableArray<Parameter> ConvertParameters(ParameterListContext? parameterList)
    {
        if (parameterList is null || IsVoidParameterList(parameterList))
        {
            return [];
        }

        if (parameterList.ellipsis is { } ellipsis)
        {
            throw Unsupported(ellipsis, "variadic function");
        }

        var parameters = ImmutableArray.CreateBuilder<Parameter>();
        var targets = new List<Parameter>();
        var windows = new List<Parameter>();
        var declared = parameterList.parameterDeclaration();
        foreach (var parameter in declared)
        {
            if (ArgumentVector(parameterList, parameter) is not null)
            {
                continue;
            }

            if (parameter.abstractDeclarator() is { } abstractDeclarator)
            {
                throw Unsupported(abstractDeclarator, abstractDeclarator.pointer() is null ? "array" : "pointer");
            }

            if (MatrixParameter(parameter) is { } matrixParameter)
            {
                parameters.Add(matrixParameter);
                continue;
            }

            if ((CellArrayParameter(parameter) ?? RecordParameter(parameter)) is { } recordParameter)
            {
                parameters.Add(recordParameter);
                continue;
            }

            if (PointerToPointerParameter(parameter) is var (cell, target))
            {
                parameters.Add(cell);
                targets.Add(target);
                continue;
            }

            if (PointerParameterType(parameter, out var pointerName) is { } pointee)
            {
                var pointerSpan = At(pointerName!);
                RejectMacroName(pointerName!.Text, pointerSpan);
                // A caller may pass the null pointer: each use that needs an object checks it. A parameter whose
                // address is taken takes pointers into objects only (a pointer to it must reach an object).
                var nullable = !_addressedNames.Contains(pointerName.Text);
                var pointer = _scopes.DeclarePointer(pointerName.Text, "*" + pointerName.Text, pointee, pointee, pointerSpan, nullable);
                _scopes.RecordArray(pointer.Array);
                var window = WindowParameters(_currentFunctionName, Array.IndexOf(declared, parameter), pointerName.Text, pointerSpan);
                parameters.Add(new Parameter(pointer.IrName, OffsetType, pointerSpan)
                {
                    PointsInto = pointer.Array,
                    Object = window.Length == 0 && nullable ? CallerObjectOf(pointee, pointerSpan) : null,
                });
                windows.AddRange(window);
                continue;
            }

            if (parameter.declarator() is not { } declarator)
            {
                throw new SourceException(At(parameter), "parameter without a name in a function definition");
            }

            var shape = DescribeDeclarator(declarator);
            if (shape.IsFunction)
            {
                throw Unsupported(declarator, "function parameter");
            }

            var span = At(shape.NameToken);
            var type = ResolveType(parameter.declarationSpecifiers());
            if (type == ScalarType.Void)
            {
                throw new SourceException(span, $"parameter '{shape.Name}' declared void");
            }

            RejectMacroName(shape.Name, span);
            var variable = _scopes.DeclareVariable(shape.Name, type, span);
            parameters.Add(new Parameter(variable.IrName, type, span));
        }

        // The arrays that the pointer-to-pointer parameters' pointers point into come after the parameters of C.
        parameters.AddRange(targets);
        // Then the starts and lengths of the windows of the pointer parameters that take pointers into array members.
        parameters.AddRange(windows);
        return parameters.ToImmutable();
    }
}
