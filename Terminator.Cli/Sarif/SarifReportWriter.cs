using System.Text.Encodings.Web;
using System.Text.Json;
using Terminator.Core;

namespace Terminator.Cli.Sarif;

/// <summary>The SARIF 2.1.0 report: one log with one run, see <see cref="SarifLogBuilder"/>.</summary>
public sealed class SarifReportWriter : IReportWriter
{
    // Relaxed escaping keeps messages such as "x > y && y <= 0" readable; the output is never embedded in HTML.
    private static readonly SarifJsonContext Context = new(new JsonSerializerOptions(SarifJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <inheritdoc />
    public void Write(ProgramResult result, TextWriter output)
    {
        var builder = new SarifLogBuilder();
        builder.Add(result);
        Write(builder.Build(), output);
    }

    /// <summary>Writes <paramref name="log"/> as one JSON document.</summary>
    public static void Write(SarifLog log, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(log, Context.SarifLog));
}
