using System.Globalization;
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
public sealed record DontKnow(string Reason, EquatableArray<string> TechniquesTried) : Verdict
{
    /// <summary>DontKnow with a reason alone.</summary>
    public DontKnow(string reason) : this(reason, []) { }

    /// <summary>Why no answer was proved, as a kind; <see cref="Reason"/> says it in words.</summary>
    public DontKnowKind Kind { get; init; }

    /// <inheritdoc />
    public override string Name => "DontKnow";
}

/// <summary>The kind of reason for a <see cref="DontKnow"/>.</summary>
public enum DontKnowKind
{
    /// <summary>Every technique of the prover was tried without a proof or a witness.</summary>
    TechniquesExhausted,

    /// <summary>The time budget ran out.</summary>
    Timeout,

    /// <summary>The function uses a construct outside the supported subset.</summary>
    UnsupportedConstruct,

    /// <summary>The question refers to itself through <c>terminates(...)</c>, so no answer can be right.</summary>
    SelfReference,

    /// <summary>The function asks <c>terminates(g)</c> of a function g whose answer is itself DontKnow.</summary>
    DependsOnUnknown,

    /// <summary>The function is too large for the analysis (too many paths, too deeply nested code).</summary>
    ResourceLimit,

    /// <summary>The solver gave no answer where the analysis needed one: it failed or refused a call.</summary>
    SolverUnknown,
}

/// <summary>The proof of termination for one loop (one cutpoint of the control-flow graph).</summary>
/// <param name="Location">The loop's source position.</param>
/// <param name="Invariant">The supporting invariant at the loop head: a conjunction of atoms, without those that only restate the variables' types.</param>
/// <param name="Argument">Why the loop terminates: the kind of ranking argument and its functions; null for a loop that never iterates.</param>
public sealed record LoopProof(SourceSpan Location, Condition Invariant, LoopRanking? Argument)
{
    /// <summary>
    /// <see cref="Argument"/> as text: the components of a lexicographic ranking function, most significant first, or
    /// one line that names another kind of argument with its functions.
    /// </summary>
    public EquatableArray<string> Ranking => LoopRanking.Lines(Argument);
}

/// <summary>A ranking argument for one loop, with its functions.</summary>
public abstract record LoopRanking
{
    private protected LoopRanking() { }

    /// <summary>The text of an argument (see <see cref="LoopProof.Ranking"/>); the one place arguments become text.</summary>
    internal static EquatableArray<string> Lines(LoopRanking? argument) => argument switch
    {
        null => [],
        LexicographicLoopRanking lexicographic => [.. lexicographic.Components.Select(c => c.ToString())],
        MultiphaseLoopRanking multiphase =>
            [$"in phases: {string.Join(", then ", multiphase.Phases)} (each decreases once the previous one is at most 0; the last stays non-negative)"],
        TwoIterationLoopRanking squared => [$"two iterations at a time: {string.Join(", ", squared.Components)}"],
        RegionLoopRanking regions =>
            [$"by regions: {string.Join("; ", regions.Regions.Select(r => $"where {r.Region}: {string.Join(", ", r.Functions)}"))}"],
        TransitionInvariantLoopRanking invariant =>
            [$"transition invariant: every run of iterations decreases one of {string.Join("; ", invariant.Cases.Select(c => c.From is null ? c.Function.ToString() : $"{c.Function} (from states where {c.From})"))}, each bounded below by 0"],
        _ => throw new ArgumentOutOfRangeException(nameof(argument), argument, "unknown kind of loop ranking"),
    };
}

/// <summary>A lexicographic linear ranking function: <paramref name="Components"/>, most significant first.</summary>
/// <param name="Components">The components, most significant first.</param>
public sealed record LexicographicLoopRanking(EquatableArray<LinearFunction> Components) : LoopRanking;

/// <summary>A multiphase ranking function: each phase decreases once the previous one is at most 0; the last stays non-negative.</summary>
/// <param name="Phases">The functions of the phases, in order.</param>
public sealed record MultiphaseLoopRanking(EquatableArray<LinearFunction> Phases) : LoopRanking;

/// <summary>A lexicographic ranking function of the loop taken two iterations at a time.</summary>
/// <param name="Components">The functions of its components.</param>
public sealed record TwoIterationLoopRanking(EquatableArray<LinearFunction> Components) : LoopRanking;

/// <summary>The loop split into regions by its branch conditions, each ranked on its own.</summary>
/// <param name="Regions">The regions, each with its ranking functions.</param>
public sealed record RegionLoopRanking(EquatableArray<RankedRegion> Regions) : LoopRanking;

/// <summary>One region of a <see cref="RegionLoopRanking"/>.</summary>
/// <param name="Region">The region, as a condition on the state.</param>
/// <param name="Functions">Its ranking functions.</param>
public sealed record RankedRegion(Condition Region, EquatableArray<LinearFunction> Functions);

/// <summary>A transition invariant: every run of iterations decreases one of the functions, each bounded below by 0.</summary>
/// <param name="Cases">The functions, each with the states it applies from.</param>
public sealed record TransitionInvariantLoopRanking(EquatableArray<RankingCase> Cases) : LoopRanking;

/// <summary>One function of a <see cref="TransitionInvariantLoopRanking"/>.</summary>
/// <param name="Function">The function.</param>
/// <param name="From">The states it applies from, or null for every state.</param>
public sealed record RankingCase(LinearFunction Function, Condition? From);

/// <summary>A termination certificate: per loop, a supporting invariant and a lexicographic ranking function.</summary>
/// <param name="Loops">One entry per loop head.</param>
/// <param name="Notes">Facts the proof relies on that are not per loop (for example: a callee proved to terminate).</param>
public sealed record TerminationCertificate(EquatableArray<LoopProof> Loops, EquatableArray<string> Notes)
{
    /// <summary>
    /// Whether the certificate covers only the runs that avoid undefined behaviour: it ends each run at its first
    /// undefined behaviour and proves that the others terminate, without showing that undefined behaviour is
    /// unreachable. Such a certificate answers <see cref="UndefinedBehaviourAnswers.TerminatesWithoutUndefinedBehaviour"/>,
    /// never <see cref="FunctionResult.Verdict"/>; a certificate without this flag proves both.
    /// </summary>
    public bool AssumesNoUndefinedBehaviour { get; init; }
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
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">
/// Its value; for a pointer parameter (<see cref="IsPointer"/>), the number of elements of the fresh object it points to
/// the start of, or -1 for the null pointer (see <see cref="Ir.CallerObject"/>).
/// </param>
public sealed record InputValue(string Name, BigInteger Value)
{
    /// <summary>Whether the parameter is a pointer, whose <see cref="Value"/> describes the object it points to.</summary>
    public bool IsPointer { get; init; }

    /// <summary>The input for people: <c>x = 5</c>, <c>s = NULL</c>, <c>s = a pointer to 3 elements</c>.</summary>
    public string Describe() =>
        !IsPointer ? $"{Name} = {Value.ToString(CultureInfo.InvariantCulture)}"
        : Value == Ir.CallerObject.NullInput ? $"{Name} = NULL"
        : $"{Name} = a pointer to {Value.ToString(CultureInfo.InvariantCulture)} element{(Value.IsOne ? "" : "s")}";
}

/// <summary>Where a nondeterministic value of a run comes from.</summary>
/// <param name="At">The call or declaration that draws it.</param>
/// <param name="Source">What draws it, for people: <c>__VERIFIER_nondet_int()</c>, <c>the result of 'next_step'</c>, <c>'y' declared without a value</c>.</param>
public sealed record NondetOrigin(SourceSpan At, string Source)
{
    /// <summary>The origin as one phrase: what and where.</summary>
    public override string ToString() => $"{Source} at {At}";
}

/// <summary>A non-termination witness: a concrete input and the reason it never terminates.</summary>
/// <param name="Kind">Which kind of "No" this is.</param>
/// <param name="Inputs">A value for each parameter, in order.</param>
/// <param name="NondetValues">The nondeterministic values, in the order they are drawn; from <see cref="NondetValuesRepeatFrom"/> on, when it is set, they repeat for ever.</param>
/// <param name="Loop">The loop that never exits, when the kind involves non-termination.</param>
/// <param name="RecurrentSet">The set of states at the loop head that the loop never leaves, without the atoms that only restate the variables' types.</param>
/// <param name="UndefinedBehaviourAt">Where undefined behaviour happens, when it does.</param>
/// <param name="Explanation">One sentence for people.</param>
public sealed record NonterminationWitness(
    WitnessKind Kind,
    EquatableArray<InputValue> Inputs,
    EquatableArray<BigInteger> NondetValues,
    SourceSpan? Loop,
    Condition? RecurrentSet,
    SourceSpan? UndefinedBehaviourAt,
    string Explanation)
{
    /// <summary>
    /// Where each of <see cref="NondetValues"/> comes from, in the same order (shorter when the replay that names them
    /// stopped before drawing them all).
    /// </summary>
    public EquatableArray<NondetOrigin> NondetOrigins { get; init; } = [];

    /// <summary>
    /// The index of <see cref="NondetValues"/> from which the values repeat for ever, in order: a lasso's cycle that
    /// draws values draws the same ones each time round (the values before it are drawn once, on the way into the
    /// loop). Null when every value is drawn once.
    /// </summary>
    public int? NondetValuesRepeatFrom { get; init; }
}

/// <summary>
/// The two properties that <see cref="FunctionResult.Verdict"/> combines for a C function, each answered with its own
/// evidence and checked on its own: whether every run that avoids undefined behaviour terminates, and whether
/// undefined behaviour is reachable. The verdict is Yes when the first is Yes and the second No, and No when the first
/// is No or the second Yes (or when a witness shows that a run either never ends or reaches undefined behaviour,
/// without telling which).
/// </summary>
/// <param name="TerminatesWithoutUndefinedBehaviour">
/// Whether every run that avoids undefined behaviour terminates: Yes with a checked certificate (one that
/// <see cref="TerminationCertificate.AssumesNoUndefinedBehaviour"/>, or the verdict's own), No with a replayed
/// witness whose run never ends and never reaches undefined behaviour, or DontKnow.
/// </param>
/// <param name="UndefinedBehaviourReachable">Whether some input reaches undefined behaviour.</param>
public sealed record UndefinedBehaviourAnswers(Verdict TerminatesWithoutUndefinedBehaviour, UndefinedBehaviourVerdict UndefinedBehaviourReachable)
{
    /// <summary>Both properties unanswered, for the same reason.</summary>
    public static UndefinedBehaviourAnswers Unknown(string reason) => new(new DontKnow(reason), new UndefinedBehaviourUnknown(reason));
}

/// <summary>The answer to "can this function reach undefined behaviour?".</summary>
public abstract record UndefinedBehaviourVerdict
{
    private protected UndefinedBehaviourVerdict() { }

    /// <summary>"Yes" (reachable), "No" (unreachable) or "DontKnow".</summary>
    public abstract string Name { get; }
}

/// <summary>Yes: an input whose replayed run reaches undefined behaviour, where and how.</summary>
/// <param name="Witness">The input (of kind <see cref="WitnessKind.UndefinedBehaviour"/>) and where its run reaches undefined behaviour.</param>
public sealed record UndefinedBehaviourReachable(NonterminationWitness Witness) : UndefinedBehaviourVerdict
{
    /// <inheritdoc />
    public override string Name => "Yes";
}

/// <summary>No: invariants, checked to be inductive, under which no operation can have undefined behaviour.</summary>
/// <param name="Invariants">The invariant at each loop head; empty for a function without loops.</param>
/// <param name="Explanation">One sentence for people.</param>
public sealed record UndefinedBehaviourUnreachable(EquatableArray<LoopInvariant> Invariants, string Explanation) : UndefinedBehaviourVerdict
{
    /// <inheritdoc />
    public override string Name => "No";
}

/// <summary>Neither reached nor excluded; <paramref name="Reason"/> says why.</summary>
public sealed record UndefinedBehaviourUnknown(string Reason) : UndefinedBehaviourVerdict
{
    /// <inheritdoc />
    public override string Name => "DontKnow";
}

/// <summary>An invariant at one loop head, as a readable expression.</summary>
/// <param name="Location">The loop's source position.</param>
/// <param name="Invariant">The invariant.</param>
public sealed record LoopInvariant(SourceSpan Location, Condition Invariant);

/// <summary>The answer to "can this function return <see cref="Value"/>?".</summary>
/// <param name="Value">The value asked about, as the user wrote it.</param>
/// <param name="Verdict">Yes (with <paramref name="Inputs"/>), No (proved for all inputs) or DontKnow.</param>
/// <param name="Inputs">An input that returns the value, for Yes.</param>
/// <param name="NondetValues">The nondeterministic values of that run, in order.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record CanReturnResult(string Value, CanReturnVerdict Verdict, EquatableArray<InputValue> Inputs, EquatableArray<BigInteger> NondetValues, string Reason);

/// <summary>The answer to "can this function return the value?".</summary>
public enum CanReturnVerdict
{
    /// <summary>Neither shown nor ruled out.</summary>
    DontKnow,

    /// <summary>An input that returns the value was found and replayed.</summary>
    Yes,

    /// <summary>No input returns the value (proved for all inputs).</summary>
    No,
}

/// <summary>The answer to "can this assertion fail?" for one <c>assert</c> reached from the function.</summary>
/// <param name="Location">The assertion's source position.</param>
/// <param name="Verdict">Holds (proved for all inputs), Fails (with <paramref name="Inputs"/>) or DontKnow.</param>
/// <param name="Inputs">An input that makes the assertion fail, for Fails.</param>
/// <param name="NondetValues">The nondeterministic values of that run, in order.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record AssertionResult(SourceSpan Location, AssertionVerdict Verdict, EquatableArray<InputValue> Inputs, EquatableArray<BigInteger> NondetValues, string Reason);

/// <summary>The answer to "can this assertion fail?".</summary>
public enum AssertionVerdict
{
    /// <summary>Neither shown to fail nor proved to hold.</summary>
    DontKnow,

    /// <summary>No input makes it fail (proved for all inputs).</summary>
    Holds,

    /// <summary>An input that makes it fail was found and replayed.</summary>
    Fails,
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
    public EquatableArray<AssertionResult> Assertions { get; init; } = [];

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
    public EquatableArray<string> Assumptions { get; init; } = [];

    /// <summary>
    /// For a C function, the two properties that <see cref="Verdict"/> combines: termination of every run that avoids
    /// undefined behaviour, and reachability of undefined behaviour. Null for Python, which has no undefined behaviour.
    /// </summary>
    public UndefinedBehaviourAnswers? UndefinedBehaviour { get; init; }
}

/// <summary>The results for a whole program.</summary>
public sealed record ProgramResult(string File, SourceLanguage Language, IntegerSemantics Semantics, EquatableArray<FunctionResult> Functions)
{
    /// <summary>The data model a C program was read under (the width of <c>long</c>); ILP32 for Python, where it means nothing.</summary>
    public DataModel DataModel { get; init; } = DataModel.Ilp32;

    /// <summary>What reading a C local before a store meant in the analysis (see <see cref="Ir.UninitializedReads"/>); the default for Python.</summary>
    public UninitializedReads UninitializedReads { get; init; } = UninitializedReads.Undefined;
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

    /// <summary>
    /// What reading a C local declared without a value, before any store into it, means: undefined behaviour (C11
    /// 6.3.2.1p2, for a scalar local whose address is never taken) or an arbitrary value of its type (the convention of
    /// older SV-COMP tasks). Null keeps the program's <see cref="Ir.ProgramIr.UninitializedReads"/> (undefined
    /// behaviour unless the program says otherwise). Python programs ignore it.
    /// </summary>
    public UninitializedReads? UninitializedReads { get; init; }

    /// <summary>Analyze only this function; null analyzes every function.</summary>
    public string? Function { get; init; }

    /// <summary>
    /// Also ask whether the function can return this value: an integer literal of the source language, optionally
    /// negated (C: <c>42</c>, <c>0x2a</c>, <c>052</c>, <c>42u</c>, <c>true</c>; Python: <c>42</c>, <c>0x2a</c>,
    /// <c>0o52</c>, <c>0b101010</c>, <c>4_2</c>, <c>True</c>).
    /// </summary>
    public string? CanReturn { get; init; }

    /// <summary>The budgets, caps and depths of the prover's stages; every value must be usable (see <see cref="ProverTuning"/>).</summary>
    public ProverTuning Tuning { get; init; } = ProverTuning.Default;
}
