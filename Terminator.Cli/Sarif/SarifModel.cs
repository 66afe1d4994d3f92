using System.Text.Json.Serialization;

namespace Terminator.Cli.Sarif;

// The subset of SARIF 2.1.0 (OASIS standard, errata 01) that `terminator analyze --format sarif` writes. Property names
// follow the standard's camelCase; nulls are omitted, as the standard's optional properties have no null value.

/// <summary>A SARIF log: the root object.</summary>
/// <param name="Schema">The URI of the SARIF 2.1.0 JSON schema.</param>
/// <param name="Version">Always <c>2.1.0</c>.</param>
/// <param name="Runs">One run per invocation of the tool.</param>
public sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs)
{
    /// <summary>The SARIF version written.</summary>
    public const string CurrentVersion = "2.1.0";

    /// <summary>The standard's own URI for the 2.1.0 schema (errata 01).</summary>
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
}

/// <summary>One run of the tool over its inputs.</summary>
/// <param name="Tool">The tool and its rules.</param>
/// <param name="Invocations">How the run went; one entry.</param>
/// <param name="Artifacts">The analyzed files.</param>
/// <param name="Results">One result per finding.</param>
/// <param name="ColumnKind">How columns are counted: <c>unicodeCodePoints</c>, as the frontends count them.</param>
public sealed record SarifRun(
    SarifTool Tool,
    IReadOnlyList<SarifInvocation> Invocations,
    IReadOnlyList<SarifArtifact> Artifacts,
    IReadOnlyList<SarifResult> Results,
    string ColumnKind);

/// <summary>The tool that made the run.</summary>
/// <param name="Driver">Terminator itself.</param>
public sealed record SarifTool(SarifToolComponent Driver);

/// <summary>A component of the tool.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Version">The tool's version.</param>
/// <param name="Rules">The rules its results refer to, by id and index.</param>
public sealed record SarifToolComponent(string Name, string Version, IReadOnlyList<SarifRule> Rules);

/// <summary>A rule (a kind of finding), in SARIF's terms a reporting descriptor.</summary>
/// <param name="Id">The stable identifier results refer to.</param>
/// <param name="Name">A readable PascalCase name.</param>
/// <param name="ShortDescription">One sentence.</param>
/// <param name="FullDescription">What a result of this rule means and how it was established.</param>
/// <param name="DefaultConfiguration">The level of its results.</param>
public sealed record SarifRule(
    string Id,
    string Name,
    SarifMessage ShortDescription,
    SarifMessage FullDescription,
    SarifRuleConfiguration DefaultConfiguration);

/// <summary>The default configuration of a rule.</summary>
/// <param name="Level"><c>error</c>, <c>warning</c> or <c>note</c>.</param>
public sealed record SarifRuleConfiguration(string Level);

/// <summary>A plain-text message.</summary>
/// <param name="Text">The text.</param>
public sealed record SarifMessage(string Text);

/// <summary>How the invocation went.</summary>
/// <param name="ExecutionSuccessful">False when an input could not be analyzed (see <paramref name="ToolExecutionNotifications"/>).</param>
/// <param name="ToolExecutionNotifications">One entry per input that could not be analyzed.</param>
public sealed record SarifInvocation(bool ExecutionSuccessful, IReadOnlyList<SarifNotification>? ToolExecutionNotifications);

/// <summary>A problem with the run itself, such as a syntax error in an input.</summary>
/// <param name="Level">Always <c>error</c>.</param>
/// <param name="Message">The error, without its position.</param>
/// <param name="Locations">Where it is.</param>
public sealed record SarifNotification(string Level, SarifMessage Message, IReadOnlyList<SarifLocation> Locations);

/// <summary>An analyzed file.</summary>
/// <param name="Location">The file.</param>
/// <param name="SourceLanguage"><c>c</c> or <c>python</c>.</param>
/// <param name="Roles">Always <c>analysisTarget</c>.</param>
/// <param name="Properties">The integer semantics the file was analyzed with.</param>
public sealed record SarifArtifact(
    SarifArtifactLocation Location,
    string SourceLanguage,
    IReadOnlyList<string> Roles,
    SarifArtifactProperties Properties);

/// <summary>Terminator's facts about an analyzed file.</summary>
/// <param name="Semantics"><c>c</c> (32-bit machine integers) or <c>math</c> (unbounded).</param>
/// <param name="DataModel">For a C file, <c>ilp32</c> or <c>lp64</c>: the width of <c>long</c> it was read with; null for Python.</param>
public sealed record SarifArtifactProperties(string Semantics, string? DataModel = null);

/// <summary>One finding.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="RuleIndex">The rule's index in the driver's rules.</param>
/// <param name="Level"><c>error</c>, <c>warning</c> or <c>note</c>.</param>
/// <param name="Message">The finding in one sentence, with the input that shows it when there is one.</param>
/// <param name="Locations">Where it is: the loop, the undefined behaviour, the assertion or else the function.</param>
/// <param name="RelatedLocations">Other places the message relies on, such as the function's definition.</param>
/// <param name="Properties">The finding as data.</param>
public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyList<SarifLocation>? RelatedLocations,
    SarifResultProperties Properties);

/// <summary>A place in a file, and the function it belongs to.</summary>
/// <param name="Id">Identifies a related location within its result.</param>
/// <param name="PhysicalLocation">The file and position.</param>
/// <param name="LogicalLocations">The function, when known.</param>
/// <param name="Message">What is at this place (related locations only).</param>
public sealed record SarifLocation(
    int? Id,
    SarifPhysicalLocation PhysicalLocation,
    IReadOnlyList<SarifLogicalLocation>? LogicalLocations,
    SarifMessage? Message);

/// <summary>A file and a region in it.</summary>
/// <param name="ArtifactLocation">The file.</param>
/// <param name="Region">The position, when known.</param>
public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion? Region);

/// <summary>A file, as a URI reference.</summary>
/// <param name="Uri">The path as given, as a relative URI reference (or a <c>file:</c> URI for an absolute path).</param>
/// <param name="Index">The file's index in the run's artifacts, when it is one of them.</param>
public sealed record SarifArtifactLocation(string Uri, int? Index);

/// <summary>A start position.</summary>
/// <param name="StartLine">1-based line.</param>
/// <param name="StartColumn">1-based column.</param>
public sealed record SarifRegion(int StartLine, int StartColumn);

/// <summary>A named program element.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Kind">Always <c>function</c>.</param>
public sealed record SarifLogicalLocation(string Name, string Kind);

/// <summary>Terminator's facts about a finding, for tools that read more than the message.</summary>
/// <param name="Function">The analyzed function.</param>
/// <param name="Verdict">The answer: <c>No</c> or <c>DontKnow</c> for termination, <c>Fails</c> or <c>DontKnow</c> for an assertion, <c>Yes</c> or <c>DontKnow</c> for can-return.</param>
/// <param name="WitnessKind">For No: <c>nontermination</c>, <c>undefined-behaviour</c> or <c>nontermination-or-undefined-behaviour</c>.</param>
/// <param name="Inputs">The input that shows the finding: parameter to value, in parameter order.</param>
/// <param name="NondetValues">The nondeterministic values of that run, in the order drawn.</param>
/// <param name="RecurrentSet">For a loop that never exits: the states it never leaves.</param>
/// <param name="Reason">For DontKnow: why no answer was proved.</param>
/// <param name="TechniquesTried">For DontKnow: the techniques tried.</param>
/// <param name="Value">For can-return: the value asked about.</param>
public sealed record SarifResultProperties(
    string Function,
    string Verdict,
    string? WitnessKind,
    IReadOnlyDictionary<string, System.Numerics.BigInteger>? Inputs,
    IReadOnlyList<System.Numerics.BigInteger>? NondetValues,
    string? RecurrentSet,
    string? Reason,
    IReadOnlyList<string>? TechniquesTried,
    string? Value);

/// <summary>Source-generated serialization for SARIF logs (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    Converters = [typeof(Json.BigIntegerJsonConverter)])]
[JsonSerializable(typeof(SarifLog))]
public sealed partial class SarifJsonContext : JsonSerializerContext;
