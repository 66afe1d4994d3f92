using Terminator.Cli;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Tests.Cli;

namespace Terminator.Tests.Reliability;

/// <summary>A bug in Terminator is never an answer: the library throws <see cref="InternalErrorException"/>, the CLI exits 70 with one line.</summary>
[TestFixture]
public sealed class InternalErrorTests
{
    /// <summary>
    /// An IR that no frontend makes: a simultaneous assignment with two targets and one value. Its analysis fails
    /// inside Terminator, which stands in here for any bug there.
    /// </summary>
    private static ProgramIr Broken(string file)
    {
        var at = new SourceSpan(file, 1, 1);
        var body = new BlockStmt(
            [new ParallelAssignStmt(["x", "x"], [new IntLiteral(1, ScalarType.Int, at)], at), new ReturnStmt(new VarRef("x", at), at)], at);
        var function = new FunctionDecl("f", ScalarType.Int, [new Parameter("x", ScalarType.Int, at)], body, at);
        return new ProgramIr(file, SourceLanguage.C, [function], []);
    }

    [Test]
    public void TheLibraryThrowsInsteadOfAnsweringDontKnow()
    {
        // Was a DontKnow whose reason read "internal error in the analysis (...)".
        var thrown = Assert.Throws<InternalErrorException>(() => TerminationAnalyzer.Analyze(Broken("broken.c"), new AnalysisOptions()));

        Assert.That(thrown!.Function, Is.EqualTo("f"));
        Assert.That(thrown.Message, Does.StartWith("analyzing f (broken.c:1:1): "));
        Assert.That(thrown.Message, Does.Not.Contain("\n"));
        Assert.That(thrown.InnerException, Is.Not.Null);
    }

    private DirectoryInfo _dir = null!;
    private string _file = "";

    [SetUp]
    public void CreateSourceFile()
    {
        _dir = Directory.CreateTempSubdirectory("terminator-internal-");
        _file = Path.Combine(_dir.FullName, "broken.c");
        File.WriteAllText(_file, "int main(void) { return 0; }\n");
    }

    [TearDown]
    public void DeleteSourceFile() => _dir.Delete(recursive: true);

    [Test]
    public void TheCommandLineExitsWith70AndOneLine()
    {
        var run = CliHarness.Run(["analyze", _file], AnalysisBackend.Default with { Load = Broken });

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InternalError));
        Assert.That(run.Stderr, Does.StartWith($"terminator: internal error: analyzing f ({_file}:1:1): "));
        Assert.That(run.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Stderr);
        Assert.That(run.Stderr, Does.Contain($"{CliApp.DetailsVariable}=1"));
        Assert.That(run.Stdout, Is.Empty);
    }

    [Test]
    public void TheDetailsAreShownWhenAskedFor()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, TerminalInfo.None, AnalysisBackend.Default with { Load = Broken }, CancellationToken.None) { ShowDetails = true };

        var exitCode = CliApp.Run(["analyze", _file], context);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.InternalError));
        Assert.That(stderr.ToString(), Does.Contain("   at "), "the stack trace");
    }

    [Test]
    public void BenchStopsWith70NamingTheProgram()
    {
        var run = CliHarness.Run(["bench", _dir.FullName, "--jobs", "1"], AnalysisBackend.Default with { Load = Broken });

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InternalError));
        Assert.That(run.Stderr, Does.Contain($"terminator: internal error: {_file}: analyzing f"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
    }
}
