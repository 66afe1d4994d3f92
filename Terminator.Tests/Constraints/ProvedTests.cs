using NUnit.Framework.Constraints;
using Terminator.Core;
using Terminator.Tests.Api;
using Terminator.Core.Ir;
using Terminator.NUnit;

namespace Terminator.Tests.Constraints;

/// <summary>
/// The NUnit constraints of Terminator.NUnit: what passes, what fails, and what a failure says. Messages are checked on
/// made-up results, where every value is known; the analysis-backed cases check that real answers get there too.
/// </summary>
[TestFixture]
public sealed class ProvedTests
{
    private static readonly SourceSpan GLocation = new("g.c", 7, 1);
    private static readonly SourceSpan G2Location = new("g.c", 15, 1);

    private static readonly FunctionResult Proof = new("g", GLocation, new Yes(new TerminationCertificate(
        [new LoopProof(new SourceSpan("g.c", 9, 5), AnswerValues.YAtLeastOne, new LexicographicLoopRanking([AnswerValues.XMinusY]))], ["no undefined behaviour is reachable"])), TimeSpan.Zero, null);

    private static readonly FunctionResult Witness = new("g2", G2Location, new No(new NonterminationWitness(
        WitnessKind.Nontermination, [new InputValue("x", 5), new InputValue("y", 0)], [], new SourceSpan("g.c", 16, 3),
        AnswerValues.XAboveYAtMostZero, null, "the loop comes back to the same state")), TimeSpan.Zero, null);

    private static readonly FunctionResult Unknown = new("h", GLocation, new DontKnow(
        "the question refers to itself: h asks whether h terminates", ["resolution of terminates(...)"]), TimeSpan.Zero, null);

    private static readonly ProgramResult Program = new("g.c", SourceLanguage.C, IntegerSemantics.C, [Proof, Witness, Unknown]);

    private static string ExampleText(string file) => File.ReadAllText(Path.Combine(RepoPaths.Examples, file));

    // ---- made-up results: pass, fail, message ----------------------------------------------------------------

    /// <summary>Each constraint with an answer that satisfies it; negations pass on DontKnow, which proves neither.</summary>
    private static IEnumerable<TestCaseData> Satisfied()
    {
        yield return Case(Proof, Proved.Terminates, "Proof", "Terminates");
        yield return Case(Witness, Proved.DoesNotTerminate, "Witness", "DoesNotTerminate");
        yield return Case(Unknown, Proved.Nothing, "DontKnow", "Nothing");
        yield return Case(Unknown, !Proved.Terminates, "DontKnow", "!Terminates");
        yield return Case(Unknown, !Proved.DoesNotTerminate, "DontKnow", "!DoesNotTerminate");
        yield return Case(Unknown, Is.Not.Matches(Proved.Terminates), "DontKnow", "Is.Not.Matches(Terminates)");
        yield return Case(Witness, !Proved.Terminates, "Witness", "!Terminates");
    }

    /// <summary>Each constraint with an answer that fails it, and the "Expected:" and "But was:" text of the failure.</summary>
    private static IEnumerable<TestCaseData> Violated()
    {
        yield return Case(Witness, Proved.Terminates, "Witness", "Terminates",
            "Expected: proved to terminate", "But was:  g2: No — runs forever from x = 5, y = 0 (loop at g.c:16:3)");
        yield return Case(Proof, Proved.DoesNotTerminate, "Proof", "DoesNotTerminate",
            "Expected: proved nonterminating",
            "But was:  g: Yes — loop at g.c:9:5 ranked by x - y under y >= 1; note: no undefined behaviour is reachable");
        yield return Case(Unknown, Proved.Terminates, "DontKnow", "Terminates",
            "Expected: proved to terminate",
            "But was:  h: DontKnow — the question refers to itself: h asks whether h terminates (tried: resolution of terminates(...))");
        yield return Case(Unknown, Proved.DoesNotTerminate, "DontKnow", "DoesNotTerminate", "Expected: proved nonterminating", "h: DontKnow — ");
        yield return Case(Proof, Proved.Nothing, "Proof", "Nothing", "Expected: nothing proved (DontKnow)", "But was:  g: Yes — ");
        // NUnit's own negation prints the actual value in its brackets.
        yield return Case(Proof, !Proved.Terminates, "Proof", "!Terminates", "Expected: not proved to terminate", "But was:  <g: Yes — loop at g.c:9:5");
    }

    private static TestCaseData Case(FunctionResult actual, IResolveConstraint constraint, string actualName, string constraintName, params string[] message) =>
        new TestCaseData([actual, constraint, .. message]).SetArgDisplayNames(actualName, constraintName);

    [TestCaseSource(nameof(Satisfied))]
    public void PassesOnAnAnswerThatSatisfiesIt(FunctionResult actual, IResolveConstraint constraint)
    {
        Assert.That(actual, constraint);
    }

    [TestCaseSource(nameof(Violated))]
    public void FailsAndShowsTheEvidence(FunctionResult actual, IResolveConstraint constraint, string expected, string butWas)
    {
        Assert.That(() => Assert.That(actual, constraint),
            Throws.TypeOf<AssertionException>().With.Message.Contains(expected).And.Message.Contains(butWas));
    }

    [Test]
    public void ABareVerdictIsShownWithoutAName()
    {
        Assert.That(() => Assert.That(new DontKnow("the time budget of 1 s ran out"), Proved.Terminates),
            Throws.TypeOf<AssertionException>().With.Message.Contains("But was:  DontKnow — the time budget of 1 s ran out" + Environment.NewLine));
    }

    [Test]
    public void AProgramPassesOnlyWhenEveryFunctionDoesAndShowsTheOnesThatDoNot()
    {
        var terminating = Program with { Functions = [Proof] };
        Assert.That(terminating, Proved.Terminates);
        Assert.That(() => Assert.That(Program, Proved.Terminates),
            Throws.TypeOf<AssertionException>()
                .With.Message.Contains("g2: No — runs forever")
                .And.Message.Contains("h: DontKnow")
                .And.Message.Not.Contains("g: Yes"));
    }

    [Test]
    public void FunctionPicksOneResultOutOfAProgram()
    {
        Assert.That(Program.Function("g2"), Proved.DoesNotTerminate);
        Assert.That(() => Program.Function("missing"), Throws.ArgumentException.With.Message.Contains("(g, g2, h)"));
    }

    [Test]
    public void CannotReturnReadsTheCanReturnAnswer()
    {
        var never = Proof with { CanReturn = new CanReturnResult("0", CanReturnVerdict.No, [], [], "proved for all inputs") };
        var sometimes = Proof with { CanReturn = new CanReturnResult("0", CanReturnVerdict.Yes, [new InputValue("x", 4294967295)], [], "replayed") };

        Assert.That(never, Proved.CannotReturn("0"));
        Assert.That(sometimes, Proved.CanReturn("0"));
        Assert.That(() => Assert.That(sometimes, Proved.CannotReturn("0")),
            Throws.TypeOf<AssertionException>()
                .With.Message.Contains("Expected: proved never to return 0")
                .And.Message.Contains("g: can return 0? Yes — returns 0 from x = 4294967295"));
    }

    [Test]
    public void CannotReturnNeedsTheAnswerForItsValue()
    {
        var otherValue = Proof with { CanReturn = new CanReturnResult("1", CanReturnVerdict.No, [], [], "proved for all inputs") };

        Assert.That(() => Assert.That(Proof, Proved.CannotReturn("0")),
            Throws.ArgumentException.With.Message.Contains("AnalysisOptions.CanReturn = \"0\""));
        Assert.That(() => Assert.That(otherValue, Proved.CannotReturn("0")),
            Throws.ArgumentException.With.Message.Contains("it answers 'can return 1?'"));
    }

    [Test]
    public void MisuseThrowsEvenWhenNegated()
    {
        var number = Program.Functions.Length;
        Assert.That(() => Assert.That(number, Proved.Terminates), Throws.ArgumentException.With.Message.Contains("not Int32"));
        Assert.That(() => Assert.That(number, !Proved.Terminates), Throws.ArgumentException);
        Assert.That(() => Assert.That(Program with { Functions = [] }, !Proved.Terminates),
            Throws.ArgumentException.With.Message.Contains("no analyzed function"));
        Assert.That(() => Assert.That(new CanReturnResult("0", CanReturnVerdict.No, [], [], "proved"), Proved.Terminates), Throws.ArgumentException);
    }

    // ---- the constraint runs the analysis ------------------------------------------------------------------

    [Test]
    public void ASubjectIsAnalyzedByTheConstraint()
    {
        var g = Source.C(ExampleText("g.c"), "g.c");

        Assert.That(g.Function("g"), Proved.Terminates);
        Assert.That(g.Function("g2"), Proved.DoesNotTerminate);
        Assert.That(() => Assert.That(g.Function("g2"), Proved.Terminates),
            Throws.TypeOf<AssertionException>().With.Message.Matches(@"g2: No — runs forever from x = -?\d+, y = 0 \(loop at g\.c:16:3\)"));
    }

    [Test]
    public void ASubjectAnswersTheCanReturnQuestionOfTheConstraint()
    {
        Assert.That(Source.C(ExampleText("f.c"), "f.c").Function("f"), Proved.CannotReturn("0"));
        Assert.That(Source.C(ExampleText("k_unsigned.c"), "k.c"), Proved.CanReturn("0") & !Proved.CannotReturn("0"));
        Assert.That(Source.Python(ExampleText("plus_one.py")), Proved.CannotReturn("False"));
    }

    [Test]
    public void ASubjectFromAFileIsReadWhenAnalyzed()
    {
        var subject = Source.File(Path.Combine(RepoPaths.Examples, "h.c"), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(5) });

        Assert.That(subject, Proved.Nothing);
        Assert.That(() => Assert.That(Source.File("missing.c"), Proved.Terminates), Throws.TypeOf<SourceException>());
    }

    [Test]
    public void ASubjectChecksItsFileName()
    {
        Assert.That(() => Source.C("void f(void) {}", "f.py"), Throws.ArgumentException.With.Message.Contains("must end in .c"));
        Assert.That(Source.C("void f(void) {}").Function("f").ToString(), Is.EqualTo("f in source.c"));
    }
}
