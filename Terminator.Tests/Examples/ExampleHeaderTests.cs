using System.Collections.Immutable;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Examples;

/// <summary>The example header parser and the pass/fail rules of the golden tests.</summary>
[TestFixture]
public sealed class ExampleHeaderTests
{
    private static readonly SourceSpan Here = new("t.c", 1, 1);

    [Test]
    public void ParsesEveryDirective()
    {
        const string text = """
            // expect g: Yes
            // expect h: DontKnow        (the true answer is unknowable)

            // expect c: DontKnow  (truth unknown)
            // truth c: No
            // Free prose is ignored.
            // options: --semantics math --timeout 2.5
            // options: --function g --can-return 0
            // expect-can-return g 0: No
            void g(void) {}
            // expect ignored: Yes
            """;

        var header = ExampleHeader.Parse(text, "t.c");

        Assert.That(header.Expectations, Is.EqualTo(new[]
        {
            new TerminationExpectation("g", "Yes", "Yes"),
            new TerminationExpectation("h", "DontKnow", null),
            new TerminationExpectation("c", "DontKnow", "No"),
        }));
        Assert.That(header.CanReturnExpectations, Is.EqualTo(new[] { new CanReturnExpectation("g", "0", "No") }));
        Assert.That(header.Options, Is.EqualTo(new AnalysisOptions
        {
            Semantics = IntegerSemantics.Math,
            Timeout = TimeSpan.FromSeconds(2.5),
            Function = "g",
            CanReturn = "0",
        }));
    }

    /// <summary>The real example files' headers are well formed, independently of whether the analysis passes them.</summary>
    [TestCaseSource(typeof(GoldenExampleTests), nameof(GoldenExampleTests.ExampleFiles))]
    public void ExampleFileHeaderIsWellFormed(string fileName)
    {
        var header = ExampleHeader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Examples, fileName)), fileName);

        Assert.That(header.Expectations, Is.Not.Empty);
    }

    [Test]
    public void PythonHeadersUseHashComments()
    {
        var header = ExampleHeader.Parse("# expect g: Yes\n# truth g: Yes\n\ndef g(): pass\n# expect ignored: No\n", "t.py");

        Assert.That(header.Expectations, Is.EqualTo(new[] { new TerminationExpectation("g", "Yes", "Yes") }));
    }

    [Test]
    public void DefaultsToTenSecondsAndTheLanguageSemantics()
    {
        var header = ExampleHeader.Parse("// expect g: Yes\n", "t.c");

        Assert.That(header.Options, Is.EqualTo(new AnalysisOptions { Timeout = TimeSpan.FromSeconds(10) }));
    }

    [TestCase("// expect g: Maybe", TestName = "UnknownVerdict")]
    [TestCase("// expect g: Yes\n// expect g: No", TestName = "DuplicateExpect")]
    [TestCase("// expect g: Yes\n// truth g: No", TestName = "TruthContradictsExpect")]
    [TestCase("// truth g: Yes", TestName = "TruthWithoutExpect")]
    [TestCase("// options: --bogus 1", TestName = "UnknownOption")]
    [TestCase("// options: --semantics java", TestName = "BadSemantics")]
    [TestCase("// options: --function", TestName = "OptionWithoutValue")]
    [TestCase("// expect-can-return f 0: No", TestName = "CanReturnWithoutOption")]
    public void RejectsMalformedHeaders(string text)
    {
        Assert.That(() => ExampleHeader.Parse(text, "t.c"), Throws.TypeOf<FormatException>().With.Message.StartsWith("t.c"));
    }

    [Test]
    public void PassesWhenTheAnswerIsTheExpectedOne()
    {
        var outcome = Check("// expect g: Yes", ("g", Yes()));

        Assert.That(outcome.Failures, Is.Empty);
    }

    [Test]
    public void FailsWhenAnExpectedProofIsMissing()
    {
        var outcome = Check("// expect g: No", ("g", new DontKnow("timeout")));

        Assert.That(outcome.Failures, Has.One.Contains("must prove No"));
    }

    [Test]
    public void FailsWhenTheAnswerContradictsTheTruth()
    {
        var outcome = Check("// expect c: DontKnow\n// truth c: No", ("c", Yes()));

        Assert.That(outcome.Failures, Has.One.Contains("contrary to the true verdict No"));
    }

    [Test]
    public void PassesWithANoteWhenTheTruthIsNowProved()
    {
        var outcome = Check("// expect c: DontKnow\n// truth c: Yes", ("c", Yes()));

        Assert.That(outcome.Failures, Is.Empty);
        Assert.That(outcome.Notes, Has.One.Contains("raise the expectation"));
    }

    [Test]
    public void FailsOnAnAnswerWhoseTruthIsUnknown()
    {
        var outcome = Check("// expect h: DontKnow", ("h", Yes()));

        Assert.That(outcome.Failures, Has.One.Contains("truth is unknown"));
    }

    [Test]
    public void FailsOnFunctionsWithoutExpectationAndExpectationsWithoutFunction()
    {
        var outcome = Check("// expect g: Yes", ("other", Yes()));

        Assert.That(outcome.Failures, Has.Count.EqualTo(2));
    }

    [Test]
    public void ComparesCanReturnAnswers()
    {
        var header = ExampleHeader.Parse("// expect f: Yes\n// options: --can-return 0\n// expect-can-return f 0: No", "t.c");
        var answered = new CanReturnResult("0", "DontKnow", [], [], "timeout");
        var result = Result(new FunctionResult("f", Here, Yes(), TimeSpan.Zero, answered));

        var outcome = ExpectationCheck.Check(header, result);

        Assert.That(outcome.Failures, Has.One.Contains("expected No, got DontKnow"));
    }

    private static ExpectationOutcome Check(string headerText, params (string Name, Verdict Verdict)[] answers) =>
        ExpectationCheck.Check(
            ExampleHeader.Parse(headerText, "t.c"),
            Result(answers.Select(a => new FunctionResult(a.Name, Here, a.Verdict, TimeSpan.Zero, null)).ToArray()));

    private static ProgramResult Result(params FunctionResult[] functions) =>
        new("t.c", SourceLanguage.C, IntegerSemantics.C, [.. functions]);

    private static Yes Yes() => new(new TerminationCertificate(ImmutableArray<LoopProof>.Empty, ImmutableArray<string>.Empty));
}
