using System.Collections.Immutable;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Arrays of pointers to string literals and arrays (<c>const char *words[3] = {"ab", "cde", buf};</c>) and the
/// pointers read from them (<c>const char *w = words[i];</c>). Each element points to an array object of its own, so a
/// pointer read from such an array names its object only when the program runs: it is a pair of an object number (which element,
/// <see cref="ChoicePointerSymbol.ObjectIrName"/>) and an offset. An expression that uses such a pointer is converted
/// once for each object it may point into, the pointer then being an ordinary pointer into that object, and the
/// copies are chosen by the object number (a <see cref="ConditionalExpr"/>, which evaluates only the chosen copy), so
/// that every read, move and bound of the pointer is the one of the object it points into when it runs. The array of
/// pointers itself is read-only here: its element <c>i</c> points to the start of object <c>i</c>, and reading it
/// outside its bounds is undefined behaviour (it is an array object of the object numbers, read with its bounds).
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// <c>T *name[N] = {e0, e1, ...};</c> (or <c>T *name[] = {...}</c>), every element a string literal (T a character
    /// type) or a local or file-scope array of T that is not on the heap: the read-only array of each literal and the
    /// array of object numbers (see <see cref="PointerArraySymbol"/>). Null for any other declarator; an array of
    /// pointers of a character type initialized otherwise is refused.
    /// </summary>
    private Stmt[]? TryDeclarePointerArray(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (PointerDepth(declarator.pointer()) != 1
            || declarator.directDeclarator() is not ArrayDeclaratorContext arrayDeclarator
            || arrayDeclarator.directDeclarator() is not NamedDeclaratorContext named)
        {
            return null;
        }

        var type = elementType();
        if (!type.IsMachineInteger)
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        var refusal = $"array of pointers '{name}' other than one initialized by a string literal or an array for each element";
        var values = initDeclarator.initializer() is { } initializer && initializer.expr() is null
            ? InitializerList(initializer, refusal, At(initializer))
            : null;
        var objects = values?.Select(ElementObject).ToArray();
        if (objects is null || objects.Length == 0 || objects.Any(o => o is null))
        {
            return IsCharacterType(type) ? throw SourceException.Unsupported(objects is null ? span : At(values![Array.IndexOf(objects, null)]), refusal) : null;
        }

        if (arrayDeclarator.expression() is { } lengthExpression
            && ConstantEvaluator.Evaluate(ConvertExpression(lengthExpression)).Value != objects.Length)
        {
            throw SourceException.Unsupported(At(lengthExpression), refusal);
        }

        if (_assignedNames.Contains(name) || _addressedNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"array of pointers '{name}' assigned or whose address is taken");
        }

        RejectMacroName(name, span);
        var statements = new List<Stmt>();
        var names = new string[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            if (objects[i] is ArraySymbol array)
            {
                names[i] = array.IrName;
                continue;
            }

            names[i] = _scopes.NewLocalName($"*{name}[{i}]");
            _scopes.RecordArray(names[i]);
            statements.Add(StringLiteralArray(names[i], type, (StringLiteralContext)objects[i]!));
        }

        var irName = _scopes.NewLocalName(name);
        _scopes.Declare(name, new PointerArraySymbol(irName, [.. names], type), span);
        _scopes.RecordArray(irName);
        foreach (var array in objects.OfType<ArraySymbol>())
        {
            RequireLifetime(array.IrName, name, span);
        }

        var sizeType = CTypeRules.ULong(dataModel);
        statements.Add(new ArrayDeclStmt(irName, OffsetType, new IntLiteral(objects.Length, sizeType, span), span)
        {
            Contents = new([.. Enumerable.Range(0, objects.Length).Select(i => (System.Numerics.BigInteger)i)]),
            ReadOnly = true,
        });
        return [.. statements];

        // A string literal (of characters), or an array of the element type that free cannot end.
        object? ElementObject(ExprContext value) =>
            StringLiteralOf(value) is { } literal
                ? IsCharacterType(type) ? literal : null
                : IdentifierOf(StripParentheses(value)) is { } identifier && !_macros.ContainsKey(identifier.GetText())
                    && _scopes.Lookup(identifier.GetText()) is ArraySymbol array && array.ElementType == type && !_heapArrays.Contains(array.IrName)
                    ? array
                    : null;
    }

    /// <summary>
    /// <c>T *p = name[i];</c> of an array of pointers (see <see cref="PointerArraySymbol"/>): a
    /// <see cref="ChoicePointerSymbol"/> whose object number is <c>i</c> (checked to be within the array) and whose
    /// offset starts at 0. Null for any other declarator.
    /// </summary>
    private Stmt[]? TryDeclareChoicePointer(InitDeclaratorContext initDeclarator, Func<ScalarType> elementType)
    {
        var declarator = initDeclarator.declarator();
        if (declarator.directDeclarator() is not NamedDeclaratorContext named
            || PointerDepth(declarator.pointer()) != 1
            || initDeclarator.initializer()?.expr() is not { } initializer
            || PointerArrayElement(initializer) is not var (array, subscript))
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        var type = Pointee(elementType());
        if (!CanView(type, array.ElementType))
        {
            throw SourceException.Unsupported(span, $"pointer '{name}' to '{type}' initialized with a pointer to '{array.ElementType}'");
        }

        if (_addressedNames.Contains(name) || _nullableNames.Contains(name))
        {
            throw SourceException.Unsupported(span, $"pointer '{name}', read from the array of pointers '{subscript.expr().GetText()}', whose address is taken or that may be null");
        }

        var objectNumber = ObjectNumber(array, subscript);
        RejectMacroName(name, span);
        var pointer = new ChoicePointerSymbol(_scopes.NewLocalName($"object({name})"), _scopes.NewLocalName(name), array.Objects, type, array.ElementType);
        _scopes.Declare(name, pointer, span);
        foreach (var target in pointer.Objects)
        {
            RequireLifetime(target, name, span);
        }

        return
        [
            new VarDeclStmt(pointer.ObjectIrName, OffsetType, objectNumber, span),
            new VarDeclStmt(pointer.OffsetIrName, OffsetType, new IntLiteral(0, OffsetType, span), span),
        ];
    }

    /// <summary>
    /// <c>p = name[i]</c> as a statement, for a pointer <c>p</c> read from the array of pointers <c>name</c>: its
    /// object number becomes <c>i</c> (checked) and its offset 0. Null for any other expression.
    /// </summary>
    private BlockStmt? TryStoreChoicePointer(ExprContext expression)
    {
        if (StripParentheses(expression) is not AssignmentContext assignment
            || assignment.assignmentOperator().GetText() != "="
            || IdentifierOf(StripParentheses(assignment.target)) is not { } target
            || _macros.ContainsKey(target.GetText())
            || _scopes.Lookup(target.GetText()) is not ChoicePointerSymbol pointer)
        {
            return null;
        }

        var span = At(expression);
        if (PointerArrayElement(assignment.value) is not var (array, subscript) || !array.Objects.SequenceEqual(pointer.Objects))
        {
            throw SourceException.Unsupported(span, $"pointer '{target.GetText()}' given another value than an element of the array of pointers it was read from");
        }

        var objectNumber = ObjectNumber(array, subscript);
        return new BlockStmt(
            [
                new ExprStmt(new AssignExpr(pointer.ObjectIrName, objectNumber, false, span), span),
                new ExprStmt(new AssignExpr(pointer.OffsetIrName, new IntLiteral(0, OffsetType, span), false, span), span),
            ],
            span);
    }

    /// <summary><c>name[i]</c> of an array of pointers (see <see cref="PointerArraySymbol"/>); null for anything else.</summary>
    private (PointerArraySymbol Array, SubscriptContext Subscript)? PointerArrayElement(ExprContext expression) =>
        StripParentheses(expression) is SubscriptContext subscript
        && IdentifierOf(StripParentheses(subscript.expr())) is { } identifier
        && !_macros.ContainsKey(identifier.GetText())
        && _scopes.Lookup(identifier.GetText()) is PointerArraySymbol array
            ? (array, subscript)
            : null;

    /// <summary>
    /// The object number of <c>name[i]</c>: <c>i</c>, after a read of element <c>i</c> of the array of object numbers,
    /// which is undefined behaviour outside the array. The index is read twice, so it must be free of side effects.
    /// </summary>
    private SequenceExpr ObjectNumber(PointerArraySymbol array, SubscriptContext subscript)
    {
        var span = At(subscript);
        var index = WithoutEffects(ConvertExpression(subscript.expression()), "an index with side effects into an array of pointers", span);

        return new SequenceExpr(new ArrayReadExpr(array.IrName, index, OffsetType, span), new CastExpr(OffsetType, index, span), span);
    }

    /// <summary>
    /// Converts <paramref name="expression"/>, which uses a pointer read from an array of pointers, once for each object
    /// the pointer may point into (the pointer being an ordinary pointer into that object meanwhile), the copies chosen
    /// by the pointer's object number. Null when the expression uses no such pointer.
    /// </summary>
    private Expr? ConvertChoosingObject(ExprContext expression) =>
        ChooseObject(
            expression,
            () => Convert(expression),
            (condition, chosen, other) => new ConditionalExpr(condition, chosen, other, condition.Span));

    /// <summary>
    /// <see cref="ConvertChoosingObject"/> for an expression whose value is discarded: the copies are statements,
    /// chosen by an if statement (a call of a void function has no value to choose).
    /// </summary>
    private Stmt? ConvertStatementChoosingObject(ExprContext expression) =>
        ChooseObject(
            expression,
            () => ConvertExpressionAsStatement(expression),
            (condition, chosen, other) => new IfStmt(condition, chosen, other, condition.Span));

    /// <summary>
    /// A loop that uses a pointer read from an array of pointers and never stores into it: converted once for each
    /// object the pointer may point into, the copies chosen by an if statement on the object number before the loop
    /// starts, so that each copy is a loop over one object (which the analysis bounds as any pointer's). Null for a
    /// loop that uses no such pointer, stores into it, or holds labels or static locals (which a copy would repeat).
    /// </summary>
    private Stmt? ConvertLoopChoosingObject(StatementContext loop) =>
        Tokens(loop).Any(t => t.Type is Generated.MiniCLexer.Static or Generated.MiniCLexer.Case or Generated.MiniCLexer.Default)
        || Descendants(loop).Any(node => node is LabeledStatementContext)
            ? null
            : ChooseObject(
                loop,
                () => ConvertStatement(loop),
                (condition, chosen, other) => new IfStmt(condition, chosen, other, condition.Span),
                storesAllowed: false);

    private T? ChooseObject<T>(Antlr4.Runtime.ParserRuleContext expression, Func<T> convert, Func<Expr, T, T, T> choose, bool storesAllowed = true)
        where T : class
    {
        var chosen = Tokens(expression)
            .Where(t => t.Type == IdentifierType && !_macros.ContainsKey(t.Text))
            .Select(t => (t.Text, Symbol: _scopes.Lookup(t.Text) as ChoicePointerSymbol))
            .FirstOrDefault(t => t.Symbol is not null);
        if (chosen.Symbol is not { } pointer)
        {
            return null;
        }

        var name = chosen.Text;
        var span = At(expression);
        // 'p += k' moves the offset only; 'p = ...' may choose another object.
        if (Descendants(expression).Any(node => node is AssignmentContext assignment && assignment.assignmentOperator().GetText() == "="
                && IdentifierOf(StripParentheses(assignment.target))?.GetText() == name))
        {
            return storesAllowed
                ? throw SourceException.Unsupported(span, $"a store into pointer '{name}' inside a larger expression (only 'p = a[i];' as a statement)")
                : null;
        }

        T? result = null;
        for (var k = pointer.Objects.Length - 1; k >= 0; k--)
        {
            _scopes.Rebind(name, new PointerSymbol(pointer.OffsetIrName, pointer.Objects[k], pointer.ObjectType, pointer.ElementType));
            T arm;
            try
            {
                arm = convert();
            }
            finally
            {
                _scopes.Rebind(name, pointer);
            }

            result = result is null
                ? arm
                : choose(new BinaryExpr(BinaryOp.Eq, new VarRef(pointer.ObjectIrName, span), new IntLiteral(k, OffsetType, span), span), arm, result);
        }

        return result;
    }

    /// <summary>The name of the function that a hosted program starts with.</summary>
    private const string MainName = "main";

    /// <summary>The number of parameters of <c>int main(int argc, char **argv)</c>.</summary>
    private const int ArgumentVectorArity = 2;

    /// <summary>
    /// The parameter <c>argv</c> of <c>int main(int argc, char **argv)</c> (or <c>char *argv[]</c>): not a parameter
    /// in the IR, and any use of it is refused, since the argument strings are objects whose number is known only when
    /// the program runs. A function that never uses it depends only on <c>argc</c>, which C makes non-negative
    /// (C11 5.1.2.2.1); <see cref="ArgumentCountAssumption"/> states that. Null for any other parameter.
    /// </summary>
    private string? ArgumentVector(ParameterListContext parameters, ParameterDeclarationContext parameter)
    {
        if (_currentFunctionName != MainName
            || parameters.parameterDeclaration() is not [var count, var vector]
            || !ReferenceEquals(parameter, vector)
            || count.declarator()?.pointer() is not null
            || count.declarator()?.directDeclarator() is not NamedDeclaratorContext
            || ResolveType(count.declarationSpecifiers()) != ScalarType.Int
            || vector.declarator() is not { } declarator
            || ResolveType(vector.declarationSpecifiers()) is not { Bits: 8 } characters || !IsCharacterType(characters))
        {
            return null;
        }

        NamedDeclaratorContext? named = (declarator.directDeclarator(), PointerDepth(declarator.pointer())) switch
        {
            (NamedDeclaratorContext plain, 2) => plain,
            (ArrayDeclaratorContext array, 1) when array.expression() is null => array.directDeclarator() as NamedDeclaratorContext,
            _ => null,
        };
        if (named is null)
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        RejectMacroName(name, span);
        var symbol = new RefusedSymbol(ArgumentVectorRefusal, SourceSpan.None);
        _scopes.Declare(name, symbol, span);
        var countName = count.declarator()!.directDeclarator().GetText();
        _argumentVector = _assignedNames.Contains(countName)
            ? null
            : new ArgumentVectorInfo(name, symbol, countName, characters);
        if (_argumentVector is null)
        {
            _scopes.Rebind(name, new RefusedSymbol("unsupported: the argument vector of a main that assigns 'argc' (argv is bounded by argc as the program started)", SourceSpan.None));
        }

        return name;
    }

    /// <summary>
    /// For <c>main(int argc, char **argv)</c> without its <c>argv</c> in the IR: the assumption that <c>argc</c>, its
    /// first parameter, is not negative (C11 5.1.2.2.1p2). Null for any other function.
    /// </summary>
    private AssumeStmt? ArgumentCountAssumption(string function, ParameterListContext? declared, ImmutableArray<Parameter> parameters)
    {
        if (function != MainName || declared is null || ArityOf(declared) != ArgumentVectorArity || parameters is not [var count])
        {
            return null;
        }

        var span = count.Span;
        return new AssumeStmt(new BinaryExpr(BinaryOp.Ge, new VarRef(count.Name, span), new IntLiteral(0, ScalarType.Int, span), span), span);
    }

    /// <summary>
    /// Refuses a pointer initializer that names a declaration outside the subset (such as <c>argv[i]</c>), or a pointer
    /// read from an array of pointers (which is not copied into another pointer), at that name.
    /// </summary>
    private void RejectRefusedNames(ExprContext initializer)
    {
        foreach (var token in Tokens(initializer).Where(t => t.Type == IdentifierType && !_macros.ContainsKey(t.Text)))
        {
            switch (_scopes.Lookup(token.Text))
            {
                case RefusedSymbol refused when !(_argumentVector is { } vector && ReferenceEquals(refused, vector.Symbol)) && !_argumentCursors.ContainsKey(refused):
                    throw UsesRefused(At(token), token.Text, refused);
                case ChoicePointerSymbol:
                    throw SourceException.Unsupported(At(token), $"a pointer initialized from '{token.Text}', a pointer read from an array of pointers, outside a loop that uses it");
            }
        }
    }
}
