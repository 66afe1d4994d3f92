using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// Memory: arrays (a length and one tracked element each), the heap arrays that <c>free</c> releases, and the bounds
/// and liveness checks of their elements and pointers. The walk over statements and expressions calls these helpers
/// where the IR declares an array, frees one, reads or writes an element, forms a pointer or passes one to a call.
/// </summary>
internal sealed partial class Lowering
{
    /// <summary>
    /// An array is its length, a variable <c>len(a)</c> fixed when the declaration runs, and one tracked element: its
    /// index <c>cell(a)</c> (-1 while none is tracked) and its current value <c>a[cell(a)]</c>. A write that runs at
    /// most once per run of the function (outside every loop and recursive body) makes its element the tracked one;
    /// any other write replaces the tracked value when it has the tracked index. A read of the tracked index gives the
    /// tracked value, any other read an arbitrary value of the element type (see <see cref="TrackedRead"/>). Which
    /// element is tracked is a function of the run (nothing is chosen), so every run of the program is a run of this
    /// encoding; the choice only decides what can be proved, such as a loop that stops at a terminator written before
    /// it (<c>a[n - 1] = 0; while (a[i] != 0) i++;</c>). A loop that reads the array at an index it never changes
    /// may also choose the tracked element (see <see cref="TrackAtLoopEntry"/>).
    /// </summary>
    /// <summary>
    /// The arrays at file scope (see <see cref="ProgramIr.GlobalArrays"/>): their variables are globals, which every
    /// inlined function reaches by the array's name. At the start the length is the constant one and the tracked
    /// element is the last one the contents give (0 when they give none: static storage starts zeroed), or, in a
    /// summary check, which starts anywhere, none.
    /// </summary>
    private void DeclareGlobalArrays()
    {
        foreach (var decl in program.GlobalArrays)
        {
            var (length, type) = LowerValue(decl.Length);
            globals[LengthName(decl.Name)] = type;
            Declare(LengthName(decl.Name), type, false);
            Emit(new AssignAction(LengthName(decl.Name), length));
            if (decl.InBoundsByConstruction)
            {
                // The contents of a table's rows: arbitrary where malloc makes a row, no element known.
                inBoundsByConstruction.Add(LengthName(decl.Name));
                continue;
            }

            if (decl.CheckedPerElement)
            {
                FollowAnyElement(LengthName(decl.Name), [.. new[] { CellName(decl.Name) }.Concat(RunVariables(decl.Name)).Select(name =>
                {
                    globals[name] = ScalarType.Unbounded;
                    Declare(name, ScalarType.Unbounded, false);
                    return name;
                })]);
                continue;
            }

            var tracked = new TrackedElement(CellName(decl.Name), CellValueName(decl.Name), decl.ElementType);
            foreach (var (name, variableType) in new[] { (tracked.Index, ScalarType.LongLong), (tracked.Value, decl.ElementType) })
            {
                globals[name] = variableType;
                Declare(name, variableType, false);
            }

            trackedElements[LengthName(decl.Name)] = tracked;
            var last = summaryCheck ? -1 : Math.Max(decl.Contents.Length, 1) - 1;
            Emit(new AssignAction(tracked.Index, new Const(last)));
            Emit(new AssignAction(tracked.Value, decl.Contents.IsEmpty ? new Const(0) : rules.Convert(new Const(decl.Contents[^1]), ScalarType.Unbounded, decl.ElementType)));
        }
    }

    /// <summary>The arrays at file scope that <paramref name="function"/> or a function it calls stores into.</summary>
    private IEnumerable<string> StoredGlobalArrays(string function)
    {
        var stored = program.Callees(function).Append(function).Select(program.Find).OfType<FunctionDecl>()
            .SelectMany(f => IrWalker.Expressions(f.Body).OfType<ArrayAssignExpr>().Select(w => w.Array))
            .ToHashSet(StringComparer.Ordinal);
        return program.GlobalArrays.Select(a => a.Name).Where(stored.Contains);
    }

    private void LowerArrayDeclaration(ArrayDeclStmt decl)
    {
        var (length, type) = LowerValue(decl.Length);
        var lengthName = DeclareArrayVariable(LengthName(decl.Name), type);
        GuardUndefined(Formula.Ge(length, new Const(0)), decl.Span, $"array '{decl.Name.Split('#')[0]}' of negative length");
        Emit(new AssignAction(lengthName, length));

        if (decl.InBoundsByConstruction)
        {
            // The contents of a table's rows: arbitrary where malloc makes a row, no element known.
            inBoundsByConstruction.Add(lengthName);
            return;
        }

        if (decl.CheckedPerElement)
        {
            FollowAnyElement(lengthName, [.. new[] { CellName(decl.Name) }.Concat(RunVariables(decl.Name)).Select(name => DeclareArrayVariable(name, ScalarType.Unbounded))]);
            if (decl.OnHeap)
            {
                heapLengths.Add(lengthName);
            }

            return;
        }

        var tracked = new TrackedElement(
            DeclareArrayVariable(CellName(decl.Name), ScalarType.LongLong),
            DeclareArrayVariable(CellValueName(decl.Name), decl.ElementType),
            decl.ElementType);
        trackedElements[lengthName] = tracked;
        if (decl.Contents.IsEmpty)
        {
            Emit(new AssignAction(tracked.Index, new Const(-1)));
            Emit(new AssignAction(tracked.Value, new Const(0)));
        }
        else
        {
            // The last element the contents give (a string literal's terminating 0) is the tracked one.
            Emit(new AssignAction(tracked.Index, new Const(decl.Contents.Length - 1)));
            Emit(new AssignAction(tracked.Value, rules.Convert(new Const(decl.Contents[^1]), ScalarType.Unbounded, decl.ElementType)));
        }

        if (decl.OnHeap)
        {
            heapLengths.Add(lengthName);
        }

        if (decl.ReadOnly)
        {
            readOnlyContents[lengthName] = decl.Contents;
        }
    }

    /// <summary>
    /// An array checked per element (see <see cref="ArrayDeclStmt.CheckedPerElement"/>) has, instead of a tracked
    /// value, an arbitrary index fixed for the whole run (<c>cell(a)</c>, any index: one past the end is never used) and
    /// a run of elements: the indexes <c>from(a) &lt;= k &lt; to(a)</c>, on which every element is at least
    /// <c>low(a)</c> and at least <c>slope(a) + k</c> (see <see cref="BoundedRun"/>). A read in the run gives a value
    /// with these bounds. An <see cref="ElementCheckExpr"/> on another element than the fixed one assumes its condition
    /// instead of checking it: a run of the program whose first undefined behaviour is such a check fails it in the
    /// encoding that fixed that element, and a run without undefined behaviour meets every condition. The run starts
    /// empty, with bounds above any element's value.
    /// </summary>
    private void FollowAnyElement(string length, string[] variables)
    {
        var bounded = new BoundedRun(variables[0], variables[1], variables[2], variables[3], variables[4]);
        Emit(new HavocAction(bounded.Cell, Abstraction: true));
        Emit(new AssumeAction(Formula.Ge(new Var(bounded.Cell), new Const(0)), false));
        boundedRuns[length] = bounded;
        EmptyRun(bounded);
    }

    /// <summary>Makes a run of elements empty (it then bounds nothing), its bounds above any element's value.</summary>
    private void EmptyRun(BoundedRun run)
    {
        Emit(new AssignAction(run.From, new Const(0)));
        Emit(new AssignAction(run.To, new Const(0)));
        Emit(new AssignAction(run.Low, new Const(AboveAnyElement)));
        Emit(new AssignAction(run.Slope, new Const(AboveAnyElement)));
    }

    /// <summary>More than any element of an array checked per element holds (a table's slot holds at most a size_t and a small code).</summary>
    private static readonly System.Numerics.BigInteger AboveAnyElement = System.Numerics.BigInteger.One << 70;

    /// <summary>The names of the variables of an array's run of bounded elements: from, to, low and slope.</summary>
    private static string[] RunVariables(string array) => [$"from({array})", $"to({array})", $"low({array})", $"slope({array})"];

    /// <summary>
    /// The fixed element <c>Cell</c> of an array checked per element (see <see cref="FollowAnyElement"/>) and its elements
    /// <c>From &lt;= k &lt; To</c>, each at least <c>Low</c> and at least
    /// <c>Slope + k</c>: a loop that stores into the elements in order (<c>m[i] = malloc(n * sizeof(int))</c>, or
    /// <c>(i + 1) * sizeof(int)</c>) extends the run, one that frees them in order shrinks it from its start.
    /// </summary>
    private sealed record BoundedRun(string Cell, string From, string To, string Low, string Slope);

    /// <summary>The runs of bounded elements of the arrays checked per element, by their length variable.</summary>
    private readonly Dictionary<string, BoundedRun> boundedRuns = [];

    /// <summary>A read of element <paramref name="index"/> of an array checked per element: in the run, the value has its bounds.</summary>
    private void BoundedRead(BoundedRun run, Term index, Term element) =>
        Emit(new AssumeAction(
            Formula.Or(
                Formula.Lt(index, new Var(run.From)),
                Formula.Ge(index, new Var(run.To)),
                Formula.And(Formula.Ge(element, new Var(run.Low)), Formula.Ge(element, LogicOps.SimplifyArith(ArithOp.Add, new Var(run.Slope), index)))),
            false));

    /// <summary>
    /// A store of <paramref name="stored"/> into element <paramref name="index"/> of an array checked per element: at
    /// the run's end it extends the run (its bounds lowered to the value as needed); at its start, inside a run of
    /// more than that element, it drops the element from the run; further inside, it ends the run before it; elsewhere
    /// the run stays.
    /// </summary>
    private void BoundedWrite(BoundedRun run, Term index, Term stored)
    {
        var (from, to, low, slope) = (new Var(run.From), new Var(run.To), new Var(run.Low), new Var(run.Slope));
        var next = new[] { run.From, run.To, run.Low, run.Slope }.Select(v => new Var(NewTemporary(ScalarType.Unbounded))).ToArray();
        foreach (var variable in next)
        {
            Emit(new HavocAction(variable.Name, Abstraction: true));
        }

        var (nextFrom, nextTo, nextLow, nextSlope) = (next[0], next[1], next[2], next[3]);
        var offset = LogicOps.SimplifyArith(ArithOp.Sub, stored, index);
        Formula Keeps(Term newFrom, Term newTo) => Formula.And(Formula.Eq(nextFrom, newFrom), Formula.Eq(nextTo, newTo), Formula.Eq(nextLow, low), Formula.Eq(nextSlope, slope));
        var extends = Formula.And(
            Formula.Eq(index, to),
            Formula.Eq(nextFrom, from),
            Formula.Eq(nextTo, LogicOps.SimplifyArith(ArithOp.Add, to, new Const(1))),
            Formula.Or(Formula.And(Formula.Lt(stored, low), Formula.Eq(nextLow, stored)), Formula.And(Formula.Ge(stored, low), Formula.Eq(nextLow, low))),
            Formula.Or(Formula.And(Formula.Lt(offset, slope), Formula.Eq(nextSlope, offset)), Formula.And(Formula.Ge(offset, slope), Formula.Eq(nextSlope, slope))));
        var dropsFirst = Formula.And(Formula.Eq(index, from), Formula.Lt(index, to), Keeps(LogicOps.SimplifyArith(ArithOp.Add, from, new Const(1)), to));
        var endsBefore = Formula.And(Formula.Gt(index, from), Formula.Lt(index, to), Keeps(from, index));
        var outside = Formula.And(Formula.Or(Formula.Lt(index, from), Formula.Gt(index, to)), Keeps(from, to));
        Emit(new AssumeAction(Formula.Or(extends, dropsFirst, endsBefore, outside), false));
        Emit(new AssignAction(run.From, nextFrom));
        Emit(new AssignAction(run.To, nextTo));
        Emit(new AssignAction(run.Low, nextLow));
        Emit(new AssignAction(run.Slope, nextSlope));
    }

    /// <summary>The run of bounded elements of <paramref name="array"/> when it is checked per element; null otherwise.</summary>
    private BoundedRun? BoundedRunOf(string array, SourceSpan span) => boundedRuns.GetValueOrDefault(Resolve(LengthName(array), span));

    /// <summary>The length variables of the arrays whose indexes are within them by construction (see <see cref="ArrayDeclStmt.InBoundsByConstruction"/>).</summary>
    private readonly HashSet<string> inBoundsByConstruction = [];


    /// <summary>
    /// <see cref="ElementCheckExpr"/>: undefined behaviour when the condition fails on the tracked element of the
    /// array (see <see cref="FollowAnyElement"/>); on any other element the condition is assumed.
    /// </summary>
    private (Term, ScalarType) LowerElementCheck(ElementCheckExpr check)
    {
        var (index, indexType) = LowerValue(check.Index);
        index = rules.Convert(index, indexType, ScalarType.Unbounded);
        var holds = CheckFormula(check.Condition);
        var length = Resolve(LengthName(check.Array), check.Span);
        if (boundedRuns.GetValueOrDefault(length) is not { } run)
        {
            throw new InvalidOperationException($"{check.Span}: '{check.Array}' is not checked per element");
        }

        if (current == NoNode)
        {
            return (new Const(0), ScalarType.Int);
        }

        // The run goes on where the condition holds; where it fails, it is undefined behaviour on the tracked element
        // and goes nowhere on any other (kept as two branches, so that the path that goes on is the condition alone).
        var holdsNode = NewPlain();
        var failsNode = NewPlain();
        Branch(holds, holdsNode, failsNode);
        current = failsNode;
        Branch(Formula.Eq(index, new Var(run.Cell)), NewNode(NodeKind.UndefinedBehaviour, check.Span, check.Reason), NoNode);
        current = holdsNode;
        return (new Const(0), ScalarType.Int);
    }

    /// <summary>
    /// The condition of an <see cref="ElementCheckExpr"/> as one formula: its <c>&amp;&amp;</c> and <c>||</c> become
    /// a conjunction and a disjunction rather than branches (the condition is free of side effects, so evaluating all
    /// its parts changes nothing, and a check that fails goes nowhere), so that a run of checks adds no paths.
    /// </summary>
    private Formula CheckFormula(Expr condition) => condition switch
    {
        BinaryExpr { Op: BinaryOp.And } and => Formula.And(CheckFormula(and.Left), CheckFormula(and.Right)),
        BinaryExpr { Op: BinaryOp.Or } or => Formula.Or(CheckFormula(or.Left), CheckFormula(or.Right)),
        BinaryExpr comparison when IsComparison(comparison.Op) => LowerComparison(comparison),
        _ => Formula.Ne(LowerValue(condition).Value, new Const(0)),
    };

    /// <summary>
    /// The contents of read-only arrays (see <see cref="ArrayDeclStmt.ReadOnly"/>), by their length variable: a store
    /// into one is undefined behaviour, so a read of an element the contents give gives its value.
    /// </summary>
    private readonly Dictionary<string, EquatableArray<System.Numerics.BigInteger>> readOnlyContents = [];

    /// <summary>A store into a read-only array is undefined behaviour on every path that makes it.</summary>
    private void GuardWritable(string array, SourceSpan span)
    {
        if (readOnlyContents.ContainsKey(Resolve(LengthName(array), span)))
        {
            GuardUndefined(Formula.False, span, $"store into the string literal that '{array.Split('#')[0]}' points to");
        }
    }

    /// <summary>The length a heap array has once freed: no index is within it, and no offset is.</summary>
    private const int FreedLength = -1;

    /// <summary>The length variables of heap arrays (see <see cref="ArrayDeclStmt.OnHeap"/>), whose uses check that they are live.</summary>
    private readonly HashSet<string> heapLengths = [];

    /// <summary>
    /// <c>free(p)</c>: unless p is null, the object must be live and p its start; its length then becomes
    /// <see cref="FreedLength"/>, so that every later read, write or pointer into it fails its bounds check (and its
    /// liveness check says why).
    /// </summary>
    private void LowerFree(FreeStmt free)
    {
        var (offset, offsetType) = LowerValue(free.Offset);
        offset = rules.Convert(offset, offsetType, ScalarType.Unbounded);
        var length = Resolve(LengthName(free.Array), free.Span);
        var name = free.Array.Split('#')[0];
        var isNull = Formula.Eq(offset, new Const(PointerExpr.NullOffset));
        GuardUndefined(Formula.Or(isNull, Formula.Ge(new Var(length), new Const(0))), free.Span, $"double free of '{name}'");
        GuardUndefined(Formula.Or(isNull, Formula.Eq(offset, new Const(0))), free.Span, $"free of a pointer into '{name}' that malloc did not return");
        Emit(new AssignAction(length, new Ite(isNull, new Var(length), new Const(FreedLength))));
    }

    /// <summary>
    /// <c>p = realloc(p, size)</c> (see <see cref="ReallocStmt"/>): from a null pointer, a new array (its variables
    /// declared by the first such statement when no declaration came before); otherwise p must hold the start of a live
    /// heap array. The length becomes the new one; the tracked element stays when the new object holds it (its value is
    /// kept up to the smaller length) and is dropped otherwise, so the elements past the old length read as arbitrary.
    /// </summary>
    private void LowerRealloc(ReallocStmt realloc)
    {
        var (offset, offsetType) = LowerValue(realloc.Offset);
        offset = rules.Convert(offset, offsetType, ScalarType.Unbounded);
        var (newLength, lengthType) = LowerValue(realloc.Length);
        if (!frame.Names.ContainsKey(LengthName(realloc.Array)))
        {
            var lengthName = DeclareArrayVariable(LengthName(realloc.Array), lengthType);
            trackedElements[lengthName] = new TrackedElement(
                DeclareArrayVariable(CellName(realloc.Array), ScalarType.LongLong),
                DeclareArrayVariable(CellValueName(realloc.Array), realloc.ElementType),
                realloc.ElementType);
            heapLengths.Add(lengthName);
        }

        var length = Resolve(LengthName(realloc.Array), realloc.Span);
        var tracked = trackedElements[length];
        var name = realloc.Array.Split('#')[0];
        var isNull = Formula.Eq(offset, new Const(PointerExpr.NullOffset));
        GuardUndefined(Formula.Or(isNull, Formula.Ge(offset, new Const(0))), realloc.Span, $"realloc of '{name}', which holds no pointer");
        GuardUndefined(Formula.Or(isNull, Formula.Ge(new Var(length), new Const(0))), realloc.Span, $"realloc of '{name}' after free");
        GuardUndefined(Formula.Or(isNull, Formula.Eq(offset, new Const(0))), realloc.Span, $"realloc of a pointer into '{name}' that malloc did not return");
        Emit(new AssignAction(tracked.Index, new Ite(Formula.Or(isNull, Formula.Ge(new Var(tracked.Index), newLength)), new Const(-1), new Var(tracked.Index))));
        Emit(new AssignAction(length, newLength));
    }

    /// <summary>For a heap array, the check that it has not been freed before <paramref name="span"/> uses it.</summary>
    private void GuardLive(string length, string array, SourceSpan span, Formula? exempt = null)
    {
        if (heapLengths.Contains(length))
        {
            var live = Formula.Ge(new Var(length), new Const(0));
            GuardUndefined(exempt is null ? live : Formula.Or(exempt, live), span, $"use of '{array.Split('#')[0]}' after free");
        }
    }

    /// <summary>
    /// Before a loop that reads an array at an index the loop never changes (a constant, or a local variable that the
    /// loop does not assign or declare), as in <c>while (a[j] &gt; 0) a[j]--;</c>, that element becomes the tracked one
    /// when it is in bounds (none is tracked otherwise), with its value as a read gives it, so that the loop's reads
    /// and writes of it are exact. Arrays whose tracked element a write outside every loop chose keep it (a terminator
    /// matters more than a counter), also when that write is in a caller of the function the loop is in, and so does a
    /// loop with labels or gotos.
    /// </summary>
    private void TrackAtLoopEntry(LoopStmt loop)
    {
        var statements = IrWalker.Statements(loop).ToList();
        if (statements.Any(st => st is LabeledStmt or GotoStmt))
        {
            return;
        }

        var expressions = IrWalker.Expressions(loop).ToList();
        var changed = new HashSet<string>(expressions.OfType<AssignExpr>().Select(a => a.Target));
        changed.UnionWith(statements.OfType<ParallelAssignStmt>().SelectMany(p => p.Targets));
        changed.UnionWith(statements.OfType<VarDeclStmt>().Select(d => d.Name));
        changed.UnionWith(statements.OfType<ArrayDeclStmt>().Select(d => d.Name));
        changed.UnionWith(expressions.OfType<ArgumentStringExpr>().Select(a => a.Array));
        var writtenOnce = WrittenOnce(frame.FunctionName);
        var done = new HashSet<string>();
        foreach (var read in expressions.OfType<ArrayReadExpr>())
        {
            var fixedIndex = read.Index switch
            {
                IntLiteral => true,
                VarRef v => !changed.Contains(v.Name) && !globals.ContainsKey(v.Name) && frame.Names.ContainsKey(v.Name),
                _ => false,
            };
            if (!fixedIndex || changed.Contains(read.Array) || writtenOnce.Contains(read.Array) || !done.Add(read.Array)
                || TrackedElementOf(read.Array, read.Span) is not { } tracked || chosenByWrite.Contains(tracked)
                || boundedRuns.ContainsKey(Resolve(LengthName(read.Array), read.Span)))
            {
                continue;
            }

            var index = LowerValue(read.Index).Value;
            var length = new Var(Resolve(LengthName(read.Array), read.Span));
            var current = new Var(NewTemporary(tracked.Type));
            Emit(new HavocAction(current.Name, Abstraction: true));
            Emit(new AssumeAction(Formula.Implies(Formula.Eq(index, new Var(tracked.Index)), Formula.Eq(current, new Var(tracked.Value))), false));
            Emit(new AssignAction(tracked.Value, current));
            Emit(new AssignAction(tracked.Index, new Ite(Formula.And(Formula.Ge(index, new Const(0)), Formula.Lt(index, length)), index, new Const(-1))));
        }
    }

    /// <summary>The variables of an array's tracked element: its index (-1 while none is tracked) and its value.</summary>
    private sealed record TrackedElement(string Index, string Value, ScalarType Type);

    /// <summary>
    /// The tracked element of each array that has one, by the variable that holds the array's length: whatever name
    /// reaches the array (its own, or a name that an inlined call binds to it) reaches its element through its length.
    /// </summary>
    private readonly Dictionary<string, TrackedElement> trackedElements = [];

    private TrackedElement? TrackedElementOf(string array, SourceSpan span) =>
        trackedElements.GetValueOrDefault(Resolve(LengthName(array), span));

    private readonly Dictionary<string, HashSet<string>> writtenOnce = [];

    /// <summary>Whether <paramref name="function"/>, or a function it calls, stores into an array element.</summary>
    private bool StoresIntoArrays(string function) =>
        program.Callees(function).Append(function).Select(program.Find).OfType<FunctionDecl>()
            .Any(f => IrWalker.Expressions(f.Body).Any(e => e is ArrayAssignExpr));

    /// <summary>The arrays of <paramref name="function"/> that a write outside every loop of its body stores into.</summary>
    private HashSet<string> WrittenOnce(string function)
    {
        if (!writtenOnce.TryGetValue(function, out var arrays))
        {
            var body = program.Find(function)!.Body;
            var inLoops = new HashSet<Expr>(
                IrWalker.Statements(body).OfType<LoopStmt>().SelectMany(IrWalker.Expressions),
                ReferenceEqualityComparer.Instance);
            arrays = [.. IrWalker.Expressions(body).OfType<ArrayAssignExpr>().Where(w => !inLoops.Contains(w)).Select(w => w.Array)];
            writtenOnce[function] = arrays;
        }

        return arrays;
    }

    /// <summary>Declares one of the variables of an array in the current frame and returns its name there.</summary>
    private string DeclareArrayVariable(string sourceName, ScalarType type)
    {
        var name = frame.IsTop ? sourceName : sourceName + frame.Suffix;
        frame.Names[sourceName] = name;
        Declare(name, type, false);
        return name;
    }

    private static string LengthName(string array) => $"len({array})";

    private static string CellName(string array) => $"cell({array})";

    private static string CellValueName(string array) => $"{array}[cell({array})]";

    /// <summary>Whether a variable of the graph is the length of an array (the function or a callee has arrays).</summary>
    public static bool IsLength(string variable) => variable.StartsWith("len(", StringComparison.Ordinal);

    /// <summary>
    /// Goes to undefined behaviour unless an element's index is in bounds: 0 &lt;= index &lt; len(a). The interpreter
    /// that replays witnesses keeps the real cells.
    /// </summary>
    private void GuardIndex(string array, Term value, SourceSpan span, string access)
    {
        var length = Resolve(LengthName(array), span);
        if (inBoundsByConstruction.Contains(length))
        {
            return;
        }

        GuardLive(length, array, span);
        GuardUndefined(
            Formula.And(Formula.Ge(value, new Const(0)), Formula.Lt(value, new Var(length))),
            span,
            $"out-of-bounds {access} of '{array.Split('#')[0]}'");
    }

    /// <summary>
    /// The value of <c>a[index]</c> (in bounds): an arbitrary value of the element type (an abstraction: the
    /// interpreter reads the real cell), equal to the tracked value when the index is the tracked one.
    /// </summary>
    private Var TrackedRead(string array, Term index, ScalarType elementType, SourceSpan span)
    {
        var key = (Resolve(LengthName(array), span), index, elementType);
        if (stableReads is not null && stableReads.TryGetValue(key, out var earlier))
        {
            return earlier;
        }

        var element = new Var(NewTemporary(elementType));
        stableReads?.Add(key, element);
        Emit(new HavocAction(element.Name, Abstraction: true));
        if (BoundedRunOf(array, span) is { } run)
        {
            BoundedRead(run, index, element);
        }
        else if (TrackedElementOf(array, span) is { } tracked)
        {
            // Read through another character type, the tracked byte is converted to it.
            var value = rules.Convert(new Var(tracked.Value), tracked.Type, elementType);
            Emit(new AssumeAction(Formula.Implies(Formula.Eq(index, new Var(tracked.Index)), Formula.Eq(element, value)), false));
        }

        if (index is Const { Value: { IsInteger: true, Numerator: var at } } && at >= 0
            && readOnlyContents.TryGetValue(Resolve(LengthName(array), span), out var contents) && at < contents.Length)
        {
            // A read-only array keeps its contents: an element at a constant index is known. (A case per element for
            // other indexes would split every loop that walks the array into as many paths.)
            Emit(new AssumeAction(Formula.Eq(element, rules.Convert(new Const(contents[(int)at]), ScalarType.Unbounded, elementType)), false));
        }

        return element;
    }

    /// <summary>
    /// Records the store of <paramref name="stored"/> into <c>a[index]</c> (in bounds) in the tracked element: a write
    /// that runs at most once makes its element the tracked one, any other replaces the tracked value when it has the
    /// tracked index.
    /// </summary>
    private void TrackedWrite(string array, Term index, Term stored, ScalarType elementType, SourceSpan span)
    {
        if (BoundedRunOf(array, span) is { } run)
        {
            BoundedWrite(run, index, stored);
            return;
        }

        if (TrackedElementOf(array, span) is not { } tracked)
        {
            return;
        }

        // Stored through another character type, the byte is held as the array's type.
        stored = rules.Convert(stored, elementType, tracked.Type);
        if (Repeats)
        {
            Emit(new AssignAction(tracked.Value, new Ite(Formula.Eq(index, new Var(tracked.Index)), stored, new Var(tracked.Value))));
        }
        else
        {
            Emit(new AssignAction(tracked.Value, stored));
            Emit(new AssignAction(tracked.Index, index));
            chosenByWrite.Add(tracked);
        }
    }

    /// <summary>
    /// The tracked elements that a write running at most once has chosen so far in the lowering, in whichever function:
    /// a loop of an inlined callee that reads the caller's array at a fixed index keeps them too.
    /// </summary>
    private readonly HashSet<TrackedElement> chosenByWrite = [];
}
