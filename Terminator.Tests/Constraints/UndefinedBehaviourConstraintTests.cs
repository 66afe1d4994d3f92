using Terminator.Core;
using Terminator.Tests.Api;
using Terminator.Core.Ir;
using Terminator.NUnit;

namespace Terminator.Tests.Constraints;

/// <summary>
/// The constraints on the two properties a C verdict combines: <see cref="Proved.TerminatesWithoutUndefinedBehaviour"/>,
/// <see cref="Proved.UndefinedBehaviourUnreachable"/> and <see cref="Proved.UndefinedBehaviourReachable"/>, on made-up
/// results (every value known) and on analyzed ones.
/// </summary>
[TestFixture]
public sealed class UndefinedBehaviourConstraintTests
{
    private static readonly SourceSpan AddLocation = new("add.c", 1, 1);
    private static readonly SourceSpan Overflow = new("add.c", 1, 32);

    private static readonly NonterminationWitness OverflowWitness = new(
        WitnessKind.UndefinedBehaviour, [new InputValue("x", 2147483647), new InputValue("y", 1)], [], null, null, Overflow,
        "this input reaches undefined behaviour: signed overflow in addition");

    private static readonly Yes RunsWithoutUndefinedBehaviour = new(new TerminationCertificate([], ["covers only the runs that avoid undefined behaviour"])
    {
        AssumesNoUndefinedBehaviour = true,
    });

    /// <summary><c>int add(int x, int y) { return x + y; }</c>: No, terminates whenever no undefined behaviour occurs, and reaches it.</summary>
    private static readonly FunctionResult Add = new("add", AddLocation, new No(OverflowWitness), TimeSpan.Zero, null)
    {
        UndefinedBehaviour = new UndefinedBehaviourAnswers(RunsWithoutUndefinedBehaviour, new UndefinedBehaviourReachable(OverflowWitness)),
    };

    /// <summary>A function whose loop might run forever without undefined behaviour, and which never reaches any.</summary>
    private static readonly FunctionResult Unknown = new("loop", AddLocation, new DontKnow("no ranking function"), TimeSpan.Zero, null)
    {
        UndefinedBehaviour = new UndefinedBehaviourAnswers(
            new DontKnow("no ranking function"),
            new UndefinedBehaviourUnreachable([new LoopInvariant(new SourceSpan("add.c", 3, 3), new AndCondition([AnswerValues.Bound("x", ComparisonOperator.GreaterOrEqual, 0)]))], "the invariants exclude undefined behaviour")),
    };

    [Test]
    public void TheTwoPropertiesOfAddAreAssertedSeparatelyFromTheVerdict()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Add, Proved.TerminatesWithoutUndefinedBehaviour);
            Assert.That(Add, Proved.UndefinedBehaviourReachable);
            Assert.That(Add, !Proved.UndefinedBehaviourUnreachable);
            Assert.That(Add, !Proved.Terminates);
            Assert.That(Add.UndefinedBehaviour, Proved.TerminatesWithoutUndefinedBehaviour, "the bare answers");
        }
    }

    [Test]
    public void AFailureShowsThePropertyAndItsEvidence()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Assert.That(Add, Proved.UndefinedBehaviourUnreachable), Throws.TypeOf<AssertionException>()
                .With.Message.Contains("Expected: proved free of undefined behaviour")
                .And.Message.Contains("add: undefined behaviour reachable: Yes — reaches undefined behaviour at add.c:1:32 from x = 2147483647, y = 1"));
            Assert.That(() => Assert.That(Unknown, Proved.TerminatesWithoutUndefinedBehaviour), Throws.TypeOf<AssertionException>()
                .With.Message.Contains("Expected: proved to terminate whenever no undefined behaviour occurs")
                .And.Message.Contains("loop: terminates whenever no undefined behaviour occurs: DontKnow — no ranking function"));
            Assert.That(() => Assert.That(Unknown, Proved.UndefinedBehaviourReachable), Throws.TypeOf<AssertionException>()
                .With.Message.Contains("undefined behaviour reachable: No — the invariants exclude undefined behaviour (at add.c:3:3: x >= 0)"));
        }
    }

    [Test]
    public void ADontKnowSatisfiesNeitherAnswerSoTheirNegationsPass()
    {
        Assert.That(Unknown, !Proved.TerminatesWithoutUndefinedBehaviour & Proved.UndefinedBehaviourUnreachable & !Proved.UndefinedBehaviourReachable);
    }

    [Test]
    public void ABareVerdictOrAPythonResultIsAMisuse()
    {
        var python = new FunctionResult("f", new SourceSpan("f.py", 1, 1), new DontKnow("no ranking function"), TimeSpan.Zero, null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Assert.That(Add.Verdict, Proved.TerminatesWithoutUndefinedBehaviour), Throws.ArgumentException.With.Message.Contains("bare verdict"));
            Assert.That(() => Assert.That(python, !Proved.UndefinedBehaviourReachable), Throws.ArgumentException.With.Message.Contains("only C"));
        }
    }

    [Test]
    public void AnAnalyzedAddReadsAsTheIssueSaysIt()
    {
        Assert.That(Source.C("int add(int x, int y) { return x + y; }").Function("add"),
            Proved.TerminatesWithoutUndefinedBehaviour & Proved.UndefinedBehaviourReachable & Proved.DoesNotTerminate);
    }
}
