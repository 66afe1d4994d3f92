// Longer than 500 lines on purpose: one walk over every statement and expression kind of the IR, whose cases share
// the control-flow graph under construction; split across files, the cases of the one walk would be scattered.
using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>Raised when a <c>terminates(p)</c> query has no known answer; the caller turns it into DontKnow.</summary>
internal sealed class UnresolvedTerminationException(string function) : Exception($"terminates({function}) is not known")
{
    public string Function { get; } = function;
}

/// <summary>
/// Lowers one function of the core IR, with its callees inlined, into a small-step control-flow graph whose edges
/// carry exact integer semantics: signed overflow and division by zero branch to undefined-behaviour sinks,
/// unsigned arithmetic wraps.
/// </summary>
/// <remarks>
/// Recursion: a function on a cycle of the call graph gets a head at the start of its body (a
/// <see cref="NodeKind.LoopHead"/> marked <see cref="CfgNode.IsRecursionHead"/>). A call to a function whose body is being
/// lowered (the analyzed function, or a callee inlined around the call) does not inline it again; the call branches
/// two ways. One edge descends: the parameters take the arguments and control goes back to that function's head,
/// leaving the caller's continuation behind. The other returns at once with an arbitrary value of the return type,
/// after arbitrary values for the globals that the callee and its callees may assign. Every run of the program is then
/// either an infinite chain of nested calls, which is an infinite path over the descending edges, or a finite tree of
/// activations, each of whose bodies follows a path of the graph with the returning edges; so when no path of the
/// graph is infinite the program terminates, and what no path reaches no run reaches. The values chosen on returning
/// edges are abstractions: no run replays them.
/// </remarks>
internal sealed partial class Lowering
{
    private const int NoNode = -1;

    private readonly ProgramIr program;
    private readonly IntegerRules rules;
    private readonly IReadOnlyDictionary<string, bool> terminationFacts;
    private readonly ReturnSummaries summaries;
    /// <summary>Whether this is a summary-check graph (<see cref="LowerSummaryCheck"/>).</summary>
    private readonly bool summaryCheck;
    private readonly List<CfgNode> nodes = [];
    private readonly List<CfgEdge> edges = [];
    private readonly Dictionary<string, StateVar> variables = [];
    private readonly List<string> variableOrder = [];
    /// <summary>The frame of each function whose body is being lowered, by name: a call to one of them is recursion.</summary>
    private readonly Dictionary<string, Frame> activeFrames = [];
    private readonly HashSet<string> recursiveFunctions;

    /// <summary>The analyzed function and the functions it calls: what a run can execute.</summary>
    private HashSet<string> reachable = [];
    private readonly Dictionary<string, ScalarType> globals = [];
    private int current;
    private int temporaryCounter;
    private int inlineCounter;
    private Frame frame = null!;

    private sealed class Frame
    {
        public required string FunctionName { get; init; }
        public required Dictionary<string, string> Names { get; init; }
        public required string Suffix { get; init; }
        public required ScalarType ReturnType { get; init; }
        public required string? ReturnVariable { get; init; }
        public required int ReturnTarget { get; init; }
        public required bool IsTop { get; init; }
        /// <summary>The variables of the parameters, in order: what a recursive call assigns.</summary>
        public required ImmutableArray<string> ParameterVariables { get; init; }
        /// <summary>The head at the start of the body that recursive calls go back to; <see cref="NoNode"/> for a function on no call cycle.</summary>
        public int RecursionHead { get; set; } = NoNode;
        public Stack<int> Breaks { get; } = new();
        public Stack<int> Continues { get; } = new();
        /// <summary>The node of each label of the function, created at the label or at the first goto to it.</summary>
        public Dictionary<string, int> Labels { get; } = [];
        /// <summary>
        /// The pointer variables of an inlined call that hold a pointer into an object throughout the call (see
        /// <see cref="NonNullPointerVariables"/>): checking them for the null pointer is never needed.
        /// </summary>
        public HashSet<string> NonNullPointers { get; init; } = [];
        /// <summary>Where each label of the function is, and whether a goto jumps back to it, found before its body is lowered.</summary>
        public required Dictionary<string, (SourceSpan Span, bool IsLoopHead)> LabelSpans { get; init; }
    }

    private Lowering(ProgramIr program, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> terminationFacts, ReturnSummaries summaries, bool summaryCheck)
    {
        this.program = program;
        rules = new IntegerRules(program.Language, semantics);
        this.terminationFacts = terminationFacts;
        this.summaries = summaries;
        this.summaryCheck = summaryCheck;
        recursiveFunctions = [.. program.Functions.Where(f => program.Callees(f.Name).Contains(f.Name)).Select(f => f.Name)];
    }

    /// <summary>The graph of <paramref name="function"/>, whose recursive calls return values that satisfy <paramref name="summaries"/> (checked ones).</summary>
    public static SmallStepGraph Lower(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> terminationFacts, ReturnSummaries? summaries = null) =>
        new Lowering(program, semantics, terminationFacts, summaries ?? ReturnSummaries.None, summaryCheck: false).Build(function);

    /// <summary>
    /// The summary-check graph of <paramref name="function"/>: one activation called from anywhere (parameters and
    /// globals any values of their types), whose recursive calls only return, each with a value that satisfies the
    /// callee's summary in <paramref name="summaries"/> (any value without one). Each parameter's value at entry is
    /// kept in <see cref="ReturnSummaries.EntryValue"/>, so the exit can be checked against the function's summary.
    /// </summary>
    public static SmallStepGraph LowerSummaryCheck(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> terminationFacts, ReturnSummaries summaries) =>
        new Lowering(program, semantics, terminationFacts, summaries, summaryCheck: true).Build(function);

    private SmallStepGraph Build(FunctionDecl function)
    {
        reachable = program.Callees(function.Name);
        reachable.Add(function.Name);
        if (function.Parameters.FirstOrDefault(p => p.PointsToRecord is not null) is { } recordPointer)
        {
            throw SourceException.Unsupported(recordPointer.Span, $"pointer parameter '{recordPointer.Name}' of an analyzed function (the records it reaches are known only where it is called)");
        }

        var entry = NewNode(NodeKind.Entry, function.Span, $"entry of {function.Name}");
        var exit = NewNode(NodeKind.Exit, function.Span, $"return from {function.Name}");
        current = entry;
        foreach (var g in program.Globals)
        {
            globals[g.Name] = g.Type;
            Declare(g.Name, g.Type, false);
        }

        DeclareRecordVariables();
        string? returnVariable = null;
        if (function.ReturnType.Kind != TypeKind.Void)
        {
            returnVariable = "$ret";
            Declare(returnVariable, function.ReturnType, true);
        }

        frame = new Frame
        {
            FunctionName = function.Name,
            Names = [],
            Suffix = "",
            ReturnType = function.ReturnType,
            ReturnVariable = returnVariable,
            ReturnTarget = exit,
            IsTop = true,
            ParameterVariables = [.. function.Parameters.Select(p => p.Name)],
            LabelSpans = LabelsOf(function.Body),
        };
        foreach (var p in function.Parameters)
        {
            frame.Names[p.Name] = p.Name;
            Declare(p.Name, p.Type, false);
        }

        if (summaryCheck)
        {
            // Called from anywhere: the globals hold any values, and the parameters' entry values are kept.
            foreach (var g in program.Globals)
            {
                Emit(new HavocAction(g.Name, Abstraction: true));
            }

            foreach (var p in function.Parameters)
            {
                Declare(ReturnSummaries.EntryValue(p.Name), p.Type, false);
                Emit(new AssignAction(ReturnSummaries.EntryValue(p.Name), new Var(p.Name)));
            }
        }

        // Globals start at their initial values (C's zero when none is given).
        foreach (var g in summaryCheck ? [] : program.Globals)
        {
            if (g.Initializer is null)
            {
                Emit(new AssignAction(g.Name, new Const(0)));
            }
            else
            {
                var (value, type) = LowerValue(g.Initializer);
                Emit(new AssignAction(g.Name, rules.Convert(value, type, g.Type)));
            }
        }

        DeclareGlobalArrays();
        DeclareCallerObjects(function);
        activeFrames[function.Name] = frame;
        EnterBody(function);
        LowerStatement(function.Body);
        Jump(exit);

        return new SmallStepGraph
        {
            Nodes = [.. nodes],
            Edges = [.. edges],
            Variables = [.. variableOrder.Select(n => variables[n])],
            Parameters = function.Parameters,
            Entry = entry,
            Exit = exit,
            ReturnVariable = returnVariable,
            Semantics = rules.Semantics,
            InitialCondition = Formula.True,
            SharedObjects = sharedObjects,
        };
    }

    // ---- graph construction -------------------------------------------------------------------------------

    private int NewNode(NodeKind kind, SourceSpan span, string description, bool isRecursionHead = false)
    {
        var node = new CfgNode(nodes.Count, kind, span, description, frame is null || frame.IsTop, isRecursionHead);
        nodes.Add(node);
        return node.Id;
    }

    private int NewPlain() => NewNode(NodeKind.Plain, SourceSpan.None, "");

    private void Emit(CfgAction action)
    {
        EmitPlain(action);
        if (AfterStore(action) is { } flagUpdate)
        {
            EmitPlain(flagUpdate);
        }
    }

    /// <summary>Emits <paramref name="action"/> alone, leaving the flags of watched variables as they are.</summary>
    private void EmitPlain(CfgAction action)
    {
        if (current == NoNode)
        {
            return;
        }

        var next = NewPlain();
        edges.Add(new CfgEdge(current, next, action));
        current = next;
    }

    private void Jump(int target)
    {
        if (current != NoNode)
        {
            edges.Add(new CfgEdge(current, target, null));
        }

        current = NoNode;
    }

    /// <summary>Edges to <paramref name="whenTrue"/> and <paramref name="whenFalse"/>; <see cref="NoNode"/> drops that side.</summary>
    private void Branch(Formula condition, int whenTrue, int whenFalse, bool fromAssume = false)
    {
        if (current == NoNode)
        {
            return;
        }

        AddGuarded(current, whenTrue, condition, fromAssume && whenFalse == NoNode);
        AddGuarded(current, whenFalse, condition.Negate(), fromAssume && whenTrue == NoNode);
        current = NoNode;
    }

    private static readonly Dictionary<string, BigInteger> NoValues = [];

    private void AddGuarded(int from, int to, Formula guard, bool blocking)
    {
        // A guard over constants only (a condition on terminates(p), a literal comparison) is decided here, so that
        // code behind a false one is not even reachable in the graph.
        if (LogicOps.Evaluate(guard, NoValues) is bool decided)
        {
            guard = decided ? Formula.True : Formula.False;
        }

        if (to == NoNode || guard is BoolConst { Value: false })
        {
            return;
        }

        edges.Add(new CfgEdge(from, to, guard is BoolConst { Value: true } ? null : new AssumeAction(guard, blocking)));
    }

    /// <summary>Continues only when <paramref name="safe"/> holds; otherwise goes to an undefined-behaviour sink.</summary>
    private void GuardUndefined(Formula safe, SourceSpan span, string what)
    {
        if (current == NoNode || safe is BoolConst { Value: true })
        {
            return;
        }

        var ok = NewPlain();
        var ub = NewNode(NodeKind.UndefinedBehaviour, span, what);
        Branch(safe, ok, ub);
        current = ok;
    }

    private void Declare(string name, ScalarType type, bool temporary)
    {
        if (!variables.ContainsKey(name))
        {
            variables[name] = new StateVar(name, type, temporary);
            variableOrder.Add(name);
        }
    }

    private string NewTemporary(ScalarType type)
    {
        var name = $"$t{++temporaryCounter}";
        Declare(name, type, true);
        return name;
    }

    private string Resolve(string sourceName, SourceSpan span)
    {
        if (frame.Names.TryGetValue(sourceName, out var name))
        {
            return name;
        }

        if (globals.ContainsKey(sourceName))
        {
            return sourceName;
        }

        throw new SourceException(span, $"unknown variable '{sourceName}'");
    }

    private ScalarType TypeOf(string variable) => variables[variable].Type;

    // ---- statements ---------------------------------------------------------------------------------------

    private void LowerStatement(Stmt statement)
    {
        switch (statement)
        {
            case BlockStmt block:
                foreach (var s in block.Statements)
                {
                    LowerStatement(s);
                }

                break;
            case ArrayDeclStmt array:
                LowerArrayDeclaration(array);
                break;
            case FreeStmt free:
                LowerFree(free);
                break;
            case ReallocStmt realloc:
                LowerRealloc(realloc);
                break;
            case FreeRecordStmt free:
                LowerFreeRecord(free);
                break;
            case VarDeclStmt decl:
                LowerDeclaration(decl);
                break;
            case ExprStmt e:
                LowerDiscarded(e.Expression);
                break;
            case ParallelAssignStmt pa:
                LowerParallelAssign(pa);
                break;
            case IfStmt s:
                LowerIf(s);
                break;
            case LoopStmt loop:
                LowerLoop(loop);
                break;
            case BreakStmt b:
                if (frame.Breaks.Count == 0)
                {
                    throw new SourceException(b.Span, "'break' outside a loop or switch");
                }

                Jump(frame.Breaks.Peek());
                break;
            case ContinueStmt c:
                if (frame.Continues.Count == 0)
                {
                    throw new SourceException(c.Span, "'continue' outside a loop");
                }

                Jump(frame.Continues.Peek());
                break;
            case SwitchStmt sw:
                LowerSwitch(sw);
                break;
            case LabeledStmt l:
            {
                var node = LabelNode(l.Label, l.Span);
                Jump(node);
                current = node;
                LowerStatement(l.Body);
                break;
            }

            case GotoStmt g:
                Jump(LabelNode(g.Label, g.Span));
                break;
            case ReturnStmt r:
                if (r.Value is not null)
                {
                    var (value, type) = LowerValue(r.Value);
                    if (frame.ReturnVariable is not null)
                    {
                        Emit(new AssignAction(frame.ReturnVariable, rules.Convert(value, type, frame.ReturnType)));
                    }
                }

                Jump(frame.ReturnTarget);
                break;
            case AssumeStmt a:
            {
                var next = NewPlain();
                LowerCondition(a.Condition, next, NoNode, fromAssume: true);
                current = next;
                break;
            }

            case AssertStmt a:
            {
                var next = NewPlain();
                var fail = NewNode(NodeKind.AssertionFailure, a.Span, "assertion failure");
                LowerCondition(a.Condition, next, fail);
                current = next;
                break;
            }

            case HaltStmt h:
                Jump(NewNode(NodeKind.Halt, h.Span, h.Why));
                break;
            default:
                throw SourceException.Unsupported(statement.Span, statement.GetType().Name);
        }
    }

    private void LowerDeclaration(VarDeclStmt decl)
    {
        var name = frame.IsTop ? decl.Name : decl.Name + frame.Suffix;
        frame.Names[decl.Name] = name;
        Declare(name, decl.Type, false);
        var flag = IsWatched(decl) ? Watch(name) : null;
        if (decl.Initializer is null || IrWalker.InitializerUsesItself(decl))
        {
            if (ReadsBeforeStoreAreUndefined && decl.Automatic)
            {
                // No value until a store, so nothing is drawn (the interpreter draws nothing either); a watched
                // variable's flag says so, and any other one is stored before every read.
                EmitPlain(new AssignAction(name, new Const(0)));
                if (flag is not null)
                {
                    EmitPlain(new AssignAction(flag, new Const(0)));
                }
            }
            else
            {
                // Uninitialized, or read by its own initializer before that sets it: an arbitrary value of its type.
                Emit(new HavocAction(name));
            }
        }

        if (decl.Initializer is null)
        {
            return;
        }

        var (value, type) = LowerValue(decl.Initializer);
        Emit(new AssignAction(name, rules.Convert(value, type, decl.Type)));
    }

    private void LowerParallelAssign(ParallelAssignStmt pa)
    {
        var temps = new List<(string Target, Term Value)>();
        for (var i = 0; i < pa.Targets.Length; i++)
        {
            var target = Resolve(pa.Targets[i], pa.Span);
            var (value, type) = LowerValue(pa.Values[i]);
            var temp = NewTemporary(TypeOf(target));
            Emit(new AssignAction(temp, rules.Convert(value, type, TypeOf(target))));
            temps.Add((target, new Var(temp)));
        }

        foreach (var (target, value) in temps)
        {
            Emit(new AssignAction(target, value));
        }
    }

    private void LowerIf(IfStmt s)
    {
        var thenStart = NewPlain();
        var elseStart = NewPlain();
        var join = NewPlain();
        LowerCondition(s.Condition, thenStart, elseStart);
        current = thenStart;
        LowerStatement(s.Then);
        Jump(join);
        current = elseStart;
        if (s.Else is not null)
        {
            LowerStatement(s.Else);
        }

        Jump(join);
        current = join;
    }

    private void LowerLoop(LoopStmt loop)
    {
        TrackAtLoopEntry(loop);
        loopDepth++;
        try
        {
            LowerLoopInside(loop);
        }
        finally
        {
            loopDepth--;
        }
    }

    /// <summary>How many loops (of the function or of its callers, inlined) enclose the statement being lowered.</summary>
    private int loopDepth;

    /// <summary>
    /// Whether the statement being lowered may run more than once in one run of the lowered function: inside a loop or
    /// in the body of a recursive function (a loop made with <c>goto</c> is not counted).
    /// </summary>
    private bool Repeats => loopDepth > 0 || activeFrames.Keys.Any(recursiveFunctions.Contains);

    private void LowerLoopInside(LoopStmt loop)
    {
        var head = NewNode(NodeKind.LoopHead, loop.Span, $"loop at {loop.Span}");
        var bodyStart = NewPlain();
        var step = NewPlain();
        var exit = NewPlain();
        var onFalse = loop.Else is null ? exit : NewPlain();

        if (loop.Kind == LoopKind.DoWhile)
        {
            Jump(bodyStart);
        }
        else
        {
            Jump(head);
        }

        current = head;
        if (loop.Condition is null)
        {
            Jump(bodyStart);
        }
        else
        {
            LowerCondition(loop.Condition, bodyStart, onFalse);
        }

        current = bodyStart;
        frame.Breaks.Push(exit);
        frame.Continues.Push(step);
        LowerStatement(loop.Body);
        frame.Breaks.Pop();
        frame.Continues.Pop();
        Jump(step);
        current = step;
        if (loop.Step is not null)
        {
            LowerValue(loop.Step);
        }

        Jump(head);
        if (loop.Else is not null)
        {
            current = onFalse;
            LowerStatement(loop.Else);
            Jump(exit);
        }

        current = exit;
    }

    /// <summary>
    /// The sections' start nodes, entered through a chain of comparisons with the promoted value; each section falls
    /// through into the next one, and <c>break</c> goes past the last.
    /// </summary>
    private void LowerSwitch(SwitchStmt sw)
    {
        var (value, valueType) = LowerValue(sw.Value);
        var type = rules.Promote(valueType);
        var scrutinee = NewTemporary(type);
        Emit(new AssignAction(scrutinee, rules.Convert(value, valueType, type)));
        var starts = sw.Sections.Select(_ => NewPlain()).ToList();
        var exit = NewPlain();
        for (var i = 0; i < sw.Sections.Length; i++)
        {
            foreach (var label in sw.Sections[i].Labels)
            {
                var next = NewPlain();
                Branch(Formula.Eq(new Var(scrutinee), new Const(rules.ConvertConstant(label, type))), starts[i], next);
                current = next;
            }
        }

        var defaultSection = sw.Sections.Select((section, i) => (section, i)).FirstOrDefault(p => p.section.IsDefault);
        Jump(defaultSection.section is null ? exit : starts[defaultSection.i]);
        frame.Breaks.Push(exit);
        for (var i = 0; i < sw.Sections.Length; i++)
        {
            Jump(starts[i]);
            current = starts[i];
            foreach (var statement in sw.Sections[i].Statements)
            {
                LowerStatement(statement);
            }
        }

        frame.Breaks.Pop();
        Jump(exit);
        current = exit;
    }

    /// <summary>The node of a label: a loop head when a goto jumps back to it.</summary>
    private int LabelNode(string label, SourceSpan use)
    {
        if (frame.Labels.TryGetValue(label, out var node))
        {
            return node;
        }

        if (!frame.LabelSpans.TryGetValue(label, out var at))
        {
            throw new SourceException(use, $"label '{label}' is not defined in '{frame.FunctionName}'");
        }

        node = at.IsLoopHead ? NewNode(NodeKind.LoopHead, at.Span, $"loop at {at.Span}") : NewPlain();
        frame.Labels[label] = node;
        return node;
    }

    /// <summary>
    /// The labels of a function body, each with its position and whether a goto after it jumps back to it. Only such a
    /// label closes a loop; every cycle of the graph goes through one of them or through a loop statement's head.
    /// </summary>
    private static Dictionary<string, (SourceSpan Span, bool IsLoopHead)> LabelsOf(Stmt body)
    {
        var labels = new Dictionary<string, (SourceSpan Span, bool IsLoopHead)>();
        foreach (var statement in IrWalker.Statements(body))
        {
            switch (statement)
            {
                case LabeledStmt labeled:
                    labels.TryAdd(labeled.Label, (labeled.Span, false));
                    break;
                case GotoStmt jump when labels.TryGetValue(jump.Label, out var label):
                    labels[jump.Label] = label with { IsLoopHead = true };
                    break;
            }
        }

        return labels;
    }

    // ---- conditions ---------------------------------------------------------------------------------------

    /// <summary>
    /// Lowers a condition into branches to <paramref name="whenTrue"/> and <paramref name="whenFalse"/>. In a condition
    /// without effects (no store, assignment or call), an element read again at the same index is the value read
    /// before: nothing can have changed it, and C reads what the element holds (<c>*s &amp;&amp; *s == *t</c> reads
    /// <c>*s</c> once as far as the analysis is concerned). Only a read that every path to the second one passes
    /// lends its value: one in an atom, or in the left operand of <c>&amp;&amp;</c> or <c>||</c> on the way to the right.
    /// </summary>
    private void LowerCondition(Expr e, int whenTrue, int whenFalse, bool fromAssume = false)
    {
        if (stableReads is not null || !IrWalker.Subexpressions(e).All(ReadsWithoutEffects))
        {
            LowerConditionParts(e, whenTrue, whenFalse, fromAssume);
            return;
        }

        stableReads = [];
        try
        {
            LowerConditionParts(e, whenTrue, whenFalse, fromAssume);
        }
        finally
        {
            stableReads = null;
        }
    }

    /// <summary>
    /// Whether an expression of a condition leaves memory and variables as they are and evaluates all its operands
    /// (a condition's own <c>&amp;&amp;</c>, <c>||</c> and <c>!</c> aside, whose parts are lowered as branches). A check
    /// of an element (<see cref="ElementCheckExpr"/>) or of a pointer that may be null (<see cref="NullCheckExpr"/>) may
    /// end the run, but changes nothing.
    /// </summary>
    private static bool ReadsWithoutEffects(Expr e) =>
        e is IntLiteral or VarRef or CastExpr or ArrayReadExpr
            or UnaryExpr
            or BinaryExpr
            or SequenceExpr or ElementCheckExpr or NullCheckExpr;

    /// <summary>
    /// The element reads of the condition being lowered whose values hold where lowering is (see
    /// <see cref="LowerCondition"/>), by the array's length variable, the index and the type read; null outside a
    /// condition without effects.
    /// </summary>
    private Dictionary<(string Length, Term Index, ScalarType Type), Var>? stableReads;

    private void LowerConditionParts(Expr e, int whenTrue, int whenFalse, bool fromAssume)
    {
        switch (e)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
            {
                var middle = NewPlain();
                LowerConditionParts(and.Left, middle, whenFalse, fromAssume);
                var afterLeft = stableReads is null ? null : new Dictionary<(string, Term, ScalarType), Var>(stableReads);
                current = middle;
                LowerConditionParts(and.Right, whenTrue, whenFalse, fromAssume);

                // The right operand's reads do not happen on every path out of the conjunction.
                stableReads = afterLeft;
                return;
            }

            case BinaryExpr { Op: BinaryOp.Or } or:
            {
                var middle = NewPlain();
                LowerConditionParts(or.Left, whenTrue, middle, fromAssume);
                var afterLeft = stableReads is null ? null : new Dictionary<(string, Term, ScalarType), Var>(stableReads);
                current = middle;
                LowerConditionParts(or.Right, whenTrue, whenFalse, fromAssume);
                stableReads = afterLeft;
                return;
            }

            case UnaryExpr { Op: UnaryOp.Not } not:
                LowerConditionParts(not.Operand, whenFalse, whenTrue, fromAssume);
                return;
            case BinaryExpr b when IsComparison(b.Op):
                Branch(LowerComparison(b), whenTrue, whenFalse, fromAssume);
                return;
            default:
                var (value, _) = LowerValue(e);
                Branch(Formula.Ne(value, new Const(0)), whenTrue, whenFalse, fromAssume);
                return;
        }
    }

    private static bool IsComparison(BinaryOp op) => op is BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge or BinaryOp.Eq or BinaryOp.Ne;

    private Formula LowerComparison(BinaryExpr b)
    {
        var (l, lt) = LowerValue(b.Left);
        var (r, rt) = LowerValue(b.Right);
        var common = rules.Common(lt, rt);
        l = rules.Convert(l, lt, common);
        r = rules.Convert(r, rt, common);
        return b.Op switch
        {
            BinaryOp.Lt => Formula.Lt(l, r),
            BinaryOp.Le => Formula.Le(l, r),
            BinaryOp.Gt => Formula.Gt(l, r),
            BinaryOp.Ge => Formula.Ge(l, r),
            BinaryOp.Eq => Formula.Eq(l, r),
            _ => Formula.Ne(l, r),
        };
    }

    // ---- values -------------------------------------------------------------------------------------------

    private ScalarType BoolResultType => program.Language == SourceLanguage.Python ? ScalarType.Bool : ScalarType.Int;

    private (Term Value, ScalarType Type) LowerValue(Expr e)
    {
        switch (e)
        {
            case IntLiteral lit:
                return (new Const(lit.Value), rules.Effective(lit.Type));
            case VarRef v:
            {
                var name = Resolve(v.Name, v.Span);
                CheckInitialized(name, v);
                return (new Var(name), TypeOf(name));
            }

            case CastExpr c:
            {
                var (value, type) = LowerValue(c.Operand);
                return (rules.Convert(value, type, c.Type), rules.Effective(c.Type));
            }

            case UnaryExpr u:
                return LowerUnary(u);
            case BinaryExpr b when IsComparison(b.Op):
                return (AsValue(LowerComparison(b)), BoolResultType);
            case BinaryExpr { Op: BinaryOp.And or BinaryOp.Or }:
            case ConditionalExpr:
                return LowerBranchingValue(e);
            case BinaryExpr { Op: BinaryOp.ShiftLeft or BinaryOp.ShiftRight } shift:
                return LowerShift(shift);
            case BinaryExpr { Op: BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor } bitwise:
                return LowerBitwise(bitwise);
            case BinaryExpr b:
                return LowerArithmetic(b);
            case SequenceExpr sequence:
                LowerDiscarded(sequence.First);
                return LowerValue(sequence.Second);
            case AssignExpr a:
            {
                var target = Resolve(a.Target, a.Span);
                var type = TypeOf(target);
                Term? old = null;
                if (a.YieldsOldValue)
                {
                    var saved = NewTemporary(type);
                    Emit(new AssignAction(saved, new Var(target)));
                    old = new Var(saved);
                }

                var (value, valueType) = LowerValue(a.Value);
                Emit(new AssignAction(target, rules.Convert(value, valueType, type)));
                return (old ?? new Var(target), rules.Effective(type));
            }

            case NondetExpr n:
            {
                var temp = NewTemporary(n.Type);
                Emit(new HavocAction(temp));
                return (new Var(temp), rules.Effective(n.Type));
            }

            case ArrayReadExpr read:
            {
                var (index, _) = LowerValue(read.Index);
                GuardIndex(read.Array, index, read.Span, "read");
                return (TrackedRead(read.Array, index, read.ElementType, read.Span), rules.Effective(read.ElementType));
            }

            case ArrayAssignExpr write:
            {
                // The index and the value are unsequenced (the frontend keeps them free of conflicting effects); the
                // interpreter evaluates them in this order too.
                var (index, _) = LowerValue(write.Index);
                var (value, valueType) = LowerValue(write.Value);
                GuardIndex(write.Array, index, write.Span, "write");
                GuardWritable(write.Array, write.Span);
                var stored = NewTemporary(write.ElementType);
                Emit(new AssignAction(stored, rules.Convert(value, valueType, write.ElementType)));
                TrackedWrite(write.Array, index, new Var(stored), write.ElementType, write.Span);
                return (new Var(stored), rules.Effective(write.ElementType));
            }

            case PointerExpr pointer:
            {
                var (offset, offsetType) = LowerValue(pointer.Offset);
                offset = rules.Convert(offset, offsetType, ScalarType.Unbounded);
                var length = Resolve(LengthName(pointer.Array), pointer.Span);
                var isNull = pointer.AllowsNull ? Formula.Eq(offset, new Const(PointerExpr.NullOffset)) : null;
                GuardLive(length, pointer.Array, pointer.Span, isNull);
                var within = Formula.And(Formula.Ge(offset, new Const(0)), Formula.Le(offset, new Var(length)));
                GuardUndefined(isNull is null ? within : Formula.Or(isNull, within), pointer.Span, $"pointer out of the bounds of '{pointer.Array.Split('#')[0]}'");
                return (offset, ScalarType.Unbounded);
            }

            case NullCheckExpr check:
            {
                var (offset, offsetType) = LowerValue(check.Pointer);
                offset = rules.Convert(offset, offsetType, ScalarType.Unbounded);
                if (check.Pointer is VarRef pointer && frame.NonNullPointers.Contains(pointer.Name))
                {
                    return (offset, ScalarType.Unbounded);
                }

                GuardUndefined(new Cmp(CmpOp.Ne, offset, new Const(PointerExpr.NullOffset)), check.Span, "null pointer dereferenced, moved or compared");
                return (offset, ScalarType.Unbounded);
            }

            case PointerDifferenceExpr difference:
            {
                var (left, _) = LowerValue(difference.Left);
                var (right, _) = LowerValue(difference.Right);
                return (CheckedResult(LogicOps.SimplifyArith(ArithOp.Sub, left, right), rules.Effective(difference.Type), difference.Span, "pointer subtraction"), rules.Effective(difference.Type));
            }

            case NewRecordExpr or RecordPointerExpr or FieldReadExpr or FieldAssignExpr:
                return LowerRecord(e);
            case IntegerSqrtExpr root:
                return LowerSquareRoot(root);
            case ArgumentStringExpr argument:
                return LowerArgumentString(argument);
            case OverlapCheckExpr check:
                return LowerOverlapCheck(check);
            case ElementCheckExpr check:
                return LowerElementCheck(check);
            case TerminatesExpr t:
                if (!terminationFacts.TryGetValue(t.Function, out var terminates))
                {
                    throw new UnresolvedTerminationException(t.Function);
                }

                return (new Const(terminates ? 1 : 0), BoolResultType);
            case CallExpr call:
                return LowerCall(call);
            case UndefinedExpr u:
                // Every run that gets here has undefined behaviour. The expression as written still gives the value's
                // type, so it is lowered where no run can reach.
                Jump(NewNode(NodeKind.UndefinedBehaviour, u.Span, u.Reason));
                current = NewPlain();
                return LowerValue(u.Original);
            default:
                throw SourceException.Unsupported(e.Span, e.GetType().Name);
        }
    }

    /// <summary>
    /// ⌊√x⌋ (see <see cref="IntegerSqrtExpr"/>): undefined for a negative x, else the one s with s ≥ 0 and
    /// s·s ≤ x &lt; (s+1)·(s+1), a value the encoding states by these facts rather than computes.
    /// </summary>
    private (Term, ScalarType) LowerSquareRoot(IntegerSqrtExpr root)
    {
        var (x, operandType) = LowerValue(root.Operand);
        if (rules.Promote(operandType) is { IsMachineInteger: true, Bits: > 32 } wide)
        {
            throw SourceException.Unsupported(root.Span, $"sqrt of a {wide} value (its conversion to double may round)");
        }

        GuardUndefined(Formula.Ge(x, new Const(0)), root.Span, "sqrt of a negative value converted to an integer");
        var s = Abstract(root.Type, v =>
        {
            var next = LogicOps.SimplifyArith(ArithOp.Add, v, new Const(1));
            return Formula.And(
                Formula.Ge(v, new Const(0)),
                Formula.Le(LogicOps.SimplifyArith(ArithOp.Mul, v, v), x),
                Formula.Lt(x, LogicOps.SimplifyArith(ArithOp.Mul, next, next)));
        });
        return (s, rules.Effective(root.Type));
    }

    /// <summary>
    /// The check of <see cref="OverlapCheckExpr"/>: the callee's objects are bound where the call is inlined, so whether
    /// the two pointers share one object is known here; when they do, the ranges must be disjoint (or one empty).
    /// </summary>
    private (Term, ScalarType) LowerOverlapCheck(OverlapCheckExpr check)
    {
        var first = LowerUnbounded(check.First.Offset);
        var firstCount = LowerUnbounded(check.FirstCount);
        var second = LowerUnbounded(check.Second.Offset);
        var secondCount = LowerUnbounded(check.SecondCount);
        if (Resolve(LengthName(check.First.Array), check.Span) == Resolve(LengthName(check.Second.Array), check.Span))
        {
            GuardUndefined(
                Formula.Or(
                    Formula.Le(firstCount, new Const(0)),
                    Formula.Le(secondCount, new Const(0)),
                    Formula.Le(LogicOps.SimplifyArith(ArithOp.Add, first, firstCount), second),
                    Formula.Le(LogicOps.SimplifyArith(ArithOp.Add, second, secondCount), first)),
                check.Span,
                check.Reason);
        }

        return (new Const(0), ScalarType.Int);

        Term LowerUnbounded(Expr e)
        {
            var (value, type) = LowerValue(e);
            return rules.Convert(value, type, ScalarType.Unbounded);
        }
    }

    private static Term AsValue(Formula f) => f switch
    {
        BoolConst { Value: true } => new Const(1),
        BoolConst { Value: false } => new Const(0),
        _ => new Ite(f, new Const(1), new Const(0)),
    };

    /// <summary>&amp;&amp;, || and ?: as values: control flow into a temporary, so that side effects and undefined behaviour happen only on the taken side.</summary>
    private (Term, ScalarType) LowerBranchingValue(Expr e)
    {
        if (e is ConditionalExpr c)
        {
            var thenStart = NewPlain();
            var elseStart = NewPlain();
            var join = NewPlain();
            LowerCondition(c.Condition, thenStart, elseStart);
            current = thenStart;
            var (a, at) = LowerValue(c.Then);
            var after = current;
            current = elseStart;
            var (b, bt) = LowerValue(c.Else);
            var elseAfter = current;
            var type = rules.Common(at, bt);
            var temp = NewTemporary(type);
            current = after;
            Emit(new AssignAction(temp, rules.Convert(a, at, type)));
            Jump(join);
            current = elseAfter;
            Emit(new AssignAction(temp, rules.Convert(b, bt, type)));
            Jump(join);
            current = join;
            return (new Var(temp), type);
        }

        var result = NewTemporary(BoolResultType);
        var yes = NewPlain();
        var no = NewPlain();
        var done = NewPlain();
        LowerCondition(e, yes, no);
        current = yes;
        Emit(new AssignAction(result, new Const(1)));
        Jump(done);
        current = no;
        Emit(new AssignAction(result, new Const(0)));
        Jump(done);
        current = done;
        return (new Var(result), BoolResultType);
    }

    private (Term, ScalarType) LowerUnary(UnaryExpr u)
    {
        var (value, type) = LowerValue(u.Operand);
        switch (u.Op)
        {
            case UnaryOp.Not:
                return (AsValue(Formula.Eq(value, new Const(0))), BoolResultType);
            case UnaryOp.BitNot:
            {
                var t = rules.Promote(type);
                return (BitNot(rules.Convert(value, type, t), t), t);
            }

            case UnaryOp.Abs:
            {
                var t = rules.Promote(type);
                var v = rules.Convert(value, type, t);
                var abs = new Ite(Formula.Ge(v, new Const(0)), v, new Arith(ArithOp.Sub, new Const(0), v));
                return (CheckedResult(abs, t, u.Span, "abs"), t);
            }

            default:
            {
                var t = rules.Promote(type);
                var v = rules.Convert(value, type, t);
                return (CheckedResult(LogicOps.SimplifyArith(ArithOp.Sub, new Const(0), v), t, u.Span, "negation", IntegerRules.Bounds(ArithOp.Sub, new Const(0), v, t)), t);
            }
        }
    }

    private (Term, ScalarType) LowerArithmetic(BinaryExpr b)
    {
        var (l, lt) = LowerValue(b.Left);
        var (r, rt) = LowerValue(b.Right);
        ScalarType type;
        if (b.Op is BinaryOp.Min or BinaryOp.Max)
        {
            type = rules.Common(lt, rt);
            l = rules.Convert(l, lt, type);
            r = rules.Convert(r, rt, type);
            var pick = b.Op == BinaryOp.Min ? Formula.Le(l, r) : Formula.Ge(l, r);
            return (new Ite(pick, l, r), type);
        }

        type = rules.Common(lt, rt);
        l = rules.Convert(l, lt, type);
        r = rules.Convert(r, rt, type);
        var op = b.Op switch
        {
            BinaryOp.Add => ArithOp.Add,
            BinaryOp.Sub => ArithOp.Sub,
            BinaryOp.Mul => ArithOp.Mul,
            BinaryOp.Div => ArithOp.DivTrunc,
            BinaryOp.Rem => ArithOp.RemTrunc,
            BinaryOp.FloorDiv => ArithOp.DivFloor,
            _ => ArithOp.ModFloor,
        };
        var symbol = b.Op switch
        {
            BinaryOp.Add => "addition",
            BinaryOp.Sub => "subtraction",
            BinaryOp.Mul => "multiplication",
            BinaryOp.Div or BinaryOp.FloorDiv => "division",
            _ => "remainder",
        };

        if (op is ArithOp.DivTrunc or ArithOp.RemTrunc or ArithOp.DivFloor or ArithOp.ModFloor)
        {
            var nonzero = Formula.Ne(r, new Const(0));
            if (program.Language == SourceLanguage.Python)
            {
                // ZeroDivisionError stops the function: it terminates.
                var ok = NewPlain();
                var raise = NewNode(NodeKind.Halt, b.Span, "ZeroDivisionError");
                Branch(nonzero, ok, raise);
                current = ok;
            }
            else
            {
                GuardUndefined(nonzero, b.Span, $"{symbol} by zero");
            }

            if (op == ArithOp.RemTrunc && type.Kind == TypeKind.Signed)
            {
                // INT_MIN % -1 is undefined because INT_MIN / -1 overflows, although the remainder 0 is representable.
                GuardUndefined(
                    Formula.Or(Formula.Ne(l, new Const(IntegerRules.Min(type))), Formula.Ne(r, new Const(-1))),
                    b.Span,
                    "signed overflow in remainder");
            }
        }

        return (CheckedResult(LogicOps.SimplifyArith(op, l, r), type, b.Span, symbol, IntegerRules.Bounds(op, l, r, type)), type);
    }

    /// <summary>
    /// The exact result reduced to the type: undefined when a signed result is out of range, wrapped when unsigned.
    /// <paramref name="bounds"/>, where known, bound the exact result in every run and let the wrap be a case split.
    /// </summary>
    private Term CheckedResult(Term exact, ScalarType type, SourceSpan span, string what, (BigInteger Lo, BigInteger Hi)? bounds = null)
    {
        switch (type.Kind)
        {
            case TypeKind.Signed:
                if (exact is Const)
                {
                    if (LogicOps.Evaluate(exact, new Dictionary<string, BigInteger>()) is { } c && (c < IntegerRules.Min(type) || c > IntegerRules.Max(type)))
                    {
                        GuardUndefined(Formula.False, span, $"signed overflow in {what}");
                    }

                    return exact;
                }

                // Name the result so the range check and its later uses share one term.
                var temp = NewTemporary(type);
                Emit(new AssignAction(temp, exact));
                var v = new Var(temp);
                GuardUndefined(Formula.And(Formula.Ge(v, new Const(IntegerRules.Min(type))), Formula.Le(v, new Const(IntegerRules.Max(type)))), span, $"signed overflow in {what}");
                return v;
            case TypeKind.Unsigned:
                return bounds is var (lo, hi) ? IntegerRules.Wrap(exact, type, lo, hi) : IntegerRules.Wrap(exact, type);
            default:
                return exact;
        }
    }

    // ---- calls --------------------------------------------------------------------------------------------

    /// <summary>An expression whose value is not used: a call of a function then keeps no variable for its result.</summary>
    private void LowerDiscarded(Expr expression)
    {
        _ = expression is CallExpr call ? LowerCall(call, valueUsed: false) : LowerValue(expression);
    }

    private (Term, ScalarType) LowerCall(CallExpr call, bool valueUsed = true)
    {
        if (program.Find(call.Callee) is null && program.FindExternal(call.Callee) is { } external)
        {
            // Declared, not defined: the arguments are evaluated, then any value of the return type comes back.
            foreach (var argument in call.Arguments)
            {
                _ = LowerValue(argument);
            }

            return external.ReturnType.Kind == TypeKind.Void
                ? (new Const(0), ScalarType.Int)
                : LowerValue(new NondetExpr(external.ReturnType, call.Span));
        }

        var callee = program.Find(call.Callee) ?? throw new SourceException(call.Span, $"unknown function '{call.Callee}'");
        if (call.Arguments.Length != callee.Parameters.Length)
        {
            throw new SourceException(call.Span, $"'{callee.Name}' takes {callee.Parameters.Length} arguments, not {call.Arguments.Length}");
        }

        if (activeFrames.TryGetValue(callee.Name, out var active))
        {
            return LowerRecursiveCall(call, callee, active);
        }

        var arguments = call.Arguments.Select(LowerValue).ToList();
        var suffix = $"@{callee.Name}#{++inlineCounter}";
        var names = new Dictionary<string, string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var parameter = callee.Parameters[i];
            if (parameter.PointsInto is { } pointee)
            {
                // The callee's object is the caller's array: its length is the caller's length variable.
                names[LengthName(pointee)] = call.Arguments[i] is PointerExpr argument
                    ? Resolve(LengthName(argument.Array), argument.Span)
                    : throw SourceException.Unsupported(call.Arguments[i].Span, $"an argument for pointer parameter '{parameter.Name}' of '{callee.Name}' that is not a pointer into an array");
            }

            var name = parameter.Name + suffix;
            names[parameter.Name] = name;
            Declare(name, parameter.Type, false);
            Emit(new AssignAction(name, rules.Convert(arguments[i].Value, arguments[i].Type, parameter.Type)));
        }

        // A summarized callee's arguments are kept: whatever path of the graph comes back from the call (the graph
        // also lets a nested activation's return reach here), the call's value satisfies the summary of them.
        var summary = summaries.Of(callee.Name);
        var entryValues = new List<Term>();
        if (summary is not null)
        {
            foreach (var parameter in callee.Parameters)
            {
                // A variable of the program (invariants may speak of it), named after the parameter: x.entry@f#k.
                var kept = ReturnSummaries.KeptArgument(parameter.Name, suffix);
                Declare(kept, parameter.Type, false);
                Emit(new AssignAction(kept, new Var(names[parameter.Name])));
                entryValues.Add(new Var(kept));
            }
        }

        string? returnVariable = null;
        if (callee.ReturnType.Kind != TypeKind.Void && valueUsed)
        {
            returnVariable = "$ret" + suffix;
            Declare(returnVariable, callee.ReturnType, true);
        }

        var afterCall = NewPlain();
        var caller = frame;
        frame = new Frame
        {
            FunctionName = callee.Name,
            Names = names,
            Suffix = suffix,
            ReturnType = callee.ReturnType,
            ReturnVariable = returnVariable,
            ReturnTarget = afterCall,
            IsTop = false,
            ParameterVariables = [.. callee.Parameters.Select(p => names[p.Name])],
            LabelSpans = LabelsOf(callee.Body),
            NonNullPointers = NonNullPointerVariables(call, callee),
        };
        activeFrames[callee.Name] = frame;
        EnterBody(callee);
        LowerStatement(callee.Body);
        Jump(afterCall);
        activeFrames.Remove(callee.Name);
        frame = caller;
        current = afterCall;
        if (call.ResultObject is { } bound)
        {
            // The heap array the result points into outlives the callee: the caller's name reaches its variables.
            var own = callee.ResultObject ?? throw new InvalidOperationException($"{call.Span}: '{callee.Name}' returns no array of its own");
            frame.Names[LengthName(bound)] = names[LengthName(own)];
            frame.Names[CellName(bound)] = names[CellName(own)];
            frame.Names[CellValueName(bound)] = names[CellValueName(own)];
        }

        if (summary is not null && returnVariable is not null)
        {
            Emit(new AssumeAction(ReturnSummaries.Instantiate(summary, [.. callee.Parameters.Select(p => p.Name)], entryValues, new Var(returnVariable)), FromAssumeStatement: true));
        }
        return returnVariable is null
            ? (new Const(0), ScalarType.Int)
            : (new Var(returnVariable), rules.Effective(callee.ReturnType));
    }

    /// <summary>
    /// The pointer variables of <paramref name="callee"/> that hold a pointer into an object during the whole inlined
    /// <paramref name="call"/>, so that checking them for the null pointer is never needed: the greatest set of its
    /// pointer parameters and own variables such that each parameter's argument is a pointer formed within its array (never
    /// null) and every value given to one of them (by a declaration or a store) is such a pointer or another variable
    /// of the set. A callee on a call cycle keeps its checks (its recursive calls assign the parameters too).
    /// </summary>
    private HashSet<string> NonNullPointerVariables(CallExpr call, FunctionDecl callee)
    {
        var nonNull = new HashSet<string>(StringComparer.Ordinal);
        if (recursiveFunctions.Contains(callee.Name))
        {
            return nonNull;
        }

        var given = new Dictionary<string, List<Expr?>>(StringComparer.Ordinal);
        void Give(string name, Expr? value)
        {
            if (!given.TryGetValue(name, out var values))
            {
                given[name] = values = [];
            }

            values.Add(value);
        }

        for (var i = 0; i < callee.Parameters.Length; i++)
        {
            if (callee.Parameters[i].PointsInto is not null)
            {
                Give(callee.Parameters[i].Name, call.Arguments[i]);
            }
        }

        foreach (var statement in IrWalker.Statements(callee.Body))
        {
            switch (statement)
            {
                case VarDeclStmt declaration:
                    Give(declaration.Name, declaration.Initializer);
                    break;
                case ParallelAssignStmt parallel:
                    foreach (var target in parallel.Targets)
                    {
                        Give(target, null);
                    }

                    break;
            }
        }

        foreach (var assignment in IrWalker.Expressions(callee.Body).OfType<AssignExpr>())
        {
            Give(assignment.Target, assignment.Value);
        }

        // Only the parameters and the callee's own variables: a variable at file scope holds what it held before the call.
        var own = IrWalker.Statements(callee.Body).OfType<VarDeclStmt>().Select(d => d.Name).Concat(callee.Parameters.Where(p => p.PointsInto is not null).Select(p => p.Name));
        nonNull.UnionWith(own);
        bool NeverNull(Expr? value) => value is PointerExpr { AllowsNull: false } || (value is VarRef source && nonNull.Contains(source.Name));
        while (nonNull.RemoveWhere(name => !given.TryGetValue(name, out var values) || !values.All(NeverNull)) > 0)
        {
        }

        return nonNull;
    }

    /// <summary>For a function on a call cycle: the head at the start of its body, which its recursive calls go back to.</summary>
    private void EnterBody(FunctionDecl function)
    {
        // A summary-check graph has no descending calls, so nothing goes back to a head.
        if (summaryCheck || !recursiveFunctions.Contains(function.Name))
        {
            return;
        }

        frame.RecursionHead = NewNode(NodeKind.LoopHead, function.Span, $"recursive calls of {function.Name} at {function.Span}", isRecursionHead: true);
        Jump(frame.RecursionHead);
        current = frame.RecursionHead;
    }

    /// <summary>
    /// A call to a function whose body is being lowered: the arguments are evaluated, then either the call descends
    /// (parameters assigned, back to the function's head) or it returns an arbitrary value of the return type, with
    /// arbitrary values in the globals the callee may assign.
    /// </summary>
    private (Term, ScalarType) LowerRecursiveCall(CallExpr call, FunctionDecl callee, Frame target)
    {
        if (call.ResultObject is not null || (summaryCheck && callee.Parameters.Any(p => p.PointsInto is not null)))
        {
            throw SourceException.Unsupported(call.Span, $"recursive call of '{callee.Name}', which returns a pointer into an array of its own");
        }

        // A pointer argument must point into the array that the active call's parameter already points into (as in
        // 'f(s + 1)'): the graph has one set of the parameter's variables, bound where the outermost call was inlined.
        var pointerArguments = new List<string>();
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            if (callee.Parameters[i].PointsInto is not { } pointee)
            {
                continue;
            }

            if (call.Arguments[i] is not PointerExpr argument
                || !target.Names.TryGetValue(LengthName(pointee), out var bound)
                || Resolve(LengthName(argument.Array), argument.Span) != bound)
            {
                throw SourceException.Unsupported(call.Arguments[i].Span, $"a recursive call of '{callee.Name}' whose pointer argument points into another array than its parameter '{callee.Parameters[i].Name}' does");
            }

            pointerArguments.Add(argument.Array);
        }

        var arguments = new List<Term>();
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var (value, type) = LowerValue(call.Arguments[i]);
            var parameterType = callee.Parameters[i].Type;
            var temp = NewTemporary(parameterType);
            Emit(new AssignAction(temp, rules.Convert(value, type, parameterType)));
            arguments.Add(new Var(temp));
        }

        var at = current;
        var descend = summaryCheck ? NoNode : NewPlain();
        var returns = NewPlain();
        if (at != NoNode)
        {
            if (descend != NoNode)
            {
                edges.Add(new CfgEdge(at, descend, null));
            }

            edges.Add(new CfgEdge(at, returns, null));
        }

        if (descend != NoNode)
        {
            current = descend;
            for (var i = 0; i < arguments.Count; i++)
            {
                Emit(new AssignAction(target.ParameterVariables[i], arguments[i]));
            }

            Jump(target.RecursionHead);
        }

        current = returns;
        foreach (var global in AssignedGlobals(callee.Name))
        {
            Emit(new HavocAction(global, Abstraction: true));
        }

        // The arrays at file scope that the call may store into: their tracked elements hold any value afterwards.
        foreach (var array in StoredGlobalArrays(callee.Name))
        {
            if (boundedRuns.TryGetValue(LengthName(array), out var run))
            {
                // Nothing is known of the elements the call may have stored.
                EmptyRun(run);
            }
            else if (trackedElements.TryGetValue(LengthName(array), out var tracked))
            {
                Emit(new HavocAction(tracked.Value, Abstraction: true));
            }
        }

        HavocRecordsAfterCall(callee.Name);

        // The call may have stored into the arrays it was passed: their tracked elements hold any value afterwards.
        if (pointerArguments.Count > 0 && StoresIntoArrays(callee.Name))
        {
            foreach (var array in pointerArguments)
            {
                if (TrackedElementOf(array, call.Span) is { } tracked)
                {
                    Emit(new HavocAction(tracked.Value, Abstraction: true));
                }
            }
        }

        if (callee.ReturnType.Kind == TypeKind.Void)
        {
            return (new Const(0), ScalarType.Int);
        }

        var result = NewTemporary(callee.ReturnType);
        Emit(new HavocAction(result, Abstraction: true));
        if (summaries.Of(callee.Name) is { } summary)
        {
            // A checked summary: the value satisfies it. Like an assume, it may leave a path with no way on.
            Emit(new AssumeAction(ReturnSummaries.Instantiate(summary, [.. callee.Parameters.Select(p => p.Name)], arguments, new Var(result)), FromAssumeStatement: true));
        }

        return (new Var(result), rules.Effective(callee.ReturnType));
    }

    /// <summary>The globals that <paramref name="function"/> and the functions it calls may assign, in declaration order.</summary>
    private List<string> AssignedGlobals(string function)
    {
        var reached = program.Callees(function);
        reached.Add(function);
        var assigned = new HashSet<string>();
        foreach (var decl in reached.Select(program.Find).OfType<FunctionDecl>())
        {
            foreach (var e in IrWalker.Expressions(decl.Body).OfType<AssignExpr>())
            {
                assigned.Add(e.Target);
            }

            foreach (var s in IrWalker.Statements(decl.Body).OfType<ParallelAssignStmt>())
            {
                assigned.UnionWith(s.Targets);
            }
        }

        return [.. program.Globals.Select(g => g.Name).Where(assigned.Contains)];
    }
}
