using Terminator.Cli;

namespace Terminator.Tests.Cli;

/// <summary>Colour, <c>--help</c> and <c>--version</c>.</summary>
[TestFixture]
public sealed class TerminalOutputTests : TempFolderFixture
{
    private const string Escape = "\u001b[";
    private string _file = "";

    [SetUp]
    public void CreateSourceFile() => _file = Touch("g.c");

    [TestCase(true, false, false, ExpectedResult = true, TestName = "TerminalColours")]
    [TestCase(false, false, false, ExpectedResult = false, TestName = "RedirectedIsPlain")]
    [TestCase(true, true, false, ExpectedResult = false, TestName = "NoColorVariableIsPlain")]
    [TestCase(true, false, true, ExpectedResult = false, TestName = "NoColorOptionIsPlain")]
    public bool ColourOnlyOnATerminalWithoutNoColor(bool stdoutIsTerminal, bool noColorSet, bool noColorOption) =>
        new TerminalInfo(stdoutIsTerminal, StderrIsTerminal: false, noColorSet).UseColor(noColorOption);

    [Test]
    public void VerdictsAreColouredOnlyWhenColourIsOn()
    {
        var backend = CliHarness.Fake(f => [CliHarness.Yes(f), CliHarness.No(f), CliHarness.DontKnow(f)]);
        var colourTerminal = new TerminalInfo(StdoutIsTerminal: true, StderrIsTerminal: true, NoColor: false);

        var coloured = CliHarness.Run(["analyze", _file], backend, colourTerminal);
        var redirected = CliHarness.Run(["analyze", _file], backend, TerminalInfo.None);
        var noColorSet = CliHarness.Run(["analyze", _file], backend, colourTerminal with { NoColor = true });
        var noColorOption = CliHarness.Run(["analyze", _file, "--no-color"], backend, colourTerminal);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(coloured.Stdout, Does.Contain($"g: {Escape}32mYes{Escape}0m"));
            Assert.That(coloured.Stdout, Does.Contain($"g2: {Escape}31mNo{Escape}0m"));
            Assert.That(coloured.Stdout, Does.Contain($"h: {Escape}33mDontKnow{Escape}0m"));
            Assert.That(redirected.Stdout, Does.Not.Contain(Escape));
            Assert.That(noColorSet.Stdout, Does.Not.Contain(Escape));
            Assert.That(noColorOption.Stdout, Does.Not.Contain(Escape));
            Assert.That(noColorOption.Stdout, Is.EqualTo(redirected.Stdout));
        }
    }

    [Test]
    public void MachineFormatsAreNeverColoured()
    {
        var backend = CliHarness.Fake(f => [CliHarness.Yes(f), CliHarness.No(f)]);
        var colourTerminal = new TerminalInfo(StdoutIsTerminal: true, StderrIsTerminal: true, NoColor: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CliHarness.Run(["analyze", _file, "--format", "json"], backend, colourTerminal).Stdout, Does.Not.Contain(Escape));
            Assert.That(CliHarness.Run(["analyze", _file, "--format", "sarif"], backend, colourTerminal).Stdout, Does.Not.Contain(Escape));
        }
    }

    [Test]
    public void HelpShowsUsageAndExamples()
    {
        var root = CliHarness.Run(["--help"]);
        var analyze = CliHarness.Run(["analyze", "--help"]);
        var bench = CliHarness.Run(["bench", "--help"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.ExitCode, Is.Zero, root.Stderr);
            Assert.That(root.Stdout, Does.Contain("Usage:").And.Contain("Examples:").And.Contain("terminator bench"));
            Assert.That(analyze.ExitCode, Is.Zero, "help needs no file");
            Assert.That(analyze.Stdout, Does.Contain("--format").And.Contain("sarif").And.Contain("--no-color"));
            Assert.That(analyze.Stdout, Does.Contain("Examples:").And.Contain("terminator analyze examples --format sarif"));
            Assert.That(analyze.Stdout, Does.Not.Contain("terminator bench"), "each command shows its own examples");
            Assert.That(bench.Stdout, Does.Contain("terminator bench").And.Not.Contain("terminator analyze"));
            Assert.That(analyze.Stderr, Is.Empty);
        }
    }

    [Test]
    public void VersionPrintsTheInformationalVersionAndZ3()
    {
        var run = CliHarness.Run(["--version"]);

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.StartWith($"terminator {ToolVersion.Informational}{Environment.NewLine}"));
        Assert.That(run.Stdout, Does.Match(@"\nZ3 (\d+\.)+\d+"), "the tests run with Z3 installed");
    }

    [Test]
    public void VersionSaysWhenZ3IsMissing()
    {
        using var output = new StringWriter();

        ToolVersion.Write(output, () => null);

        Assert.That(output.ToString(), Does.Contain("Z3 not found"));
    }
}
