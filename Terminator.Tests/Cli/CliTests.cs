using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json;
using Terminator.Cli;
using Terminator.Core;
using Terminator.Tests.Api;
using Terminator.Core.Ir;

namespace Terminator.Tests.Cli;

/// <summary>
/// The CLI contract (options, exit codes, report formats), run in-process. The frontend and analyzer are replaced by
/// fakes so that these tests pin the shell alone.
/// </summary>
[TestFixture]
public sealed class CliTests
{
    private static readonly string[] AllVerdicts = ["Yes", "No", "DontKnow"];
    private string _dir = "";
    private string _file = "";

    [SetUp]
    public void CreateSourceFile()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"terminator-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "g.c");
        File.WriteAllText(_file, "void g(int x, int y) {}\n");
    }

    [TearDown]
    public void DeleteSourceFile() => Directory.Delete(_dir, recursive: true);

    [TestCase("", TestName = "NoCommand")]
    [TestCase("analyze", TestName = "NoFile")]
    [TestCase("analyze x.c --bogus", TestName = "UnknownOption")]
    [TestCase("analyze x.c --format xml", TestName = "BadFormat")]
    [TestCase("analyze x.c --semantics java", TestName = "BadSemantics")]
    [TestCase("analyze x.c --timeout -1", TestName = "NegativeTimeout")]
    [TestCase("analyze x.c --timeout soon", TestName = "NonNumericTimeout")]
    [TestCase("analyze x.py --semantics c", TestName = "SemanticsForPython")]
    public void BadUsageExitsWith4(string commandLine)
    {
        var run = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), Backend(AllDontKnow));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.Not.Empty);
    }

    [TestCase("bench x --jobs 0", "terminator bench --help")]
    [TestCase("bench", "terminator bench --help")]
    [TestCase("analyze x.c --format xml", "terminator analyze --help")]
    [TestCase("--bogus", "terminator --help")]
    public void BadUsagePointsToTheHelpOfItsCommand(string commandLine, string help)
    {
        // Was "Run 'terminator analyze --help' for usage." whatever the command.
        var run = Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), Backend(AllDontKnow));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(run.Stderr, Does.EndWith($"Run '{help}' for usage.{Environment.NewLine}"));
    }

    [Test]
    public void PythonSemanticsErrorSaysWhy()
    {
        var run = Run(["analyze", "x.py", "--semantics", "math"], Backend(AllDontKnow));

        Assert.That(run.Stderr, Does.Contain("Python integers are always unbounded"));
    }

    [Test]
    public void MissingFileIsBadInputAtLine1Column1()
    {
        var missing = Path.Combine(_dir, "missing.c");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // The public entry, with the real frontend: the existence check must not depend on the parser.
        var exitCode = CliApp.Run(["analyze", missing], stdout, stderr);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString(), Is.EqualTo($"{missing}:1:1: no such file{Environment.NewLine}"));
        Assert.That(stdout.ToString(), Is.Empty);
    }

    [Test]
    public void UnknownFunctionIsBadInput()
    {
        var run = Run(["analyze", _file, "--function", "nope"], Backend(AllDontKnow));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Stderr, Is.EqualTo($"{_file}:1:1: unknown function 'nope'{Environment.NewLine}"));
    }

    [Test]
    public void SourceErrorsArePrintedAsFileLineColumnAlone()
    {
        var backend = new AnalysisBackend(
            path => throw new SourceException(new SourceSpan(path, 3, 7), "syntax error: unexpected '}'"),
            AllDontKnow);

        var run = Run(["analyze", _file], backend);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Stderr, Is.EqualTo($"{_file}:3:7: syntax error: unexpected '}}'{Environment.NewLine}"));
    }

    [Test]
    public void UnexpectedExceptionsAreOneLineInternalErrors()
    {
        var backend = new AnalysisBackend(Load, (_, _, _) => throw new InvalidOperationException("solver\nexploded"));

        var run = Run(["analyze", _file], backend);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InternalError));
        Assert.That(run.Stderr, Is.EqualTo($"terminator: internal error: InvalidOperationException: solver exploded (a bug in Terminator; {CliApp.DetailsVariable}=1 shows the details){Environment.NewLine}"));
    }

    [Test]
    public void OptionsReachTheAnalyzer()
    {
        var seen = OptionsSeenByTheAnalyzer(["analyze", _file, "--function", "g", "--timeout", "0.5", "--semantics", "math", "--can-return", "0"]);

        Assert.That(seen, Is.EqualTo(new AnalysisOptions
        {
            Function = "g",
            Timeout = TimeSpan.FromMilliseconds(500),
            Semantics = IntegerSemantics.Math,
            CanReturn = "0",
        }));
    }

    [Test]
    public void DefaultsAreTenSecondsAndTheLanguageSemantics()
    {
        var seen = OptionsSeenByTheAnalyzer(["analyze", _file]);

        Assert.That(seen, Is.EqualTo(new AnalysisOptions { Timeout = TimeSpan.FromSeconds(10) }));
    }

    [Test]
    public void ExitCodesFollowTheVerdicts()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Run(["analyze", _file], Backend(Answering(ProvedYes()))).ExitCode, Is.EqualTo(ExitCodes.AllYes));
            Assert.That(Run(["analyze", _file], Backend(Answering(ProvedYes(), ProvedNo(), Unknown()))).ExitCode, Is.EqualTo(ExitCodes.SomeNo));
            Assert.That(Run(["analyze", _file], Backend(Answering(ProvedYes(), Unknown()))).ExitCode, Is.EqualTo(ExitCodes.SomeDontKnow));
        }
    }

    [Test]
    public void WithCanReturnTheExitCodeFollowsTheCanReturnAnswers()
    {
        var yes = new CanReturnResult("0", CanReturnVerdict.Yes, [new InputValue("x", 4294967295)], [], "found an input");
        var no = new CanReturnResult("0", CanReturnVerdict.No, [], [], "proved for all inputs");
        var unknown = new CanReturnResult("0", CanReturnVerdict.DontKnow, [], [], "timeout");

        using (Assert.EnterMultipleScope())
        {
            // A non-terminating function does not change the exit code: the question asked was the can-return one.
            Assert.That(Run(["analyze", _file, "--can-return", "0"], Backend(Answering(ProvedNo() with { CanReturn = yes }, ProvedYes() with { CanReturn = no }))).ExitCode,
                Is.EqualTo(ExitCodes.AllYes));
            Assert.That(Run(["analyze", _file, "--can-return", "0"], Backend(Answering(ProvedYes() with { CanReturn = unknown }))).ExitCode,
                Is.EqualTo(ExitCodes.SomeDontKnow));
        }
    }

    [Test]
    public void JsonReportIsOneObjectWithTheSchema()
    {
        var canReturn = new CanReturnResult("0", CanReturnVerdict.Yes, [new InputValue("x", BigInteger.Pow(2, 70))], [BigInteger.MinusOne], "found an input");
        var run = Run(["analyze", _file, "--format", "json"], Backend(Answering(ProvedYes(), ProvedNo() with { CanReturn = canReturn }, Unknown())));

        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        var functions = root.GetProperty("functions");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("file").GetString(), Is.EqualTo(_file));
            Assert.That(root.GetProperty("language").GetString(), Is.EqualTo("c"));
            Assert.That(root.GetProperty("semantics").GetString(), Is.EqualTo("c"));
            Assert.That(functions.EnumerateArray().Select(f => f.GetProperty("verdict").GetString()), Is.EqualTo(AllVerdicts));

            var yes = functions[0];
            Assert.That(yes.GetProperty("location").GetProperty("line").GetInt32(), Is.EqualTo(1));
            Assert.That(yes.GetProperty("timeMs").GetInt64(), Is.EqualTo(12));
            Assert.That(yes.GetProperty("certificate").GetProperty("loops")[0].GetProperty("ranking")[0].GetString(), Is.EqualTo("x - y"));
            Assert.That(yes.TryGetProperty("witness", out _), Is.False, "nulls are omitted");
            Assert.That(yes.TryGetProperty("reason", out _), Is.False, "nulls are omitted");

            var no = functions[1];
            var witness = no.GetProperty("witness");
            Assert.That(witness.GetProperty("kind").GetString(), Is.EqualTo("nontermination"));
            Assert.That(witness.GetProperty("inputs").GetProperty("y").GetRawText(), Is.EqualTo("0"));
            Assert.That(witness.GetProperty("recurrentSet").GetString(), Is.EqualTo("x > y && y <= 0"));
            Assert.That(no.GetProperty("canReturn").GetProperty("inputs").GetProperty("x").GetRawText(), Is.EqualTo("1180591620717411303424"),
                "integers beyond 64 bits are raw JSON numbers");
            Assert.That(no.GetProperty("canReturn").GetProperty("nondetValues")[0].GetRawText(), Is.EqualTo("-1"));

            Assert.That(functions[2].GetProperty("reason").GetString(), Is.EqualTo("the question refers to itself"));
        }
    }

    [Test]
    public void TextReportShowsEachVerdictWithItsEvidence()
    {
        var canReturn = new CanReturnResult("0", CanReturnVerdict.No, [], [], "proved for all inputs");
        var run = Run(["analyze", _file], Backend(Answering(ProvedYes() with { CanReturn = canReturn }, ProvedNo(), Unknown())));

        Assert.That(run.Stdout.ReplaceLineEndings("\n"), Is.EqualTo($"""
            g: Yes (12 ms)
              loop at {_file}:3:5
                ranking function: x - y
                invariant: y >= 1
            g can return 0: No - proved for all inputs
            g2: No (8 ms) - runs forever
              input: x = 5, y = 0
              the loop at {_file}:9:3 never leaves: x > y && y <= 0
              why: y stays 0, so x never decreases
            h: DontKnow (1 ms)
              reason: the question refers to itself
              tried: oracle

            """));
    }

    [Test]
    public void TextReportNamesUndefinedBehaviour()
    {
        var witness = new NonterminationWitness(WitnessKind.UndefinedBehaviour, [new InputValue("x", 2147483647)], [3, 4], null, null,
            new SourceSpan(_file, 4, 5), "x++ overflows");
        var result = new FunctionResult("up", new SourceSpan(_file, 1, 1), new No(witness), TimeSpan.FromMilliseconds(2), null);

        var run = Run(["analyze", _file], Backend(Answering(result)));

        Assert.That(run.Stdout, Does.Contain($"up: No (2 ms) - reaches undefined behaviour at {_file}:4:5"));
        Assert.That(run.Stdout, Does.Contain("nondeterministic values: 3, 4"));
    }

    [Test]
    public void TextReportSaysWhichNondeterministicValuesRepeatForEver()
    {
        var witness = new NonterminationWitness(WitnessKind.Nontermination, [new InputValue("n", 2)], [7, 0, -1], new SourceSpan(_file, 3, 3), null, null,
            "the loop comes back to the same state every 2 iterations") { NondetValuesRepeatFrom = 1 };
        var result = new FunctionResult("swing", new SourceSpan(_file, 1, 1), new No(witness), TimeSpan.FromMilliseconds(2), null);

        var run = Run(["analyze", _file], Backend(Answering(result)));
        var json = Run(["analyze", _file, "--format", "json"], Backend(Answering(result)));
        var sarif = Run(["analyze", _file, "--format", "sarif"], Backend(Answering(result)));

        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout, Does.Contain("nondeterministic values: 7, then for ever, in turn: 0, -1"));
            Assert.That(json.Stdout, Does.Contain("\"nondetValuesRepeatFrom\": 1"));
            Assert.That(sarif.Stdout, Does.Contain("with the nondeterministic values 7, then 0, -1 for ever, in turn"));
        });
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string[] args, AnalysisBackend backend)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr, useColor: false, backend, CancellationToken.None);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static AnalysisOptions? OptionsSeenByTheAnalyzer(string[] args)
    {
        AnalysisOptions? seen = null;
        Run(args, Backend((program, options, token) =>
        {
            seen = options;
            return AllDontKnow(program, options, token);
        }));
        return seen;
    }

    private static AnalysisBackend Backend(Func<ProgramIr, AnalysisOptions, CancellationToken, ProgramResult> analyze) => new(Load, analyze);

    /// <summary>A stand-in for the frontend: one function g, wherever the file is.</summary>
    private static ProgramIr Load(string path)
    {
        var span = new SourceSpan(path, 1, 1);
        var g = new FunctionDecl("g", ScalarType.Void, [], new BlockStmt([], span), span);
        return new ProgramIr(path, SourceLanguage.C, [g], []);
    }

    private static ProgramResult AllDontKnow(ProgramIr program, AnalysisOptions options, CancellationToken token) =>
        Answering(new FunctionResult("g", new SourceSpan(program.File, 1, 1), new DontKnow("not asked"), TimeSpan.Zero, null))(program, options, token);

    private static Func<ProgramIr, AnalysisOptions, CancellationToken, ProgramResult> Answering(params FunctionResult[] results) =>
        (program, options, _) => new ProgramResult(
            program.File,
            program.Language,
            options.Semantics ?? IntegerSemantics.C,
            [.. results]);

    private FunctionResult ProvedYes()
    {
        var loop = new LoopProof(new SourceSpan(_file, 3, 5), AnswerValues.YAtLeastOne, new LexicographicLoopRanking([AnswerValues.XMinusY]));
        return new FunctionResult("g", new SourceSpan(_file, 1, 1), new Yes(new TerminationCertificate([loop], [])), TimeSpan.FromMilliseconds(12), null);
    }

    private FunctionResult ProvedNo()
    {
        var witness = new NonterminationWitness(WitnessKind.Nontermination, [new InputValue("x", 5), new InputValue("y", 0)], [],
            new SourceSpan(_file, 9, 3), AnswerValues.XAboveYAtMostZero, null, "y stays 0, so x never decreases");
        return new FunctionResult("g2", new SourceSpan(_file, 7, 1), new No(witness), TimeSpan.FromMilliseconds(8), null);
    }

    private FunctionResult Unknown() =>
        new("h", new SourceSpan(_file, 12, 1), new DontKnow("the question refers to itself", ["oracle"]), TimeSpan.FromMilliseconds(1), null);
}
