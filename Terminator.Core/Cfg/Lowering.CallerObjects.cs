using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// The pointer parameters of a function analyzed on its own (see <see cref="CallerObject"/>). A caller may pass the null
/// pointer or a pointer into any object; the encoding takes the null pointer or the start of a fresh array of any
/// length 0 &lt;= L &lt;= the most elements an object holds, whose elements are arbitrary (no element tracked). The
/// parameter's input is L, or -1 for the null pointer; at entry the array's length becomes L and the parameter the
/// pointer's offset (0, or the null pointer's).
/// <para>
/// Why the start of an object is enough: a pointer k elements into an object of n elements reaches what the start of
/// an object of n - k elements with the same contents reaches, except elements before it, which that object does not
/// have. A run from the pointer into the middle is the run from the shorter object until it reads before the start,
/// where the shorter object's run has undefined behaviour. So every run from any input is a run of the encoding, or one
/// whose counterpart in the encoding stops at undefined behaviour (which no proof of "Yes" lets a run reach), and every
/// input of the encoding is an input of C.
/// </para>
/// <para>
/// Why the object is distinct from every other: the encoding cannot give two pointers one object, nor a pointer a
/// variable of the program. Where that makes a difference (a function with two or more such parameters that stores
/// into memory it did not allocate, or one that uses variables at file scope and stores into memory or into such a
/// variable), the encoding lacks the runs with shared objects, and says so (<see cref="FunctionFlow.SharedObjects"/>).
/// Those runs agree with the encoding's run from the same inputs with fresh objects until the first access to memory
/// through a pointer parameter; from an empty object (or the null pointer) that access is undefined behaviour in the
/// encoding. So a proof that no run of the encoding reaches undefined behaviour shows that no run accesses memory
/// through a pointer parameter at all, sharing or not, and a Yes stays right; what only holds for the runs that avoid
/// undefined behaviour (their termination, an assertion that holds, a value never returned) is not answered then.
/// </para>
/// </summary>
internal sealed partial class Lowering
{
    /// <summary>Declares the objects of <paramref name="function"/>'s pointer parameters and sets the parameters to point to them (see the class comment).</summary>
    private void DeclareCallerObjects(FunctionDecl function)
    {
        var pointers = function.Parameters.Where(p => p.PointsInto is not null).ToList();
        if (pointers.Count == 0)
        {
            return;
        }

        var bound = pointers.FirstOrDefault(p => p.Object is null);
        if (bound is not null || summaryCheck)
        {
            // Nothing is known of the object a caller passes: analyzed on its own, the function is not answered.
            var pointer = bound ?? pointers[0];
            throw SourceException.Unsupported(pointer.Span, $"pointer parameter '{pointer.Name}' of an analyzed function (its object is known only where it is called)");
        }

        sharedObjects = SharedObjectHazard(pointers);

        foreach (var pointer in pointers)
        {
            var caller = pointer.Object!;
            var array = pointer.PointsInto!;
            var length = DeclareArrayVariable(LengthName(array), ScalarType.Unbounded);
            var tracked = new TrackedElement(
                DeclareArrayVariable(CellName(array), ScalarType.LongLong),
                DeclareArrayVariable(CellValueName(array), caller.ElementType),
                caller.ElementType);
            trackedElements[length] = tracked;
            Emit(new AssignAction(tracked.Index, new Const(-1)));
            Emit(new AssignAction(tracked.Value, new Const(0)));

            var input = new Var(pointer.Name);
            Emit(new AssumeAction(Formula.And(Formula.Ge(input, new Const(CallerObject.NullInput)), Formula.Le(input, new Const(caller.MaxLength))), false));
            var isNull = Formula.Eq(input, new Const(CallerObject.NullInput));
            Emit(new AssignAction(length, new Ite(isNull, new Const(0), input)));
            Emit(new AssignAction(pointer.Name, new Ite(isNull, new Const(PointerExpr.NullOffset), new Const(0))));
        }
    }

    /// <summary>Why the encoding lacks the runs in which the caller objects are shared (see <see cref="FunctionFlow.SharedObjects"/>); null when it has every run.</summary>
    private string? sharedObjects;

    /// <summary>
    /// Why the objects of <paramref name="pointers"/> cannot be taken distinct from each other and from the variables at
    /// file scope (see the class comment), or null when they can.
    /// </summary>
    private string? SharedObjectHazard(List<Parameter> pointers)
    {
        var functions = reachable.Select(program.Find).OfType<FunctionDecl>().ToList();
        var globalNames = program.Globals.Select(g => g.Name).Concat(program.GlobalArrays.Select(a => a.Name)).ToHashSet(StringComparer.Ordinal);
        var usesGlobals = functions.Any(f => IrWalker.Expressions(f.Body).Any(e => e switch
        {
            VarRef v => globalNames.Contains(v.Name),
            AssignExpr a => globalNames.Contains(a.Target),
            ArrayReadExpr r => globalNames.Contains(r.Array),
            ArrayAssignExpr w => globalNames.Contains(w.Array),
            PointerExpr p => globalNames.Contains(p.Array),
            _ => false,
        }));
        var stores = functions.FirstOrDefault(f =>
        {
            var own = IrWalker.Statements(f.Body).OfType<ArrayDeclStmt>().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            return IrWalker.Expressions(f.Body).Any(e => (e is ArrayAssignExpr w && !own.Contains(w.Array)) || e is FieldAssignExpr)
                || IrWalker.Statements(f.Body).Any(s => (s is FreeStmt free && !own.Contains(free.Array)) || (s is ReallocStmt realloc && !own.Contains(realloc.Array)));
        });
        var assignsGlobals = functions.FirstOrDefault(f => IrWalker.Expressions(f.Body).Any(e => e is AssignExpr a && globalNames.Contains(a.Target)));
        var names = string.Join(" and ", pointers.Select(p => $"'{p.PointsInto![1..]}'"));
        var plural = pointers.Count > 1 ? "s" : "";
        if (usesGlobals && (stores ?? assignsGlobals) is { } writer)
        {
            return $"a caller may pass pointer parameter{plural} {names} a pointer to a variable at file scope, which the function uses while it stores into memory or such a variable (in '{writer.Name}'), and the analysis gives each pointer an object of its own";
        }

        return pointers.Count > 1 && stores is not null
            ? $"a caller may pass pointer parameters {names} pointers into one object, through which the function stores (in '{stores.Name}'), and the analysis gives each pointer an object of its own"
            : null;
    }
}
