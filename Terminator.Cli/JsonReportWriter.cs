using Terminator.Core;

namespace Terminator.Cli;

/// <summary>The machine-readable report: exactly one JSON object, as <see cref="TerminationJson"/> writes it.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    /// <inheritdoc />
    public void Write(ProgramResult result, TextWriter output) => output.WriteLine(TerminationJson.Serialize(result));
}
