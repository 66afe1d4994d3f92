using System.Collections.Immutable;
using Antlr4.Runtime;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Pointers to structs: a struct that a pointer points to is a record type of the IR (see <see cref="RecordType"/>),
/// whose values live on the heap, allocated one at a time by <c>malloc(sizeof(struct S))</c>. A pointer to a struct
/// is the record's address (an unbounded integer, 0 for null): local variables, parameters and results of type
/// <c>struct S *</c>, globals of that type (starting null), and struct members of that type (lists, trees). <c>p-&gt;m</c> and <c>(*p).m</c> read and store
/// a member, <c>p-&gt;m[i]</c> an element of an array member; pointers to structs are copied, compared for equality,
/// tested against null, passed and returned. Every other use is refused: arithmetic and ordering on them, their
/// conversion to integers, their address, <c>alloca</c> of a struct, an array member used other than through its
/// elements, struct members that are pointers to anything else. <c>calloc(1, sizeof(struct S))</c> gives
/// a record of zeros and null pointers; <c>free(p)</c> ends a record's life.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The record types of the structs that pointers point to, by struct layout, in the order they are met.</summary>
    private readonly Dictionary<StructLayout, RecordType> _recordTypes = [];

    /// <summary>Functions that return a pointer to a struct, with the struct.</summary>
    private readonly Dictionary<string, StructLayout> _recordResults = [];

    /// <summary>For each function converted so far, the struct of each parameter that points to one (null for others).</summary>
    private readonly Dictionary<string, StructLayout?[]> _recordParameters = [];

    /// <summary>The struct that the function being converted returns a pointer to, or null.</summary>
    private StructLayout? _returnsRecord;

    /// <summary>The record type of <paramref name="layout"/>, made at its first use through a pointer.</summary>
    private RecordType RecordOf(StructLayout layout, SourceSpan span)
    {
        if (_recordTypes.TryGetValue(layout, out var known))
        {
            return known;
        }

        if (layout.Name == "(anonymous)")
        {
            throw SourceException.Unsupported(span, "pointer to a struct without a tag");
        }

        var fields = layout.Members.Select(m => new RecordField(m.Name, m.PointsTo is null ? m.Type : ScalarType.Unbounded, m.PointsTo) { Length = m.Length }).ToImmutableArray();
        var record = new RecordType(layout.Name, new Terminator.Core.EquatableArray<RecordField>(fields), span);
        if (_recordTypes.Values.Any(r => r.Name == record.Name))
        {
            throw SourceException.Unsupported(span, $"two structs tagged '{layout.Name}'");
        }

        _recordTypes[layout] = record;
        foreach (var member in layout.Members.Where(m => m.PointsTo is not null))
        {
            // The struct a member points to is a record type too.
            _ = RecordOf(StructTagged(member.PointsTo!, span), span);
        }

        return record;
    }

    private StructLayout StructTagged(string tag, SourceSpan span) =>
        _structTags.TryGetValue(tag, out var layout) ? layout : throw SourceException.Unsupported(span, $"struct '{tag}' used before its members are declared");

    /// <summary>
    /// The struct that a declarator with <paramref name="pointer"/> of <paramref name="specifiers"/> points to: one
    /// level of pointer to a struct type, or none to a typedef of a pointer to a struct. Null for any other type.
    /// </summary>
    private StructLayout? PointedStruct(DeclarationSpecifiersContext specifiers, PointerContext? pointer)
    {
        if (specifiers.typeSpecifier() is TypedefNameSpecifierContext typedefName && _scopes.Lookup(typedefName.GetText()) is RecordPointerTypeSymbol type)
        {
            return pointer is null ? StructTagged(type.Tag, At(typedefName)) : throw Unsupported(pointer, "pointer to a pointer to a struct");
        }

        return pointer is not null && PointerDepth(pointer) == 1 && specifiers.typeSpecifier() is StructTypeSpecifierContext or TypedefNameSpecifierContext
            ? StructOf(specifiers)
            : null;
    }

    /// <summary>
    /// <c>typedef struct S *T;</c>, also before S's members are declared: T names pointers to S. Returns whether the
    /// declaration is one (every declarator a plain pointer).
    /// </summary>
    private bool DeclareRecordPointerTypedefs(DeclarationSpecifiersContext specifiers, string? storage, InitDeclaratorListContext? declarators)
    {
        if (storage != "typedef" || declarators is null
            || specifiers.typeSpecifier() is not StructTypeSpecifierContext structure
            || structure.structOrUnionSpecifier() is not { } inner || inner.kind.Text != "struct" || inner.Identifier() is not { } tag
            || !declarators.initDeclarator().All(d => PointerDepth(d.declarator().pointer()) == 1 && d.declarator().directDeclarator() is NamedDeclaratorContext))
        {
            return false;
        }

        if (inner.LeftBrace() is not null)
        {
            // 'typedef struct node {...} *link;' defines the struct too.
            _ = StructOf(specifiers);
        }

        foreach (var declarator in declarators.initDeclarator())
        {
            var named = (NamedDeclaratorContext)declarator.declarator().directDeclarator();
            var span = At(named.Identifier().Symbol);
            RejectMacroName(named.GetText(), span);
            _scopes.Declare(named.GetText(), new RecordPointerTypeSymbol(tag.GetText()), span);
        }

        return true;
    }

    /// <summary>Declarations whose type is a typedef of a pointer to a struct (<c>link p, q = 0;</c>); null for any other.</summary>
    private List<Stmt>? DeclareTypedefRecordPointers(DeclarationSpecifiersContext specifiers, string? storage, InitDeclaratorListContext? declarators)
    {
        if (!IsRecordPointerTypedef(specifiers) || declarators is null)
        {
            return null;
        }

        var layout = PointedStruct(specifiers, null)!;
        var statements = new List<Stmt>();
        foreach (var initDeclarator in declarators.initDeclarator())
        {
            var declarator = initDeclarator.declarator();
            if (declarator.directDeclarator() is FunctionDeclaratorContext)
            {
                // A prototype returning such a pointer: only the definition matters.
                continue;
            }

            if (declarator.pointer() is not null || declarator.directDeclarator() is not NamedDeclaratorContext named)
            {
                throw Unsupported(declarator, declarator.pointer() is not null ? "pointer to a pointer to a struct" : "array of pointers to structs");
            }

            if (_scopes.AtFileScope && storage is null or "static")
            {
                DeclareGlobalRecordPointer(layout, named, initDeclarator.initializer());
            }
            else if (!_scopes.AtFileScope && storage is null or "auto" or "register")
            {
                statements.Add(DeclareRecordPointer(layout, named, initDeclarator.initializer()));
            }
            else
            {
                throw Unsupported(declarator, "pointer to a struct in a typedef, an extern declaration or a static local");
            }
        }

        return statements;
    }

    /// <summary>Declares a local pointer to a struct; its value is its initializer, or none yet.</summary>
    private VarDeclStmt DeclareRecordPointer(StructLayout layout, NamedDeclaratorContext named, InitializerContext? initializer)
    {
        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        RejectMacroName(name, span);
        _ = RecordOf(layout, span);

        // The variable's scope starts at its declarator, so the initializer sees it ('p = malloc(sizeof *p)').
        var variable = _scopes.DeclareRecordPointer(name, layout, span);
        Expr value = initializer is null
            ? new IntLiteral(NewRecordExpr.Unset, ScalarType.Unbounded, span)
            : initializer.expr() is { } expression ? RecordPointer(expression, layout) : throw Unsupported(initializer, "braces around the value of a pointer");
        return new VarDeclStmt(variable.IrName, ScalarType.Unbounded, value, span);
    }

    /// <summary>A pointer to a struct at file scope: a global that starts null (C's static initialization, or <c>= NULL</c>).</summary>
    private void DeclareGlobalRecordPointer(StructLayout layout, NamedDeclaratorContext named, InitializerContext? initializer)
    {
        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        RejectMacroName(name, span);
        if (_definedFunctionArity.ContainsKey(name))
        {
            throw new SourceException(span, $"'{name}' is already a function");
        }

        if (initializer is not null && (initializer.expr() is not { } value || !IsNullPointerConstant(value)))
        {
            throw Unsupported(initializer, $"a global pointer to struct '{layout.Name}' initialized to something other than null");
        }

        _ = RecordOf(layout, span);
        var variable = _scopes.DeclareRecordPointer(name, layout, span);
        _globals.Add(new GlobalDecl(variable.IrName, ScalarType.Unbounded, new IntLiteral(NewRecordExpr.Null, ScalarType.Unbounded, span), span));
    }

    /// <summary>The struct that <paramref name="expression"/> points to when it has the shape of a pointer to one; null otherwise.</summary>
    private StructLayout? RecordLayoutOf(ExprContext expression)
    {
        expression = StripParentheses(expression);
        switch (expression)
        {
            case PrimaryContext when IdentifierOf(expression) is { } identifier && !_macros.ContainsKey(identifier.GetText()):
                return (_scopes.Lookup(identifier.GetText()) as RecordPointerSymbol)?.Layout;
            case MemberAccessContext access when FieldOf(access) is var (layout, member, _):
                return member.PointsTo is { } tag ? StructTagged(tag, At(access)) : null;
            case CallContext call when CalleeName(call) is { } callee && _scopes.Lookup(callee) is null:
                return _recordResults.GetValueOrDefault(callee);
            case CastContext cast when cast.typeName().abstractDeclarator() is { ChildCount: 1 } abstractDeclarator
                                       && PointedStruct(cast.typeName().declarationSpecifiers(), abstractDeclarator.pointer()) is { } target:
                return target;
            case CastContext cast when cast.typeName().abstractDeclarator() is null && IsRecordPointerTypedef(cast.typeName().declarationSpecifiers()):
                return PointedStruct(cast.typeName().declarationSpecifiers(), null);
            case CastContext cast when RecordLayoutOf(cast.expr()) is { } inner && IsCellLayout(inner) && IsPointerTo(cast.typeName(), inner.Members[0].Type):
                return inner;
            case SubscriptContext or UnaryContext:
                return CellArrayElementLayout(expression);
            default:
                return null;
        }
    }

    /// <summary>
    /// A pointer to the struct <paramref name="layout"/> as a value: null, a new record, a variable, a member, a call's
    /// result or a choice between two of these (casts to the same pointer type allowed). Anything else is refused.
    /// </summary>
    private Expr RecordPointer(ExprContext expression, StructLayout layout)
    {
        var span = At(expression);
        var record = RecordOf(layout, span);
        expression = StripParentheses(expression);
        if (IsNullPointerConstant(expression))
        {
            return new IntLiteral(NewRecordExpr.Null, ScalarType.Unbounded, span);
        }

        if (NewRecord(expression, layout) is { } allocation)
        {
            return allocation;
        }

        if (expression is ConditionalContext choice && choice.thenValue.expr() is [var thenValue])
        {
            return new ConditionalExpr(Condition(choice.condition), RecordPointer(thenValue, layout), RecordPointer(choice.elseValue, layout), span);
        }

        var found = RecordLayoutOf(expression);
        if (found is null)
        {
            throw SourceException.Unsupported(span, $"'{expression.GetText()}' used as a pointer to struct '{layout.Name}'");
        }

        if (found != layout)
        {
            throw SourceException.Unsupported(span, $"a pointer to struct '{found.Name}' used as a pointer to struct '{layout.Name}'");
        }

        return expression switch
        {
            CastContext cast => RecordPointer(cast.expr(), layout),
            PrimaryContext => new RecordPointerExpr(record.Name, new VarRef(((RecordPointerSymbol)_scopes.Lookup(IdentifierOf(expression)!.GetText())!).IrName, span), span),
            MemberAccessContext access => FieldRead(access),
            CallContext call => ConvertDefinedCall(call, CalleeName(call)!),
            SubscriptContext or UnaryContext => new RecordPointerExpr(record.Name, ElementOf(expression)!.Read(span), span),
            _ => throw new InvalidOperationException($"{span}: not a pointer to a struct"),
        };
    }

    /// <summary>
    /// <c>malloc(sizeof(struct S))</c> (also <c>sizeof(T)</c> of a typedef of it, <c>sizeof *p</c>, a cast): a new record;
    /// <c>calloc(1, size)</c> with such a size: a new record of zeros and null pointers. Null for anything else.
    /// </summary>
    private NewRecordExpr? NewRecord(ExprContext expression, StructLayout layout)
    {
        var span = At(expression);
        if (CallocSize(expression, out var callocCast) is { } callocSize)
        {
            return RecordOfSize(callocSize, callocCast, layout, span) with { Zeroed = true };
        }

        if (AllocationSize(expression, out var cast, out var onHeap) is not { } size)
        {
            return null;
        }

        if (!onHeap)
        {
            throw SourceException.Unsupported(span, $"alloca of a struct '{layout.Name}' (records live on the heap)");
        }

        return RecordOfSize(size, cast, layout, span);
    }

    /// <summary><c>calloc(1, size)</c> or <c>calloc(size, 1)</c> of the C library (optionally cast): the size; null for anything else.</summary>
    private ExprContext? CallocSize(ExprContext expression, out CastContext? cast)
    {
        var allocation = StripParentheses(expression);
        cast = allocation as CastContext;
        if (cast is not null)
        {
            allocation = StripParentheses(cast.expr());
        }

        if (allocation is not CallContext call || CalleeName(call) != "calloc" || _definedFunctionArity.ContainsKey("calloc")
            || _scopes.Lookup("calloc") is not null || call.argumentList()?.expr() is not [var first, var second])
        {
            return null;
        }

        return IsLiteralOne(first) ? second : IsLiteralOne(second) ? first : throw SourceException.Unsupported(At(call), "calloc of more than one struct (an array of structs)");
    }

    /// <summary>Whether <paramref name="e"/> is the constant 1 (<c>1</c>, <c>1U</c>, <c>1UL</c>), as calloc's count of one object.</summary>
    private static bool IsLiteralOne(ExprContext e) =>
        StripParentheses(e) is PrimaryContext { } primary && primary.primaryExpression() is IntegerConstantContext && primary.GetText() is "1" or "1U" or "1u" or "1UL" or "1ul";

    /// <summary>A new record when <paramref name="size"/> is the size of <paramref name="layout"/>; refused otherwise.</summary>
    private NewRecordExpr RecordOfSize(ExprContext size, CastContext? cast, StructLayout layout, SourceSpan span)
    {
        if (cast is not null && RecordLayoutOf(cast) != layout && !IsVoidPointerType(cast.typeName()))
        {
            throw SourceException.Unsupported(span, $"malloc cast to another type than a pointer to struct '{layout.Name}'");
        }

        if (IsCellLayout(layout))
        {
            return CellOfSize(size, cast, layout, span);
        }

        var sized = StripParentheses(size) switch
        {
            SizeofTypeContext sizeofType when sizeofType.typeName().abstractDeclarator() is null => StructOf(sizeofType.typeName().declarationSpecifiers()),
            SizeofExpressionContext sizeofExpression when StripParentheses(sizeofExpression.expr()) is UnaryContext { op.Text: "*" } dereference => RecordLayoutOf(dereference.expr()),
            _ => null,
        };
        return sized == layout
            ? new NewRecordExpr(RecordOf(layout, span).Name, span)
            : throw SourceException.Unsupported(span, $"malloc of another size than that of struct '{layout.Name}' for a pointer to it");
    }

    /// <summary>A new heap cell when <paramref name="size"/> is <c>sizeof(T)</c> or <c>sizeof *p</c> for the cell's type T; refused otherwise.</summary>
    private NewRecordExpr CellOfSize(ExprContext size, CastContext? cast, StructLayout layout, SourceSpan span)
    {
        var type = layout.Members[0].Type;
        if (cast is not null && !IsPointerTo(cast.typeName(), type) && !IsVoidPointerType(cast.typeName()))
        {
            throw SourceException.Unsupported(span, $"malloc cast to another type than a pointer to {type}");
        }

        var sized = StripParentheses(size) switch
        {
            SizeofTypeContext sizeofType => sizeofType.typeName().abstractDeclarator() is null && ResolveTypeName(sizeofType.typeName()) == type,
            SizeofExpressionContext sizeofExpression => StripParentheses(sizeofExpression.expr()) is UnaryContext { op.Text: "*" } dereference && RecordLayoutOf(dereference.expr()) == layout,
            _ => false,
        };
        if (!sized && StripParentheses(size) is SizeofTypeContext or SizeofExpressionContext)
        {
            // A larger object (malloc(sizeof(long))) holds the integer too.
            sized = ConstantEvaluator.Evaluate(Convert(size)).Value * 8 >= type.Bits;
        }

        return sized
            ? new NewRecordExpr(RecordOf(layout, span).Name, span)
            : throw SourceException.Unsupported(span, $"malloc of another size than that of {type} for a pointer to one");
    }

    private bool IsVoidPointerType(TypeNameContext typeName) =>
        typeName.abstractDeclarator() is { ChildCount: 1 } abstractDeclarator && PointerDepth(abstractDeclarator.pointer()) == 1
        && typeName.declarationSpecifiers().GetText() == "void";

    /// <summary>
    /// <c>p-&gt;m</c> or <c>(*p).m</c> where p is a pointer to a struct: the struct, the member and p (unconverted);
    /// null for any other member access (of a local struct variable).
    /// </summary>
    private (StructLayout Layout, StructMember Member, ExprContext Pointer)? FieldOf(MemberAccessContext access)
    {
        ExprContext pointer;
        if (access.op.Text == "->")
        {
            pointer = access.expr();
        }
        else if (StripParentheses(access.expr()) is UnaryContext { op.Text: "*" } dereference)
        {
            pointer = dereference.expr();
        }
        else
        {
            return null;
        }

        var layout = RecordLayoutOf(pointer) ?? throw Unsupported(access.op, $"'{access.op.Text}' on something other than a pointer to a struct");
        var name = access.Identifier().GetText();
        var member = layout.Members.FirstOrDefault(m => m.Name == name)
            ?? throw new SourceException(At(access.Identifier().Symbol), $"struct '{layout.Name}' has no member '{name}'");
        return (layout, member, pointer);
    }

    /// <summary>
    /// <c>p-&gt;m[i]</c> or <c>(*p).m[i]</c> of an array member m of the struct that p points to: the struct, the member,
    /// p and i (unconverted); null for anything else.
    /// </summary>
    private (StructLayout Layout, StructMember Member, ExprContext Pointer, ExprContext Index)? RecordElementOf(ExprContext expression) =>
        StripParentheses(expression) is SubscriptContext subscript
        && StripParentheses(subscript.expr()) is MemberAccessContext access
        && FieldOf(access) is var (layout, member, pointer) && member.Length is not null
            ? (layout, member, pointer, subscript.expression().expr() is [var index] ? index : throw Unsupported(subscript.expression(), "comma operator in the index of an array member"))
            : null;

    /// <summary><c>p-&gt;m[i]</c> of an array member as a value: a read of that element of the record.</summary>
    private FieldReadExpr? RecordElementRead(ExprContext expression, SourceSpan span) =>
        RecordElementOf(expression) is var (layout, member, pointer, index)
            ? new FieldReadExpr(RecordOf(layout, span).Name, member.Name, RecordAddress(pointer, layout), span) { Index = Convert(index) }
            : null;

    private static SourceException RecordArrayMemberUsedAsValue(SourceSpan span, string member) =>
        SourceException.Unsupported(span, $"the array member '{member}' of a struct reached through a pointer used other than through its elements (p->{member}[i])");

    /// <summary>
    /// What a store through a pointer to a struct changes: a member (<see cref="FieldTarget"/>) or an element
    /// <c>p-&gt;m[i]</c> of an array member, with its index (converted; null for a member). A whole array member is
    /// refused. Null for any other target.
    /// </summary>
    private (StructLayout Layout, StructMember Member, ExprContext Pointer, Expr? Index)? RecordStoreTarget(ExprContext target)
    {
        if (RecordElementOf(target) is var (layout, member, pointer, index))
        {
            return (layout, member, pointer, Convert(index));
        }

        if (FieldTarget(target) is not var (fieldLayout, field, fieldPointer))
        {
            return null;
        }

        return field.Length is null ? (fieldLayout, field, fieldPointer, null) : throw RecordArrayMemberUsedAsValue(At(target), field.Name);
    }

    /// <summary>
    /// The member an assignment or increment stores into: <c>p-&gt;m</c>, <c>(*p).m</c>, or <c>*p</c> of a heap cell
    /// (see CParseTreeConverter.HeapCells.cs), whose one member it is. Null for any other target.
    /// </summary>
    private (StructLayout Layout, StructMember Member, ExprContext Pointer)? FieldTarget(ExprContext target)
    {
        target = StripParentheses(target);
        return target is MemberAccessContext access ? FieldOf(access) : CellOf(target);
    }

    /// <summary><c>*p</c> where p points to a heap cell: the cell's layout, its one member and p; null for anything else.</summary>
    private (StructLayout Layout, StructMember Member, ExprContext Pointer)? CellOf(ExprContext expression) =>
        StripParentheses(expression) is UnaryContext { op.Text: "*" } dereference && RecordLayoutOf(dereference.expr()) is { } layout && IsCellLayout(layout)
            ? (layout, layout.Members[0], dereference.expr())
            : null;

    /// <summary><c>*p</c> of a heap cell as a value.</summary>
    private FieldReadExpr? CellRead(UnaryContext dereference) =>
        CellOf(dereference) is { } cell ? FieldRead(cell, At(dereference)) : null;

    /// <summary>The address of the record that <paramref name="pointer"/> points to: a variable as it is (the access checks it), anything else as a pointer.</summary>
    private Expr RecordAddress(ExprContext pointer, StructLayout layout) =>
        IdentifierOf(StripParentheses(pointer)) is { } identifier && _scopes.Lookup(identifier.GetText()) is RecordPointerSymbol symbol
            ? new VarRef(symbol.IrName, At(pointer))
            : RecordPointer(pointer, layout);

    /// <summary><c>p-&gt;m</c> as a value.</summary>
    private FieldReadExpr FieldRead(MemberAccessContext access) => FieldRead(FieldOf(access)!.Value, At(access));

    /// <summary>A read of <paramref name="field"/> of the record that its pointer points to.</summary>
    private FieldReadExpr FieldRead((StructLayout Layout, StructMember Member, ExprContext Pointer) field, SourceSpan span) =>
        new(RecordOf(field.Layout, span).Name, field.Member.Name, RecordAddress(field.Pointer, field.Layout), span);

    /// <summary>
    /// An assignment whose target is a pointer to a struct or a member reached through one: <c>p = q</c>,
    /// <c>p-&gt;m = v</c>, <c>p-&gt;m op= v</c> (p a variable, since it is read twice). Null for any other assignment.
    /// </summary>
    private Expr? RecordAssignment(AssignmentContext context)
    {
        var span = At(context);
        var op = context.assignmentOperator().GetText();
        var target = StripParentheses(context.target);
        if (CellArrayAssignment(context) is { } element)
        {
            return element;
        }

        if (IdentifierOf(target) is { } identifier && _scopes.Lookup(identifier.GetText()) is RecordPointerSymbol symbol)
        {
            return op == "="
                ? new AssignExpr(symbol.IrName, RecordPointer(context.value, symbol.Layout), false, span)
                : throw SourceException.Unsupported(span, $"'{op}' on pointer '{identifier.GetText()}' to a struct");
        }

        if (RecordStoreTarget(target) is not var (layout, member, pointer, index))
        {
            return null;
        }

        var record = RecordOf(layout, span).Name;
        var address = RecordAddress(pointer, layout);
        if (member.PointsTo is { } tag)
        {
            return op == "="
                ? new FieldAssignExpr(record, member.Name, address, RecordPointer(context.value, StructTagged(tag, span)), span)
                : throw SourceException.Unsupported(span, $"'{op}' on the pointer member '{member.Name}'");
        }

        var value = op == "=" ? ConvertToInteger(context.value, member.Type) : Convert(context.value);
        if (op == "=")
        {
            return new FieldAssignExpr(record, member.Name, address, value, span) { Index = index };
        }

        if (!BinaryOperators.TryGetValue(op[..^1], out var arithmetic))
        {
            throw new SourceException(At(context.assignmentOperator()), $"unknown assignment operator '{op}'");
        }

        RequireVariableAddress(address, index, span);
        return new FieldAssignExpr(record, member.Name, address, new BinaryExpr(arithmetic, new FieldReadExpr(record, member.Name, address, span) { Index = index }, value, span), span) { Index = index };
    }

    /// <summary><c>p-&gt;m++</c> and the like of an integer member or an element of an array member; null when the target is no such member.</summary>
    private FieldAssignExpr? RecordIncrement(ExprContext target, IToken op, bool yieldsOldValue, SourceSpan span)
    {
        if (RecordStoreTarget(target) is not var (layout, member, pointer, index))
        {
            return null;
        }

        if (member.PointsTo is not null)
        {
            throw SourceException.Unsupported(span, $"'{op.Text}' on the pointer member '{member.Name}'");
        }

        if (yieldsOldValue)
        {
            throw SourceException.Unsupported(span, $"the old value of '{target.GetText()}{op.Text}' (a member increment is a statement of its own)");
        }

        var record = RecordOf(layout, span).Name;
        var address = RecordAddress(pointer, layout);
        RequireVariableAddress(address, index, span);
        var one = new IntLiteral(1, ScalarType.Int, At(op));
        var current = new FieldReadExpr(record, member.Name, address, span) { Index = index };
        return new FieldAssignExpr(record, member.Name, address, new BinaryExpr(op.Text == "++" ? BinaryOp.Add : BinaryOp.Sub, current, one, span), span) { Index = index };
    }

    /// <summary>
    /// A compound store reads its target before storing: the address must be a variable, and the index of an element
    /// free of side effects (both are evaluated twice here, once in C).
    /// </summary>
    private static void RequireVariableAddress(Expr address, Expr? index, SourceSpan span)
    {
        if (address is not VarRef)
        {
            throw SourceException.Unsupported(span, "a compound assignment to a member through a pointer other than a variable");
        }

        if (index is not null && IrWalker.Expressions(new ExprStmt(index, span)).Any(e => e is AssignExpr or ArrayAssignExpr or CallExpr or NondetExpr or FieldAssignExpr))
        {
            throw SourceException.Unsupported(index.Span, "an index with side effects in a compound assignment to an element of an array member");
        }
    }

    /// <summary><c>p == q</c> and <c>p != q</c> where one side is a pointer to a struct (the other may be null); null otherwise.</summary>
    private BinaryExpr? RecordComparison(ExprContext context, ExprContext left, IToken op, ExprContext right)
    {
        var layout = RecordLayoutOf(left) ?? RecordLayoutOf(right);
        if (layout is null)
        {
            return null;
        }

        if (op.Text is not ("==" or "!="))
        {
            throw SourceException.Unsupported(At(context), $"pointer to a struct used as an integer (operator '{op.Text}')");
        }

        return new BinaryExpr(BinaryOperators[op.Text], RecordPointer(left, layout), RecordPointer(right, layout), At(context));
    }

    /// <summary>A pointer to a struct as a truth value: whether it is not null. Null for any other expression.</summary>
    private BinaryExpr? RecordTruth(ExprContext expression, bool negated) =>
        RecordLayoutOf(expression) is { } layout
            ? new BinaryExpr(negated ? BinaryOp.Eq : BinaryOp.Ne, RecordPointer(expression, layout), new IntLiteral(NewRecordExpr.Null, ScalarType.Unbounded, At(expression)), At(expression))
            : null;

    /// <summary>
    /// A condition: a pointer (to a struct, into an array or an argument string of main, or the result of a function
    /// that returns one, such as <c>strchr</c>) tests whether it is not null (C11 6.8.4.1p2, 6.5.13p3: whether it
    /// compares unequal to 0); anything else converts as usual.
    /// </summary>
    private Expr Condition(ExprContext expression) =>
        RecordTruth(expression, negated: false) ?? RowTruth(expression)
        ?? (IsPointer(expression) ? NullTest(expression, 1, At(expression)) : Convert(expression));

    /// <summary>A condition given as an expression list (<c>if</c>, <c>while</c>, <c>for</c>).</summary>
    private Expr Condition(ExpressionContext expression) =>
        expression.expr() is [var only] ? Condition(only) : ConvertExpression(expression);

    /// <summary>A parameter <c>struct S *p</c>: declared, with the record type its parameter names; null for any other parameter.</summary>
    private Parameter? RecordParameter(ParameterDeclarationContext parameter)
    {
        if (parameter.declarator() is not { } declarator
            || declarator.directDeclarator() is not NamedDeclaratorContext named
            || ((PointerDepth(declarator.pointer()) == 1 ? HeapCellLayout(named.GetText(), parameter.declarationSpecifiers()) : null)
                ?? PointedStruct(parameter.declarationSpecifiers(), declarator.pointer())) is not { } layout)
        {
            return null;
        }

        var name = named.GetText();
        var span = At(named.Identifier().Symbol);
        RejectMacroName(name, span);
        var record = RecordOf(layout, span);
        var variable = _scopes.DeclareRecordPointer(name, layout, span);
        return new Parameter(variable.IrName, ScalarType.Unbounded, span) { PointsToRecord = record.Name };
    }

    /// <summary><c>return p;</c> in a function that returns a pointer to a struct.</summary>
    private ReturnStmt ConvertRecordReturn(ReturnStatementContext statement, StructLayout layout, SourceSpan span) =>
        statement.expression() is { } value && value.expr() is [var only]
            ? new ReturnStmt(RecordPointer(only, layout), span)
            : throw new SourceException(span, "a function that returns a pointer must return one");

    /// <summary>The record types met while reading the file, in order.</summary>
    private ImmutableArray<RecordType> RecordTypes => [.. _recordTypes.Values];
}

/// <summary>A local variable or parameter that points to a struct: it holds a record's address (see <see cref="RecordType"/>).</summary>
internal sealed record RecordPointerSymbol(string IrName, StructLayout Layout) : Symbol;
