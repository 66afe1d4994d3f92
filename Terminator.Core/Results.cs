using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core;

/// <summary>The answer to "does this function always terminate?" (or "can it return this value?").</summary>
public abstract record Verdict
{
    private protected Verdict() { }

    /// <summary>"Yes", "No" or "DontKnow".</summary>
    public abstract string Name { get; }
}

/// <summary>Yes, with the certificate that the independent checker re-verified.</summary>
public sealed record Yes(TerminationCertificate Certificate) : Verdict
{
    /// <inheritdoc />
    public override string Name => "Yes";
}

/// <summary>No, with a concrete input and the argument that it never terminates (or reaches undefined behaviour).</summary>
public sealed record No(NonterminationWitness Witness) : Verdict
{
    /// <inheritdoc />
    public override string Name => "No";
}

/// <summary>No answer could be proved; <paramref name="Reason"/> says why and <paramref name="TechniquesTried"/> what was tried.</summary>
public sealed record DontKnow(string Reason, ImmutableArray<string> TechniquesTried) : Verdict
{
    /// <summary>DontKnow with a reason alone.</summary>
    public DontKnow(string reason) : this(reason, []) { }

    /// <inheritdoc />
    public override string Name => "DontKnow";

    /// <inheritdoc />
    public bool Equals(DontKnow? other) => other is not null && Reason == other.Reason && TechniquesTried.SequenceEqual(other.TechniquesTried);

    /// <inheritdoc />
    public override int GetHashCode() => Reason.GetHashCode(StringComparison.Ordinal);
}

/// <summary>The proof of termination for one loop (one cutpoint of the control-flow graph).</summary>
/// <param name="Location">The loop's source position.</param>
/// <param name="Invariant">The supporting invariant at the loop head, as a readable expression.</param>
/// <param name="Ranking">The lexicographic ranking function, most significant first, as readable expressions.</param>
public sealed record LoopProof(SourceSpan Location, string Invariant, ImmutableArray<string> Ranking)
{
    /// <inheritdoc />
    public bool Equals(LoopProof? other) =>
        other is not null && Location == other.Location && Invariant == other.Invariant && Ranking.SequenceEqual(other.Ranking);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Location, Invariant);
}

/// <summary>A termination certificate: per loop, a supporting invariant and a lexicographic ranking function.</summary>
/// <param name="Loops">One entry per loop head.</param>
/// <param name="Notes">Facts the proof relies on that are not per loop (for example: a callee proved to terminate).</param>
public sealed record TerminationCertificate(ImmutableArray<LoopProof> Loops, ImmutableArray<string> Notes)
{
    /// <inheritdoc />
    public bool Equals(TerminationCertificate? other) =>
        other is not null && Loops.SequenceEqual(other.Loops) && Notes.SequenceEqual(other.Notes);

    /// <inheritdoc />
    public override int GetHashCode() => Loops.Length;
}

/// <summary>What kind of non-terminating behaviour a witness shows.</summary>
public enum WitnessKind
{
    /// <summary>The input makes the function run forever.</summary>
    Nontermination,
    /// <summary>The input reaches undefined behaviour (signed overflow, division by zero), so termination is not guaranteed.</summary>
    UndefinedBehaviour,
    /// <summary>From the input the function either runs forever or reaches signed overflow; both are undefined or non-terminating.</summary>
    NonterminationOrUndefinedBehaviour,
}

/// <summary>A concrete input value of a parameter.</summary>
public sealed record InputValue(string Name, BigInteger Value);

/// <summary>A non-termination witness: a concrete input and the reason it never terminates.</summary>
/// <param name="Kind">Which kind of "No" this is.</param>
/// <param name="Inputs">A value for each parameter, in order.</param>
/// <param name="NondetValues">The nondeterministic values, in the order they are drawn; for a periodic run, the values of one period repeat.</param>
/// <param name="Loop">The loop that never exits, when the kind involves non-termination.</param>
/// <param name="RecurrentSet">The set of states at the loop head that the loop never leaves, as a readable expression.</param>
/// <param name="UndefinedBehaviourAt">Where undefined behaviour happens, when it does.</param>
/// <param name="Explanation">One sentence for people.</param>
public sealed record NonterminationWitness(
    WitnessKind Kind,
    ImmutableArray<InputValue> Inputs,
    ImmutableArray<BigInteger> NondetValues,
    SourceSpan? Loop,
    string? RecurrentSet,
    SourceSpan? UndefinedBehaviourAt,
    string Explanation)
{
    /// <inheritdoc />
    public bool Equals(NonterminationWitness? other) =>
        other is not null && Kind == other.Kind && Inputs.SequenceEqual(other.Inputs) && NondetValues.SequenceEqual(other.NondetValues)
        && Loop == other.Loop && RecurrentSet == other.RecurrentSet && UndefinedBehaviourAt == other.UndefinedBehaviourAt
        && Explanation == other.Explanation;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Inputs.Length, Loop, RecurrentSet);
}

/// <summary>The answer to "can this function return <see cref="Value"/>?".</summary>
/// <param name="Value">The value asked about, as the user wrote it.</param>
/// <param name="Verdict">"Yes" (with <paramref name="Inputs"/>), "No" (proved for all inputs) or "DontKnow".</param>
/// <param name="Inputs">An input that returns the value, for "Yes".</param>
/// <param name="NondetValues">The nondeterministic values of that run, in order.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record CanReturnResult(string Value, string Verdict, ImmutableArray<InputValue> Inputs, ImmutableArray<BigInteger> NondetValues, string Reason)
{
    /// <inheritdoc />
    public bool Equals(CanReturnResult? other) =>
        other is not null && Value == other.Value && Verdict == other.Verdict && Inputs.SequenceEqual(other.Inputs)
        && NondetValues.SequenceEqual(other.NondetValues) && Reason == other.Reason;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, Verdict);
}

/// <summary>The answer to "can this assertion fail?" for one <c>assert</c> reached from the function.</summary>
/// <param name="Location">The assertion's source position.</param>
/// <param name="Verdict">"Holds" (proved for all inputs), "Fails" (with <paramref name="Inputs"/>) or "DontKnow".</param>
/// <param name="Inputs">An input that makes the assertion fail, for "Fails".</param>
/// <param name="NondetValues">The nondeterministic values of that run, in order.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record AssertionResult(SourceSpan Location, string Verdict, ImmutableArray<InputValue> Inputs, ImmutableArray<BigInteger> NondetValues, string Reason)
{
    /// <inheritdoc />
    public bool Equals(AssertionResult? other) =>
        other is not null && Location == other.Location && Verdict == other.Verdict && Inputs.SequenceEqual(other.Inputs)
        && NondetValues.SequenceEqual(other.NondetValues) && Reason == other.Reason;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Location, Verdict);
}

/// <summary>The result for one function.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Location">Where the function is defined.</param>
/// <param name="Verdict">Whether it always terminates.</param>
/// <param name="Elapsed">Time spent on this function.</param>
/// <param name="CanReturn">The answer to <see cref="AnalysisOptions.CanReturn"/>, when asked.</param>
public sealed record FunctionResult(string Name, SourceSpan Location, Verdict Verdict, TimeSpan Elapsed, CanReturnResult? CanReturn)
{
    /// <summary>One entry per assertion the function can reach (directly or in a callee), in source order.</summary>
    public ImmutableArray<AssertionResult> Assertions { get; init; } = [];

    /// <summary>
    /// The part of <see cref="Elapsed"/> spent inside Z3's check calls: the prover's queries and the independent
    /// checker's re-verification together, including those of the functions that <c>terminates(...)</c> asked about.
    /// <see cref="Elapsed"/> minus this is the time of Terminator's own code (lowering, encoding, translation, replay).
    /// </summary>
    public TimeSpan SolverTime { get; init; }

    /// <summary>
    /// What the answer assumes beyond the program text, one sentence each: for example that a function which is declared
    /// but not defined returns (SV-COMP's convention for external functions).
    /// </summary>
    public ImmutableArray<string> Assumptions { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(FunctionResult? other) =>
        other is not null && Name == other.Name && Location == other.Location && Verdict == other.Verdict
        && Elapsed == other.Elapsed && SolverTime == other.SolverTime && CanReturn == other.CanReturn && Assertions.SequenceEqual(other.Assertions)
        && Assumptions.SequenceEqual(other.Assumptions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Location, Verdict);
}

/// <summary>The results for a whole program.</summary>
public sealed record ProgramResult(string File, SourceLanguage Language, IntegerSemantics Semantics, ImmutableArray<FunctionResult> Functions)
{
    /// <summary>The data model a C program was read under (the width of <c>long</c>); ILP32 for Python, where it means nothing.</summary>
    public DataModel DataModel { get; init; } = DataModel.Ilp32;

    /// <inheritdoc />
    public bool Equals(ProgramResult? other) =>
        other is not null && File == other.File && Language == other.Language && Semantics == other.Semantics
        && DataModel == other.DataModel && Functions.SequenceEqual(other.Functions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(File, Functions.Length);
}

/// <summary>Options of one analysis; immutable, passed in.</summary>
public sealed record AnalysisOptions
{
    /// <summary>
    /// The time budget per function. Zero means no limit, as does a budget beyond what a timer can wait (about 49.7
    /// days); a negative budget is refused.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The integer semantics; null picks the language's own (C for C, math for Python). C is refused for Python.</summary>
    public IntegerSemantics? Semantics { get; init; }

    /// <summary>
    /// The data model of a C program: the width of <c>long</c>, <c>unsigned long</c> and <c>size_t</c> (32 bits under
    /// ILP32, 64 under LP64). The entry points that read source text read C under it; null reads ILP32.
    /// <see cref="TerminationAnalyzer.Analyze"/> takes a program already read, and refuses a value that differs from
    /// the program's <see cref="Ir.ProgramIr.DataModel"/>. Python programs have no data model: it is ignored for them.
    /// </summary>
    public DataModel? DataModel { get; init; }

    /// <summary>Analyze only this function; null analyzes every function.</summary>
    public string? Function { get; init; }

    /// <summary>
    /// Also ask whether the function can return this value: an integer literal of the source language, optionally
    /// negated (C: <c>42</c>, <c>0x2a</c>, <c>052</c>, <c>42u</c>, <c>true</c>; Python: <c>42</c>, <c>0x2a</c>,
    /// <c>0o52</c>, <c>0b101010</c>, <c>4_2</c>, <c>True</c>).
    /// </summary>
    public string? CanReturn { get; init; }
}
