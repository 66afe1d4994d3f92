using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Memory: the one shape of pointer the subset holds so far, a local pointer to a stack object of its own
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

        var allocation = StripParentheses(initializer);
        var cast = allocation as CastContext;
        if (cast is not null)
        {
            allocation = StripParentheses(cast.expr());
        }

        if (allocation is not CallContext call
            || CalleeName(call) is not { } callee
            || !AllocaNames.Contains(callee)
            || _definedFunctionArity.ContainsKey(callee)
            || _scopes.Lookup(callee) is not null
            || call.argumentList()?.expr() is not [var size]
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
