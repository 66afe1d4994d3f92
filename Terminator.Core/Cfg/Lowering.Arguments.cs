using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// The arguments of <c>main</c> (see <see cref="ArgumentStringExpr"/>): each read of <c>argv[i]</c> binds its array
/// name to a string about which nothing is kept from earlier reads. The analysis abstracts the strings as one string
/// per array name, made afresh at each read: its length any value 1 &lt;= L &lt;= the largest <c>size_t</c> (an
/// abstraction: the interpreter draws it
/// once per index), its elements any values but the terminator, element L - 1, which is the array's tracked element
/// with the value 0. Every real argument string is such a string at every read, so every run of the program is a run of
/// the encoding. The terminator holds at a read only while nothing can have changed the string since the program
/// started: when the program may store into an argument string (through its array name, or through a pointer
/// parameter of a function it is passed to), no element is tracked and the string's elements are all arbitrary.
/// </summary>
internal sealed partial class Lowering
{
    /// <summary>
    /// <c>argv[i]</c>: undefined behaviour unless 0 &lt;= i &lt;= argc; the null pointer for i = argc, and otherwise the
    /// offset 0 of a fresh string (see the class comment), which the array name then denotes.
    /// </summary>
    private (Term, ScalarType) LowerArgumentString(ArgumentStringExpr argument)
    {
        var (index, indexType) = LowerValue(argument.Index);
        index = rules.Convert(index, indexType, ScalarType.Unbounded);
        var (count, countType) = LowerValue(argument.Count);
        count = rules.Convert(count, countType, ScalarType.Unbounded);
        GuardUndefined(Formula.And(Formula.Ge(index, new Const(0)), Formula.Le(index, count)), argument.Span, "out-of-bounds read of 'argv'");

        if (!frame.Names.ContainsKey(LengthName(argument.Array)))
        {
            var lengthName = DeclareArrayVariable(LengthName(argument.Array), ScalarType.Unbounded);
            trackedElements[lengthName] = new TrackedElement(
                DeclareArrayVariable(CellName(argument.Array), ScalarType.LongLong),
                DeclareArrayVariable(CellValueName(argument.Array), argument.ElementType),
                argument.ElementType);
        }

        var length = Resolve(LengthName(argument.Array), argument.Span);
        var tracked = trackedElements[length];
        Emit(new HavocAction(length, Abstraction: true));
        Emit(new AssumeAction(Formula.And(Formula.Ge(new Var(length), new Const(1)), Formula.Le(new Var(length), new Const(argument.MaxLength))), false));
        if (ArgumentStringsStored())
        {
            Emit(new AssignAction(tracked.Index, new Const(-1)));
        }
        else
        {
            // The terminator is the tracked element, which loops keep (as one a write outside every loop chose).
            Emit(new AssignAction(tracked.Index, new Arith(ArithOp.Sub, new Var(length), new Const(1))));
            chosenByWrite.Add(tracked);
        }

        Emit(new AssignAction(tracked.Value, new Const(0)));
        return (new Ite(Formula.Eq(index, count), new Const(PointerExpr.NullOffset), new Const(0)), ScalarType.Unbounded);
    }

    private bool? argumentStringsStored;

    /// <summary>
    /// Whether the analyzed function or a function it calls may store into an argument string: an element store into
    /// an array name that <c>argv[i]</c> binds, or into the object of a pointer parameter that such an array reaches
    /// through calls (followed from function to function).
    /// </summary>
    private bool ArgumentStringsStored()
    {
        if (argumentStringsStored is { } known)
        {
            return known;
        }

        var functions = reachable.Select(program.Find).OfType<FunctionDecl>().ToList();
        var reaching = new HashSet<(string Function, string Array)>(
            functions.SelectMany(f => IrWalker.Expressions(f.Body).OfType<ArgumentStringExpr>().Select(a => (f.Name, a.Array))));
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var function in functions)
            {
                foreach (var call in IrWalker.Expressions(function.Body).OfType<CallExpr>())
                {
                    if (program.Find(call.Callee) is not { } callee)
                    {
                        continue;
                    }

                    for (var i = 0; i < call.Arguments.Length && i < callee.Parameters.Length; i++)
                    {
                        if (call.Arguments[i] is PointerExpr passed && reaching.Contains((function.Name, passed.Array))
                            && callee.Parameters[i].PointsInto is { } pointee)
                        {
                            changed |= reaching.Add((callee.Name, pointee));
                        }
                    }
                }
            }
        }

        argumentStringsStored = functions.Any(f => IrWalker.Expressions(f.Body).OfType<ArrayAssignExpr>().Any(w => reaching.Contains((f.Name, w.Array)))
            || IrWalker.Statements(f.Body).Any(s => s is ReallocStmt r && reaching.Contains((f.Name, r.Array))));
        return argumentStringsStored.Value;
    }
}
