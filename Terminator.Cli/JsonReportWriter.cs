using System.Text.Encodings.Web;
using System.Text.Json;
using Terminator.Cli.Json;
using Terminator.Core;

namespace Terminator.Cli;

/// <summary>The machine-readable report: exactly one JSON object (schema version 1), see <see cref="ReportDto"/>.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    // Relaxed escaping keeps expressions such as "x > y && y <= 0" readable; the output is never embedded in HTML.
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <inheritdoc />
    public void Write(ProgramResult result, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(ReportMapper.ToDto(result), Context.ReportDto));
}
