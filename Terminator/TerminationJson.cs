using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Terminator.Core;
using Terminator.Json;

namespace Terminator;

/// <summary>
/// The JSON report of an analysis (the format of <c>terminator analyze --format json</c>): camelCase names, integers as
/// JSON numbers of any size, absent values left out. The top-level object always carries <c>"schemaVersion"</c>
/// (<see cref="SchemaVersion"/>, a JSON number), which changes only when a field is renamed, removed or retyped.
/// Source-generated: no reflection at run time, safe to trim.
/// </summary>
public static class TerminationJson
{
    /// <summary>The schema version this library writes and reads: 1.</summary>
    public const int SchemaVersion = 1;

    // Relaxed escaping keeps expressions such as "x > y && y <= 0" readable; the output is never embedded in HTML.
    // One shared instance: options are immutable once in use, so concurrent calls are safe.
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// What the readers use: the same context, where every property set through a non-nullable constructor parameter is
    /// required, so that a report lacking one is refused instead of read with null in it.
    /// </summary>
    private static readonly JsonSerializerOptions ReadOptions = new(Context.Options)
    {
        TypeInfoResolver = Context.WithAddedModifier(info =>
        {
            foreach (var property in info.Properties)
            {
                if (property.AssociatedParameter is { IsNullable: false, HasDefaultValue: false })
                    property.IsRequired = true;
            }
        }),
    };

    /// <summary>The report on one program: <c>{ "schemaVersion": 1, "file": ..., "language": ..., "semantics": ..., "functions": [...] }</c>.</summary>
    /// <param name="result">The analysis result.</param>
    /// <returns>One indented JSON object, without a trailing newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Serialize(ProgramResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(ReportMapper.ToDto(result), Context.ReportDto);
    }

    /// <summary>The report on several programs: <c>{ "schemaVersion": 1, "programs": [...] }</c>, each entry the whole one-program report.</summary>
    /// <param name="results">The analysis results, in the order to report them.</param>
    /// <returns>One indented JSON object, without a trailing newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> or one of its entries is null.</exception>
    public static string Serialize(IEnumerable<ProgramResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reports = results.Select(r => ReportMapper.ToDto(r ?? throw new ArgumentNullException(nameof(results), "an entry is null"))).ToList();
        return JsonSerializer.Serialize(new ReportListDto(SchemaVersion, reports), Context.ReportListDto);
    }

    /// <summary>Reads a one-program report written by <see cref="Serialize(ProgramResult)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">
    /// The text is not such a report (a field that every report has is missing or null), or its <c>schemaVersion</c>
    /// is not <see cref="SchemaVersion"/>.
    /// </exception>
    public static ReportDto Deserialize(string json) =>
        Read(json, (JsonTypeInfo<ReportDto>)ReadOptions.GetTypeInfo(typeof(ReportDto)));

    /// <summary>Reads a several-program report written by <see cref="Serialize(IEnumerable{ProgramResult})"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not such a report, or its <c>schemaVersion</c> is not <see cref="SchemaVersion"/>.</exception>
    public static ReportListDto DeserializeList(string json) =>
        Read(json, (JsonTypeInfo<ReportListDto>)ReadOptions.GetTypeInfo(typeof(ReportListDto)));

    private static T Read<T>(string json, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);

        // The version first: a report of another version may use the same names for other things, or lack fields this
        // version requires; either way it is refused for its version, rather than misread or refused for a field.
        using (var document = JsonDocument.Parse(json))
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out var version)
                && !(version.TryGetInt32(out var number) && number == SchemaVersion))
            {
                throw new JsonException($"unsupported schemaVersion {version.GetRawText()} (this library reads {SchemaVersion})");
            }
        }

        var report = JsonSerializer.Deserialize(json, type) ?? throw new JsonException("expected a JSON object, found null");
        return report;
    }
}
