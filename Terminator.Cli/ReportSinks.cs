using Terminator.Cli.Sarif;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Cli;

/// <summary>
/// Where the results of <c>terminator analyze</c> go, file by file, in one output format. With one file the output is
/// that file's report exactly; with several (or a folder) it stays one document per format.
/// </summary>
internal abstract class ReportSink
{
    /// <summary>The sink for <paramref name="format"/> (<c>text</c>, <c>json</c> or <c>sarif</c>).</summary>
    /// <param name="format">The output format.</param>
    /// <param name="several">Several files or a folder were given, so the output must tell the files apart.</param>
    /// <param name="useColor">Colour the text report.</param>
    /// <param name="output">Standard output.</param>
    public static ReportSink For(string format, bool several, bool useColor, TextWriter output) => format switch
    {
        "json" => several ? new JsonListSink(output) : new WriterSink(new JsonReportWriter(), output),
        "sarif" => new SarifSink(output),
        _ => several ? new TextSink(new TextReportWriter(useColor), output) : new WriterSink(new TextReportWriter(useColor), output),
    };

    /// <summary>Adds the results of one file.</summary>
    public abstract void Add(ProgramResult result);

    /// <summary>Notes a file that could not be analyzed (already reported on standard error).</summary>
    public virtual void AddFailure(SourceSpan where, string message)
    {
    }

    /// <summary>Writes whatever waits for the last file.</summary>
    public virtual void Finish()
    {
    }

    /// <summary>One file: its report, as the writer makes it.</summary>
    private sealed class WriterSink(IReportWriter writer, TextWriter output) : ReportSink
    {
        public override void Add(ProgramResult result) => writer.Write(result, output);
    }

    /// <summary>Several files as text: each report under a <c>==> file &lt;==</c> header, as <c>head</c> separates files.</summary>
    private sealed class TextSink(IReportWriter writer, TextWriter output) : ReportSink
    {
        private bool _first = true;

        public override void Add(ProgramResult result)
        {
            if (!_first)
                output.WriteLine();
            _first = false;
            output.WriteLine($"==> {result.File} <==");
            writer.Write(result, output);
        }
    }

    /// <summary>Several files as JSON: one versioned object whose <c>programs</c> hold each file's report, in order.</summary>
    private sealed class JsonListSink(TextWriter output) : ReportSink
    {
        private readonly List<ProgramResult> _results = [];

        public override void Add(ProgramResult result) => _results.Add(result);

        public override void Finish() => output.WriteLine(TerminationJson.Serialize(_results));
    }

    /// <summary>Any number of files as one SARIF log with one run.</summary>
    private sealed class SarifSink(TextWriter output) : ReportSink
    {
        private readonly SarifLogBuilder _builder = new();

        public override void Add(ProgramResult result) => _builder.Add(result);

        public override void AddFailure(SourceSpan where, string message) => _builder.AddFailure(where, message);

        public override void Finish() => SarifReportWriter.Write(_builder.Build(), output);
    }
}
