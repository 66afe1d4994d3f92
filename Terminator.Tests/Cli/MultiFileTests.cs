using System.Text.Json;
using Terminator.Cli;
using Terminator.Core;

namespace Terminator.Tests.Cli;

/// <summary><c>terminator analyze</c> over several files and folders: order, errors, exit codes, output shapes, progress.</summary>
[TestFixture]
public sealed class MultiFileTests : TempFolderFixture
{
    private static readonly string[] SortedBelowFolder = ["a.c", "b.py", "sub/c.c"];
    private static readonly string[] CommandLineOrder = ["z.c", "x.c", "y.c"];
    private static readonly string[] CThenPython = ["c", "python"];

    [Test]
    public void AFolderMeansEveryProgramBelowItInSortedOrder()
    {
        Touch("b.py");
        Touch("a.c");
        Touch("sub/c.c");
        Touch("notes.txt");
        Touch(".hidden/d.c");
        var seen = new List<string>();

        var run = CliHarness.Run(["analyze", Dir], CliHarness.Fake(f =>
        {
            seen.Add(Path.GetRelativePath(Dir, f).Replace('\\', '/'));
            return [CliHarness.Yes(f)];
        }));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.AllYes), run.Stderr);
        Assert.That(seen, Is.EqualTo(SortedBelowFolder));
    }

    [Test]
    public void FilesAndFoldersKeepTheCommandLineOrder()
    {
        var last = Touch("z.c");
        Touch("folder/y.c");
        Touch("folder/x.c");
        var seen = new List<string>();

        CliHarness.Run(["analyze", last, Path.Combine(Dir, "folder")], CliHarness.Fake(f =>
        {
            seen.Add(Path.GetFileName(f));
            return [CliHarness.Yes(f)];
        }));

        Assert.That(seen, Is.EqualTo(CommandLineOrder));
    }

    [Test]
    public void AMissingFileIsReportedAndTheOthersAreStillAnalyzed()
    {
        var first = Touch("first.c");
        var missing = Path.Combine(Dir, "missing.c");
        var last = Touch("last.c");

        var run = CliHarness.Run(["analyze", first, missing, last], CliHarness.Fake(f => [CliHarness.Yes(f)]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Stderr, Is.EqualTo($"{missing}:1:1: no such file{Environment.NewLine}"));
            Assert.That(run.Stdout, Does.Contain($"==> {first} <==").And.Contain($"==> {last} <=="));
        }
    }

    [Test]
    public void AFolderWithoutProgramsIsAnError()
    {
        var empty = Path.Combine(Dir, "empty");
        Directory.CreateDirectory(empty);
        Touch("empty/readme.txt");
        var program = Touch("p.c");

        var run = CliHarness.Run(["analyze", empty, program], CliHarness.Fake(f => [CliHarness.Yes(f)]));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Stderr, Is.EqualTo($"{empty}:1:1: no .c, .i or .py files in this folder{Environment.NewLine}"));
        Assert.That(run.Stdout, Does.Contain($"==> {program} <=="));
    }

    [Test]
    public void TheExitCodeIsTheWorstOfTheFiles()
    {
        var yes = Touch("yes.c");
        var no = Touch("no.c");
        var unknown = Touch("unknown.c");
        var missing = Path.Combine(Dir, "missing.c");
        var backend = CliHarness.Fake(f => Path.GetFileName(f) switch
        {
            "no.c" => [CliHarness.No(f)],
            "unknown.c" => [CliHarness.DontKnow(f)],
            _ => [CliHarness.Yes(f)],
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CliHarness.Run(["analyze", yes, yes], backend).ExitCode, Is.EqualTo(ExitCodes.AllYes));
            Assert.That(CliHarness.Run(["analyze", yes, unknown], backend).ExitCode, Is.EqualTo(ExitCodes.SomeDontKnow));
            Assert.That(CliHarness.Run(["analyze", unknown, no, yes], backend).ExitCode, Is.EqualTo(ExitCodes.SomeNo));
            Assert.That(CliHarness.Run(["analyze", no, missing, unknown], backend).ExitCode, Is.EqualTo(ExitCodes.BadInput));
        }
    }

    [TestCase(ExitCodes.AllYes, ExitCodes.SomeDontKnow, ExitCodes.SomeDontKnow)]
    [TestCase(ExitCodes.SomeNo, ExitCodes.SomeDontKnow, ExitCodes.SomeNo)]
    [TestCase(ExitCodes.SomeNo, ExitCodes.BadInput, ExitCodes.BadInput)]
    [TestCase(ExitCodes.AllYes, ExitCodes.AllYes, ExitCodes.AllYes)]
    public void WorstOrdersTheCodes(int first, int second, int worst)
    {
        Assert.That(ExitCodes.Worst(first, second), Is.EqualTo(worst));
        Assert.That(ExitCodes.Worst(second, first), Is.EqualTo(worst));
    }

    [Test]
    public void JsonForSeveralFilesListsTheSingleFileObjectsUnderOneSchemaVersion()
    {
        var a = Touch("a.c");
        var b = Touch("b.c");
        var backend = CliHarness.Fake(f => [CliHarness.Yes(f), CliHarness.No(f)]);

        var several = CliHarness.Run(["analyze", a, b, "--format", "json"], backend);
        var single = CliHarness.Run(["analyze", a, "--format", "json"], backend);

        using var list = JsonDocument.Parse(several.Stdout);
        using var alone = JsonDocument.Parse(single.Stdout);
        var programs = list.RootElement.GetProperty("programs");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(list.RootElement.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(programs.EnumerateArray().Select(f => f.GetProperty("file").GetString()), Is.EqualTo(new[] { a, b }));
            Assert.That(alone.RootElement.TryGetProperty("programs", out _), Is.False, "one file keeps its single object");
            Assert.That(JsonElement.DeepEquals(programs[0], alone.RootElement), Is.True, "each entry is the single-file object");
        }
    }

    [Test]
    public void JsonForAFolderIsAListEvenWithOneProgram()
    {
        Touch("only.c");

        var run = CliHarness.Run(["analyze", Dir, "--format", "json"], CliHarness.Fake(f => [CliHarness.Yes(f)]));

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.That(json.RootElement.GetProperty("programs").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void SarifForSeveralFilesIsOneRunWithAllResults()
    {
        var a = Touch("a.c");
        var b = Touch("b.py");

        var run = CliHarness.Run(["analyze", a, b, "--format", "sarif"], CliHarness.Fake(f => [CliHarness.No(f), CliHarness.DontKnow(f)]));

        using var log = JsonDocument.Parse(run.Stdout);
        var runs = log.RootElement.GetProperty("runs");
        Assert.That(runs.GetArrayLength(), Is.EqualTo(1));
        Assert.That(runs[0].GetProperty("results").GetArrayLength(), Is.EqualTo(4));
        Assert.That(runs[0].GetProperty("artifacts").EnumerateArray().Select(x => x.GetProperty("sourceLanguage").GetString()),
            Is.EqualTo(CThenPython));
    }

    [Test]
    public void SemanticsIsRefusedWhenAFolderHoldsAPythonProgram()
    {
        Touch("a.c");
        Touch("b.py");

        var run = CliHarness.Run(["analyze", Dir, "--semantics", "math"], CliHarness.Fake(f => [CliHarness.Yes(f)]));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.Contain("Python integers are always unbounded"));
    }

    [Test]
    public void ProgressIsShownOnlyWhenStderrIsATerminal()
    {
        var a = Touch("a.c");
        var b = Touch("b.c");
        var backend = CliHarness.Fake(f => [CliHarness.Yes(f)]);

        var redirected = CliHarness.Run(["analyze", a, b], backend, TerminalInfo.None);
        var terminal = CliHarness.Run(["analyze", a, b], backend, new TerminalInfo(StdoutIsTerminal: false, StderrIsTerminal: true, NoColor: false));
        var oneFile = CliHarness.Run(["analyze", a], backend, new TerminalInfo(StdoutIsTerminal: false, StderrIsTerminal: true, NoColor: false));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(redirected.Stderr, Is.Empty);
            Assert.That(terminal.Stderr, Does.Contain($"[1/2] {a}").And.Contain($"[2/2] {b}"));
            Assert.That(terminal.Stderr, Does.EndWith("\r\u001b[K"), "the status line is erased at the end");
            Assert.That(oneFile.Stderr, Is.Empty, "one file needs no progress");
        }
    }

    [Test]
    public void ALongProgressLineIsCutToTheTerminalWidth()
    {
        using var output = new StringWriter();
        var progress = new Progress(output, ProgressStyle.Live, total: 17, width: 20);

        progress.Advance("a/very/long/path/to/the/program.c");

        Assert.That(output.ToString(), Is.EqualTo("\r\u001b[K…h/to/the/program.c"), "19 columns: one is kept free so that the line never wraps");
    }
}
