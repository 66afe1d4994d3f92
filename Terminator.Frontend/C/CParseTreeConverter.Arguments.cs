using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// The argument vector of <c>int main(int argc, char **argv)</c> (C11 5.1.2.2.1): <c>argv</c> is read only as
/// <c>argv[i]</c>, a pointer into the string of argument i (an <see cref="ArgumentStringExpr"/>), or the null pointer for
/// i = argc. Each occurrence of <c>argv[i]</c> in the source binds an array name of its own to the string it reads, so a
/// pointer declared from it (<c>char *s = argv[i];</c>) points into that name's object for its whole life, and moves,
/// reads and bounds as any pointer into an array. Such a name is bound again only when the same occurrence runs again,
/// which re-declares the pointers that a declaration in the same block gave it; a pointer of an outer block never
/// points into it (see <see cref="RequireLifetime"/>), so no pointer keeps the string of an earlier run of the
/// occurrence. Any other use of <c>argv</c> (<c>*argv</c>, <c>argv + 1</c>, <c>argv[i] = ...</c>, passing it) is
/// refused.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// The argument vector of the function being converted: its name, the symbol that refuses its other uses, the name of
    /// the <c>argc</c> it is bounded by and the character type of its strings. Null outside <c>main(argc, argv)</c>.
    /// </summary>
    private sealed record ArgumentVectorInfo(string Name, RefusedSymbol Symbol, string Count, ScalarType ElementType);

    private ArgumentVectorInfo? _argumentVector;

    /// <summary>The reason any use of <c>argv</c> other than <c>argv[i]</c> is refused with.</summary>
    private const string ArgumentVectorRefusal =
        "unsupported: the argument vector of main used other than as 'argv[i]' (read as a pointer to the string of argument i)";

    /// <summary>The functions of <see cref="FunctionDecl.LibraryFile"/> converted so far.</summary>
    private readonly HashSet<string> _libraryFunctions = [];

    /// <summary>Whether <paramref name="expression"/> is <c>argv[i]</c> of the argument vector in scope.</summary>
    private bool IsArgumentVectorElement(ExprContext expression) =>
        _argumentVector is { } vector
        && StripParentheses(expression) is SubscriptContext subscript
        && IdentifierOf(StripParentheses(subscript.expr())) is { } identifier
        && identifier.GetText() == vector.Name
        && !_macros.ContainsKey(vector.Name)
        && ReferenceEquals(_scopes.Lookup(vector.Name), vector.Symbol);

    /// <summary>
    /// <c>argv[i]</c> as a pointer that may be null: an array name of its own, bound to argument i's string when the
    /// read runs (see <see cref="ArgumentStringExpr"/>). The index is read once, its side effects included.
    /// </summary>
    private PointerOperand ArgumentVectorElement(SubscriptContext subscript)
    {
        var vector = _argumentVector!;
        var span = At(subscript);
        var array = _scopes.NewLocalName(subscript.GetText());
        _scopes.RecordArray(array);
        var index = new CastExpr(OffsetType, ConvertExpression(subscript.expression()), span);
        var largest = (System.Numerics.BigInteger.One << CTypeRules.ULong(dataModel).Bits) - 1;
        var read = new ArgumentStringExpr(array, index, new VarRef(vector.Count, span), vector.ElementType, largest, span);
        return new PointerOperand(array, vector.ElementType, vector.ElementType, read, true, span) { MayBeNull = true };
    }

    /// <summary>Whether <paramref name="array"/> names the string of an argument of main (see <see cref="ArgumentVectorElement"/>).</summary>
    private bool IsArgumentString(string array) => _argumentStrings.Contains(array);

    /// <summary>The array names of the function being converted that <c>argv[i]</c> binds.</summary>
    private readonly HashSet<string> _argumentStrings = [];

    /// <summary>
    /// A pointer into an argument string, which may be null, passed to a pointer parameter of <paramref name="callee"/>:
    /// to a function of the C library a null pointer is undefined behaviour (C11 7.1.4); to a function of the program
    /// it leaves the model (see <see cref="NonNullArgumentExpr"/>), whose pointer parameters point into objects.
    /// </summary>
    private PointerOperand NonNullArgument(PointerOperand pointer, string callee, SourceSpan span) =>
        pointer with
        {
            Offset = _libraryFunctions.Contains(callee) ? new NullCheckExpr(pointer.Offset, span) : new NonNullArgumentExpr(pointer.Offset, callee, span),
            MayBeNull = false,
        };
}
