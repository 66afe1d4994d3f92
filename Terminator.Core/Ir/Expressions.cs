using System.Numerics;

namespace Terminator.Core.Ir;

/// <summary>An expression of the source program. Expressions may have side effects (assignments, calls).</summary>
/// <param name="Span">Where the expression starts in the source.</param>
public abstract record Expr(SourceSpan Span);

/// <summary>An integer or boolean literal. <paramref name="Type"/> is the literal's C type (or unbounded for Python).</summary>
public sealed record IntLiteral(BigInteger Value, ScalarType Type, SourceSpan Span) : Expr(Span);

/// <summary>A read of a local variable or parameter.</summary>
public sealed record VarRef(string Name, SourceSpan Span) : Expr(Span);

/// <summary>A unary operation.</summary>
public sealed record UnaryExpr(UnaryOp Op, Expr Operand, SourceSpan Span) : Expr(Span);

/// <summary>A binary operation. Logical <c>&amp;&amp;</c>/<c>||</c> short-circuit.</summary>
public sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, SourceSpan Span) : Expr(Span);

/// <summary><c>c ? a : b</c> (also Python's <c>a if c else b</c>).</summary>
public sealed record ConditionalExpr(Expr Condition, Expr Then, Expr Else, SourceSpan Span) : Expr(Span);

/// <summary>A conversion to <paramref name="Type"/> (a C cast).</summary>
public sealed record CastExpr(ScalarType Type, Expr Operand, SourceSpan Span) : Expr(Span);

/// <summary>
/// An assignment used as an expression: stores <paramref name="Value"/> into <paramref name="Target"/>.
/// The expression's value is the new value, or the old one when <paramref name="YieldsOldValue"/> (postfix <c>x++</c>).
/// Compound assignments and increments are written as this with the arithmetic spelled out.
/// </summary>
public sealed record AssignExpr(string Target, Expr Value, bool YieldsOldValue, SourceSpan Span) : Expr(Span);

/// <summary>A call to a function defined in the same program.</summary>
public sealed record CallExpr(string Callee, EquatableArray<Expr> Arguments, SourceSpan Span) : Expr(Span)
{
    /// <summary>
    /// For a call of a function whose result points into an array of its own (<see cref="FunctionDecl.ResultObject"/>):
    /// the name, in the caller, of that array, which each run of the call binds to the array the callee allocated.
    /// </summary>
    public string? ResultObject { get; init; }

    // Hashes only the callee, the span and the number of arguments: hashing a call does not walk its arguments.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Callee, Span, Arguments.Length);
}

/// <summary>A nondeterministic value of the given type (<c>__VERIFIER_nondet_int()</c>, <c>nondet()</c>).</summary>
public sealed record NondetExpr(ScalarType Type, SourceSpan Span) : Expr(Span);

/// <summary>The builtin <c>terminates(f)</c>: true exactly when <paramref name="Function"/> always terminates.</summary>
public sealed record TerminatesExpr(string Function, SourceSpan Span) : Expr(Span);

/// <summary>
/// An expression whose evaluation is undefined behaviour whatever the values involved, such as C's <c>x++ + x++</c>
/// (two modifications of one object with no sequence point between them). Evaluating it stops the run at
/// <paramref name="Span"/>; <paramref name="Original"/> is the expression as written, which is never evaluated and
/// only gives the value's type (it matters when this is one branch of <c>?:</c> and the other one is taken).
/// </summary>
/// <param name="Original">The expression as written.</param>
/// <param name="Reason">What makes it undefined, for example <c>unsequenced modifications of 'x'</c>.</param>
/// <param name="Span">Where the undefined behaviour happens.</param>
public sealed record UndefinedExpr(Expr Original, string Reason, SourceSpan Span) : Expr(Span);

/// <summary>
/// C's comma operator <c>first, second</c>: evaluates <paramref name="First"/> and discards its value, then evaluates
/// <paramref name="Second"/>, whose value is the result. There is a sequence point between the two.
/// </summary>
public sealed record SequenceExpr(Expr First, Expr Second, SourceSpan Span) : Expr(Span);

/// <summary>Unary operators.</summary>
public enum UnaryOp
{
    /// <summary>Arithmetic negation.</summary>
    Negate,
    /// <summary>Logical not (C <c>!</c>, Python <c>not</c>).</summary>
    Not,
    /// <summary>Absolute value (Python <c>abs</c>).</summary>
    Abs,
    /// <summary>Bitwise complement (C <c>~</c>): <c>-x - 1</c> in two's complement, <c>max - x</c> for unsigned types.</summary>
    BitNot,
}

/// <summary>Binary operators.</summary>
public enum BinaryOp
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Sub,
    /// <summary>*</summary>
    Mul,
    /// <summary>C division, truncating toward zero.</summary>
    Div,
    /// <summary>C remainder, with the sign of the dividend.</summary>
    Rem,
    /// <summary>Python <c>//</c>, rounding toward negative infinity.</summary>
    FloorDiv,
    /// <summary>Python <c>%</c>, with the sign of the divisor.</summary>
    FloorMod,
    /// <summary>&lt;</summary>
    Lt,
    /// <summary>&lt;=</summary>
    Le,
    /// <summary>&gt;</summary>
    Gt,
    /// <summary>&gt;=</summary>
    Ge,
    /// <summary>==</summary>
    Eq,
    /// <summary>!=</summary>
    Ne,
    /// <summary>Short-circuit and.</summary>
    And,
    /// <summary>Short-circuit or.</summary>
    Or,
    /// <summary>Minimum (Python <c>min</c>).</summary>
    Min,
    /// <summary>Maximum (Python <c>max</c>).</summary>
    Max,
    /// <summary>Bitwise and (C <c>&amp;</c>), on the two's complement representation of the common type.</summary>
    BitAnd,
    /// <summary>Bitwise inclusive or (C <c>|</c>).</summary>
    BitOr,
    /// <summary>Bitwise exclusive or (C <c>^</c>).</summary>
    BitXor,
    /// <summary>
    /// Left shift (C <c>&lt;&lt;</c>): the operands are promoted separately and the result has the left one's type.
    /// Undefined when the count is negative or not below the width, when a signed left operand is negative, or when
    /// the result does not fit a signed type.
    /// </summary>
    ShiftLeft,
    /// <summary>
    /// Right shift (C <c>&gt;&gt;</c>): floor division by 2^count (arithmetic for a negative signed value, as gcc and
    /// clang define it). Undefined when the count is negative or not below the width.
    /// </summary>
    ShiftRight,
}

/// <summary>
/// A read of element <paramref name="Index"/> of the local array <paramref name="Array"/> (declared by an
/// <see cref="ArrayDeclStmt"/>). Undefined behaviour unless 0 &lt;= index &lt; the array's length (compared as
/// mathematical integers). An element never written holds an arbitrary value of the array's element type. The value
/// read is the element converted to <paramref name="ElementType"/>: the array's own type, or another character type
/// (the same byte read as signed or unsigned, as C allows any object to be read through a character type).
/// </summary>
public sealed record ArrayReadExpr(string Array, Expr Index, ScalarType ElementType, SourceSpan Span) : Expr(Span);

/// <summary>
/// Stores <paramref name="Value"/>, converted to <paramref name="ElementType"/>, into element <paramref name="Index"/>
/// of the local array <paramref name="Array"/>; its value is that converted value. The index and the value are evaluated
/// in no fixed order, before the store. Undefined behaviour unless 0 &lt;= index &lt; the array's length.
/// <paramref name="ElementType"/> is the array's element type or, for an array of a character type, another character
/// type: the byte stored is then the same, held as the array's type.
/// </summary>
public sealed record ArrayAssignExpr(string Array, Expr Index, Expr Value, ScalarType ElementType, SourceSpan Span) : Expr(Span);

/// <summary>
/// A pointer into the array <paramref name="Array"/>, <paramref name="Offset"/> elements from its start. A pointer is
/// modelled by its offset alone, a mathematical integer, and its object is fixed where the program is read; this
/// expression's value is the offset. Forming it is undefined behaviour unless 0 &lt;= offset &lt;= the array's length
/// (C11 6.5.6p8: a pointer may point one past the last element, but not further, nor before the first). The null
/// pointer is the offset <see cref="NullOffset"/>, which <see cref="AllowsNull"/> accepts too (a pointer that may be
/// null copied, stored or returned); a pointer variable that holds no pointer yet holds <see cref="UnsetOffset"/>.
/// </summary>
/// <param name="Array">The array object the pointer points into.</param>
/// <param name="Offset">The offset in elements, an expression of unbounded type (no wrap-around).</param>
/// <param name="Span">Where the pointer is formed.</param>
public sealed record PointerExpr(string Array, Expr Offset, SourceSpan Span) : Expr(Span)
{
    /// <summary>The offset that stands for the null pointer.</summary>
    public static readonly BigInteger NullOffset = -1;

    /// <summary>The offset a pointer variable holds before its first store: no use of it accepts this value.</summary>
    public static readonly BigInteger UnsetOffset = -2;

    /// <summary>Whether the null pointer (<see cref="NullOffset"/>) is accepted as well as a pointer into the array.</summary>
    public bool AllowsNull { get; init; }
}

/// <summary>
/// Undefined behaviour unless <paramref name="Condition"/> (an integer, nonzero when it holds) holds, where the
/// condition is one on element <paramref name="Index"/> of the array <paramref name="Array"/> (declared
/// <see cref="ArrayDeclStmt.CheckedPerElement"/>), such as "row i of a table is live and j is within its length". The
/// index is within the array, and the index and the condition are free of side effects; the parts of the condition
/// joined by <c>&amp;&amp;</c> or <c>||</c> may all be evaluated (none has undefined behaviour where the condition
/// would not fail). Its value is 0, of type <c>int</c>.
/// </summary>
/// <param name="Array">The array whose element the condition checks.</param>
/// <param name="Index">The element's index.</param>
/// <param name="Condition">What must hold.</param>
/// <param name="Reason">What the undefined behaviour is when it does not hold.</param>
/// <param name="Span">Where the element is used.</param>
public sealed record ElementCheckExpr(string Array, Expr Index, Expr Condition, string Reason, SourceSpan Span) : Expr(Span);

/// <summary>
/// The offset of a pointer that may be null (see <see cref="PointerExpr"/>), used where C requires a pointer to an object:
/// dereferenced, moved by arithmetic, compared by order or subtracted. Undefined behaviour when the operand is the null
/// pointer (<see cref="PointerExpr.NullOffset"/>); otherwise its value is the operand's.
/// </summary>
/// <param name="Pointer">The pointer's offset.</param>
/// <param name="Span">Where the pointer is used.</param>
public sealed record NullCheckExpr(Expr Pointer, SourceSpan Span) : Expr(Span);

/// <summary>
/// The difference <c>p - q</c> of two pointers into one array: <paramref name="Left"/> minus <paramref name="Right"/>,
/// the offsets of the two (see <see cref="PointerExpr"/>), as a value of <paramref name="Type"/> (C's
/// <c>ptrdiff_t</c>). The two operands are evaluated in no fixed order; undefined behaviour when the exact difference
/// does not fit in <paramref name="Type"/> (C11 6.5.6p9).
/// </summary>
public sealed record PointerDifferenceExpr(Expr Left, Expr Right, ScalarType Type, SourceSpan Span) : Expr(Span);

/// <summary>
/// Undefined behaviour when two ranges of elements overlap: <paramref name="FirstCount"/> elements from the pointer
/// <paramref name="First"/> and <paramref name="SecondCount"/> elements from <paramref name="Second"/>, when the two
/// point into the same object (C11 7.24.2.1 and 7.24.3: copying between overlapping objects is undefined for
/// <c>memcpy</c>, <c>strcpy</c>, <c>strcat</c>, ...). Pointers into different objects never overlap, and neither does
/// a range of no elements. Only the pointers' offsets and the counts are evaluated (the pointers are not checked
/// again); its value is 0, of type <c>int</c>.
/// </summary>
/// <param name="First">The first range's start; its array names the object.</param>
/// <param name="FirstCount">How many elements the first range has, of unbounded type (no wrap-around).</param>
/// <param name="Second">The second range's start.</param>
/// <param name="SecondCount">How many elements the second range has, of unbounded type.</param>
/// <param name="Reason">What the undefined behaviour is, for example <c>copying between overlapping objects</c>.</param>
/// <param name="Span">Where the ranges are checked.</param>
public sealed record OverlapCheckExpr(PointerExpr First, Expr FirstCount, PointerExpr Second, Expr SecondCount, string Reason, SourceSpan Span) : Expr(Span);

/// <summary>
/// C's <c>sqrt</c> of an integer, converted straight back to an integer type (<c>s = sqrt(n)</c>, <c>(T)sqrt(n)</c>):
/// ⌊√x⌋ of the operand's value x, as a value of <paramref name="Type"/>. Undefined behaviour when x is negative: the
/// square root is then a NaN, whose conversion to an integer type is undefined (C11 6.3.1.4p1).
/// </summary>
/// <remarks>
/// Under C semantics the operand is at most 32 bits wide (wider operands are refused where the program is lowered), so
/// its conversion to <c>double</c> is exact, and below 2^52 the correctly rounded square root (IEEE 754, C11 F.10.4.5)
/// of an integer that is not a square stays below the next integer: truncating it gives ⌊√x⌋. The result is below
/// 2^16, and the frontend builds this expression only for types that hold every such value. Under math semantics it
/// is the exact integer square root.
/// </remarks>
/// <param name="Operand">The integer whose square root is taken.</param>
/// <param name="Type">The integer type the result is converted to.</param>
/// <param name="Span">Where <c>sqrt</c> is called.</param>
public sealed record IntegerSqrtExpr(Expr Operand, ScalarType Type, SourceSpan Span) : Expr(Span);

/// <summary>
/// <c>malloc(sizeof(struct R))</c>: a new record of the type <paramref name="Record"/> (see
/// <see cref="RecordType"/>) on the heap; the value is its address. Records are numbered from 1 in the order they are
/// allocated, and an address is that number, so the null pointer is <see cref="Null"/> and a record pointer holds
/// <see cref="Unset"/> until its first store. The analysis never frees a record, and malloc never fails. A new record's
/// integer fields hold arbitrary values (the same one at every read until a store); its pointer fields hold
/// indeterminate values, whose read is undefined behaviour until a store.
/// </summary>
/// <param name="Record">The record type's name.</param>
/// <param name="Span">Where the record is allocated.</param>
public sealed record NewRecordExpr(string Record, SourceSpan Span) : Expr(Span)
{
    /// <summary>The address of the null pointer to a record.</summary>
    public static readonly BigInteger Null = 0;

    /// <summary>The value a record pointer variable holds before its first store: no use of it accepts this value.</summary>
    public static readonly BigInteger Unset = -1;

    /// <summary>Whether the record starts with every field 0 and every pointer field null (<c>calloc</c>).</summary>
    public bool Zeroed { get; init; }
}

/// <summary>
/// A record pointer used as a value (copied, compared, passed or returned): its value, the address of a record of type
/// <paramref name="Record"/> or <see cref="NewRecordExpr.Null"/>. Undefined behaviour when it is neither (an indeterminate
/// pointer, such as a variable never stored).
/// </summary>
/// <param name="Record">The record type the pointer points to.</param>
/// <param name="Pointer">The pointer's value, an expression of unbounded type.</param>
/// <param name="Span">Where the pointer is used.</param>
public sealed record RecordPointerExpr(string Record, Expr Pointer, SourceSpan Span) : Expr(Span);

/// <summary>
/// <c>p-&gt;f</c>: the field <paramref name="Field"/> of the record at <paramref name="Address"/>. Undefined behaviour
/// when the address is null (<see cref="NewRecordExpr.Null"/>) or no record's, and when the field is a pointer that was
/// never stored. The value has the field's type; a pointer field's is an address (unbounded).
/// </summary>
/// <param name="Record">The record type.</param>
/// <param name="Field">The field's name.</param>
/// <param name="Address">The record's address.</param>
/// <param name="Span">Where the field is read.</param>
public sealed record FieldReadExpr(string Record, string Field, Expr Address, SourceSpan Span) : Expr(Span)
{
    /// <summary>
    /// For an array field (<see cref="RecordField.Length"/>), <c>p-&gt;f[i]</c>: the index of the element read, evaluated
    /// after the address. Undefined behaviour unless 0 &lt;= index &lt; the field's length (compared as mathematical
    /// integers), whatever the record holds after the field. An element never stored holds an arbitrary value, as an
    /// integer field does. Null for any other field.
    /// </summary>
    public Expr? Index { get; init; }
}

/// <summary>
/// <c>p-&gt;f = v</c>: stores <paramref name="Value"/>, converted to the field's type, into the field
/// <paramref name="Field"/> of the record at <paramref name="Address"/>; its value is the value stored. The address and
/// the value are evaluated in no fixed order, before the store. Undefined behaviour when the address is null or no
/// record's. A pointer field's value is a record address or null (a <see cref="RecordPointerExpr"/> checks it).
/// </summary>
/// <param name="Record">The record type.</param>
/// <param name="Field">The field's name.</param>
/// <param name="Address">The record's address.</param>
/// <param name="Value">The value stored.</param>
/// <param name="Span">Where the field is stored.</param>
public sealed record FieldAssignExpr(string Record, string Field, Expr Address, Expr Value, SourceSpan Span) : Expr(Span)
{
    /// <summary>
    /// For an array field (<see cref="RecordField.Length"/>), <c>p-&gt;f[i] = v</c>: the index of the element stored.
    /// The address, the index and the value are evaluated in no fixed order, before the store. Undefined behaviour
    /// unless 0 &lt;= index &lt; the field's length. Null for any other field.
    /// </summary>
    public Expr? Index { get; init; }
}

/// <summary>
/// <c>argv[i]</c> of <c>int main(int argc, char **argv)</c> (C11 5.1.2.2.1): with i the value of
/// <paramref name="Index"/> and n that of <paramref name="Count"/> (<c>argc</c> as the program started), undefined
/// behaviour unless 0 &lt;= i &lt;= n (an out-of-bounds read of <c>argv</c>); for i = n the null pointer
/// (<see cref="PointerExpr.NullOffset"/>), and otherwise the offset 0 of the string of argument i, which the array name
/// <paramref name="Array"/> then denotes. The strings are fixed when the program starts: argument i is one array object
/// of a character type, distinct from every other argument's, of some length 1 &lt;= L &lt;= <paramref name="MaxLength"/>
/// (the largest value of <c>size_t</c>: no object is larger) whose last element is 0 and whose other elements are not 0
/// (a string as the host passes it), and every read of <c>argv[i]</c> in a run reaches that same object (stores into it
/// included).
/// </summary>
/// <param name="Array">The array name bound to the argument's string (for i &lt; n).</param>
/// <param name="Index">The index i into <c>argv</c>, evaluated first.</param>
/// <param name="Count">The number of arguments n, <c>argc</c> when <c>main</c> started.</param>
/// <param name="ElementType">The character type of the strings' elements (<c>char</c> of <c>char **argv</c>).</param>
/// <param name="MaxLength">The largest length of a string (with its terminating 0).</param>
/// <param name="Span">Where <c>argv[i]</c> is read.</param>
public sealed record ArgumentStringExpr(string Array, Expr Index, Expr Count, ScalarType ElementType, BigInteger MaxLength, SourceSpan Span) : Expr(Span);
