using System.Numerics;

namespace Terminator.Core.Ir;

/// <summary>A function parameter.</summary>
public sealed record Parameter(string Name, ScalarType Type, SourceSpan Span)
{
    /// <summary>
    /// For a pointer parameter (C's <c>T *p</c> or <c>T p[]</c>): the name, within the function, of the array object it
    /// points into, and the parameter itself holds the pointer's offset (see <see cref="PointerExpr"/>). Each call
    /// passes a <see cref="PointerExpr"/> and binds this object to the argument's array. Null for an integer parameter.
    /// </summary>
    public string? PointsInto { get; init; }

    /// <summary>
    /// For a pointer parameter whose object a caller of any kind may pass (a plain <c>T *p</c> that no caller binds to a
    /// part of an object): what that object may be when the function is analyzed on its own. Null for any other
    /// parameter, and for pointer parameters whose object only the calls of the program describe.
    /// </summary>
    public CallerObject? Object { get; init; }

    /// <summary>
    /// For a pointer to a record (C's <c>struct R *p</c>): the record type's name (see <see cref="RecordType"/>), and the
    /// parameter holds the record's address. Null for any other parameter.
    /// </summary>
    public string? PointsToRecord { get; init; }
}

/// <summary>
/// The object that a pointer parameter of a function analyzed on its own points to: the null pointer, or the start of an
/// array object of <paramref name="ElementType"/> elements, of any length from 0 (a pointer one past the end of an object)
/// to <paramref name="MaxLength"/> (the most elements that an object of <c>size_t</c> bytes holds), distinct from every
/// other object of the run, with arbitrary contents. The parameter's input value is that length, or
/// <see cref="NullInput"/> for the null pointer.
/// </summary>
/// <param name="ElementType">The type of the object's elements (the pointer's target type).</param>
/// <param name="MaxLength">The largest number of elements.</param>
public sealed record CallerObject(ScalarType ElementType, BigInteger MaxLength)
{
    /// <summary>The input value of a pointer parameter that holds the null pointer.</summary>
    public static readonly BigInteger NullInput = -1;
}

/// <summary>A function definition.</summary>
public sealed record FunctionDecl(string Name, ScalarType ReturnType, EquatableArray<Parameter> Parameters, BlockStmt Body, SourceSpan Span)
{
    /// <summary>
    /// The file of the C library functions that the frontend defines for a program that calls them without defining
    /// them (<c>strlen</c>, ...): their calls run those definitions, and the functions themselves are not answered.
    /// </summary>
    public const string LibraryFile = "<libc>";

    /// <summary>
    /// For a function that returns a pointer into a heap array it allocates (C's <c>char *s = malloc(n); ... return s;</c>):
    /// that array's name. The function returns the pointer's offset, and each call names the array in its caller
    /// (<see cref="CallExpr.ResultObject"/>). Null for any other function.
    /// </summary>
    public string? ResultObject { get; init; }

    // Hashes only the name and the span: hashing a function does not walk its body.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Span);
}

/// <summary>
/// A function that the frontend read but could not convert because it uses something outside the supported subset (or
/// calls a function that does). The analysis answers DontKnow for it; the other functions of the file are analyzed.
/// </summary>
/// <param name="Name">The function's name.</param>
/// <param name="Span">Where the function is defined (its name).</param>
/// <param name="At">Where the construct outside the subset is.</param>
/// <param name="Reason">What is outside the subset, starting with <c>unsupported:</c>.</param>
public sealed record RefusedFunction(string Name, SourceSpan Span, SourceSpan At, string Reason);

/// <summary>
/// A function that is declared but not defined, and called: following SV-COMP's convention, each call evaluates its
/// arguments and returns a nondeterministic value of <paramref name="ReturnType"/> (the call is assumed to return).
/// </summary>
/// <param name="Name">The function's name.</param>
/// <param name="ReturnType">Its return type (<see cref="ScalarType.Void"/> for none).</param>
/// <param name="Span">Where it is declared.</param>
public sealed record ExternalFunction(string Name, ScalarType ReturnType, SourceSpan Span);

/// <summary>
/// A struct type whose values live on the heap as records, reached through pointers (C's <c>struct node { int val;
/// struct node *next; }</c>): its fields in declaration order. See <see cref="NewRecordExpr"/>.
/// </summary>
/// <param name="Name">The type's name (the struct's tag).</param>
/// <param name="Fields">The fields, in declaration order.</param>
/// <param name="Span">Where the struct is declared.</param>
public sealed record RecordType(string Name, EquatableArray<RecordField> Fields, SourceSpan Span)
{
    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public RecordField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

/// <summary>
/// A field of a <see cref="RecordType"/>: an integer of <paramref name="Type"/>, an array of <see cref="Length"/> such
/// integers, or, when <paramref name="PointsTo"/> names a record type, a pointer to such records (its value an address,
/// of unbounded type).
/// </summary>
/// <param name="Name">The field's name.</param>
/// <param name="Type">The integer type (of each element, for an array), or <see cref="ScalarType.Unbounded"/> for a pointer.</param>
/// <param name="PointsTo">The record type a pointer field points to; null for an integer field.</param>
public sealed record RecordField(string Name, ScalarType Type, string? PointsTo)
{
    /// <summary>
    /// For an array of integers (C's <c>int data[8];</c> member): its number of elements, which are reached only one at
    /// a time (<see cref="FieldReadExpr.Index"/>). Null for any other field.
    /// </summary>
    public long? Length { get; init; }
}

/// <summary>A global variable with an optional constant initializer (zero when absent, as in C).</summary>
public sealed record GlobalDecl(string Name, ScalarType Type, Expr? Initializer, SourceSpan Span);

/// <summary>A whole source file in the core IR.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Language">The source language.</param>
/// <param name="Functions">The function definitions, in source order.</param>
/// <param name="Globals">Global variables, in source order.</param>
public sealed record ProgramIr(string File, SourceLanguage Language, EquatableArray<FunctionDecl> Functions, EquatableArray<GlobalDecl> Globals)
{
    /// <summary>Functions outside the supported subset, in source order: each gets a DontKnow of its own.</summary>
    public EquatableArray<RefusedFunction> RefusedFunctions { get; init; } = [];

    /// <summary>Functions that are declared but not defined and that some function calls, in source order.</summary>
    public EquatableArray<ExternalFunction> ExternalFunctions { get; init; } = [];

    /// <summary>The record types that the program's pointers reach (see <see cref="RecordType"/>), in source order.</summary>
    public EquatableArray<RecordType> Records { get; init; } = [];

    /// <summary>The record type named <paramref name="name"/>, or null.</summary>
    public RecordType? FindRecord(string name) => Records.FirstOrDefault(r => r.Name == name);

    /// <summary>The data model a C program's types were read under (the width of <c>long</c>); ILP32 for Python.</summary>
    public DataModel DataModel { get; init; } = DataModel.Ilp32;

    /// <summary>
    /// What reading an <see cref="VarDeclStmt.Automatic"/> variable before a store means: undefined behaviour, as C
    /// says (the default), or an arbitrary value. It means nothing for Python.
    /// </summary>
    public UninitializedReads UninitializedReads { get; init; } = UninitializedReads.Undefined;

    /// <summary>
    /// Arrays at file scope (<c>int g[10];</c>), in source order: each is made once, before the analyzed function
    /// starts, with every element 0 but those its <see cref="ArrayDeclStmt.Contents"/> give (C's static
    /// initialization), and every function reaches it by its name.
    /// </summary>
    public EquatableArray<ArrayDeclStmt> GlobalArrays { get; init; } = [];

    /// <summary>The function with the given name, or null.</summary>
    public FunctionDecl? Find(string name) => Functions.FirstOrDefault(f => f.Name == name);

    /// <summary>The refused function with the given name, or null.</summary>
    public RefusedFunction? FindRefused(string name) => RefusedFunctions.FirstOrDefault(f => f.Name == name);

    /// <summary>The defined functions that <paramref name="function"/> calls, directly or through others.</summary>
    internal HashSet<string> Callees(string function)
    {
        var reached = new HashSet<string>();
        var work = new Stack<string>();
        work.Push(function);
        while (work.Count > 0)
        {
            if (Find(work.Pop()) is not { } decl)
            {
                continue;
            }

            foreach (var call in IrWalker.Expressions(decl.Body).OfType<CallExpr>())
            {
                if (Find(call.Callee) is not null && reached.Add(call.Callee))
                {
                    work.Push(call.Callee);
                }
            }
        }

        return reached;
    }

    /// <summary>The external (declared, not defined) function with the given name, or null.</summary>
    public ExternalFunction? FindExternal(string name) => ExternalFunctions.FirstOrDefault(f => f.Name == name);

    // Hashes only the file, the language and the number of functions: hashing a program does not walk its functions.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(File, Language, Functions.Length);
}
