using System.Numerics;
using System.Text.Json.Serialization;

namespace Terminator.Json;

// The shape of the JSON report (TerminationJson, `terminator analyze --format json`). These types are the contract:
// rename, remove or retype nothing without raising TerminationJson.SchemaVersion. Nulls are omitted when written.

/// <summary>The JSON report on one program.</summary>
/// <param name="SchemaVersion">The version of this shape; see <see cref="TerminationJson.SchemaVersion"/>.</param>
/// <param name="File">The analyzed file, as given.</param>
/// <param name="Language"><c>c</c> or <c>python</c>.</param>
/// <param name="Semantics"><c>c</c> or <c>math</c>.</param>
/// <param name="Functions">One entry per analyzed function, in source order.</param>
public sealed record ReportDto(int SchemaVersion, string File, string Language, string Semantics, IReadOnlyList<FunctionDto> Functions)
{
    /// <summary>For a C program, the data model its types were read under: <c>ilp32</c> or <c>lp64</c> (the width of <c>long</c>); null for Python.</summary>
    public string? DataModel { get; init; }

    /// <summary>
    /// <c>arbitrary</c> when a C program was analyzed with reads of locals before a store giving arbitrary values
    /// (<c>--uninitialized-reads arbitrary</c>); null (omitted) under the default, where such a read is undefined behaviour.
    /// </summary>
    public string? UninitializedReads { get; init; }
}

/// <summary>The JSON report on several programs.</summary>
/// <param name="SchemaVersion">The version of this shape; see <see cref="TerminationJson.SchemaVersion"/>.</param>
/// <param name="Programs">One report per program, in the order given; each is the whole one-program report.</param>
public sealed record ReportListDto(int SchemaVersion, IReadOnlyList<ReportDto> Programs);

/// <summary>A source position.</summary>
/// <param name="File">The file, as given.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record LocationDto(string File, int Line, int Column);

/// <summary>The result for one function.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Location">Where it is defined.</param>
/// <param name="Verdict"><c>Yes</c>, <c>No</c> or <c>DontKnow</c>.</param>
/// <param name="Reason">Why; always present for DontKnow.</param>
/// <param name="TechniquesTried">For DontKnow: the techniques that were tried.</param>
/// <param name="TimeMs">Time spent on the function, in milliseconds.</param>
/// <param name="Certificate">For Yes: the checked proof.</param>
/// <param name="Witness">For No: the concrete counterexample.</param>
/// <param name="CanReturn">The answer to <c>--can-return</c>, when asked.</param>
/// <param name="Assertions">One entry per reachable assertion, when there are any.</param>
public sealed record FunctionDto(
    string Name,
    LocationDto Location,
    string Verdict,
    string? Reason,
    IReadOnlyList<string>? TechniquesTried,
    long TimeMs,
    CertificateDto? Certificate,
    WitnessDto? Witness,
    CanReturnDto? CanReturn,
    IReadOnlyList<AssertionDto>? Assertions)
{
    /// <summary>What the answer assumes beyond the program text (a called function that is declared but not defined returns), when anything.</summary>
    public IReadOnlyList<string>? Assumptions { get; init; }

    /// <summary>For a C function, the two properties <see cref="Verdict"/> combines; absent for Python.</summary>
    public UndefinedBehaviourAnswersDto? UndefinedBehaviour { get; init; }
}

/// <summary>The two properties a C function's verdict combines, each with its own verdict and evidence.</summary>
/// <param name="TerminatesWithoutUndefinedBehaviour">Whether every run that avoids undefined behaviour terminates.</param>
/// <param name="UndefinedBehaviourReachable">Whether some input reaches undefined behaviour.</param>
public sealed record UndefinedBehaviourAnswersDto(PropertyDto TerminatesWithoutUndefinedBehaviour, PropertyDto UndefinedBehaviourReachable);

/// <summary>The answer for one property, with its evidence.</summary>
/// <param name="Verdict"><c>Yes</c>, <c>No</c> or <c>DontKnow</c>.</param>
/// <param name="Reason">For DontKnow: why; for an unreachable undefined behaviour: why, in one sentence.</param>
/// <param name="Certificate">For a Yes of termination: the checked proof.</param>
/// <param name="Witness">For a No of termination, or a Yes of reachability: the replayed input.</param>
/// <param name="Invariants">For an unreachable undefined behaviour: the checked invariant at each loop head.</param>
public sealed record PropertyDto(string Verdict, string? Reason, CertificateDto? Certificate, WitnessDto? Witness, IReadOnlyList<LoopInvariantDto>? Invariants);

/// <summary>An invariant at one loop head.</summary>
/// <param name="Location">The loop's position.</param>
/// <param name="Invariant">The invariant.</param>
public sealed record LoopInvariantDto(LocationDto Location, string Invariant);

/// <summary>The answer to "can this assertion fail?".</summary>
/// <param name="Location">The assertion's position.</param>
/// <param name="Verdict"><c>Holds</c>, <c>Fails</c> or <c>DontKnow</c>.</param>
/// <param name="Inputs">For Fails: an input that makes it fail.</param>
/// <param name="NondetValues">For Fails: the nondeterministic values of that run.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record AssertionDto(
    LocationDto Location,
    string Verdict,
    IReadOnlyDictionary<string, BigInteger> Inputs,
    IReadOnlyList<BigInteger> NondetValues,
    string Reason);

/// <summary>A termination certificate.</summary>
/// <param name="Loops">One proof per loop.</param>
/// <param name="Notes">Facts the proof relies on that are not per loop.</param>
public sealed record CertificateDto(IReadOnlyList<LoopProofDto> Loops, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// True for a certificate that covers only the runs that avoid undefined behaviour (each run ends at its first);
    /// absent for one that also shows undefined behaviour unreachable.
    /// </summary>
    public bool? AssumesNoUndefinedBehaviour { get; init; }
}

/// <summary>The proof for one loop.</summary>
/// <param name="Location">The loop's position.</param>
/// <param name="Invariant">The supporting invariant at the loop head.</param>
/// <param name="Ranking">The lexicographic ranking function, most significant component first.</param>
public sealed record LoopProofDto(LocationDto Location, string Invariant, IReadOnlyList<string> Ranking);

/// <summary>A non-termination witness.</summary>
/// <param name="Kind"><c>nontermination</c>, <c>undefined-behaviour</c> or <c>nontermination-or-undefined-behaviour</c>.</param>
/// <param name="Inputs">Parameter name to value, in parameter order.</param>
/// <param name="NondetValues">The nondeterministic values, in the order drawn.</param>
/// <param name="Loop">The loop that never exits, when there is one.</param>
/// <param name="RecurrentSet">The states the loop never leaves, as an expression.</param>
/// <param name="UndefinedBehaviourAt">Where undefined behaviour happens, when it does.</param>
/// <param name="Explanation">One sentence for people.</param>
public sealed record WitnessDto(
    string Kind,
    IReadOnlyDictionary<string, BigInteger> Inputs,
    IReadOnlyList<BigInteger> NondetValues,
    LocationDto? Loop,
    string? RecurrentSet,
    LocationDto? UndefinedBehaviourAt,
    string Explanation)
{
    /// <summary>Where each of <see cref="NondetValues"/> is drawn, in the same order (absent in reports that predate it).</summary>
    public IReadOnlyList<NondetOriginDto>? NondetOrigins { get; init; }

    /// <summary>The index of <see cref="NondetValues"/> from which the values repeat for ever, in order; absent when each is drawn once.</summary>
    public int? NondetValuesRepeatFrom { get; init; }

    /// <summary>
    /// The inputs that are pointer parameters: the value of each is the number of elements of the fresh object it
    /// points to the start of, or -1 for the null pointer. Absent when there are none.
    /// </summary>
    public IReadOnlyList<string>? PointerInputs { get; init; }
}

/// <summary>Where a nondeterministic value is drawn.</summary>
/// <param name="Location">The call or declaration that draws it.</param>
/// <param name="Source">What draws it: a nondeterministic call, an undefined function's result, or a local declared without a value.</param>
public sealed record NondetOriginDto(LocationDto Location, string Source);

/// <summary>The answer to "can the function return this value?".</summary>
/// <param name="Value">The value asked about, as given.</param>
/// <param name="Verdict"><c>Yes</c>, <c>No</c> or <c>DontKnow</c>.</param>
/// <param name="Inputs">For Yes: an input that returns the value.</param>
/// <param name="NondetValues">For Yes: the nondeterministic values of that run.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record CanReturnDto(
    string Value,
    string Verdict,
    IReadOnlyDictionary<string, BigInteger> Inputs,
    IReadOnlyList<BigInteger> NondetValues,
    string Reason);

/// <summary>Source-generated serialization for the report (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    // A report that holds null where it never does is refused rather than read into records whose non-nullable
    // properties are null (a field that is missing altogether: see TerminationJson's reader).
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    Converters = [typeof(BigIntegerJsonConverter)])]
[JsonSerializable(typeof(ReportDto))]
[JsonSerializable(typeof(ReportListDto))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
