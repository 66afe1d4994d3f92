using System.Numerics;
using System.Text.Json;
using Terminator.Cli;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Json;

namespace Terminator.Tests.Api;

/// <summary>The JSON report of <see cref="TerminationJson"/>: its schema version, and that it reads back what it wrote.</summary>
[TestFixture]
public sealed class TerminationJsonTests
{
    private static readonly BigInteger Huge = BigInteger.Pow(2, 70);
    private static readonly string[] AllVerdicts = ["Yes", "No", "DontKnow"];
    private static readonly string[] XMinusY = ["x - y"];
    private static readonly string[] TwoFiles = ["a.c", "b.c"];

    [Test]
    public void RoundTripKeepsSchemaVersionAndEveryAnswer()
    {
        var result = Sample("a.c");

        var json = TerminationJson.Serialize(result);
        var report = TerminationJson.Deserialize(json);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(report.SchemaVersion, Is.EqualTo(TerminationJson.SchemaVersion));
            Assert.That(report.File, Is.EqualTo("a.c"));
            Assert.That(report.Language, Is.EqualTo("c"));
            Assert.That(report.Functions.Select(f => f.Verdict), Is.EqualTo(AllVerdicts));
            Assert.That(report.Functions[0].Certificate!.Loops[0].Ranking, Is.EqualTo(XMinusY));
            Assert.That(report.Functions[1].Witness!.Inputs["x"], Is.EqualTo(Huge), "integers beyond 64 bits stay exact");
            Assert.That(report.Functions[1].Witness!.Loop, Is.EqualTo(new LocationDto("a.c", 9, 3)));
            Assert.That(report.Functions[2].Reason, Is.EqualTo("the question refers to itself"));
            Assert.That(TerminationJson.Serialize(result), Is.EqualTo(json), "the same result gives the same text");
        }
    }

    [Test]
    public void SeveralProgramsShareOneSchemaVersion()
    {
        var json = TerminationJson.Serialize([Sample("a.c"), Sample("b.c")]);
        var reports = TerminationJson.DeserializeList(json);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(reports.SchemaVersion, Is.EqualTo(1));
            Assert.That(reports.Programs.Select(p => p.File), Is.EqualTo(TwoFiles));
            Assert.That(reports.Programs[1].Functions[1].Witness!.Inputs["x"], Is.EqualTo(Huge));
        }
    }

    [Test]
    public void AnotherSchemaVersionIsRefused()
    {
        var json = TerminationJson.Serialize(Sample("a.c")).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal);

        Assert.That(() => TerminationJson.Deserialize(json), Throws.InstanceOf<JsonException>().With.Message.Contains("schemaVersion 2"));
    }

    [TestCase("{\"schemaVersion\":1}", "file", TestName = "OnlyTheVersion")]
    [TestCase("{\"schemaVersion\":1,\"file\":\"a.c\",\"language\":\"c\",\"semantics\":\"c\",\"functions\":null}", "functions", TestName = "NullFunctions")]
    [TestCase("{\"schemaVersion\":1,\"file\":\"a.c\",\"language\":\"c\",\"semantics\":\"c\",\"functions\":[{\"name\":\"f\"}]}", "location", TestName = "FunctionWithoutLocation")]
    public void AReportWithoutItsFieldsIsRefused(string json, string missing)
    {
        // Was a ReportDto whose non-nullable File, Language and Functions were null.
        Assert.That(() => TerminationJson.Deserialize(json), Throws.InstanceOf<JsonException>().With.Message.Contains(missing));
    }

    [Test]
    public void ExpressionsStayReadable()
    {
        Assert.That(TerminationJson.Serialize(Sample("a.c")), Does.Contain("\"recurrentSet\": \"x > y && y <= 0\""));
    }

    [Test]
    public void TheCliWritesTheLibrarysReport()
    {
        var result = Sample("a.c");
        var output = new StringWriter();

        new JsonReportWriter().Write(result, output);

        Assert.That(output.ToString(), Is.EqualTo(TerminationJson.Serialize(result) + Environment.NewLine));
    }

    private static ProgramResult Sample(string file)
    {
        var yes = new FunctionResult("g", new SourceSpan(file, 1, 1),
            new Yes(new TerminationCertificate([new LoopProof(new SourceSpan(file, 3, 5), "y >= 1", new LexicographicLoopRanking(["x - y"]))], [])), TimeSpan.FromMilliseconds(12), null);
        var witness = new NonterminationWitness(WitnessKind.Nontermination, [new InputValue("x", Huge), new InputValue("y", 0)], [BigInteger.MinusOne],
            new SourceSpan(file, 9, 3), "x > y && y <= 0", null, "y stays 0, so x never decreases");
        var no = new FunctionResult("g2", new SourceSpan(file, 7, 1), new No(witness), TimeSpan.FromMilliseconds(8), null);
        var dontKnow = new FunctionResult("h", new SourceSpan(file, 12, 1), new DontKnow("the question refers to itself", ["oracle"]), TimeSpan.FromMilliseconds(1), null);
        return new ProgramResult(file, SourceLanguage.C, IntegerSemantics.C, [yes, no, dontKnow]);
    }
}
