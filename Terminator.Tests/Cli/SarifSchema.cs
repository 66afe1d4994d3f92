using System.Text.Json;
using Json.Schema;

namespace Terminator.Tests.Cli;

/// <summary>
/// The official SARIF 2.1.0 JSON schema (draft-07), kept in the test project's Schemas/ folder (with its notice) and
/// copied to schemas/ in the test output.
/// </summary>
internal static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Where the build put the schema.</summary>
    public static string Path => System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "schemas", "sarif-schema-2.1.0.json");

    /// <summary>Validates <paramref name="json"/>: whether it is a valid SARIF log, and the errors when it is not.</summary>
    public static (bool IsValid, string Errors) Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            // Formats such as "uri" and "uri-reference" are only annotations in draft-07 unless asked for.
            RequireFormatValidation = true,
        });
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}");
        return (results.IsValid, string.Join(Environment.NewLine, errors));
    }

    private static JsonSchema Load()
    {
        if (!File.Exists(Path))
            throw new FileNotFoundException($"the SARIF schema is missing: {Path} (the test project's build copies it from Terminator.Tests/Schemas)");

        // A registry of its own, so that the schema's $id is registered once per test run whatever else registers it;
        // its "#/definitions/..." references resolve against that $id.
        return JsonSchema.FromText(File.ReadAllText(Path), new BuildOptions
        {
            SchemaRegistry = new SchemaRegistry(),
            Dialect = Dialect.Draft07,
        });
    }
}
