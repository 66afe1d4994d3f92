using System.Numerics;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>What an ordinary C identifier stands for.</summary>
internal abstract record Symbol;

/// <summary>A variable; <paramref name="IrName"/> is its name in the IR, unique within its function.</summary>
internal sealed record VariableSymbol(string IrName, ScalarType Type) : Symbol;

/// <summary>
/// A local pointer that points, for its whole life, to an object of its own (<c>T *p = alloca(sizeof(T));</c>) and that
/// the function uses only as <c>*p</c>: the object is then an ordinary variable named <paramref name="CellIrName"/>
/// (<c>*p</c>, which cannot clash with a C identifier) of type <paramref name="Type"/>.
/// </summary>
internal sealed record CellPointerSymbol(string CellIrName, ScalarType Type) : Symbol;

/// <summary>
/// A local array used only through its elements (<c>a[i]</c>, <c>*a</c>): a C array <c>T a[N]</c>, or a local pointer
/// <c>T *a = alloca(size)</c> to an array object of its own. <paramref name="IrName"/> names the array in the IR.
/// </summary>
internal sealed record ArraySymbol(string IrName, ScalarType ElementType) : Symbol
{
    /// <summary>For a C array (<c>T a[N]</c>, <c>T a[n]</c>): its length as <c>sizeof</c> sees it; null for a pointer.</summary>
    public ArrayExtent? Extent { get; init; }
}

/// <summary>
/// The length of a C array: the constant <paramref name="Length"/>, or, for a variable-length array, the variable
/// <paramref name="LengthVariable"/> of type <c>size_t</c> that holds the length its declaration computed (null when
/// the function never takes <c>sizeof</c> of it, and so keeps no such variable).
/// </summary>
internal sealed record ArrayExtent(BigInteger? Length, string? LengthVariable);

/// <summary>
/// An array of two or more dimensions <c>T a[L0][L1]...[Ln]</c> (local or at file scope) used only through its
/// elements <c>a[i][j]...</c>: one array object <paramref name="IrName"/> of <c>L0 * L1 * ... * Ln</c> elements in
/// row-major order, of which <c>m[i][j]</c> of <c>T m[R][C]</c> is element <c>i * C + j</c>. Every index but the first
/// must be within its dimension (0 to L1 - 1, ...; <paramref name="InnerLengths"/>), or the access is undefined
/// behaviour even inside the object.
/// </summary>
internal sealed record MatrixSymbol(string IrName, ScalarType ElementType, long[] InnerLengths) : Symbol
{
    /// <summary>The number of elements of the whole array, <c>L0 * L1 * ... * Ln</c>.</summary>
    public long Length { get; init; }
}

/// <summary>
/// A parameter that points to rows of an array (<c>T m[][C]</c>, <c>T m[R][C]</c>, <c>T (*m)[C]</c>, and so on for more
/// dimensions) used only through its elements <c>m[i][j]...</c>: <paramref name="IrName"/> holds the offset of the row
/// it points to in the array object <paramref name="Array"/>, which each call binds to the caller's array of rows of
/// the same shape (its flat object in row-major order, see <see cref="MatrixSymbol"/>). <c>m[i][j]</c> is element
/// <c>offset + i * C + j</c>; every index but the first must be within its dimension (<paramref name="InnerLengths"/>).
/// </summary>
internal sealed record MatrixPointerSymbol(string IrName, string Array, ScalarType ElementType, long[] InnerLengths) : Symbol;

/// <summary>
/// A pointer into an array that the function moves: a local pointer variable, a pointer parameter, or a pointer from
/// <c>alloca</c> that the function assigns. <paramref name="IrName"/> is its offset variable, <paramref name="Array"/>
/// the array object it points into for its whole life (of elements of <paramref name="ObjectType"/>), and
/// <paramref name="ElementType"/> the type it reads them as (the same, or another character type).
/// </summary>
internal sealed record PointerSymbol(string IrName, string Array, ScalarType ObjectType, ScalarType ElementType) : Symbol
{
    /// <summary>
    /// Whether the pointer was declared without a pointer into an array: its offset variable then starts at
    /// <see cref="PointerExpr.UnsetOffset"/> (or null), no offset of any object, and every read of it is checked, so
    /// that a use before the first store is undefined behaviour.
    /// </summary>
    public bool StartsUnset { get; init; }

    /// <summary>
    /// Whether the pointer may hold the null pointer (<see cref="PointerExpr.NullOffset"/>): the function stores a null
    /// pointer constant into it, or a pointer that a function returns. Its uses that need an object check it.
    /// </summary>
    public bool MayBeNull { get; init; }

    /// <summary>
    /// For a pointer whose address the function takes (<c>&amp;p</c>): the array object of one element, of
    /// <see cref="ScalarType.Unbounded"/>, that holds its offset instead of a variable, so that a pointer to the pointer
    /// (<see cref="PointerToPointerSymbol"/>) reaches it; null for a pointer whose offset is the variable
    /// <see cref="IrName"/>.
    /// </summary>
    public string? OffsetCell { get; init; }

    /// <summary>
    /// For a pointer into an array member of an element of an array of structs: the member's elements, whose start a
    /// variable of the pointer holds (see <see cref="MemberWindow"/>); null for a pointer bounded by its whole object.
    /// </summary>
    public MemberWindow? Window { get; init; }
}

/// <summary>
/// A pointer to a pointer variable (<c>T **pp</c>, a parameter or a local <c>T **pp = &amp;p;</c>): <c>*pp</c> is the
/// pointer whose offset element 0 of the array object <paramref name="Cell"/> holds, and which points into
/// <paramref name="Target"/> (of elements of <paramref name="ObjectType"/>, read as <paramref name="ElementType"/>)
/// for its whole life. <c>pp</c> itself never moves and points to the start of <paramref name="Cell"/>.
/// </summary>
internal sealed record PointerToPointerSymbol(string Cell, string Target, ScalarType ObjectType, ScalarType ElementType) : Symbol
{
    /// <summary>The pointer <c>*pp</c> denotes, as a pointer variable whose offset lives in <see cref="Cell"/>.</summary>
    public PointerSymbol Pointee => new(Cell, Target, ObjectType, ElementType) { OffsetCell = Cell };
}

/// <summary>
/// A local array of pointers to string literals and arrays, <c>const char *words[] = {"ab", buf};</c>, never assigned:
/// element <c>i</c> points to the start of the array object <c>Objects[i]</c> (of <paramref name="ElementType"/>), a
/// literal's read-only one or the named array.
/// <paramref name="IrName"/> names an array object of the same length whose element <c>i</c> is <c>i</c>, the object
/// number, which a read of <c>words[i]</c> reads with its bounds.
/// </summary>
internal sealed record PointerArraySymbol(string IrName, EquatableArray<string> Objects, ScalarType ElementType) : Symbol;

/// <summary>
/// A local pointer read from an array of pointers (<see cref="PointerArraySymbol"/>): it points into one of
/// <paramref name="Objects"/>, the one whose number the variable <paramref name="ObjectIrName"/> holds, at the offset
/// the variable <paramref name="OffsetIrName"/> holds. An expression that uses it is converted once per object, with
/// the pointer an ordinary <see cref="PointerSymbol"/> into that object, and the copy is chosen by the object number.
/// </summary>
internal sealed record ChoicePointerSymbol(string ObjectIrName, string OffsetIrName, EquatableArray<string> Objects, ScalarType ElementType, ScalarType ObjectType) : Symbol;

/// <summary>
/// A local pointer declared without a pointer into an array (offset variable <paramref name="IrName"/>, starting at
/// <see cref="PointerExpr.UnsetOffset"/>, or at the null pointer when <paramref name="MayBeNull"/> and initialized
/// with one) whose first store of a pointer into an array, in the order of the source, has not been seen yet: that
/// store fixes the array it points into.
/// </summary>
internal sealed record UnsetPointerSymbol(string IrName, ScalarType ElementType, bool MayBeNull) : Symbol;

/// <summary>
/// A local variable or parameter whose address the function takes (<c>&amp;x</c>): an array object of one element
/// named <paramref name="Array"/>, of <paramref name="Type"/>, so that a pointer can point to it; <c>x</c> reads and
/// stores that element.
/// </summary>
internal sealed record AddressedVariableSymbol(string Array, ScalarType Type) : Symbol;

/// <summary>An enumerator, a predefined limit such as <c>INT_MAX</c>, or <c>true</c>/<c>false</c>.</summary>
internal sealed record ConstantSymbol(BigInteger Value, ScalarType Type) : Symbol;

/// <summary>A typedef name.</summary>
internal sealed record TypeSymbol(ScalarType Type) : Symbol;

/// <summary>
/// A name declared at file scope by a declaration outside the subset (a typedef of a struct, a pointer variable):
/// only a function that uses it is refused. <paramref name="Reason"/> is the declaration's <c>unsupported: ...</c>.
/// </summary>
internal sealed record RefusedSymbol(string Reason, SourceSpan At) : Symbol;

/// <summary>
/// Nested block scopes of one translation unit. The outermost scope holds the predefined names, which the file may
/// redefine; the next one is file scope. Local variables get IR names that are unique within their function, so a
/// shadowing <c>x</c> becomes <c>x#2</c> (<c>#</c> cannot occur in a C identifier).
/// </summary>
internal sealed class Scopes
{
    private readonly List<Dictionary<string, Symbol>> _scopes = [];
    private readonly HashSet<string> _irNamesInFunction = [];
    private readonly HashSet<string> _globalNames = [];
    /// <summary>The pointer variables into arrays of the function, each with the array its first store fixed.</summary>
    private readonly List<PointerSymbol> _pointersInFunction = [];
    /// <summary>The depth of the scope that declares each array object of the function, by IR name.</summary>
    private readonly Dictionary<string, int> _arrayDepths = [];
    /// <summary>The array objects declared at file scope, which every function's pointers may point into.</summary>
    private readonly HashSet<string> _fileScopeArrays = [];

    public Scopes(DataModel dataModel = DataModel.Ilp32)
    {
        var predefined = new Dictionary<string, Symbol>
        {
            ["INT_MAX"] = Max(ScalarType.Int),
            ["INT_MIN"] = Min(ScalarType.Int),
            ["UINT_MAX"] = Max(ScalarType.UInt),
            ["LONG_MAX"] = Max(CTypeRules.Long(dataModel)),
            ["LONG_MIN"] = Min(CTypeRules.Long(dataModel)),
            ["ULONG_MAX"] = Max(CTypeRules.ULong(dataModel)),
            ["LLONG_MAX"] = Max(ScalarType.LongLong),
            ["LLONG_MIN"] = Min(ScalarType.LongLong),
            ["ULLONG_MAX"] = Max(ScalarType.ULongLong),
            // <stdbool.h>: bool is _Bool and true/false are the int constants 1 and 0.
            ["bool"] = new TypeSymbol(ScalarType.Bool),
            // <stddef.h>: unsigned long's width under the data model.
            ["size_t"] = new TypeSymbol(CTypeRules.ULong(dataModel)),
            // GCC's own types, which preprocessed headers name.
            ["__builtin_va_list"] = new RefusedSymbol("unsupported: variadic argument list (__builtin_va_list)", SourceSpan.None),
            ["__int128"] = new RefusedSymbol("unsupported: type '__int128'", SourceSpan.None),
            ["_Float128"] = new RefusedSymbol("unsupported: floating point type", SourceSpan.None),
            ["true"] = new ConstantSymbol(1, ScalarType.Int),
            ["false"] = new ConstantSymbol(0, ScalarType.Int),
        };
        _scopes.Add(predefined);
        _scopes.Add([]);
    }

    /// <summary>True while no function body is open.</summary>
    public bool AtFileScope => _scopes.Count == FileScopeDepth;

    /// <summary>Closes every scope a function opened (after a function was refused midway).</summary>
    public void ResetToFileScope() => _scopes.RemoveRange(2, _scopes.Count - 2);

    /// <summary>True when <paramref name="name"/> is declared at file scope.</summary>
    public bool IsDeclaredAtFileScope(string name) => _scopes[1].ContainsKey(name);

    /// <summary>True when <paramref name="name"/> names a declaration of the function being converted (a parameter or a local).</summary>
    public bool IsLocal(string name) => _scopes.Skip(FileScopeDepth).Any(scope => scope.ContainsKey(name));

    /// <summary>Opens a block scope.</summary>
    public void Push() => _scopes.Add([]);

    /// <summary>Closes the innermost block scope.</summary>
    public void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    /// <summary>Keeps locals from taking the names of globals, including globals declared further down the file.</summary>
    public void ReserveGlobalNames(IEnumerable<string> names) => _globalNames.UnionWith(names);

    /// <summary>Starts a new function: IR names may be reused from here on.</summary>
    public void BeginFunction()
    {
        _irNamesInFunction.Clear();
        _arrayDepths.Clear();
        foreach (var array in _fileScopeArrays)
        {
            _arrayDepths[array] = FileScopeDepth;
        }

        _pointersInFunction.Clear();
    }

    /// <summary>
    /// Whether a pointer declared as <paramref name="pointer"/> (in the innermost scope that declares that name) can
    /// hold a pointer into <paramref name="array"/> without outliving it: the array's scope encloses the pointer's.
    /// </summary>
    public bool CanPointInto(string array, string pointer) =>
        _arrayDepths.TryGetValue(array, out var arrayDepth) && arrayDepth <= DepthOf(pointer);

    /// <summary>Records that the array object <paramref name="irName"/> lives as long as the innermost scope (at file scope, as long as the program).</summary>
    public void RecordArray(string irName)
    {
        _arrayDepths[irName] = _scopes.Count;
        if (AtFileScope)
        {
            _fileScopeArrays.Add(irName);
        }
    }

    /// <summary>The depth of file scope: the predefined names, then the file's own.</summary>
    private const int FileScopeDepth = 2;

    /// <summary>Records that the array object <paramref name="irName"/> outlives every scope of the function (a string literal's).</summary>
    public void RecordStaticArray(string irName) => _arrayDepths[irName] = 0;

    /// <summary>The pointer variables of the function converted so far that point into <paramref name="array"/>.</summary>
    public IEnumerable<PointerSymbol> PointersInto(string array) => _pointersInFunction.Where(p => p.Array == array);

    private int DepthOf(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].ContainsKey(name))
            {
                return i + 1;
            }
        }

        return _scopes.Count;
    }

    /// <summary>What <paramref name="name"/> means at this point, or null.</summary>
    public Symbol? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var symbol))
            {
                return symbol;
            }
        }

        return null;
    }

    /// <summary>The type of the integer variable named <paramref name="irName"/> in the IR, when one in scope has that name.</summary>
    public ScalarType? VariableType(string irName) =>
        _scopes.SelectMany(scope => scope.Values).OfType<VariableSymbol>().FirstOrDefault(v => v.IrName == irName)?.Type;

    /// <summary>True when <paramref name="name"/> is declared in the innermost scope.</summary>
    public bool IsDeclaredInInnermost(string name) => _scopes[^1].ContainsKey(name);

    /// <summary>Replaces what a name declared at file scope stands for.</summary>
    public void ReplaceAtFileScope(string name, Symbol symbol) => _scopes[1][name] = symbol;

    /// <summary>Declares a constant or typedef name in the innermost scope.</summary>
    public void Declare(string name, Symbol symbol, SourceSpan span)
    {
        var innermost = _scopes[^1];
        if (innermost.ContainsKey(name))
        {
            throw new SourceException(span, $"redefinition of '{name}'");
        }

        innermost[name] = symbol;
    }

    /// <summary>Declares a variable in the innermost scope and returns its unique IR name.</summary>
    public VariableSymbol DeclareVariable(string name, ScalarType type, SourceSpan span)
    {
        var irName = AtFileScope ? name : UniqueLocalName(name);
        var variable = new VariableSymbol(irName, type);
        Declare(name, variable, span);
        return variable;
    }

    /// <summary>Declares a local pointer to an object of its own (<see cref="CellPointerSymbol"/>) in the innermost scope.</summary>
    public CellPointerSymbol DeclareCellPointer(string name, ScalarType type, SourceSpan span)
    {
        var pointer = new CellPointerSymbol(UniqueLocalName("*" + name), type);
        Declare(name, pointer, span);
        return pointer;
    }

    /// <summary>
    /// Declares a pointer to a struct (<see cref="RecordPointerSymbol"/>) in the innermost scope: a local or parameter
    /// with a unique IR name, or a global under its own name.
    /// </summary>
    public RecordPointerSymbol DeclareRecordPointer(string name, StructLayout layout, SourceSpan span)
    {
        var pointer = new RecordPointerSymbol(AtFileScope ? name : UniqueLocalName(name), layout);
        Declare(name, pointer, span);
        return pointer;
    }

    /// <summary>Declares a local array (<see cref="ArraySymbol"/>) in the innermost scope.</summary>
    public ArraySymbol DeclareArray(string name, ScalarType elementType, SourceSpan span, ArrayExtent? extent = null)
    {
        var array = new ArraySymbol(UniqueLocalName(name), elementType) { Extent = extent };
        Declare(name, array, span);
        RecordArray(array.IrName);
        return array;
    }

    /// <summary>Declares a pointer into an array (<see cref="PointerSymbol"/>) in the innermost scope.</summary>
    public PointerSymbol DeclarePointer(string name, string array, ScalarType objectType, ScalarType elementType, SourceSpan span, bool mayBeNull = false)
    {
        var pointer = new PointerSymbol(UniqueLocalName(name), array, objectType, elementType) { MayBeNull = mayBeNull };
        Declare(name, pointer, span);
        _pointersInFunction.Add(pointer);
        return pointer;
    }

    /// <summary>Declares a pointer without a value yet (<see cref="UnsetPointerSymbol"/>) in the innermost scope.</summary>
    public UnsetPointerSymbol DeclareUnsetPointer(string name, ScalarType elementType, SourceSpan span, bool mayBeNull)
    {
        var pointer = new UnsetPointerSymbol(UniqueLocalName(name), elementType, mayBeNull);
        Declare(name, pointer, span);
        return pointer;
    }

    /// <summary>Replaces what <paramref name="name"/> stands for in the innermost scope that declares it.</summary>
    public void Rebind(string name, Symbol symbol)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].ContainsKey(name))
            {
                _scopes[i][name] = symbol;
                if (symbol is PointerSymbol pointer)
                {
                    _pointersInFunction.Add(pointer);
                }

                return;
            }
        }

        throw new InvalidOperationException($"'{name}' is not declared");
    }

    /// <summary>A new IR name, unique within the function, for an object that no identifier names directly.</summary>
    public string NewLocalName(string name) => UniqueLocalName(name);

    private string UniqueLocalName(string name)
    {
        // Globals keep their C names, so a local never takes one of those either.
        var irName = name;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        for (var suffix = 2; !IsFreeLocalName(irName); suffix++)
        {
            // A member of a local struct named as a struct at file scope takes the suffix on its struct's name ('g#2.m').
            irName = dot > 0 && _globalNames.Contains(name[..dot]) ? $"{name[..dot]}#{suffix}{name[dot..]}" : $"{name}#{suffix}";
        }

        _irNamesInFunction.Add(irName);
        return irName;
    }

    // The objects of a struct at file scope are named after it ('g.m'), so a local 'g.m' would take one of their names.
    private bool IsFreeLocalName(string irName) =>
        !_irNamesInFunction.Contains(irName) && !_globalNames.Contains(irName) && !_globalNames.Contains(irName.Split('.')[0]);

    private static ConstantSymbol Max(ScalarType type) => new(CTypeRules.MaxValue(type), type);

    private static ConstantSymbol Min(ScalarType type) => new(CTypeRules.MinValue(type), type);
}
