using System.Collections.Immutable;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>What a control-flow location stands for.</summary>
internal enum NodeKind
{
    /// <summary>An ordinary program point inside straight-line code.</summary>
    Plain,
    /// <summary>Function entry.</summary>
    Entry,
    /// <summary>The condition test of a loop: a cutpoint on every cycle.</summary>
    LoopHead,
    /// <summary>Normal return of the analyzed function.</summary>
    Exit,
    /// <summary>Undefined behaviour (signed overflow, division by zero): a sink.</summary>
    UndefinedBehaviour,
    /// <summary>A failed assertion: the program stops.</summary>
    AssertionFailure,
    /// <summary>The program stops (abort, exit, a Python exception).</summary>
    Halt,
}

/// <summary>
/// A location of the small-step control-flow graph. <paramref name="IsRecursionHead"/> marks the loop head at the start
/// of a recursive function's body, which its recursive calls go back to.
/// </summary>
internal sealed record CfgNode(int Id, NodeKind Kind, SourceSpan Span, string Description, bool InAnalyzedFunction, bool IsRecursionHead = false);

/// <summary>The effect of one small-step edge.</summary>
internal abstract record CfgAction;

/// <summary>Continue only when the condition holds.</summary>
internal sealed record AssumeAction(Formula Condition, bool FromAssumeStatement) : CfgAction;

/// <summary>Store a value.</summary>
internal sealed record AssignAction(string Variable, Term Value) : CfgAction;

/// <summary>
/// Store an arbitrary value of the variable's type: a nondeterministic draw of the program, or, when
/// <paramref name="Abstraction"/>, a value the encoding does not compute exactly (a bitwise operation), which a
/// following assumption constrains by facts that the exact value always satisfies. Only the program's draws are
/// inputs of a run; an abstraction has no counterpart in the interpreter.
/// </summary>
internal sealed record HavocAction(string Variable, bool Abstraction = false) : CfgAction;

/// <summary>An edge; a null action is a plain jump.</summary>
internal sealed record CfgEdge(int From, int To, CfgAction? Action);

/// <summary>A program variable of the control-flow graph with its type.</summary>
internal sealed record StateVar(string Name, ScalarType Type, bool IsTemporary);

/// <summary>
/// What both forms of one function's control flow have (<see cref="SmallStepGraph"/> and the
/// <see cref="TransitionSystem"/> made from it): its variables and parameters, the locations where it starts and ends,
/// the variable of its result, and the integer semantics of its operations.
/// </summary>
internal abstract record FunctionFlow
{
    public required ImmutableArray<StateVar> Variables { get; init; }
    public required ImmutableArray<Parameter> Parameters { get; init; }
    public required int Entry { get; init; }
    public required int Exit { get; init; }
    public required string? ReturnVariable { get; init; }
    public required IntegerSemantics Semantics { get; init; }

    /// <summary>
    /// Why runs in which pointer parameters share an object (with each other or with a variable at file scope) are not
    /// runs of this encoding, which gives each a fresh object (see <see cref="Lowering"/>'s caller objects); null when
    /// the encoding has every run. Such runs differ from the encoding's only after a memory access through a pointer
    /// parameter, which the encoding's empty object makes undefined behaviour, so a proof that no run reaches undefined
    /// behaviour (and a Yes, which needs one) and a replayed witness still hold; a proof about the runs that avoid
    /// undefined behaviour only (their termination, an assertion that holds, a value never returned) does not.
    /// </summary>
    public string? SharedObjects { get; init; }
}

/// <summary>The small-step control-flow graph of one function with its callees inlined.</summary>
internal sealed record SmallStepGraph : FunctionFlow
{
    public required ImmutableArray<CfgNode> Nodes { get; init; }
    public required ImmutableArray<CfgEdge> Edges { get; init; }
    /// <summary>Initial values of globals (conjunction over pre-state variables).</summary>
    public required Formula InitialCondition { get; init; }
}

/// <summary>A cutpoint of the large-block encoding (see <see cref="CfgNode"/>).</summary>
internal sealed record Cutpoint(int Id, NodeKind Kind, SourceSpan Span, string Description, bool InAnalyzedFunction, bool IsRecursionHead = false);

/// <summary>
/// One loop-free path between two cutpoints, as a relation over pre-state variables <c>x</c>, post-state
/// variables <c>x'</c> and the nondeterministic draws along the path.
/// </summary>
/// <param name="Id">Index in <see cref="TransitionSystem.Transitions"/>.</param>
/// <param name="From">Source cutpoint.</param>
/// <param name="To">Target cutpoint.</param>
/// <param name="Relation">The exact relation (integer semantics already encoded).</param>
/// <param name="Draws">
/// The values chosen along the path, in execution order: the nondeterministic draws and the <see cref="Abstracted"/> values.
/// </param>
/// <param name="HasAssume">The path contains an <c>assume</c>, so it may block.</param>
internal sealed record Transition(int Id, int From, int To, Formula Relation, EquatableArray<Var> Draws, bool HasAssume)
{
    /// <summary>
    /// The draws that stand for values the encoding over-approximates (bitwise operations) rather than for the
    /// program's nondeterminism: the relation allows every value the facts admit, of which the run takes one. A run's
    /// inputs leave them out, and nothing may rely on choosing them.
    /// </summary>
    public EquatableArray<Var> Abstracted { get; init; } = [];

    /// <summary>The draws that are the program's nondeterministic values, in execution order (what the interpreter consumes).</summary>
    public IEnumerable<Var> ProgramDraws => Abstracted.IsEmpty ? Draws : Draws.Where(d => !Abstracted.Contains(d));

    // Hashes only the id and the ends, which tell a system's transitions apart, and not the relation and the draws.
    public override int GetHashCode() => HashCode.Combine(Id, From, To);
}

/// <summary>The large-block transition system of one function.</summary>
internal sealed record TransitionSystem : FunctionFlow
{
    public required ImmutableArray<Cutpoint> Cutpoints { get; init; }
    public required ImmutableArray<Transition> Transitions { get; init; }
    /// <summary>What holds at entry: parameters within their types, globals at their initial values.</summary>
    public required Formula Initial { get; init; }

    /// <summary>The conditions of the program's branches and assumptions, over program variables as written (before paths substitute values).</summary>
    public required ImmutableArray<Formula> SourceConditions { get; init; }

    public Cutpoint Cutpoint(int id) => Cutpoints.First(c => c.Id == id);

    public IEnumerable<Transition> From(int cutpoint) => Transitions.Where(t => t.From == cutpoint);

    public static Var Pre(string name) => new(name);

    public static Var Post(string name) => new(name + "'");

    public IEnumerable<Var> PreVars => Variables.Select(v => Pre(v.Name));

    public bool IsLoopHead(int id) => Cutpoint(id).Kind == NodeKind.LoopHead;

    /// <summary>Renames pre-state variables to post-state variables.</summary>
    public Formula Primed(Formula f)
    {
        var names = Variables.Select(v => v.Name).ToHashSet();
        return LogicOps.Substitute(f, v => names.Contains(v.Name) ? Post(v.Name) : null);
    }

    /// <summary>Renames pre-state variables to post-state variables.</summary>
    public Term Primed(Term t)
    {
        var names = Variables.Select(v => v.Name).ToHashSet();
        return LogicOps.Substitute(t, v => names.Contains(v.Name) ? Post(v.Name) : null);
    }
}
