using System.Collections.Frozen;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>Expressions: one visitor method per alternative of the grammar's <c>expr</c> rule.</summary>
internal sealed partial class CParseTreeConverter
{
    // Frozen: converters run on many threads at once and share these tables.
    private static readonly FrozenDictionary<string, ScalarType> NondetBuiltins = new Dictionary<string, ScalarType>
    {
        ["__VERIFIER_nondet_int"] = ScalarType.Int,
        ["__VERIFIER_nondet_long"] = ScalarType.Int,
        ["__VERIFIER_nondet_uint"] = ScalarType.UInt,
        ["__VERIFIER_nondet_unsigned"] = ScalarType.UInt,
        ["__VERIFIER_nondet_unsigned_int"] = ScalarType.UInt,
        ["__VERIFIER_nondet_ulong"] = ScalarType.UInt,
        ["__VERIFIER_nondet_longlong"] = ScalarType.LongLong,
        ["__VERIFIER_nondet_ulonglong"] = ScalarType.ULongLong,
        ["__VERIFIER_nondet_char"] = new ScalarType(TypeKind.Signed, 8),
        ["__VERIFIER_nondet_uchar"] = new ScalarType(TypeKind.Unsigned, 8),
        ["__VERIFIER_nondet_short"] = new ScalarType(TypeKind.Signed, 16),
        ["__VERIFIER_nondet_ushort"] = new ScalarType(TypeKind.Unsigned, 16),
        ["__VERIFIER_nondet_size_t"] = ScalarType.UInt,
        ["__VERIFIER_nondet_bool"] = ScalarType.Bool,
        ["__VERIFIER_nondet__Bool"] = ScalarType.Bool,
        ["nondet"] = ScalarType.Int,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The type of a nondeterministic builtin under the data model: those of <c>long</c>, <c>unsigned long</c> and <c>size_t</c> follow it.</summary>
    private ScalarType NondetType(string name, ScalarType ilp32) => name switch
    {
        "__VERIFIER_nondet_long" => CTypeRules.Long(dataModel),
        "__VERIFIER_nondet_ulong" or "__VERIFIER_nondet_size_t" => CTypeRules.ULong(dataModel),
        _ => ilp32,
    };

    private static readonly FrozenSet<string> StatementBuiltins = FrozenSet.Create(
        StringComparer.Ordinal, "__VERIFIER_assume", "assert", "__VERIFIER_assert", "__VERIFIER_error", "reach_error", "abort", "exit", "__assert_fail", "free");

    private static readonly FrozenDictionary<string, BinaryOp> BinaryOperators = new Dictionary<string, BinaryOp>
    {
        ["*"] = BinaryOp.Mul,
        ["/"] = BinaryOp.Div,
        ["%"] = BinaryOp.Rem,
        ["+"] = BinaryOp.Add,
        ["-"] = BinaryOp.Sub,
        ["<"] = BinaryOp.Lt,
        ["<="] = BinaryOp.Le,
        [">"] = BinaryOp.Gt,
        [">="] = BinaryOp.Ge,
        ["=="] = BinaryOp.Eq,
        ["!="] = BinaryOp.Ne,
        ["&&"] = BinaryOp.And,
        ["||"] = BinaryOp.Or,
        ["&"] = BinaryOp.BitAnd,
        ["|"] = BinaryOp.BitOr,
        ["^"] = BinaryOp.BitXor,
        ["<<"] = BinaryOp.ShiftLeft,
        [">>"] = BinaryOp.ShiftRight,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Converts one expression (no top-level comma).</summary>
    private Expr Convert(ExprContext expression) =>
        TryConvertTableExpression(expression) ?? ConvertChoosingObject(expression) ?? Visit(expression) ?? throw SourceException.Unsupported(At(expression), "expression");

    // ------------------------------------------------------------------ names and literals

    public override Expr VisitPrimary(PrimaryContext context) => Visit(context.primaryExpression());

    public override Expr VisitIdentifier(IdentifierContext context)
    {
        var name = context.GetText();
        var span = At(context);
        if (_macros.TryGetValue(name, out var macro))
        {
            return new IntLiteral(macro.Value, macro.Type, span);
        }

        return _scopes.Lookup(name) switch
        {
            VariableSymbol variable => new VarRef(variable.IrName, span),
            AddressedVariableSymbol addressed => new ArrayReadExpr(addressed.Array, new IntLiteral(0, CTypeRules.ULong(dataModel), span), addressed.Type, span),
            CellPointerSymbol => throw PointerUsedAsValue(span, name),
            RecordPointerSymbol => throw SourceException.Unsupported(span, $"pointer '{name}' to a struct used as an integer"),
            ArraySymbol or MatrixSymbol => throw ArrayUsedAsValue(span, name),
            MatrixPointerSymbol rows => throw MatrixPointerUsedOtherwise(span, name, rows.InnerLengths.Length + 1),
            StructSymbol => throw StructUsedAsValue(span, name),
            StructArraySymbol => throw StructArrayUsedAsValue(span, name),
            StructTypeSymbol or RecordPointerTypeSymbol => throw new SourceException(span, $"'{name}' is a type, not a value"),
            PointerSymbol or UnsetPointerSymbol => throw SourceException.Unsupported(span, $"pointer '{name}' used as an integer"),
            PointerToPointerSymbol => throw SourceException.Unsupported(span, $"pointer to a pointer '{name}' used other than as '*{name}' or passed on"),
            PointerArraySymbol => throw SourceException.Unsupported(span, $"array of pointers '{name}' used other than as '{name}[i]' in the initializer of a pointer or stored into one"),
            ChoicePointerSymbol => throw SourceException.Unsupported(span, $"pointer '{name}' read from an array of pointers used here"),
            TableSymbol => throw TableUsedOtherwise(span, name),
            RowPointerSymbol row => throw RowPointerUsedOtherwise(span, name, row.TableName),
            ConstantSymbol constant => new IntLiteral(constant.Value, constant.Type, span),
            TypeSymbol => throw new SourceException(span, $"'{name}' is a type, not a value"),
            RefusedSymbol refused => throw UsesRefused(span, name, refused),
            _ when _definedFunctionArity.ContainsKey(name) || _prototypes.ContainsKey(name) =>
                throw SourceException.Unsupported(span, $"function '{name}' used as a value (function pointer)"),
            _ => throw new SourceException(span, $"undeclared identifier '{name}'"),
        };
    }

    public override Expr VisitIntegerConstant(IntegerConstantContext context)
    {
        var span = At(context);
        var (value, type) = CTypeRules.ParseIntegerLiteral(context.GetText(), span, dataModel);
        return new IntLiteral(value, type, span);
    }

    public override Expr VisitFloatingConstant(FloatingConstantContext context) => throw Unsupported(context, "floating point literal");

    public override Expr VisitCharacterConstant(CharacterConstantContext context)
    {
        var span = At(context);
        return new IntLiteral(CTypeRules.ParseCharacterConstant(context.GetText(), span), ScalarType.Int, span);
    }

    public override Expr VisitStringLiteral(StringLiteralContext context) => throw Unsupported(context, "string literal");

    public override Expr VisitParenthesized(ParenthesizedContext context) => ConvertExpression(context.expression());

    // ------------------------------------------------------------------ operators

    public override Expr VisitUnary(UnaryContext context)
    {
        var span = At(context);
        switch (context.op.Text)
        {
            case "*" when CellRead(context) is { } cellRead:
                return cellRead;
            case "*" when CellPointerOf(context.expr()) is { } cell:
                return new VarRef(cell.CellIrName, span);
            case "*" when ElementOf(context) is { } element:
                return element.Read(span);
            case "*" when DereferencedPointer(context) is not null:
                throw SourceException.Unsupported(span, $"pointer '{context.GetText()}' used as an integer");
            case "!" when RecordTruth(context.expr(), negated: true) is { } isNull:
                return isNull;
            case "!" when IsPointer(context.expr()):
                return NullTest(context.expr(), 0, span);
            case "*":
                throw RefusedBase(context.expr()) ?? Unsupported(context.op, "pointer dereference");
            case "&":
                throw Unsupported(context.op, "address-of operator");
        }

        var operand = Convert(context.expr());
        return context.op.Text switch
        {
            // '-5' is one literal, as long as its type holds the negated value.
            "-" when operand is IntLiteral { Type.Kind: TypeKind.Signed } literal && CTypeRules.Fits(-literal.Value, literal.Type) =>
                new IntLiteral(-literal.Value, literal.Type, span),
            "-" => new UnaryExpr(UnaryOp.Negate, operand, span),
            "!" => new UnaryExpr(UnaryOp.Not, operand, span),
            "~" => new UnaryExpr(UnaryOp.BitNot, operand, span),
            // Unary plus only promotes _Bool to int, which every use of the value does anyway.
            _ => operand,
        };
    }

    public override Expr VisitExtensionExpression(ExtensionExpressionContext context) => Convert(context.expr());

    public override Expr VisitStatementExpression(StatementExpressionContext context) => throw Unsupported(context, "statement expression");

    public override Expr VisitAlignofType(AlignofTypeContext context) => throw Unsupported(context, "_Alignof");

    public override Expr VisitCast(CastContext context)
    {
        var span = At(context);
        var type = ResolveTypeName(context.typeName());
        return CastTo(type, context.expr(), span);
    }

    private Expr CastTo(ScalarType type, ExprContext operand, SourceSpan span) =>
        type == ScalarType.Void
            ? throw SourceException.Unsupported(span, "cast to void inside an expression")
            : (Expr?)PointerAsInteger(operand, type, span) ?? new CastExpr(type, ConvertToInteger(operand, type), span);

    /// <summary>
    /// <c>(T)(e)</c> with a typedef name T, which the grammar reads as a call of <c>(T)</c>: the cast it is. Null for a
    /// call of anything else.
    /// </summary>
    private Expr? CastReadAsCall(CallContext call)
    {
        if (call.callee is not PrimaryContext { } primary
            || primary.primaryExpression() is not ParenthesizedContext parenthesized
            || parenthesized.expression().expr() is not [var inner]
            || IdentifierOf(StripParentheses(inner)) is not { } name
            || _scopes.Lookup(name.GetText()) is not TypeSymbol type)
        {
            return null;
        }

        return call.argumentList()?.expr() is [var operand]
            ? CastTo(type.Type, operand, At(call))
            : throw Unsupported(call, "comma operator in the operand of a cast");
    }

    /// <summary>
    /// A pointer converted to the integer type <paramref name="type"/>: the pointer is evaluated (and checked), and the
    /// value is an unspecified one of the type, since the analysis does not model addresses (GCC and Clang define the
    /// conversion by them). Null when <paramref name="operand"/> is not a pointer.
    /// </summary>
    private SequenceExpr? PointerAsInteger(ExprContext operand, ScalarType type, SourceSpan span)
    {
        operand = StripParentheses(operand);
        Expr evaluated;
        if (IsPointer(operand))
        {
            evaluated = ConvertPointer(operand).Formed();
        }
        else if (operand is CallContext call && CalleeName(call) is { } callee && _scopes.Lookup(callee) is null && _pointerResultFunctions.Contains(callee))
        {
            evaluated = ConvertDefinedCall(call, callee);
        }
        else
        {
            return null;
        }

        return new SequenceExpr(evaluated, new NondetExpr(type, span), span);
    }

    /// <summary>
    /// An expression whose value is converted straight to the integer type <paramref name="target"/>: C's <c>sqrt</c>
    /// of an integer there is <see cref="IntegerSqrtExpr"/>, when <paramref name="target"/> holds every value it can
    /// have (below 2^16); any other expression is converted as usual.
    /// </summary>
    private Expr ConvertToInteger(ExprContext value, ScalarType target)
    {
        if (StripParentheses(value) is not CallContext call || CalleeName(call) != "sqrt" || !IsLibrarySqrt())
        {
            return Convert(value);
        }

        var span = At(call);
        if (target.Kind == TypeKind.Bool || (target.IsMachineInteger && target.Bits < (target.Kind == TypeKind.Unsigned ? 16 : 17)))
        {
            throw SourceException.Unsupported(span, $"sqrt converted to {target}, which may not hold its value (a conversion from double that is out of range is undefined)");
        }

        var argument = SingleArgumentOf(call, "sqrt", 1);
        return new IntegerSqrtExpr(Convert(argument), target, span);
    }

    /// <summary>Whether <c>sqrt</c> is the C library's: declared as <c>double sqrt(double)</c>, neither defined here nor a variable.</summary>
    private bool IsLibrarySqrt() =>
        !_definedFunctionArity.ContainsKey("sqrt")
        && _scopes.Lookup("sqrt") is null
        && _prototypes.TryGetValue("sqrt", out var prototype)
        && prototype.DoubleOfDouble;

    public override Expr VisitMultiplicative(MultiplicativeContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitAdditive(AdditiveContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitRelational(RelationalContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitEquality(EqualityContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitLogicalAnd(LogicalAndContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitLogicalOr(LogicalOrContext context) => Binary(context, context.left, context.op, context.right);

    private Expr Binary(ExprContext context, ExprContext left, IToken op, ExprContext right)
    {
        if (op.Text is not ("&&" or "||") && RecordComparison(context, left, op, right) is { } records)
        {
            return records;
        }

        if (op.Text is "-" or "+" or "<" or "<=" or ">" or ">=" or "==" or "!=" && PointerBinary(context, left, op, right) is { } pointers)
        {
            return pointers;
        }

        var span = At(context);
        if (op.Text is "&&" or "||")
        {
            return new BinaryExpr(BinaryOperators[op.Text], Condition(left), Condition(right), span);
        }

        return new BinaryExpr(BinaryOperators[op.Text], Convert(left), Convert(right), span);
    }

    public override Expr VisitShift(ShiftContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitBitwiseAnd(BitwiseAndContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitBitwiseXor(BitwiseXorContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitBitwiseOr(BitwiseOrContext context) => Binary(context, context.left, context.op, context.right);

    public override Expr VisitConditional(ConditionalContext context)
    {
        var span = At(context);
        return new ConditionalExpr(
            Condition(context.condition), ConvertExpression(context.thenValue), Convert(context.elseValue), span);
    }

    public override Expr VisitSubscript(SubscriptContext context) =>
        RecordElementRead(context, At(context)) is { } recordElement
            ? recordElement
            : ElementOf(context) is { } element
            ? element.Read(At(context))
            : StructArrayUse(context) is { } structs
            ? throw StructArrayUsedAsValue(At(context), structs)
            : PointerArrayElement(context.expr()) is var (array, subscript)
            ? throw SourceException.Unsupported(At(context), $"an element of the array of pointers '{subscript.expr().GetText()}' used other than as the initializer of a pointer or stored into one")
            : throw RefusedBase(context.expr()) ?? Unsupported(context, "array subscript");

    public override Expr VisitMemberAccess(MemberAccessContext context) =>
        FieldOf(context) is var (_, member, _)
            ? member.Length is not null ? throw RecordArrayMemberUsedAsValue(At(context), member.Name)
            : member.PointsTo is null ? FieldRead(context) : throw SourceException.Unsupported(At(context), $"pointer member '{member.Name}' used as an integer")
            : ElementOf(context) is { } element
            ? element.Read(At(context))
            : new VarRef(MemberOf(context)!.IrName, At(context));

    private static SourceException PointerUsedAsValue(SourceSpan span, string name) =>
        SourceException.Unsupported(span, $"pointer '{name}' used other than as *{name}");

    // ------------------------------------------------------------------ assignments

    public override Expr VisitAssignment(AssignmentContext context)
    {
        var span = At(context);
        var op = context.assignmentOperator().GetText();
        if (RecordAssignment(context) is { } record)
        {
            return record;
        }

        if (AssignArgumentCursor(context, span) is { } cursor)
        {
            return cursor;
        }

        if (IsPointerLvalue(context.target))
        {
            return AssignPointer(context, span);
        }

        if (StructAssignment(context) is not null)
        {
            // A struct assignment is a statement of its own (ConvertExpressionAsStatement); its value is a struct.
            throw SourceException.Unsupported(span, "the value of a struct assignment used inside an expression");
        }

        if (ElementOf(context.target) is { } array)
        {
            var index = array.Index;
            var assigned = Convert(context.value);
            if (op == "=")
            {
                return AssignElement(array, index, _ => assigned, readsElement: false, span);
            }

            var elementOperator = BinaryOperators.TryGetValue(op[..^1], out var elementArithmetic)
                ? elementArithmetic
                : throw new SourceException(At(context.assignmentOperator()), $"unknown assignment operator '{op}'");
            return AssignElement(array, index, current => new BinaryExpr(elementOperator, current, assigned, span), readsElement: true, span);
        }

        var variable = AssignmentTarget(context.target);
        var value = op == "=" ? ConvertToInteger(context.value, variable.Type) : Convert(context.value);
        if (op == "=")
        {
            return new AssignExpr(variable.IrName, value, false, span);
        }

        // 'x op= e' is 'x = x op e' (x is a plain variable, so reading it twice changes nothing).
        if (!BinaryOperators.TryGetValue(op[..^1], out var arithmetic))
        {
            throw new SourceException(At(context.assignmentOperator()), $"unknown assignment operator '{op}'");
        }

        var current = new VarRef(variable.IrName, At(context.target));
        return new AssignExpr(variable.IrName, new BinaryExpr(arithmetic, current, value, span), false, span);
    }

    public override Expr VisitPrefixIncrement(PrefixIncrementContext context) =>
        Increment(context, context.expr(), context.op, yieldsOldValue: false);

    public override Expr VisitPostfixIncrement(PostfixIncrementContext context) =>
        Increment(context, context.expr(), context.op, yieldsOldValue: true);

    private Expr Increment(ExprContext context, ExprContext target, IToken op, bool yieldsOldValue)
    {
        var span = At(context);
        if (MoveArgumentCursor(target, op, yieldsOldValue, span) is { } cursor)
        {
            return cursor;
        }

        if (RecordIncrement(target, op, yieldsOldValue && !IsValueDiscarded(context), span) is { } record)
        {
            return record;
        }

        if (IsPointerLvalue(target))
        {
            return IncrementPointer(target, op, yieldsOldValue, span, IsValueDiscarded(context));
        }

        if (ElementOf(target) is { } array)
        {
            var index = array.Index;
            // Only a statement may store into an element (see Sequencing), so the value yielded is never used.
            var step = new IntLiteral(1, ScalarType.Int, At(op));
            return AssignElement(array, index, current => new BinaryExpr(op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub, current, step, span), readsElement: true, span);
        }

        var variable = AssignmentTarget(target);
        var arithmetic = op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub;
        var one = new IntLiteral(1, ScalarType.Int, At(op));
        var value = new BinaryExpr(arithmetic, new VarRef(variable.IrName, At(target)), one, span);
        return new AssignExpr(variable.IrName, value, yieldsOldValue, span);
    }

    /// <summary>
    /// Whether nothing uses the value of <paramref name="context"/>: it is a whole expression statement, a for loop's
    /// step, or an operand of a comma operator other than the last, so <c>x++</c> there may yield the new value.
    /// </summary>
    private static bool IsValueDiscarded(ExprContext context)
    {
        IParseTree node = context;
        while (node.Parent is PrimaryContext or ParenthesizedContext || node.Parent is ExpressionContext { Parent: ParenthesizedContext })
        {
            node = node.Parent;
        }

        return node.Parent is ExpressionContext list
            && (!ReferenceEquals(list.expr()[^1], node)
                || list.Parent is ExpressionStatementContext
                || (list.Parent is ForStatementContext loop && ReferenceEquals(loop.step, list)));
    }

    private VariableSymbol AssignmentTarget(ExprContext target)
    {
        // '(x) = 1' assigns x as well.
        while (target is PrimaryContext primary && primary.primaryExpression() is ParenthesizedContext parenthesized
               && parenthesized.expression().expr() is [var inner])
        {
            target = inner;
        }

        if (target is UnaryContext { op.Text: "*" } dereference && CellPointerOf(dereference.expr()) is { } cell)
        {
            return new VariableSymbol(cell.CellIrName, cell.Type);
        }

        if (MemberOf(target) is { } member)
        {
            return member;
        }

        if (IdentifierOf(target) is not { } identifier)
        {
            // Converting reports the unsupported construct (a[i], *p, s.f) at its own position.
            _ = Convert(target);
            throw Unsupported(target, "assignment to something other than a variable");
        }

        var name = identifier.GetText();
        var span = At(identifier);
        if (_macros.ContainsKey(name))
        {
            throw new SourceException(span, $"cannot assign to macro '{name}'");
        }

        return _scopes.Lookup(name) switch
        {
            VariableSymbol variable => variable,
            PointerSymbol or UnsetPointerSymbol => throw SourceException.Unsupported(span, $"pointer '{name}' assigned as an integer"),
            CellPointerSymbol => throw PointerUsedAsValue(span, name),
            ArraySymbol or MatrixSymbol => throw ArrayUsedAsValue(span, name),
            MatrixPointerSymbol rows => throw MatrixPointerUsedOtherwise(span, name, rows.InnerLengths.Length + 1),
            StructArraySymbol => throw StructArrayUsedAsValue(span, name),
            PointerArraySymbol or ChoicePointerSymbol => throw SourceException.Unsupported(span, $"'{name}' assigned (an array of pointers, or a pointer read from one, is stored into only as 'p = a[i];')"),
            TableSymbol => throw TableUsedOtherwise(span, name),
            RowPointerSymbol row => throw RowPointerUsedOtherwise(span, name, row.TableName),
            ConstantSymbol => throw new SourceException(span, $"cannot assign to constant '{name}'"),
            TypeSymbol => throw new SourceException(span, $"'{name}' is a type, not a variable"),
            RefusedSymbol refused => throw UsesRefused(span, name, refused),
            _ => throw new SourceException(span, $"undeclared identifier '{name}'"),
        };
    }

    // ------------------------------------------------------------------ calls

    /// <summary>A call of a function defined in the file, whatever it returns.</summary>
    private CallExpr ConvertDefinedCall(CallContext context, string name)
    {
        if (name == MainName && _definedFunctionArity[name] == ArgumentVectorArity)
        {
            throw SourceException.Unsupported(At(context), "a call of 'main(argc, argv)'");
        }

        ExpectArgumentCount(context, name, _definedFunctionArity[name]);
        _callsOfCurrentFunction.Add((name, At(context)));
        return new CallExpr(name, [.. ConvertArguments(context, name, context.argumentList()?.expr() ?? [])], At(context));
    }

    public override Expr VisitCall(CallContext context)
    {
        var span = At(context);
        if (CastReadAsCall(context) is { } cast)
        {
            return cast;
        }

        var name = CalleeName(context) ?? throw Unsupported(context, "call through an expression (function pointer)");
        var arguments = context.argumentList()?.expr() ?? [];
        if (_definedFunctionArity.TryGetValue(name, out var arity) && _scopes.Lookup(name) is not VariableSymbol)
        {
            if (_recordResults.ContainsKey(name) && !ReferenceEquals(context, _discardedCall))
            {
                throw SourceException.Unsupported(span, $"the pointer to a struct that '{name}' returns used as an integer");
            }

            if (_pointerResultFunctions.Contains(name) && !ReferenceEquals(context, _discardedCall))
            {
                throw SourceException.Unsupported(span, $"the pointer that '{name}' returns used other than as a pointer into an array or an integer");
            }

            return ConvertDefinedCall(context, name);
        }

        if (name == LibraryFunctions.OverlapCheck && span.File == FunctionDecl.LibraryFile)
        {
            return ConvertOverlapCheck(context, span);
        }

        if (!IsBuiltinInScope(name))
        {
            return _scopes.Lookup(name) switch
            {
                VariableSymbol => throw SourceException.Unsupported(span, $"call through variable '{name}'"),
                RefusedSymbol refused => throw UsesRefused(span, name, refused),
                _ when name == "sqrt" && IsLibrarySqrt() => throw SourceException.Unsupported(
                    span, "sqrt other than converted straight to an integer type (as in 's = sqrt(n)' or '(int)sqrt(n)'): floating point is outside the subset"),
                _ when IsOutputFunction(name) && _prototypes.TryGetValue(name, out var output) => ConvertOutput(context, name, output, span),
                _ when IsInputFunction(name) && _prototypes.TryGetValue(name, out var input) => ConvertScanf(context, name, input, span),
                _ when _prototypes.TryGetValue(name, out var prototype) => CallExternal(context, name, prototype, span),
                _ when name == "__builtin_expect" => Convert(SingleArgumentOf(context, name, 2)),
                _ when name.StartsWith("__builtin_", StringComparison.Ordinal) => throw SourceException.Unsupported(span, $"builtin '{name}'"),
                _ => throw new SourceException(span, $"unknown function '{name}'"),
            };
        }

        if (NondetBuiltins.TryGetValue(name, out var type))
        {
            ExpectArgumentCount(context, name, 0);
            return new NondetExpr(NondetType(name, type), span);
        }

        if (name == "terminates")
        {
            return ConvertTerminates(context, span);
        }

        throw StatementBuiltins.Contains(name)
            ? SourceException.Unsupported(span, $"'{name}' inside an expression")
            : new SourceException(span, $"unknown function '{name}'");
    }

    /// <summary>A call of a function that is declared but not defined: any value of its return type comes back.</summary>
    private CallExpr CallExternal(CallContext context, string name, Prototype prototype, SourceSpan span)
    {
        if (prototype.Failure is { } failure)
        {
            throw SourceException.Unsupported(
                span, $"call of '{name}', whose declaration at {failure.Span} is outside the subset ({WithoutUnsupported(failure.Detail)})");
        }

        ExpectArgumentCount(context, name, prototype.Arity);
        _externalsCalled.TryAdd(name, new ExternalFunction(name, prototype.ReturnType!, prototype.Span));
        _callsOfCurrentFunction.Add((name, span));
        return new CallExpr(name, [.. (context.argumentList()?.expr() ?? []).Select(Convert)], span);
    }

    /// <summary>The first argument of a call that takes <paramref name="count"/> (the others are constants, such as <c>__builtin_expect</c>'s).</summary>
    private ExprContext SingleArgumentOf(CallContext call, string name, int count)
    {
        ExpectArgumentCount(call, name, count);
        return call.argumentList().expr(0);
    }

    /// <summary>
    /// The refusal of an element or dereference whose innermost operand (under subscripts, <c>*</c> and parentheses) names
    /// a declaration outside the subset, such as <c>argv</c> in <c>argv[0][0]</c>; null for any other operand.
    /// </summary>
    private SourceException? RefusedBase(ExprContext operand)
    {
        var inner = StripParentheses(operand);
        while (inner is SubscriptContext or UnaryContext { op.Text: "*" })
        {
            inner = StripParentheses(inner is SubscriptContext subscript ? subscript.expr() : ((UnaryContext)inner).expr());
        }

        return IdentifierOf(inner) is { } named && !_macros.ContainsKey(named.GetText()) && _scopes.Lookup(named.GetText()) is RefusedSymbol refused
            ? UsesRefused(At(named), named.GetText(), refused)
            : null;
    }

    private static SourceException UsesRefused(SourceSpan span, string name, RefusedSymbol refused) =>
        SourceException.Unsupported(span, refused.At == SourceSpan.None
            ? $"'{name}' ({WithoutUnsupported(refused.Reason)})"
            : $"'{name}', whose declaration at {refused.At} is outside the subset ({WithoutUnsupported(refused.Reason)})");

    private static string WithoutUnsupported(string detail) =>
        detail.StartsWith("unsupported: ", StringComparison.Ordinal) ? detail["unsupported: ".Length..] : detail;

    private TerminatesExpr ConvertTerminates(CallContext context, SourceSpan span)
    {
        var argument = SingleArgument(context, "terminates");
        if (IdentifierOf(argument) is { } identifier && _definedFunctionArity.ContainsKey(identifier.GetText()))
        {
            _callsOfCurrentFunction.Add((identifier.GetText(), span));
            return new TerminatesExpr(identifier.GetText(), span);
        }

        throw new SourceException(At(argument), "terminates() expects the name of a function defined in this file");
    }

    private static string? CalleeName(CallContext call) => IdentifierOf(call.callee)?.GetText();

    /// <summary>The identifier that <paramref name="expression"/> consists of, if it is just one.</summary>
    private static IdentifierContext? IdentifierOf(ExprContext expression) =>
        (expression as PrimaryContext)?.primaryExpression() as IdentifierContext;

    /// <summary>A builtin applies unless the file defines a function of that name or a variable hides it.</summary>
    private bool IsBuiltinInScope(string name) =>
        (NondetBuiltins.ContainsKey(name) || StatementBuiltins.Contains(name) || name == "terminates")
        && !_definedFunctionArity.ContainsKey(name)
        && _scopes.Lookup(name) is not VariableSymbol;

    private ExprContext SingleArgument(CallContext call, string name)
    {
        ExpectArgumentCount(call, name, 1);
        return call.argumentList().expr(0);
    }

    private void ExpectArgumentCount(CallContext call, string name, int expected)
    {
        var actual = call.argumentList()?.expr().Length ?? 0;
        if (expected >= 0 && actual != expected)
        {
            throw new SourceException(At(call), $"'{name}' expects {expected} argument(s) but gets {actual}");
        }
    }
}
