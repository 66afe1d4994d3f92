using System.Numerics;
using Terminator.Cli;
using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Ir;
using Terminator.Tests.Cli;

namespace Terminator.Tests.Reliability;

/// <summary>Option values that make no sense are refused up front, by the library and by the command line.</summary>
[TestFixture]
public sealed class OptionValidationTests
{
    private const string CountDown = "int f(int x) { while (x > 0) { x = x - 1; } return x; }";
    private const string PyCountDown = "def f(x):\n    while x > 0:\n        x = x - 1\n    return x\n";

    private static string Example(string name) => Path.Combine(RepoPaths.Examples, name);

    [Test]
    public void TheLibraryRefusesANegativeTimeout() =>
        Assert.That(
            () => Termination.Analyze(CountDown, SourceLanguage.C, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(-1) }),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("options").And.Message.Contains("Timeout"));

    [Test]
    public void TheLibraryRefusesAnUndefinedSemantics() =>
        Assert.That(
            () => Termination.Analyze(CountDown, SourceLanguage.C, new AnalysisOptions { Semantics = (IntegerSemantics)7 }),
            Throws.ArgumentException.With.Message.Contains("Semantics"));

    [Test]
    public void TheLibraryRefusesCSemanticsForPython() =>
        Assert.That(
            () => Termination.Analyze(PyCountDown, SourceLanguage.Python, new AnalysisOptions { Semantics = IntegerSemantics.C }),
            Throws.ArgumentException.With.Message.Contains("Semantics"));

    [TestCase("0x")]
    [TestCase("True")]
    [TestCase("abc")]
    [TestCase("1.5")]
    [TestCase("")]
    public void TheLibraryRefusesACanReturnValueThatIsNoCLiteral(string value) =>
        Assert.That(
            () => Termination.Analyze(CountDown, SourceLanguage.C, new AnalysisOptions { CanReturn = value }),
            Throws.ArgumentException.With.Message.Contains("CanReturn"));

    [Test]
    public void ATimeoutBeyondWhatATimerCanWaitIsNoLimit()
    {
        // 4 294 968 s is just over the longest timer (2^32 - 2 ms); it used to throw ArgumentOutOfRangeException.
        var result = Termination.Analyze(CountDown, SourceLanguage.C, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(4_294_968) });
        Assert.That(result.Functions.Single().Verdict, Is.TypeOf<Yes>());
    }

    [TestCase("42", SourceLanguage.C, 42)]
    [TestCase("-0x2A", SourceLanguage.C, -42)]
    [TestCase("052", SourceLanguage.C, 42)]
    [TestCase("42ul", SourceLanguage.C, 42)]
    [TestCase("true", SourceLanguage.C, 1)]
    [TestCase("0", SourceLanguage.C, 0)]
    [TestCase("4_2", SourceLanguage.Python, 42)]
    [TestCase("0o52", SourceLanguage.Python, 42)]
    [TestCase("0b101010", SourceLanguage.Python, 42)]
    [TestCase("0x_2a", SourceLanguage.Python, 42)]
    [TestCase("False", SourceLanguage.Python, 0)]
    [TestCase("-7", SourceLanguage.Python, -7)]
    [TestCase("00", SourceLanguage.Python, 0)]
    public void LiteralsOfTheLanguageAreRead(string literal, SourceLanguage language, int value) =>
        Assert.That(ReturnLiteral.Parse(literal, language), Is.EqualTo(new BigInteger(value)));

    [TestCase("0x", SourceLanguage.C)]
    [TestCase("True", SourceLanguage.C)]
    [TestCase("09", SourceLanguage.C)]
    [TestCase("4_2", SourceLanguage.C)]
    [TestCase("42uu", SourceLanguage.C)]
    [TestCase("true", SourceLanguage.Python)]
    [TestCase("42u", SourceLanguage.Python)]
    [TestCase("042", SourceLanguage.Python)]
    [TestCase("4__2", SourceLanguage.Python)]
    [TestCase("0b102", SourceLanguage.Python)]
    [TestCase("--1", SourceLanguage.Python)]
    public void OtherTextIsNoLiteral(string literal, SourceLanguage language) =>
        Assert.That(ReturnLiteral.Parse(literal, language), Is.Null);

    [Test]
    public void ABadCanReturnValueIsBadUsage()
    {
        var run = CliHarness.Run(["analyze", Example("g.c"), "--can-return", "abc"]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(run.Stderr, Does.Contain("--can-return: 'abc' is not an integer literal of C"));
    }

    [TestCase("1e-9")]
    [TestCase("0.0001")]
    [TestCase("-1")]
    public void ATimeoutThatWouldRoundToNoLimitIsRefused(string seconds)
    {
        var run = CliHarness.Run(["analyze", Example("g.c"), "--timeout", seconds]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(run.Stderr, Does.Contain("--timeout must be 0 (no limit) or a number of seconds from 0.001 on"));
    }

    [Test]
    public void ASpentMillisecondBudgetIsReportedAsSuch() =>
        Assert.That(FunctionAnalysis.BudgetSpent(TimeSpan.FromMilliseconds(1)), Is.EqualTo("the time budget of 0.001 s ran out"));

    [TestCase("0")]
    [TestCase("-1")]
    public void BenchRefusesFewerThanOneJob(string jobs)
    {
        var run = CliHarness.Run(["bench", RepoPaths.Examples, "--jobs", jobs]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(run.Stderr, Does.Contain("--jobs must be 1 or more"));
    }
}
