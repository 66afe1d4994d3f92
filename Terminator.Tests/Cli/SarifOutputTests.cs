using System.Numerics;
using System.Text.Json;
using Terminator.Cli;
using Terminator.Cli.Sarif;
using Terminator.Core;
using Terminator.Tests.Api;
using Terminator.Core.Ir;

namespace Terminator.Tests.Cli;

/// <summary><c>terminator analyze --format sarif</c>, validated against the official SARIF 2.1.0 schema.</summary>
[TestFixture]
public sealed class SarifOutputTests : TempFolderFixture
{
    private static readonly string[] TwoUnknowns = ["termination-unknown", "termination-unknown"];
    private static readonly string[] YesAndDontKnow = ["Yes", "DontKnow"];

    [Test]
    public void TheSchemaIsTheOfficialDraft07One()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SarifSchema.Path));

        Assert.That(schema.RootElement.GetProperty("$schema").GetString(), Is.EqualTo("http://json-schema.org/draft-07/schema#"));
        Assert.That(schema.RootElement.GetProperty("title").GetString(), Is.EqualTo("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"));
    }

    [Test]
    public void TheValidatorAcceptsAMinimalLog() =>
        Assert.That(SarifSchema.Validate("""{ "version": "2.1.0", "runs": [] }""").IsValid, Is.True);

    // Each document breaks the schema once; the last two only where a "#/definitions/..." reference leads, so they
    // are rejected only if the validator follows references.
    [TestCase("""{ "runs": [] }""", TestName = "MissingVersion")]
    [TestCase("""{ "version": "2.0.0", "runs": [] }""", TestName = "WrongVersion")]
    [TestCase("""{ "version": "2.1.0", "runs": [], "extra": 1 }""", TestName = "UnknownProperty")]
    [TestCase("""{ "version": "2.1.0", "runs": [ { "tool": { "driver": { } } } ] }""", TestName = "DriverWithoutName")]
    [TestCase("""{ "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "t" } }, "results": [ { "message": { "text": "m" }, "level": "fatal" } ] } ] }""",
        TestName = "UnknownLevel")]
    [TestCase("""{ "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "t" } }, "results": [ { "message": { "text": "m" }, "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "a.c" }, "region": { "startLine": 0 } } } ] } ] } ] }""",
        TestName = "LineZero")]
    public void TheValidatorRejectsAnInvalidLog(string json) =>
        Assert.That(SarifSchema.Validate(json).IsValid, Is.False);

    [Test]
    public void CAndPythonExamplesGiveAValidLog()
    {
        string[] files = ["g.c", "h.c", "g.py", "h.py"];
        var run = CliHarness.Run(["analyze", .. files.Select(f => Path.Combine(RepoPaths.Examples, f)), "--format", "sarif"]);

        var (isValid, errors) = SarifSchema.Validate(run.Stdout);
        Assert.That(isValid, Is.True, errors);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SomeNo), run.Stderr);

        using var log = JsonDocument.Parse(run.Stdout);
        var sarifRun = log.RootElement.GetProperty("runs").EnumerateArray().Single();
        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
        var functions = results.Select(r => r.GetProperty("properties").GetProperty("function").GetString()).ToList();
        var g2All = results.Where(r => r.GetProperty("properties").GetProperty("function").GetString() == "g2").ToList();
        var g2 = g2All.Where(r => r.GetProperty("ruleId").GetString() != "undefined-behaviour").ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(driver.GetProperty("name").GetString(), Is.EqualTo("Terminator"));
            Assert.That(driver.GetProperty("version").GetString(), Is.EqualTo(ToolVersion.Informational));
            Assert.That(driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()),
                Is.EqualTo(SarifRules.All.Select(r => r.Id)));
            Assert.That(sarifRun.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean(), Is.True);
            Assert.That(sarifRun.GetProperty("artifacts").GetArrayLength(), Is.EqualTo(files.Length));

            // g terminates in both files: no result. g2 does not (C: k too); h is DontKnow.
            Assert.That(functions, Has.None.EqualTo("g"));
            Assert.That(g2, Has.Count.EqualTo(2), "g2 in g.c and in g.py");

            // In C, x - y also overflows (x = 0, y = INT_MIN): the reachable undefined behaviour is a result of its own.
            var overflow = g2All.Where(r => r.GetProperty("ruleId").GetString() == "undefined-behaviour").ToList();
            Assert.That(overflow, Has.Count.EqualTo(1));
            Assert.That(overflow.Select(r => r.GetProperty("message").GetProperty("text").GetString()), Has.All.Match(@"^g2 reaches undefined behaviour at .*g\.c:17:9 from "));
            Assert.That(g2.Select(r => r.GetProperty("ruleId").GetString()), Has.All.EqualTo("nontermination"));
            Assert.That(g2.Select(r => r.GetProperty("level").GetString()), Has.All.EqualTo("error"));
            Assert.That(g2.Select(r => r.GetProperty("message").GetProperty("text").GetString()),
                Has.All.Match(@"^g2 runs forever from x = -?\d+, y = -?\d+[;.]"));
            var h = results.Where(r => r.GetProperty("properties").GetProperty("function").GetString() == "h").ToList();
            Assert.That(h.Select(r => r.GetProperty("ruleId").GetString()), Is.EqualTo(TwoUnknowns));
            Assert.That(h.Select(r => r.GetProperty("level").GetString()), Has.All.EqualTo("warning"));

            // The loop of g2 in g.c is at line 16, column 3.
            var region = g2[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.That((region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()), Is.EqualTo((16, 3)));
        }
    }

    [Test]
    public void EveryKindOfFindingGivesAValidLog()
    {
        var file = Touch("a.c");
        var run = CliHarness.Run(["analyze", file, "--format", "sarif", "--can-return", "0"], CliHarness.Fake(_ => EveryKind("my dir/a.c")));

        var (isValid, errors) = SarifSchema.Validate(run.Stdout);
        Assert.That(isValid, Is.True, errors);

        using var log = JsonDocument.Parse(run.Stdout);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var byRule = results.ToLookup(r => r.GetProperty("ruleId").GetString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.GetProperty("ruleId").GetString()).Distinct(), Is.EquivalentTo(SarifRules.All.Select(r => r.Id)));
            Assert.That(results.Select(r => r.GetProperty("ruleIndex").GetInt32()),
                Is.EqualTo(results.Select(r => SarifRules.All.Select(x => x.Id).ToList().IndexOf(r.GetProperty("ruleId").GetString()!))));

            var ub = byRule["undefined-behaviour"].Single();
            Assert.That(ub.GetProperty("message").GetProperty("text").GetString(),
                Is.EqualTo("up reaches undefined behaviour at my dir/a.c:4:5 from x = 2147483647; x++ overflows."));
            var ubLocation = ub.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.That(ubLocation.GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo("my%20dir/a.c"),
                "a relative path stays relative");
            Assert.That(ubLocation.GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(4), "the undefined behaviour is the place");
            Assert.That(ub.GetProperty("relatedLocations")[0].GetProperty("message").GetProperty("text").GetString(), Is.EqualTo("up is defined here"));

            var big = byRule["nontermination-or-undefined-behaviour"].Single().GetProperty("properties").GetProperty("inputs").GetProperty("n");
            Assert.That(big.GetRawText(), Is.EqualTo("1180591620717411303424"), "inputs beyond 64 bits stay exact");

            var synthesized = byRule["termination-unknown"].Single().GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.That(synthesized.TryGetProperty("region", out _), Is.False, "a place that is not in the source has no region");

            Assert.That(byRule["assertion-failure"].Single().GetProperty("message").GetProperty("text").GetString(),
                Is.EqualTo("The assertion in check fails from x = 3."));
            Assert.That(byRule["can-return"].Select(r => r.GetProperty("properties").GetProperty("verdict").GetString()),
                Is.EquivalentTo(YesAndDontKnow));
        }
    }

    [Test]
    public void AnInputThatCannotBeReadMakesTheRunUnsuccessful()
    {
        var good = Touch("good.c");
        var missing = Path.Combine(Dir, "missing.c");
        var run = CliHarness.Run(["analyze", good, missing, "--format", "sarif"], CliHarness.Fake(f => [CliHarness.DontKnow(f)]));

        var (isValid, errors) = SarifSchema.Validate(run.Stdout);
        Assert.That(isValid, Is.True, errors);

        using var log = JsonDocument.Parse(run.Stdout);
        var sarifRun = log.RootElement.GetProperty("runs")[0];
        var invocation = sarifRun.GetProperty("invocations")[0];
        var notification = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Stderr, Is.EqualTo($"{missing}:1:1: no such file{Environment.NewLine}"));
            Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.False);
            Assert.That(notification.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo("no such file."));
            Assert.That(notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(),
                Is.EqualTo(new Uri(missing).AbsoluteUri));
            Assert.That(sarifRun.GetProperty("results").GetArrayLength(), Is.EqualTo(1), "the readable file is still analyzed");
        }
    }

    [TestCase("examples/g.c", "examples/g.c")]
    [TestCase("my dir/a b.c", "my%20dir/a%20b.c")]
    [TestCase("odd:name#1.c", "odd%3Aname%231.c")]
    [TestCase("/tmp/x y/g.c", "file:///tmp/x%20y/g.c")]
    public void PathsBecomeUriReferences(string path, string uri)
    {
        if (OperatingSystem.IsWindows() && path.StartsWith('/'))
            Assert.Ignore("a Unix absolute path");
        Assert.That(SarifLogBuilder.ToUri(path), Is.EqualTo(uri));
    }


    /// <summary>One function per kind of SARIF result, in a file named <paramref name="file"/>.</summary>
    private static FunctionResult[] EveryKind(string file)
    {
        var at = (int line, int column) => new SourceSpan(file, line, column);
        var ub = new NonterminationWitness(WitnessKind.UndefinedBehaviour, [new InputValue("x", 2147483647)], [], null, null, at(4, 5), "x++ overflows");
        var either = new NonterminationWitness(WitnessKind.NonterminationOrUndefinedBehaviour, [new InputValue("n", BigInteger.Pow(2, 70))], [7],
            at(21, 3), new AndCondition([AnswerValues.Bound("n", ComparisonOperator.Greater, 0)]), at(22, 7), "n grows");
        var canReturnYes = new CanReturnResult("0", CanReturnVerdict.Yes, [new InputValue("x", 4294967295)], [], "found an input");
        var canReturnUnknown = new CanReturnResult("0", CanReturnVerdict.DontKnow, [], [], "timeout");
        var fails = new AssertionResult(at(31, 5), AssertionVerdict.Fails, [new InputValue("x", 3)], [], "replayed");
        var unknown = new AssertionResult(at(32, 5), AssertionVerdict.DontKnow, [], [], "timeout");
        var holds = new AssertionResult(at(33, 5), AssertionVerdict.Holds, [], [], "proved");
        return
        [
            CliHarness.No(file) with { CanReturn = canReturnYes },
            new FunctionResult("up", at(2, 1), new No(ub), TimeSpan.Zero, canReturnUnknown),
            new FunctionResult("grow", at(20, 1), new No(either), TimeSpan.Zero, null),
            new FunctionResult("synthesized", SourceSpan.None, new DontKnow("no loop to rank"), TimeSpan.Zero, null),
            CliHarness.Yes(file, "check") with { Assertions = [fails, unknown, holds] },
        ];
    }
}
