using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core.Interpretation;

/// <summary>Options of one concrete run; immutable, passed in.</summary>
internal sealed record InterpreterOptions
{
    /// <summary>
    /// The integer semantics of a C program. Python programs always run with unbounded integers
    /// (<see cref="IntegerSemantics.Math"/>) whatever this says.
    /// </summary>
    public IntegerSemantics Semantics { get; init; } = IntegerSemantics.C;

    /// <summary>The run stops with <see cref="StepLimit"/> before executing more than this many steps (statements plus loop iterations). Must be positive.</summary>
    public long StepLimit { get; init; } = 1_000_000;

    /// <summary>The run stops with <see cref="DepthLimit"/> when a call would make the stack deeper than this many frames (the analyzed function is frame 1). Must be positive.</summary>
    public int MaxCallDepth { get; init; } = 10_000;

    /// <summary>
    /// Where the nondeterministic values start to repeat: when they run out, the run goes on from this index (0 for
    /// all of them) instead of stopping, so the values from it on form a period that repeats forever. A watched state
    /// then holds the position within the period, and a repeated state with the same position repeats forever. Null:
    /// the values are drawn once.
    /// </summary>
    public int? NondetCycleStart { get; init; }

    /// <summary>The values of <c>terminates(f)</c>, by function name; a name that is missing stops the run with <see cref="Unresolved"/>.</summary>
    public IReadOnlyDictionary<string, bool>? TerminationFacts { get; init; }

    /// <summary>
    /// The span of a loop to watch: the state at its head is recorded at each arrival, and the run stops with
    /// <see cref="Lasso"/> as soon as a state repeats. A loop of the analyzed function is watched in its outermost frame
    /// only; a loop of a function it calls, in the first activation that reaches it until the loop ends there (then in
    /// the next one), with the records on the heap as part of the state.
    /// </summary>
    public SourceSpan? LoopWatch { get; init; }

    /// <summary>
    /// Record the entry state of each activation (its function, its arguments, the globals and the position in the
    /// nondeterministic values), and stop with <see cref="InfiniteRecursion"/> as soon as an activation starts in the
    /// entry state of an activation of the same function that is still running: from the same state, with the same
    /// values still to draw, it makes the same nested call again, so the calls never end.
    /// </summary>
    public bool WatchRecursion { get; init; }

    /// <summary>
    /// With <see cref="LoopWatch"/>: stop with <see cref="WatchLimit"/> after this many arrivals at the watched loop
    /// head, for a caller that needs only the first states there (null: no limit).
    /// </summary>
    public int? WatchArrivals { get; init; }

    /// <summary>
    /// Under unbounded integers, the run stops with <see cref="StepLimit"/> when a value would need more bits than this
    /// (<c>x = x * x</c> doubles them each step, and each step then costs as much as the whole run before it). Must be
    /// positive.
    /// </summary>
    public long MaxIntegerBits { get; init; } = 1L << 16;

    /// <summary>Checked every few thousand steps: a cancelled token stops the run with <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>How a concrete run ended. A closed hierarchy: match on the sealed records below.</summary>
internal abstract record RunOutcome
{
    private protected RunOutcome() { }

    /// <summary>True when the outcome shows that this run terminates in the source semantics (return, halt, assertion failure, Python exception).</summary>
    public virtual bool Terminates => false;
}

/// <summary>The function returned; <paramref name="Value"/> is null for <c>void</c>, a bare <c>return</c>, or falling off the end.</summary>
internal sealed record Returned(BigInteger? Value) : RunOutcome
{
    /// <inheritdoc />
    public override bool Terminates => true;
}

/// <summary>The run reached undefined behaviour of C (signed overflow, division by zero, use of a missing return value).</summary>
internal sealed record UndefinedBehaviour(SourceSpan At, string What) : RunOutcome;

/// <summary>An <c>assert</c> failed; the program stops there.</summary>
internal sealed record AssertionFailed(SourceSpan At) : RunOutcome
{
    /// <inheritdoc />
    public override bool Terminates => true;
}

/// <summary>The program stopped at a <see cref="HaltStmt"/> (or a Python exception other than division by zero).</summary>
internal sealed record Halted(SourceSpan At, string Why) : RunOutcome
{
    /// <inheritdoc />
    public override bool Terminates => true;
}

/// <summary>A Python division or modulo by zero raised <c>ZeroDivisionError</c>; the function stops (it terminates).</summary>
internal sealed record ZeroDivision(SourceSpan At) : RunOutcome
{
    /// <inheritdoc />
    public override bool Terminates => true;
}

/// <summary>An assumption was false: the run is not a real execution and must be discarded.</summary>
internal sealed record AssumeViolated(SourceSpan At) : RunOutcome;

/// <summary>The run needed another nondeterministic value (at <paramref name="At"/>) and the sequence was used up.</summary>
internal sealed record OutOfNondetValues(SourceSpan At) : RunOutcome;

/// <summary>
/// The run hit the step limit of <see cref="InterpreterOptions.StepLimit"/>, or a value outgrew
/// <see cref="InterpreterOptions.MaxIntegerBits"/>.
/// </summary>
internal sealed record StepLimit : RunOutcome;

/// <summary>The run reached the watched loop head <see cref="InterpreterOptions.WatchArrivals"/> times and was stopped there.</summary>
internal sealed record WatchLimit : RunOutcome;

/// <summary>A call at <paramref name="At"/> would exceed <see cref="InterpreterOptions.MaxCallDepth"/>.</summary>
internal sealed record DepthLimit(SourceSpan At) : RunOutcome;

/// <summary>
/// The watched loop's head state repeated: arrival number <paramref name="PrefixVisits"/> (0-based) equals arrival
/// <c>PrefixVisits + Period</c>, so the run cycles forever. The recorded states include both arrivals.
/// </summary>
internal sealed record Lasso(int PrefixVisits, int Period) : RunOutcome;

/// <summary>
/// With <see cref="InterpreterOptions.WatchRecursion"/>: the call at <paramref name="At"/> starts an activation, at depth
/// <paramref name="Depth"/>, in the entry state of an enclosing activation of the same function, so the run descends
/// forever.
/// </summary>
internal sealed record InfiniteRecursion(SourceSpan At, int Depth) : RunOutcome;

/// <summary>The run needed a fact it was not given: <c>terminates(Name)</c> without an entry in <see cref="InterpreterOptions.TerminationFacts"/>, or a call to an unknown function.</summary>
internal sealed record Unresolved(string Name) : RunOutcome;

/// <summary>The caller's inputs do not fit: wrong arity, a value outside its type, an unknown function or watched loop.</summary>
internal sealed record InvalidInput(string What) : RunOutcome;

/// <summary>The state of the analyzed function's frame at one arrival at the watched loop head.</summary>
internal sealed class LoopHeadState : IEquatable<LoopHeadState>
{
    private readonly ImmutableArray<string> localNames;
    private readonly BigInteger?[] locals;
    private readonly ImmutableArray<string> globalNames;
    private readonly BigInteger[] globals;
    private readonly int hash;

    internal LoopHeadState(ImmutableArray<string> localNames, BigInteger?[] locals, ImmutableArray<string> globalNames, BigInteger[] globals, int nondetPosition)
    {
        this.localNames = localNames;
        this.locals = locals;
        this.globalNames = globalNames;
        this.globals = globals;
        NondetPosition = nondetPosition;
        var h = new HashCode();
        h.Add(nondetPosition);
        foreach (var v in locals)
            h.Add(v);
        foreach (var v in globals)
            h.Add(v);
        hash = h.ToHashCode();
    }

    /// <summary>Parameters and locals that have been declared so far, by name (sorted ordinally).</summary>
    public ImmutableSortedDictionary<string, BigInteger> Variables =>
        localNames.Zip(locals).Where(p => p.Second.HasValue)
            .ToImmutableSortedDictionary(p => p.First, p => p.Second!.Value, StringComparer.Ordinal);

    /// <summary>The global variables, by name (sorted ordinally).</summary>
    public ImmutableSortedDictionary<string, BigInteger> Globals =>
        globalNames.Zip(globals).ToImmutableSortedDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    /// <summary>
    /// How many nondeterministic values have been drawn: modulo the sequence's length for a cyclic run (where the index
    /// is part of the state), the absolute count otherwise (so a repeat implies no value was drawn in between).
    /// </summary>
    public int NondetPosition { get; }

    // Written out over the value arrays, with the hash computed once: the interpreter looks a state up in its
    // dictionaries at every arrival at the loop head.
    /// <inheritdoc />
    public bool Equals(LoopHeadState? other) =>
        other is not null && hash == other.hash && NondetPosition == other.NondetPosition
        && locals.AsSpan().SequenceEqual(other.locals) && globals.AsSpan().SequenceEqual(other.globals);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LoopHeadState);

    /// <inheritdoc />
    public override int GetHashCode() => hash;

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", Variables.Select(p => $"{p.Key}={p.Value}").Concat(Globals.Select(p => $"::{p.Key}={p.Value}")))
        + $" @nondet {NondetPosition}";
}

/// <summary>What a concrete run did.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Steps">Steps executed (statements plus loop-head arrivals).</param>
/// <param name="NondetConsumed">How many nondeterministic values were drawn (counting wrap-arounds of a cyclic sequence).</param>
/// <param name="LoopHeadStates">The state at each arrival at the watched loop head, in order (empty without <see cref="InterpreterOptions.LoopWatch"/>).</param>
internal sealed record RunResult(RunOutcome Outcome, long Steps, long NondetConsumed, EquatableArray<LoopHeadState> LoopHeadStates)
{
    /// <summary>Where each of the nondeterministic values given to the run was drawn, in order, as far as the run drew them.</summary>
    public EquatableArray<NondetOrigin> NondetOrigins { get; init; } = [];
}
