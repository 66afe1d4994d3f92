using System.Collections.Immutable;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Examples;

/// <summary>The example header parser and the pass/fail rules of the golden tests (as Terminator.NUnit constraints).</summary>
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
        var notes = Verify("// expect g: Yes", ("g", Yes()));

        Assert.That(notes, Is.Empty);
    }

    [TestCase("// expect g: No", "DontKnow", "g must prove No", "Expected: proved nonterminating", TestName = "FailsWhenAnExpectedProofIsMissing")]
    [TestCase("// expect c: DontKnow\n// truth c: No", "Yes", "contrary to the true verdict No", "Expected: not proved to terminate",
        TestName = "FailsWhenTheAnswerContradictsTheTruth")]
    [TestCase("// expect h: DontKnow", "Yes", "truth is unknown", "Expected: nothing proved (DontKnow)", TestName = "FailsOnAnAnswerWhoseTruthIsUnknown")]
    public void FailsWithTheRuleAndTheAnswer(string headerText, string answer, string hint, string expected)
    {
        var function = ExampleHeader.Parse(headerText, "t.c").Expectations.Single().Function;
        Verdict verdict = answer == "Yes" ? Yes() : new DontKnow("timeout");

        Assert.That(() => Verify(headerText, (function, verdict)),
            Throws.TypeOf<AssertionException>()
                .With.Message.Contains(hint)
                .And.Message.Contains(expected)
                .And.Message.Contains($"{function}: {answer} — "));
    }

    [Test]
    public void PassesWhenTheExpectedDontKnowComesOrTheTruthIsProved()
    {
        Assert.That(Verify("// expect c: DontKnow\n// truth c: No", ("c", new DontKnow("timeout"))), Is.Empty);
        Assert.That(Verify("// expect h: DontKnow", ("h", new DontKnow("self-reference"))), Is.Empty);
    }

    [Test]
    public void PassesWithANoteWhenTheTruthIsNowProved()
    {
        var notes = Verify("// expect c: DontKnow\n// truth c: Yes", ("c", Yes()));

        Assert.That(notes, Has.One.Contains("raise the expectation to '// expect c: Yes'"));
    }

    [Test]
    public void FailsOnFunctionsWithoutExpectationAndExpectationsWithoutFunction()
    {
        Assert.That(() => Verify("// expect g: Yes", ("other", Yes())),
            Throws.TypeOf<AssertionException>()
                .With.Message.Contains("exactly those with an 'expect' line")
                .And.Message.Contains("\"g\"")
                .And.Message.Contains("\"other\""));
    }

    [Test]
    public void ComparesCanReturnAnswers()
    {
        var header = ExampleHeader.Parse("// expect f: Yes\n// options: --can-return 0\n// expect-can-return f 0: No", "t.c");
        var answered = new CanReturnResult("0", CanReturnVerdict.DontKnow, [], [], "timeout");
        var result = Result(new FunctionResult("f", Here, Yes(), TimeSpan.Zero, answered));

        Assert.That(() => ExpectationCheck.Verify(header, result, _ => { }),
            Throws.TypeOf<AssertionException>()
                .With.Message.Contains("f can return 0: expected No")
                .And.Message.Contains("f: can return 0? DontKnow — timeout"));
    }

    [Test]
    public void ACanReturnDontKnowIsNeitherAnswer()
    {
        var header = ExampleHeader.Parse("// expect f: Yes\n// options: --can-return 0\n// expect-can-return f 0: DontKnow", "t.c");
        FunctionResult Answering(string verdict) => new("f", Here, Yes(), TimeSpan.Zero, new CanReturnResult("0", Enum.Parse<CanReturnVerdict>(verdict), [], [], "why"));

        ExpectationCheck.Verify(header, Result(Answering("DontKnow")), _ => { });
        Assert.That(() => ExpectationCheck.Verify(header, Result(Answering("No")), _ => { }), Throws.TypeOf<AssertionException>());
    }

    /// <summary>Verifies made-up answers against a header; returns the notes, throws on the first failure.</summary>
    private static List<string> Verify(string headerText, params (string Name, Verdict Verdict)[] answers)
    {
        var notes = new List<string>();
        ExpectationCheck.Verify(
            ExampleHeader.Parse(headerText, "t.c"),
            Result(answers.Select(a => new FunctionResult(a.Name, Here, a.Verdict, TimeSpan.Zero, null)).ToArray()),
            notes.Add);
        return notes;
    }

    private static ProgramResult Result(params FunctionResult[] functions) =>
        new("t.c", SourceLanguage.C, IntegerSemantics.C, [.. functions]);

    private static Yes Yes() => new(new TerminationCertificate(ImmutableArray<LoopProof>.Empty, ImmutableArray<string>.Empty));
}
