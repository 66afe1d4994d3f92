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

    [Test]
    public void TheTwoAnswersForCRoundTripBesideTheVerdict()
    {
        var overflow = new NonterminationWitness(WitnessKind.UndefinedBehaviour, [new InputValue("x", int.MaxValue), new InputValue("y", 1)], [], null, null,
            new SourceSpan("add.c", 1, 32), "signed overflow in addition");
        var assuming = new TerminationCertificate([], ["covers only the runs that avoid undefined behaviour"]) { AssumesNoUndefinedBehaviour = true };
        var add = new FunctionResult("add", new SourceSpan("add.c", 1, 1), new No(overflow), TimeSpan.FromMilliseconds(3), null)
        {
            UndefinedBehaviour = new UndefinedBehaviourAnswers(new Yes(assuming), new UndefinedBehaviourReachable(overflow)),
        };
        var loop = new FunctionResult("loop", new SourceSpan("add.c", 3, 1), new DontKnow("no ranking function"), TimeSpan.FromMilliseconds(3), null)
        {
            UndefinedBehaviour = new UndefinedBehaviourAnswers(
                new DontKnow("no ranking function"),
                new UndefinedBehaviourUnreachable([new LoopInvariant(new SourceSpan("add.c", 4, 3), new AndCondition([AnswerValues.Bound("x", ComparisonOperator.GreaterOrEqual, 0)]))], "the invariants exclude it")),
        };
        var json = TerminationJson.Serialize(new ProgramResult("add.c", SourceLanguage.C, IntegerSemantics.C, [add, loop]));
        var report = TerminationJson.Deserialize(json);
        var addAnswers = report.Functions[0].UndefinedBehaviour!;
        var loopAnswers = report.Functions[1].UndefinedBehaviour!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.SchemaVersion, Is.EqualTo(1));
            Assert.That(report.Functions[0].Verdict, Is.EqualTo("No"));
            Assert.That(addAnswers.TerminatesWithoutUndefinedBehaviour.Verdict, Is.EqualTo("Yes"));
            Assert.That(addAnswers.TerminatesWithoutUndefinedBehaviour.Certificate!.AssumesNoUndefinedBehaviour, Is.True);
            Assert.That(addAnswers.UndefinedBehaviourReachable.Verdict, Is.EqualTo("Yes"));
            Assert.That(addAnswers.UndefinedBehaviourReachable.Witness!.UndefinedBehaviourAt, Is.EqualTo(new LocationDto("add.c", 1, 32)));
            Assert.That(addAnswers.UndefinedBehaviourReachable.Witness!.Inputs["x"], Is.EqualTo(new BigInteger(int.MaxValue)));
            Assert.That(loopAnswers.TerminatesWithoutUndefinedBehaviour.Reason, Is.EqualTo("no ranking function"));
            Assert.That(loopAnswers.UndefinedBehaviourReachable.Verdict, Is.EqualTo("No"));
            Assert.That(loopAnswers.UndefinedBehaviourReachable.Invariants![0].Invariant, Is.EqualTo("x >= 0"));
            Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("functions")[0].GetProperty("undefinedBehaviour")
                .GetProperty("terminatesWithoutUndefinedBehaviour").GetProperty("verdict").GetString(), Is.EqualTo("Yes"));
        }
    }

    [Test]
    public void APythonFunctionHasNoUndefinedBehaviourField()
    {
        var f = new FunctionResult("f", new SourceSpan("f.py", 1, 1), new DontKnow("no ranking function"), TimeSpan.Zero, null);
        var json = TerminationJson.Serialize(new ProgramResult("f.py", SourceLanguage.Python, IntegerSemantics.Math, [f]));
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("functions")[0].TryGetProperty("undefinedBehaviour", out _), Is.False);
    }

    [Test]
    public void PointerInputsAreNamedBesideTheirLengths()
    {
        var witness = new NonterminationWitness(WitnessKind.UndefinedBehaviour, [new InputValue("s", -1) { IsPointer = true }, new InputValue("n", 3)], [],
            null, null, new SourceSpan("a.c", 2, 10), "null pointer dereferenced");
        var result = new ProgramResult("a.c", SourceLanguage.C, IntegerSemantics.C, [new FunctionResult("f", new SourceSpan("a.c", 1, 1), new No(witness), TimeSpan.FromMilliseconds(3), null)]);

        var report = TerminationJson.Deserialize(TerminationJson.Serialize(result));
        var read = report.Functions[0].Witness!;
        Assert.That(read.Inputs["s"], Is.EqualTo(BigInteger.MinusOne));
        Assert.That(read.PointerInputs, Is.EqualTo((string[])["s"]));
        Assert.That(witness.Inputs[0].Describe(), Is.EqualTo("s = NULL"));
        Assert.That(TerminationJson.Serialize(Sample("a.c")), Does.Not.Contain("pointerInputs"), "absent when no input is a pointer");
    }

    private static ProgramResult Sample(string file)
    {
        var yes = new FunctionResult("g", new SourceSpan(file, 1, 1),
            new Yes(new TerminationCertificate([new LoopProof(new SourceSpan(file, 3, 5), AnswerValues.YAtLeastOne, new LexicographicLoopRanking([AnswerValues.XMinusY]))], [])), TimeSpan.FromMilliseconds(12), null);
        var witness = new NonterminationWitness(WitnessKind.Nontermination, [new InputValue("x", Huge), new InputValue("y", 0)], [BigInteger.MinusOne],
            new SourceSpan(file, 9, 3), AnswerValues.XAboveYAtMostZero, null, "y stays 0, so x never decreases");
        var no = new FunctionResult("g2", new SourceSpan(file, 7, 1), new No(witness), TimeSpan.FromMilliseconds(8), null);
        var dontKnow = new FunctionResult("h", new SourceSpan(file, 12, 1), new DontKnow("the question refers to itself", ["oracle"]), TimeSpan.FromMilliseconds(1), null);
        return new ProgramResult(file, SourceLanguage.C, IntegerSemantics.C, [yes, no, dontKnow]);
    }
}
