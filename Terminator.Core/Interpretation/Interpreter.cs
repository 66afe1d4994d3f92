// Longer than 500 lines on purpose: one evaluator over every statement and expression kind of the IR, whose cases
// share the integer semantics and the run's state; split across files, the cases of the one walk would be scattered.
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Terminator.Core.Ir;

namespace Terminator.Core.Interpretation;

/// <summary>
/// The exact concrete interpreter of the core IR, used by the independent checker to re-run "No" witnesses.
/// It walks the IR directly (no control-flow graph, no solver) with exact <see cref="BigInteger"/> arithmetic.
/// </summary>
/// <remarks>
/// Semantic choices beyond the C standard and Python: operands and arguments are evaluated left to right; a conversion
/// to a signed type wraps in two's complement (see <see cref="IntegerType"/>); Python programs always use unbounded
/// integers; Python <c>and</c>/<c>or</c> yield the deciding operand (Python's own rule) while C's yield 0/1.
/// </remarks>
internal static partial class Interpreter
{
    /// <summary>Stack reserved per allowed call frame: every interpreted call nests a handful of C# frames.</summary>
    private const long StackBytesPerFrame = 16 * 1024;

    /// <summary>The cancellation token is checked when the step count is a multiple of this plus one.</summary>
    private const long CancellationCheckSteps = 4095;

    /// <summary>
    /// Runs <paramref name="function"/> of <paramref name="program"/> on <paramref name="inputs"/> (one per parameter, in
    /// order), drawing nondeterministic values from <paramref name="nondetValues"/> in order, and reports how the run ended.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step limit or call depth in <paramref name="options"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The IR is malformed (an unknown variable, a wrong number of arguments).</exception>
    public static RunResult Run(
        ProgramIr program, string function, IReadOnlyList<BigInteger> inputs, IReadOnlyList<BigInteger> nondetValues, InterpreterOptions options)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(nondetValues);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.StepLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxCallDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxIntegerBits);

        var machine = new Machine(program, nondetValues, options);

        // Deep recursion in the interpreted program becomes deep recursion here, so the run goes to a thread with a
        // stack sized for the call-depth limit instead of risking a fatal stack overflow on the caller's thread.
        var stackBytes = Math.Clamp(options.MaxCallDepth * StackBytesPerFrame, 16L << 20, 1L << 30);
        return LargeStack.Run(stackBytes, () => machine.Run(function, inputs));
    }

    /// <summary>A typed value: under C semantics <see cref="Type"/> drives promotions and conversions.</summary>
    private readonly record struct Value(BigInteger V, ScalarType Type);

    /// <summary>How a statement finished.</summary>
    private enum Completion
    {
        Normal,
        Break,
        Continue,
        Return,
        /// <summary>A <c>goto</c> on its way to the block that holds its label (<see cref="Frame.PendingLabel"/>).</summary>
        Goto,
    }

    /// <summary>Ends the run with an outcome from anywhere inside statement or expression evaluation.</summary>
#pragma warning disable CA1032, CA1064 // Private control-flow signal, never seen outside the interpreter.
    private sealed class StopException(RunOutcome outcome) : Exception
#pragma warning restore CA1032, CA1064
    {
        public RunOutcome Outcome { get; } = outcome;
    }

    /// <summary>The static layout of a function: one slot per parameter and local (names are unique per function).</summary>
    private sealed class FunctionInfo
    {
        public FunctionInfo(FunctionDecl decl, IReadOnlySet<string> globals, bool python, bool hasGlobalArrays = false)
        {
            Decl = decl;
            var names = new List<string>();
            var types = new List<ScalarType>();
            void Add(string name, ScalarType type)
            {
                if (Slots.TryAdd(name, names.Count))
                {
                    names.Add(name);
                    types.Add(type);
                }
            }
            foreach (var p in decl.Parameters)
                Add(p.Name, p.Type);
            foreach (var d in Walk(decl.Body).OfType<VarDeclStmt>())
                Add(d.Name, d.Type);
            if (python)
            {
                // Python binds a local by assigning it; such names have no declaration and hold unbounded integers.
                foreach (var node in Walk(decl.Body))
                {
                    var targets = node switch
                    {
                        AssignExpr a => [a.Target],
                        ParallelAssignStmt p => p.Targets.AsImmutableArray(),
                        _ => ImmutableArray<string>.Empty,
                    };
                    foreach (var t in targets.Where(t => !globals.Contains(t)))
                        Add(t, ScalarType.Unbounded);
                }
            }
            Names = [.. names];
            Types = [.. types];
            HasArrays = hasGlobalArrays || Walk(decl.Body).Any(node => node is ArrayDeclStmt or ReallocStmt or ArgumentStringExpr or CallExpr { ResultObject: not null }) || decl.Parameters.Any(p => p.PointsInto is not null);
        }

        /// <summary>
        /// Whether the function declares arrays, has pointer parameters or receives arrays from calls. Their contents are not part of the scalar state that fast-forwarding
        /// works on, so such a function is not fast-forwarded, and its repeated states include them.
        /// </summary>
        public bool HasArrays { get; }

        public FunctionDecl Decl { get; }
        public Dictionary<string, int> Slots { get; } = new(StringComparer.Ordinal);
        public ImmutableArray<string> Names { get; }
        public ImmutableArray<ScalarType> Types { get; }
    }

    /// <summary>One activation of a function.</summary>
    private sealed class Frame(FunctionInfo info, int depth)
    {
        public FunctionInfo Info { get; } = info;
        public int Depth { get; } = depth;
        public BigInteger?[] Values { get; } = new BigInteger?[info.Names.Length];
        /// <summary>
        /// Under <see cref="UninitializedReads.Undefined"/>: which variables hold no value yet (an automatic variable
        /// declared without one, until its first store); null until the first such declaration runs.
        /// </summary>
        public bool[]? Unset { get; set; }
        /// <summary>The arrays declared so far, by name; a declaration run again replaces its array with a new one.</summary>
        public Dictionary<string, ArrayObject> Arrays { get; } = new(StringComparer.Ordinal);
        public bool HasReturnValue { get; set; }
        public BigInteger ReturnValue { get; set; }
        /// <summary>The label a <see cref="Completion.Goto"/> in progress jumps to.</summary>
        public string? PendingLabel { get; set; }
    }

    /// <summary>An array object: its length and the elements written or read so far (the others were never touched).</summary>
    private sealed class ArrayObject(BigInteger length, ScalarType elementType, bool onHeap)
    {
        public BigInteger Length { get; } = length;
        public ScalarType ElementType { get; } = elementType;
        public Dictionary<BigInteger, BigInteger> Cells { get; } = [];

        /// <summary>Whether <c>malloc</c> allocated it (see <see cref="ArrayDeclStmt.OnHeap"/>).</summary>
        public bool OnHeap { get; } = onHeap;

        /// <summary>Whether <c>free</c> has released it: every later use is undefined behaviour.</summary>
        public bool Freed { get; set; }

        /// <summary>
        /// The elements below this index that were never written hold 0 (all of them in a zeroed array, see
        /// <see cref="ArrayDeclStmt.Zeroed"/>; those a <c>realloc</c> kept of one); any other element never written holds
        /// an arbitrary value.
        /// </summary>
        public BigInteger ZeroedBelow { get; init; }

        /// <summary>Whether a store into it is undefined behaviour (see <see cref="ArrayDeclStmt.ReadOnly"/>).</summary>
        public bool ReadOnly { get; init; }

        /// <summary>
        /// For the string of an argument of <c>main</c> (see <see cref="ArgumentStringExpr"/>): its index in
        /// <c>argv</c>. Its last element is 0 and the others, drawn when first read, are not. Null for any other array.
        /// </summary>
        public BigInteger? Argument { get; init; }
    }

    /// <summary>All statements under <paramref name="root"/> and their expressions (the IR's own walk).</summary>
    private static IEnumerable<object> Walk(Stmt root) => IrWalker.Statements(root).Concat<object>(IrWalker.Expressions(root));

    /// <summary>The state of one run.</summary>
    private sealed partial class Machine
    {
        private readonly ProgramIr program;
        private readonly IReadOnlyList<BigInteger> nondet;
        private readonly InterpreterOptions options;
        private readonly IntegerSemantics semantics;
        private readonly bool python;
        private readonly Dictionary<string, FunctionInfo> functions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> globalSlots = new(StringComparer.Ordinal);
        private readonly ImmutableArray<string> globalNames;
        private readonly ImmutableArray<ScalarType> globalTypes;
        private readonly BigInteger[] globals;
        private readonly List<LoopHeadState> loopHeadStates = [];
        private readonly Dictionary<LoopHeadState, int> firstVisit = [];
        /// <summary>With <see cref="InterpreterOptions.WatchRecursion"/>: the entry states of the running activations, by function.</summary>
        private readonly HashSet<(string Function, LoopHeadState Entry)> runningEntries = [];
        private long steps;
        private long consumed;
        private readonly List<NondetOrigin> origins = [];

        public Machine(ProgramIr program, IReadOnlyList<BigInteger> nondet, InterpreterOptions options)
        {
            this.program = program;
            this.nondet = nondet;
            this.options = options;
            python = program.Language == SourceLanguage.Python;
            semantics = python ? IntegerSemantics.Math : options.Semantics;
            foreach (var g in program.Globals)
                globalSlots.TryAdd(g.Name, globalSlots.Count);
            globalNames = [.. program.Globals.Select(g => g.Name)];
            globalTypes = [.. program.Globals.Select(g => g.Type)];
            globals = new BigInteger[globalNames.Length];
            var globalSet = globalSlots.Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var f in program.Functions)
                functions.TryAdd(f.Name, new FunctionInfo(f, globalSet, python, !program.GlobalArrays.IsEmpty));
        }

        public RunResult Run(string function, IReadOnlyList<BigInteger> inputs)
        {
            RunOutcome outcome;
            try
            {
                outcome = Start(function, inputs);
            }
            catch (StopException stop)
            {
                outcome = stop.Outcome;
            }
            return new RunResult(outcome, steps, consumed, [.. loopHeadStates]) { NondetOrigins = [.. origins] };
        }

        private RunOutcome Start(string function, IReadOnlyList<BigInteger> inputs)
        {
            if (!functions.TryGetValue(function, out var info))
                return new InvalidInput($"no function named '{function}'");
            var parameters = info.Decl.Parameters;
            if (inputs.Count != parameters.Length)
                return new InvalidInput($"'{function}' takes {parameters.Length} inputs, got {inputs.Count}");
            if (parameters.FirstOrDefault(p => p.PointsInto is not null && p.Object is null) is { } pointer)
                return new InvalidInput($"'{function}' has the pointer parameter '{pointer.Name}', whose object only a caller can give");
            if (parameters.FirstOrDefault(p => p.PointsToRecord is not null) is { } recordPointer)
                return new InvalidInput($"'{function}' has the pointer parameter '{recordPointer.Name}', whose records only a caller can give");
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!IntegerType.IsInDomain(parameters[i].Type, inputs[i], semantics))
                    return new InvalidInput($"input {inputs[i]} is not a value of {parameters[i].Name}'s type {parameters[i].Type}");
                if (parameters[i].Object is { } caller && (inputs[i] < CallerObject.NullInput || inputs[i] > caller.MaxLength))
                    return new InvalidInput($"input {inputs[i]} of the pointer parameter {parameters[i].Name} is neither -1 (the null pointer) nor the length of an object (0 to {caller.MaxLength} elements)");
            }
            if (options.LoopWatch is { } watch && !program.Functions.Any(f => Walk(f.Body).Any(n => n is LoopStmt l && l.Span == watch || n is LabeledStmt s && s.Span == watch)))
                return new InvalidInput($"no function has a loop at {watch}");
            watchesCallee = options.LoopWatch is { } watched && !Walk(info.Decl.Body).Any(n => n is LoopStmt l && l.Span == watched || n is LabeledStmt s && s.Span == watched);

            // Globals are set up once, in source order; initializers are constant expressions evaluated like any other.
            var init = new Frame(new FunctionInfo(new FunctionDecl("<globals>", ScalarType.Void, [], new BlockStmt([], SourceSpan.None), SourceSpan.None), new HashSet<string>(), false), 0);
            for (var i = 0; i < program.Globals.Length; i++)
            {
                var g = program.Globals[i];
                globals[globalSlots[g.Name]] = g.Initializer is null ? BigInteger.Zero : IntegerType.Convert(g.Type, Eval(g.Initializer, init).V, semantics);
            }

            // Arrays at file scope are made once, zeroed but for their contents, and every frame reaches them.
            foreach (var array in program.GlobalArrays)
            {
                var length = Eval(array.Length, init).V;
                var made = new ArrayObject(length, array.ElementType, onHeap: false) { ZeroedBelow = length };
                for (var i = 0; i < array.Contents.Length; i++)
                    made.Cells[i] = IntegerType.Convert(array.ElementType, array.Contents[i], semantics);
                globalArrays[array.Name] = made;
            }

            var frame = NewFrame(info, 1);
            for (var i = 0; i < parameters.Length; i++)
            {
                frame.Values[i] = inputs[i];
                // A pointer parameter's input is the null pointer or the length of a fresh object it points to the start of.
                if (parameters[i].Object is { } caller)
                {
                    if (inputs[i] == CallerObject.NullInput)
                    {
                        frame.Values[i] = PointerExpr.NullOffset;
                        continue;
                    }

                    frame.Arrays[parameters[i].PointsInto!] = new ArrayObject(inputs[i], caller.ElementType, onHeap: false);
                    frame.Values[i] = BigInteger.Zero;
                }
            }
            if (options.WatchRecursion)
                runningEntries.Add((function, EntryState(frame)));
            return Execute(frame) == Completion.Return && frame.HasReturnValue
                ? new Returned(frame.ReturnValue)
                : new Returned(null);
        }

        /// <summary>Runs the body of a prepared frame.</summary>
        private Completion Execute(Frame frame)
        {
            var completion = Exec(frame.Info.Decl.Body, frame);
            return completion is Completion.Break or Completion.Continue or Completion.Goto
                ? throw new InvalidOperationException($"break, continue or goto without a target in '{frame.Info.Decl.Name}'")
                : completion;
        }

        private static StopException Stop(RunOutcome outcome) => new(outcome);

        /// <summary>Counts one step, stopping first when the limit is reached, so at most <see cref="InterpreterOptions.StepLimit"/> steps run.</summary>
        private void Tick()
        {
            if (steps >= options.StepLimit)
                throw Stop(new StepLimit());
            if ((++steps & CancellationCheckSteps) == 0)
                options.CancellationToken.ThrowIfCancellationRequested();
        }

        private Completion Exec(Stmt stmt, Frame frame)
        {
            Tick();
            switch (stmt)
            {
                case VarDeclStmt s:
                    // An uninitialized local holds an arbitrary value of its type: the next nondeterministic value.
                    // So does one that its own initializer reads, before the initializer's value replaces it. Under
                    // UninitializedReads.Undefined, an automatic one holds no value instead, and reading it stops the run.
                    var holdsNoValue = s.Automatic && program.UninitializedReads == UninitializedReads.Undefined && !python;
                    if (IrWalker.InitializerUsesItself(s))
                    {
                        if (holdsNoValue)
                            MarkUnset(frame, s.Name);
                        else
                            Store(frame, s.Name, DrawNondet(s.Type, s.Span, $"'{s.Name.Split('#')[0]}' read by its own initializer").V, s.Span);
                    }

                    if (s.Initializer is null && holdsNoValue)
                        MarkUnset(frame, s.Name);
                    else
                        Store(frame, s.Name, s.Initializer is null ? DrawNondet(s.Type, s.Span, $"'{s.Name.Split('#')[0]}' declared without a value").V : Eval(s.Initializer, frame).V, s.Span);
                    return Completion.Normal;
                case ArrayDeclStmt s:
                {
                    var length = Eval(s.Length, frame).V;
                    if (length.Sign < 0)
                        throw Stop(new UndefinedBehaviour(s.Span, $"array '{s.Name}' of negative length {length}"));
                    var made = new ArrayObject(length, s.ElementType, s.OnHeap) { ZeroedBelow = s.Zeroed ? length : 0, ReadOnly = s.ReadOnly };
                    for (var i = 0; i < s.Contents.Length && i < length; i++)
                        made.Cells[i] = IntegerType.Convert(s.ElementType, s.Contents[i], semantics);
                    frame.Arrays[s.Name] = made;
                    return Completion.Normal;
                }
                case FreeRecordStmt s:
                    FreeRecord(s, frame);
                    return Completion.Normal;
                case FreeStmt s:
                {
                    var offset = Eval(s.Offset, frame).V;
                    if (offset == PointerExpr.NullOffset)
                        return Completion.Normal;
                    var array = ArrayNamed(frame, s.Array, s.Span);
                    var name = s.Array.Split('#')[0];
                    if (!array.OnHeap)
                        throw Stop(new UndefinedBehaviour(s.Span, $"free of '{name}', which malloc did not allocate"));
                    if (array.Freed)
                        throw Stop(new UndefinedBehaviour(s.Span, $"double free of '{name}'"));
                    if (!offset.IsZero)
                        throw Stop(new UndefinedBehaviour(s.Span, $"free of a pointer {offset} elements into '{name}', not the one malloc returned"));
                    array.Freed = true;
                    return Completion.Normal;
                }
                case ReallocStmt s:
                    Reallocate(s, frame);
                    return Completion.Normal;
                case ExprStmt s:
                    EvalDiscarding(s.Expression, frame);
                    return Completion.Normal;
                case ParallelAssignStmt s:
                {
                    var values = s.Values.Select(v => Eval(v, frame).V).ToList();
                    for (var i = 0; i < s.Targets.Length; i++)
                        Store(frame, s.Targets[i], values[i], s.Span);
                    return Completion.Normal;
                }
                case IfStmt s:
                    if (Truthy(Eval(s.Condition, frame)))
                        return Exec(s.Then, frame);
                    return s.Else is null ? Completion.Normal : Exec(s.Else, frame);
                case LoopStmt s:
                    return ExecLoop(s, frame);
                case BlockStmt s:
                    return ExecSequence(s.Statements, 0, frame);
                case SwitchStmt s:
                    return ExecSwitch(s, frame);
                case LabeledStmt s:
                    if (IsWatched(frame, s.Span))
                        RecordHead(frame);
                    return Exec(s.Body, frame);
                case GotoStmt s:
                    frame.PendingLabel = s.Label;
                    return Completion.Goto;
                case BreakStmt:
                    return Completion.Break;
                case ContinueStmt:
                    return Completion.Continue;
                case ReturnStmt s:
                {
                    var returnType = frame.Info.Decl.ReturnType;
                    if (s.Value is null)
                    {
                        frame.HasReturnValue = false;
                    }
                    else if (returnType.Kind == TypeKind.Void)
                    {
                        EvalDiscarding(s.Value, frame);
                        frame.HasReturnValue = false;
                    }
                    else
                    {
                        frame.ReturnValue = IntegerType.Convert(returnType, Eval(s.Value, frame).V, semantics);
                        frame.HasReturnValue = true;
                    }
                    return Completion.Return;
                }
                case AssumeStmt s:
                    return Truthy(Eval(s.Condition, frame)) ? Completion.Normal : throw Stop(new AssumeViolated(s.Span));
                case AssertStmt s:
                    return Truthy(Eval(s.Condition, frame)) ? Completion.Normal : throw Stop(new AssertionFailed(s.Span));
                case HaltStmt s:
                    throw Stop(new Halted(s.Span, s.Why));
                default:
                    throw new InvalidOperationException($"unknown statement {stmt.GetType().Name} at {stmt.Span}");
            }
        }

        /// <summary>Runs <paramref name="statements"/> from index <paramref name="start"/>; a goto to one of their labels continues there.</summary>
        private Completion ExecSequence(ImmutableArray<Stmt> statements, int start, Frame frame)
        {
            for (var i = start; i < statements.Length; i++)
            {
                var completion = Exec(statements[i], frame);
                if (completion == Completion.Goto && IndexOfLabel(statements, frame.PendingLabel!) is { } target)
                {
                    frame.PendingLabel = null;
                    i = target - 1;
                    continue;
                }
                if (completion != Completion.Normal)
                    return completion;
            }
            return Completion.Normal;
        }

        /// <summary>The index of the statement that carries <paramref name="label"/> (possibly among several labels), or null.</summary>
        private static int? IndexOfLabel(ImmutableArray<Stmt> statements, string label)
        {
            for (var i = 0; i < statements.Length; i++)
            {
                for (var s = statements[i]; s is LabeledStmt labeled; s = labeled.Body)
                {
                    if (labeled.Label == label)
                        return i;
                }
            }
            return null;
        }

        private Completion ExecSwitch(SwitchStmt s, Frame frame)
        {
            var value = Eval(s.Value, frame);
            var type = semantics == IntegerSemantics.C ? IntegerType.Promote(value.Type) : value.Type;
            var v = IntegerType.Convert(type, value.V, semantics);
            var start = IndexOf(s.Sections, section => section.Labels.Any(label => IntegerType.Convert(type, label, semantics) == v));
            if (start < 0)
                start = IndexOf(s.Sections, section => section.IsDefault);
            if (start < 0)
                return Completion.Normal;
            // One sequence of all the sections, so that a goto inside the switch finds a label of an earlier section too.
            var completion = ExecSequence([.. s.Sections.SelectMany(section => section.Statements)], s.Sections.Take(start).Sum(section => section.Statements.Length), frame);
            return completion == Completion.Break ? Completion.Normal : completion;
        }

        private static int IndexOf(ImmutableArray<SwitchSection> sections, Func<SwitchSection, bool> matches)
        {
            for (var i = 0; i < sections.Length; i++)
            {
                if (matches(sections[i]))
                    return i;
            }
            return -1;
        }

        private Completion ExecLoop(LoopStmt loop, Frame frame)
        {
            var watched = IsWatched(frame, loop.Span);
            // Fast-forwarding shifts scalars only, so a function with arrays runs step by step.
            var scalarOnly = !frame.Info.HasArrays;
            var bodyFirst = loop.Kind == LoopKind.DoWhile;
            var iterations = 0;
            BigInteger?[]? firstHead = null;
            BigInteger[]? firstGlobals = null;
            while (true)
            {
                // After the first iteration, a translation loop skips the iterations that provably go through; a
                // watched loop is left alone, since its states are what the watch records.
                if (!watched && scalarOnly && iterations == 1 && firstHead is not null)
                    FastForward(loop, frame, firstHead, firstGlobals!);
                if (!watched && scalarOnly && iterations == 0 && !bodyFirst && IsTranslationLoop(loop, frame))
                    (firstHead, firstGlobals) = ((BigInteger?[])frame.Values.Clone(), (BigInteger[])globals.Clone());
                iterations++;
                if (!bodyFirst)
                {
                    if (watched)
                        RecordHead(frame);
                    Tick();
                    if (loop.Condition is not null && !Truthy(Eval(loop.Condition, frame)))
                    {
                        if (watched)
                            EndWatch(frame);
                        return loop.Else is null ? Completion.Normal : Exec(loop.Else, frame);
                    }
                }
                bodyFirst = false;
                var completion = Exec(loop.Body, frame);
                if (watched && completion is Completion.Break or Completion.Return or Completion.Goto)
                    EndWatch(frame);
                if (completion == Completion.Break)
                    return Completion.Normal;
                if (completion is Completion.Return or Completion.Goto)
                    return completion;
                // Normal end of the body and continue both run the step, then go back to the test.
                if (loop.Step is not null)
                    EvalDiscarding(loop.Step, frame);
            }
        }

        /// <summary>
        /// The state a call starts in: its parameters, the arrays it can reach (its pointer parameters' objects, whose
        /// contents a repeated call must repeat too), the records on the heap, the globals and the position among the
        /// nondeterministic values.
        /// </summary>
        /// <summary>The arrays at file scope, by name (see <see cref="ProgramIr.GlobalArrays"/>).</summary>
        private readonly Dictionary<string, ArrayObject> globalArrays = new(StringComparer.Ordinal);

        /// <summary>A new activation of <paramref name="info"/>, which reaches the arrays at file scope.</summary>
        private Frame NewFrame(FunctionInfo info, int depth)
        {
            var frame = new Frame(info, depth);
            foreach (var (name, array) in globalArrays)
                frame.Arrays[name] = array;
            return frame;
        }

        private LoopHeadState EntryState(Frame frame) =>
            new(frame.Info.Names, Memory(frame), globalNames, (BigInteger[])globals.Clone(), NondetPosition());

        /// <summary>
        /// The index of the next value drawn: its position in the list, and within the period (see
        /// <see cref="InterpreterOptions.NondetCycleStart"/>) once the list has run out.
        /// </summary>
        private int NondetPosition() =>
            options.NondetCycleStart is { } start && consumed >= nondet.Count && nondet.Count > start
                ? start + (int)((consumed - start) % (nondet.Count - start))
                : (int)consumed;

        /// <summary>Whether the watched loop is in a function the analyzed one calls (see <see cref="IsWatched"/>).</summary>
        private bool watchesCallee;

        /// <summary>The activation whose arrivals at the watched loop of a callee are recorded.</summary>
        private Frame? watchedFrame;

        /// <summary>
        /// Whether the arrival at the loop at <paramref name="span"/> in <paramref name="frame"/> is recorded: a loop of
        /// the analyzed function in its outermost activation; a loop of a function it calls in the first activation to
        /// reach it, until the loop ends there. Within one activation the rest of the stack waits for it, and what the
        /// loop can change is the frame's locals and arrays, the globals and the records, which the state holds: a
        /// repeated state repeats forever.
        /// </summary>
        private bool IsWatched(Frame frame, SourceSpan span)
        {
            if (options.LoopWatch is not { } watch || span != watch)
                return false;
            if (!watchesCallee)
                return frame.Depth == 1;
            watchedFrame ??= frame;
            return ReferenceEquals(watchedFrame, frame);
        }

        /// <summary>A watched loop of a callee ended: its states are forgotten, and the next activation to reach it is watched.</summary>
        private void EndWatch(Frame frame)
        {
            if (!watchesCallee || !ReferenceEquals(watchedFrame, frame))
                return;
            watchedFrame = null;
            loopHeadStates.Clear();
            firstVisit.Clear();
        }

        /// <summary>Records the state at the watched loop head, stopping with a lasso when it was seen before.</summary>
        private void RecordHead(Frame frame)
        {
            // Non-cyclic runs keep the absolute position, so a repeat means no value was drawn during the cycle.
            var locals = Memory(frame);
            var state = new LoopHeadState(frame.Info.Names, locals, globalNames, (BigInteger[])globals.Clone(), NondetPosition());
            var index = loopHeadStates.Count;
            loopHeadStates.Add(state);
            if (firstVisit.TryGetValue(state, out var first))
                throw Stop(new Lasso(first, index - first));
            firstVisit.Add(state, index);
            if (loopHeadStates.Count >= options.WatchArrivals)
                throw Stop(new WatchLimit());
        }

        /// <summary>The locals, followed by the frame's arrays (see <see cref="WithArrays"/>) and the records on the heap.</summary>
        private BigInteger?[] Memory(Frame frame)
        {
            var locals = frame.Info.HasArrays ? WithArrays(frame) : (BigInteger?[])frame.Values.Clone();
            if (frame.Unset is { } unset)
                locals = [.. locals, .. unset.Select(u => (BigInteger?)(u ? 1 : 0))];
            if (records.Count == 0 && argumentStrings.Count == 0)
                return locals;
            var values = new List<BigInteger?>(locals);
            AppendRecords(values);
            AppendArgumentStrings(values);
            return [.. values];
        }

        /// <summary>
        /// The locals followed by the arrays, so that a repeated state repeats their contents too: the number of arrays,
        /// then for each (by name) its length, whether it is freed, how many of its first elements are zero until
        /// written, the number of elements written or drawn and those elements as index and
        /// value pairs (by index). An element not yet drawn draws its value from the nondeterministic values later, which
        /// a repeat with the same position in them draws alike.
        /// </summary>
        private static BigInteger?[] WithArrays(Frame frame)
        {
            var values = new List<BigInteger?>(frame.Values) { frame.Arrays.Count };
            foreach (var (_, array) in frame.Arrays.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                values.Add(array.Length);
                values.Add(array.Freed ? 1 : 0);
                values.Add(array.ZeroedBelow);
                values.Add(array.Cells.Count);
                foreach (var (index, value) in array.Cells.OrderBy(c => c.Key))
                {
                    values.Add(index);
                    values.Add(value);
                }
            }

            return [.. values];
        }

        private static bool Truthy(Value v) => !v.V.IsZero;

        /// <summary>Evaluates for side effects only, so a call that returns no value is fine here.</summary>
        private void EvalDiscarding(Expr expr, Frame frame)
        {
            if (expr is CallExpr call)
                Call(call, frame);
            else if (expr is CastExpr { Type.Kind: TypeKind.Void } cast)
                EvalDiscarding(cast.Operand, frame);
            else if (expr is SequenceExpr sequence)
            {
                EvalDiscarding(sequence.First, frame);
                EvalDiscarding(sequence.Second, frame);
            }
            else
                Eval(expr, frame);
        }

        private Value Bool(bool b) => new(b ? BigInteger.One : BigInteger.Zero, python ? ScalarType.Bool : ScalarType.Int);

        private Value Eval(Expr expr, Frame frame)
        {
            switch (expr)
            {
                case IntLiteral e:
                    return new Value(IntegerType.Convert(e.Type, e.Value, semantics), e.Type);
                case VarRef e:
                    return Load(frame, e.Name, e.Span);
                case UnaryExpr e:
                    return EvalUnary(e, frame);
                case BinaryExpr e:
                    return EvalBinary(e, frame);
                case ConditionalExpr e:
                {
                    var branch = Truthy(Eval(e.Condition, frame)) ? e.Then : e.Else;
                    var v = Eval(branch, frame);
                    if (semantics != IntegerSemantics.C)
                        return v;
                    // C converts the chosen branch to the common type of both branches: (c ? -1 : 1u) is unsigned.
                    var type = IntegerType.CommonType(StaticType(e.Then, frame.Info), StaticType(e.Else, frame.Info));
                    return new Value(IntegerType.Convert(type, v.V, semantics), type);
                }
                case CastExpr e:
                {
                    var v = Eval(e.Operand, frame);
                    return new Value(IntegerType.Convert(e.Type, v.V, semantics), e.Type);
                }
                case AssignExpr e:
                {
                    var v = Eval(e.Value, frame);
                    var old = e.YieldsOldValue ? Load(frame, e.Target, e.Span) : default;
                    var stored = Store(frame, e.Target, v.V, e.Span);
                    return e.YieldsOldValue ? old : stored;
                }
                case CallExpr e:
                {
                    var result = Call(e, frame);
                    if (result is { } r)
                        return r;
                    throw Stop(python
                        ? new Halted(e.Span, $"TypeError: '{e.Callee}' returned None, used as an integer")
                        : new UndefinedBehaviour(e.Span, $"the value of a call to '{e.Callee}' is used, but it returned no value"));
                }
                case NondetExpr e:
                    return DrawNondet(e.Type, e.Span, python ? "nondet()" : $"a nondeterministic {e.Type}");
                case ArrayReadExpr e:
                {
                    var (array, index) = Element(frame, e.Array, Eval(e.Index, frame).V, e.Span, "read");
                    if (!array.Cells.TryGetValue(index, out var cell))
                    {
                        // An element never written holds 0 in a zeroed array, else an arbitrary value, the same one at every read.
                        cell = index < array.ZeroedBelow ? BigInteger.Zero
                            : array.Argument is { } argument ? ArgumentCharacter(argument, index, e.Span)
                            : DrawNondet(array.ElementType, e.Span, $"an element of '{e.Array.Split('#')[0]}' never written").V;
                        array.Cells[index] = cell;
                    }
                    // Read through another character type, the same byte is converted to it.
                    return new Value(IntegerType.Convert(e.ElementType, cell, semantics), e.ElementType);
                }
                case ArrayAssignExpr e:
                {
                    var index = Eval(e.Index, frame).V;
                    var v = Eval(e.Value, frame);
                    var (array, at) = Element(frame, e.Array, index, e.Span, "write");
                    if (array.ReadOnly)
                        throw Stop(new UndefinedBehaviour(e.Span, $"store into the string literal that '{e.Array.Split('#')[0]}' points to"));
                    var stored = IntegerType.Convert(e.ElementType, v.V, semantics);
                    array.Cells[at] = IntegerType.Convert(array.ElementType, stored, semantics);
                    return new Value(stored, e.ElementType);
                }
                case NewRecordExpr or RecordPointerExpr or FieldReadExpr or FieldAssignExpr:
                    return EvalRecord(expr, frame);
                case SequenceExpr e:
                    EvalDiscarding(e.First, frame);
                    return Eval(e.Second, frame);
                case PointerExpr e:
                {
                    var offset = Eval(e.Offset, frame).V;
                    if (e.AllowsNull && offset == PointerExpr.NullOffset)
                        return new Value(offset, ScalarType.Unbounded);
                    if (offset.Sign < 0 && !frame.Arrays.ContainsKey(e.Array))
                        throw Stop(new UndefinedBehaviour(e.Span, $"pointer into '{e.Array.Split('#')[0]}' used before any store into it"));
                    var array = Live(ArrayNamed(frame, e.Array, e.Span), e.Array, e.Span);
                    if (offset.Sign < 0 || offset > array.Length)
                        throw Stop(new UndefinedBehaviour(e.Span, $"pointer out of the bounds of '{e.Array.Split('#')[0]}': offset {offset}, but its length is {array.Length}"));
                    return new Value(offset, ScalarType.Unbounded);
                }
                case NullCheckExpr e:
                {
                    var offset = Eval(e.Pointer, frame).V;
                    return offset == PointerExpr.NullOffset
                        ? throw Stop(new UndefinedBehaviour(e.Span, "null pointer dereferenced, moved or compared"))
                        : new Value(offset, ScalarType.Unbounded);
                }
                case PointerDifferenceExpr e:
                {
                    var difference = Eval(e.Left, frame).V - Eval(e.Right, frame).V;
                    return semantics != IntegerSemantics.C || IntegerType.IsInRange(e.Type, difference)
                        ? new Value(difference, semantics == IntegerSemantics.C ? e.Type : ScalarType.Unbounded)
                        : throw Stop(new UndefinedBehaviour(e.Span, $"pointer subtraction: {difference} does not fit in {e.Type}"));
                }
                case IntegerSqrtExpr e:
                {
                    var x = Eval(e.Operand, frame).V;
                    if (x.Sign < 0)
                        throw Stop(new UndefinedBehaviour(e.Span, $"sqrt of the negative value {x} converted to an integer"));
                    if (semantics == IntegerSemantics.C && x >= BigInteger.One << 52)
                        throw new InvalidOperationException($"{e.Span}: sqrt of {x}, beyond the values whose double square root truncates to the integer square root");
                    return new Value(IntegerType.Convert(e.Type, IntegerType.SquareRoot(x), semantics), semantics == IntegerSemantics.C ? e.Type : ScalarType.Unbounded);
                }
                case OverlapCheckExpr e:
                {
                    var (first, firstCount) = (Eval(e.First.Offset, frame).V, Eval(e.FirstCount, frame).V);
                    var (second, secondCount) = (Eval(e.Second.Offset, frame).V, Eval(e.SecondCount, frame).V);
                    var sameObject = ReferenceEquals(ArrayNamed(frame, e.First.Array, e.Span), ArrayNamed(frame, e.Second.Array, e.Span));
                    return sameObject && firstCount.Sign > 0 && secondCount.Sign > 0 && first < second + secondCount && second < first + firstCount
                        ? throw Stop(new UndefinedBehaviour(e.Span, $"{e.Reason} ({firstCount} elements at offset {first} and {secondCount} at offset {second} of one array)"))
                        : new Value(0, ScalarType.Int);
                }
                case ArgumentStringExpr e:
                    return ArgumentString(e, frame);
                case ElementCheckExpr e:
                    return Eval(e.Condition, frame).V.IsZero
                        ? throw Stop(new UndefinedBehaviour(e.Span, e.Reason))
                        : new Value(0, ScalarType.Int);
                case UndefinedExpr e:
                    throw Stop(new UndefinedBehaviour(e.Span, e.Reason));
                case TerminatesExpr e:
                    return options.TerminationFacts is not null && options.TerminationFacts.TryGetValue(e.Function, out var terminates)
                        ? Bool(terminates)
                        : throw Stop(new Unresolved(e.Function));
                default:
                    throw new InvalidOperationException($"unknown expression {expr.GetType().Name} at {expr.Span}");
            }
        }

        private Value EvalUnary(UnaryExpr e, Frame frame)
        {
            var v = Eval(e.Operand, frame);
            if (e.Op == UnaryOp.Not)
                return Bool(!Truthy(v));
            var type = IntegerType.Promote(v.Type);
            return e.Op switch
            {
                UnaryOp.Negate => Arith(type, -v.V, e.Span, "negation"),
                UnaryOp.Abs => Arith(type, BigInteger.Abs(v.V), e.Span, "abs"),
                // Exact in two's complement; an unsigned type wraps -x - 1 to max - x.
                UnaryOp.BitNot => Arith(type, -IntegerType.Convert(type, v.V, semantics) - 1, e.Span, "bitwise complement"),
                _ => throw new InvalidOperationException($"unknown unary operator {e.Op} at {e.Span}"),
            };
        }

        private Value EvalBinary(BinaryExpr e, Frame frame)
        {
            if (e.Op is BinaryOp.And or BinaryOp.Or)
            {
                var left = Eval(e.Left, frame);
                var decided = Truthy(left) == (e.Op == BinaryOp.Or);
                // Python's and/or yield the operand that decided; C's yield 0 or 1.
                if (python)
                    return decided ? left : Eval(e.Right, frame);
                return decided ? Bool(e.Op == BinaryOp.Or) : Bool(Truthy(Eval(e.Right, frame)));
            }

            var a = Eval(e.Left, frame);
            var b = Eval(e.Right, frame);
            if (e.Op is BinaryOp.ShiftLeft or BinaryOp.ShiftRight)
                return Shift(e, a, b);
            var type = IntegerType.CommonType(a.Type, b.Type);
            var x = IntegerType.Convert(type, a.V, semantics);
            var y = IntegerType.Convert(type, b.V, semantics);
            switch (e.Op)
            {
                case BinaryOp.Add:
                    return Arith(type, x + y, e.Span, "addition");
                case BinaryOp.Sub:
                    return Arith(type, x - y, e.Span, "subtraction");
                case BinaryOp.Mul:
                    return Arith(type, x * y, e.Span, "multiplication");
                case BinaryOp.Div or BinaryOp.Rem or BinaryOp.FloorDiv or BinaryOp.FloorMod:
                {
                    if (y.IsZero)
                        throw Stop(python ? new ZeroDivision(e.Span) : new UndefinedBehaviour(e.Span, "division by zero"));
                    var floor = e.Op is BinaryOp.FloorDiv or BinaryOp.FloorMod;
                    var quotient = floor ? IntegerType.FloorDivide(x, y) : IntegerType.TruncatedDivide(x, y);
                    if (e.Op is BinaryOp.Div or BinaryOp.FloorDiv)
                        return Arith(type, quotient, e.Span, "division");
                    // C makes a % b undefined whenever a / b is not representable (INT_MIN % -1), though the remainder is 0.
                    Arith(type, quotient, e.Span, "remainder");
                    return Arith(type, floor ? IntegerType.FloorModulo(x, y) : IntegerType.TruncatedRemainder(x, y), e.Span, "remainder");
                }
                case BinaryOp.Lt:
                    return Bool(x < y);
                case BinaryOp.Le:
                    return Bool(x <= y);
                case BinaryOp.Gt:
                    return Bool(x > y);
                case BinaryOp.Ge:
                    return Bool(x >= y);
                case BinaryOp.Eq:
                    return Bool(x == y);
                case BinaryOp.Ne:
                    return Bool(x != y);
                case BinaryOp.Min:
                    return new Value(BigInteger.Min(x, y), type);
                case BinaryOp.Max:
                    return new Value(BigInteger.Max(x, y), type);
                // BigInteger's bitwise operators work on the infinite two's complement representation, which agrees
                // with the type's own on every value of the type; an unsigned result is already in range.
                case BinaryOp.BitAnd:
                    return new Value(x & y, type);
                case BinaryOp.BitOr:
                    return new Value(x | y, type);
                case BinaryOp.BitXor:
                    return new Value(x ^ y, type);
                default:
                    throw new InvalidOperationException($"unknown binary operator {e.Op} at {e.Span}");
            }
        }

        /// <summary>
        /// <c>a &lt;&lt; b</c> and <c>a &gt;&gt; b</c>: each operand is promoted on its own and the result has the left one's type.
        /// Under C semantics a count that is negative or not below the width is undefined, and so is a left shift of a
        /// negative signed value or one whose result does not fit; a right shift of a negative value is arithmetic
        /// (gcc's and clang's choice). Under math semantics only a negative count is an error.
        /// </summary>
        private Value Shift(BinaryExpr e, Value a, Value b)
        {
            var type = IntegerType.Promote(a.Type);
            var x = IntegerType.Convert(type, a.V, semantics);
            var count = IntegerType.Convert(IntegerType.Promote(b.Type), b.V, semantics);
            var left = e.Op == BinaryOp.ShiftLeft;
            if (count.Sign < 0)
                throw Stop(new UndefinedBehaviour(e.Span, $"shift by a negative count ({count})"));
            if (semantics == IntegerSemantics.C && type.IsMachineInteger)
            {
                if (count >= type.Bits)
                    throw Stop(new UndefinedBehaviour(e.Span, $"shift count {count} is not below the width {type.Bits} of {type}"));
                if (left && type.Kind == TypeKind.Signed && x.Sign < 0)
                    throw Stop(new UndefinedBehaviour(e.Span, $"left shift of the negative value {x}"));
            }
            else if (count > options.MaxIntegerBits)
            {
                throw Stop(new StepLimit());
            }
            var shift = (int)count;
            return left ? Arith(type, x << shift, e.Span, "left shift") : new Value(x >> shift, type);
        }

        /// <summary>
        /// The result of an arithmetic operation in <paramref name="type"/>: exact under math semantics, wrapped for
        /// unsigned types, and undefined behaviour when a signed result does not fit.
        /// </summary>
        private Value Arith(ScalarType type, BigInteger exact, SourceSpan at, string what)
        {
            if (semantics != IntegerSemantics.C || !type.IsMachineInteger)
                return exact.GetBitLength() <= options.MaxIntegerBits ? new Value(exact, type) : throw Stop(new StepLimit());
            if (type.Kind == TypeKind.Unsigned)
                return new Value(IntegerType.Wrap(type, exact), type);
            return IntegerType.IsInRange(type, exact)
                ? new Value(exact, type)
                : throw Stop(new UndefinedBehaviour(at, $"signed overflow in {what}: {exact} does not fit in {type}"));
        }

        /// <summary>The next nondeterministic value, drawn at <paramref name="at"/> by <paramref name="source"/> (recorded for the values given, not their repeats).</summary>
        private Value DrawNondet(ScalarType type, SourceSpan at, string source)
        {
            if (consumed >= nondet.Count && !(options.NondetCycleStart is { } start && nondet.Count > start))
                throw Stop(new OutOfNondetValues(at));
            if (consumed < nondet.Count)
                origins.Add(new NondetOrigin(at, source));
            var v = nondet[NondetPosition()];
            consumed++;
            return IntegerType.IsInDomain(type, v, semantics)
                ? new Value(v, type)
                : throw Stop(new InvalidInput($"nondeterministic value #{consumed - 1} ({v}) at {at} is not a value of {type}"));
        }

        /// <summary>Calls a function; null when it returned no value.</summary>
        private Value? Call(CallExpr e, Frame caller)
        {
            if (!functions.TryGetValue(e.Callee, out var info))
                return program.FindExternal(e.Callee) is { } external ? CallExternal(e, external, caller) : throw Stop(new Unresolved(e.Callee));
            var parameters = info.Decl.Parameters;
            if (e.Arguments.Length != parameters.Length)
                throw new InvalidOperationException($"{e.Span}: '{e.Callee}' takes {parameters.Length} arguments, got {e.Arguments.Length}");
            var args = new BigInteger[parameters.Length];
            for (var i = 0; i < args.Length; i++)
                args[i] = IntegerType.Convert(parameters[i].Type, Eval(e.Arguments[i], caller).V, semantics);
            if (caller.Depth >= options.MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                throw Stop(new DepthLimit(e.Span));
            var frame = NewFrame(info, caller.Depth + 1);
            for (var i = 0; i < args.Length; i++)
            {
                frame.Values[i] = args[i];
                // A pointer parameter's object is the argument's array, shared with the caller (none for the null pointer).
                if (parameters[i].PointsInto is { } pointee && !(args[i] == PointerExpr.NullOffset && e.Arguments[i] is PointerExpr { AllowsNull: true }))
                    frame.Arrays[pointee] = e.Arguments[i] is PointerExpr argument
                        ? ArrayNamed(caller, argument.Array, argument.Span)
                        : throw new InvalidOperationException($"{e.Arguments[i].Span}: the argument for pointer parameter '{parameters[i].Name}' is not a pointer");
            }
            if (options.WatchRecursion)
            {
                var entry = (info.Decl.Name, EntryState(frame));
                if (!runningEntries.Add(entry))
                    throw Stop(new InfiniteRecursion(e.Span, frame.Depth));
                ExecuteCallee(frame, e, caller);
                runningEntries.Remove(entry);
            }
            else
            {
                ExecuteCallee(frame, e, caller);
            }
            // The heap array the result points into outlives the callee: the caller names it.
            if (e.ResultObject is { } bound && info.Decl.ResultObject is { } own && frame.Arrays.TryGetValue(own, out var allocated))
                caller.Arrays[bound] = allocated;
            return frame.HasReturnValue ? new Value(frame.ReturnValue, info.Decl.ReturnType) : null;
        }

        /// <summary>
        /// Runs the body of the function that <paramref name="call"/> calls. Undefined behaviour inside a C library
        /// function that the program calls (<see cref="FunctionDecl.LibraryFile"/>) is placed at the call, and its
        /// description says where in the library function it happened.
        /// </summary>
        private void ExecuteCallee(Frame frame, CallExpr call, Frame caller)
        {
            try
            {
                Execute(frame);
            }
            catch (StopException stop) when (stop.Outcome is UndefinedBehaviour ub
                && frame.Info.Decl.Span.File == FunctionDecl.LibraryFile && caller.Info.Decl.Span.File != FunctionDecl.LibraryFile)
            {
                throw Stop(new UndefinedBehaviour(call.Span, $"{ub.What}, in '{call.Callee}' at {ub.At}"));
            }
        }

        /// <summary>A function that is declared, not defined: evaluates the arguments, then draws a value of the return type.</summary>
        private Value? CallExternal(CallExpr e, ExternalFunction external, Frame caller)
        {
            foreach (var argument in e.Arguments)
                EvalDiscarding(argument, caller);
            return external.ReturnType.Kind == TypeKind.Void ? null : DrawNondet(external.ReturnType, e.Span, $"the result of '{e.Callee}'");
        }

        /// <summary>The array <paramref name="name"/> and an index into it; undefined behaviour when the index is out of bounds.</summary>
        private static (ArrayObject Array, BigInteger Index) Element(Frame frame, string name, BigInteger index, SourceSpan at, string access)
        {
            var array = Live(ArrayNamed(frame, name, at), name, at);
            if (index.Sign < 0 || index >= array.Length)
                throw Stop(new UndefinedBehaviour(at, $"out-of-bounds {access} of '{name.Split('#')[0]}[{index}]' (its length is {array.Length})"));
            return (array, index);
        }

        /// <summary>The array, checked not to have been freed.</summary>
        private static ArrayObject Live(ArrayObject array, string name, SourceSpan at) =>
            array.Freed ? throw Stop(new UndefinedBehaviour(at, $"use of '{name.Split('#')[0]}' after free")) : array;

        /// <summary>
        /// <c>p = realloc(p, size)</c> (see <see cref="ReallocStmt"/>): from null a new array; otherwise a new object that
        /// holds the old one's elements up to the smaller length, and the old object freed.
        /// </summary>
        private void Reallocate(ReallocStmt s, Frame frame)
        {
            var offset = Eval(s.Offset, frame).V;
            var length = Eval(s.Length, frame).V;
            var name = s.Array.Split('#')[0];
            if (offset == PointerExpr.NullOffset)
            {
                frame.Arrays[s.Array] = new ArrayObject(length, s.ElementType, onHeap: true);
                return;
            }

            if (offset.Sign < 0)
                throw Stop(new UndefinedBehaviour(s.Span, $"realloc of '{name}', which holds no pointer"));
            var old = frame.Arrays.TryGetValue(s.Array, out var array) ? array : throw Stop(new UndefinedBehaviour(s.Span, $"realloc of '{name}', which holds no pointer"));
            if (old.Freed)
                throw Stop(new UndefinedBehaviour(s.Span, $"realloc of '{name}' after free"));
            if (!old.OnHeap)
                throw Stop(new UndefinedBehaviour(s.Span, $"realloc of '{name}', which malloc did not allocate"));
            if (!offset.IsZero)
                throw Stop(new UndefinedBehaviour(s.Span, $"realloc of a pointer {offset} elements into '{name}', not the one malloc returned"));
            var kept = BigInteger.Min(length, old.Length);
            var made = new ArrayObject(length, old.ElementType, onHeap: true) { ZeroedBelow = BigInteger.Min(old.ZeroedBelow, kept) };
            foreach (var (index, value) in old.Cells.Where(c => c.Key < kept))
                made.Cells[index] = value;
            old.Freed = true;
            frame.Arrays[s.Array] = made;
        }

        /// <summary>The array <paramref name="name"/> of the frame: one it declared, or the object of a pointer parameter.</summary>
        private static ArrayObject ArrayNamed(Frame frame, string name, SourceSpan at) =>
            frame.Arrays.TryGetValue(name, out var array)
                ? array
                : throw new InvalidOperationException($"{at}: array '{name}' is used before its declaration");

        /// <summary>Makes the automatic variable <paramref name="name"/> hold no value: its next read, before a store, is undefined behaviour.</summary>
        private static void MarkUnset(Frame frame, string name)
        {
            var slot = frame.Info.Slots[name];
            frame.Unset ??= new bool[frame.Values.Length];
            frame.Unset[slot] = true;
            frame.Values[slot] = BigInteger.Zero;
        }

        private Value Load(Frame frame, string name, SourceSpan at)
        {
            if (frame.Info.Slots.TryGetValue(name, out var slot))
            {
                if (frame.Unset is { } unset && unset[slot])
                    throw Stop(new UndefinedBehaviour(at, $"read of the uninitialized variable '{name.Split('#')[0]}'"));
                if (frame.Values[slot] is { } v)
                    return new Value(v, frame.Info.Types[slot]);
                if (python)
                    throw Stop(new Halted(at, $"UnboundLocalError: '{name}' is read before it is assigned"));
                throw new InvalidOperationException($"{at}: '{name}' is read before its declaration");
            }
            if (globalSlots.TryGetValue(name, out var g))
                return new Value(globals[g], globalTypes[g]);
            throw new InvalidOperationException($"{at}: unknown variable '{name}'");
        }

        /// <summary>Stores <paramref name="value"/> converted to the variable's type; returns what was stored.</summary>
        private Value Store(Frame frame, string name, BigInteger value, SourceSpan at)
        {
            if (frame.Info.Slots.TryGetValue(name, out var slot))
            {
                var type = frame.Info.Types[slot];
                var converted = IntegerType.Convert(type, value, semantics);
                frame.Values[slot] = converted;
                if (frame.Unset is { } unset)
                    unset[slot] = false;
                return new Value(converted, type);
            }
            if (globalSlots.TryGetValue(name, out var g))
            {
                var converted = IntegerType.Convert(globalTypes[g], value, semantics);
                globals[g] = converted;
                return new Value(converted, globalTypes[g]);
            }
            throw new InvalidOperationException($"{at}: unknown variable '{name}'");
        }

        /// <summary>The C type of an expression without evaluating it (for the common type of <c>?:</c>).</summary>
        private ScalarType StaticType(Expr expr, FunctionInfo f) => expr switch
        {
            IntLiteral e => e.Type,
            VarRef e when f.Slots.TryGetValue(e.Name, out var slot) => f.Types[slot],
            VarRef e when globalSlots.TryGetValue(e.Name, out var g) => globalTypes[g],
            UnaryExpr { Op: UnaryOp.Not } => ScalarType.Int,
            UnaryExpr e => IntegerType.Promote(StaticType(e.Operand, f)),
            BinaryExpr { Op: BinaryOp.ShiftLeft or BinaryOp.ShiftRight } e => IntegerType.Promote(StaticType(e.Left, f)),
            SequenceExpr e => StaticType(e.Second, f),
            BinaryExpr { Op: BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge or BinaryOp.Eq or BinaryOp.Ne or BinaryOp.And or BinaryOp.Or } => ScalarType.Int,
            BinaryExpr e => IntegerType.CommonType(StaticType(e.Left, f), StaticType(e.Right, f)),
            ConditionalExpr e => IntegerType.CommonType(StaticType(e.Then, f), StaticType(e.Else, f)),
            CastExpr e => e.Type,
            AssignExpr e when f.Slots.TryGetValue(e.Target, out var slot) => f.Types[slot],
            AssignExpr e when globalSlots.TryGetValue(e.Target, out var g) => globalTypes[g],
            CallExpr e when functions.TryGetValue(e.Callee, out var callee) => callee.Decl.ReturnType,
            CallExpr e when program.FindExternal(e.Callee) is { } external => external.ReturnType,
            NondetExpr e => e.Type,
            ArrayReadExpr e => e.ElementType,
            ArrayAssignExpr e => e.ElementType,
            PointerExpr => ScalarType.Unbounded,
            NullCheckExpr => ScalarType.Unbounded,
            ArgumentStringExpr => ScalarType.Unbounded,
            NewRecordExpr or RecordPointerExpr => ScalarType.Unbounded,
            FieldReadExpr e => program.FindRecord(e.Record)?.Field(e.Field)?.Type ?? ScalarType.Unbounded,
            FieldAssignExpr e => program.FindRecord(e.Record)?.Field(e.Field)?.Type ?? ScalarType.Unbounded,
            PointerDifferenceExpr e => e.Type,
            IntegerSqrtExpr e => e.Type,
            OverlapCheckExpr or ElementCheckExpr => ScalarType.Int,
            UndefinedExpr e => StaticType(e.Original, f),
            TerminatesExpr => ScalarType.Int,
            _ => throw new InvalidOperationException($"{expr.Span}: cannot type {expr}"),
        };
    }
}
