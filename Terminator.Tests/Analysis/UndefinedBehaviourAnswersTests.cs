using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Certificates;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>
/// The two properties a C verdict combines: termination of the runs that avoid undefined behaviour, and reachability of
/// undefined behaviour; each Yes, No and DontKnow, and the checker's part in them.
/// </summary>
public sealed class UndefinedBehaviourAnswersTests
{
    private const string Add = "int add(int x, int y) { return x + y; }";
    private const string Count = "int count(int n) { int i = 0; while (i < n) { i = i + 1; } return i - 1; }";
    private const string Spin = "void spin(int x) { while (x > 0) { x = x; } }";
    private const string SpinAfterSum = "void spin(int x, int y) { int z = x + y; while (z == z) { } }";
    private const string Up = "void up(int x) { while (x > 0) { x = x + 1; } }";

    private static FunctionResult Analyze(string source, string function, string file = "t.c") =>
        TerminationAnalyzer.Analyze(SourceLoader.Parse(source, file), new AnalysisOptions { Function = function }).Functions.Single();

    private static UndefinedBehaviourAnswers Answers(string source, string function) =>
        Analyze(source, function).UndefinedBehaviour ?? throw new AssertionException("a C function has answers about undefined behaviour");

    [Test]
    public void AddTerminatesWheneverNoUndefinedBehaviourOccursAndReachesItOnOverflow()
    {
        var result = Analyze(Add, "add");
        var answers = result.UndefinedBehaviour!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Proved.DoesNotTerminate);
            Assert.That(answers.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<Yes>());
            Assert.That(((Yes)answers.TerminatesWithoutUndefinedBehaviour).Certificate.AssumesNoUndefinedBehaviour, Is.True);
            Assert.That(answers.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourReachable>());
            var witness = ((UndefinedBehaviourReachable)answers.UndefinedBehaviourReachable).Witness;
            Assert.That(witness.UndefinedBehaviourAt, Is.EqualTo(new SourceSpan("t.c", 1, 32)));
            var sum = witness.Inputs.Aggregate(BigInteger.Zero, (total, input) => total + input.Value);
            Assert.That(sum > int.MaxValue || sum < int.MinValue, Is.True, $"x + y = {sum} overflows int");
            Assert.That(result, Proved.TerminatesWithoutUndefinedBehaviour & Proved.UndefinedBehaviourReachable & !Proved.Terminates);
        }
    }

    [Test]
    public void AYesProvesBothProperties()
    {
        var result = Analyze(Count, "count");
        var answers = result.UndefinedBehaviour!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Proved.Terminates);
            Assert.That(answers.TerminatesWithoutUndefinedBehaviour, Is.SameAs(result.Verdict));
            Assert.That(answers.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourUnreachable>());
            Assert.That(((UndefinedBehaviourUnreachable)answers.UndefinedBehaviourReachable).Invariants.Select(i => i.Location.Column), Has.One.EqualTo(31));
        }
    }

    [Test]
    public void ALoopWithoutUndefinedBehaviourThatRunsForeverAnswersNoAndNo()
    {
        var answers = Answers(Spin, "spin");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<No>());
            Assert.That(((No)answers.TerminatesWithoutUndefinedBehaviour).Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
            Assert.That(answers.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourUnreachable>());
            Assert.That(((UndefinedBehaviourUnreachable)answers.UndefinedBehaviourReachable).Explanation, Does.Contain("no operation"));
        }
    }

    [Test]
    public void AfterANoForNonterminationABoundedSearchFindsTheUndefinedBehaviour()
    {
        var result = Analyze(SpinAfterSum, "spin");
        var answers = result.UndefinedBehaviour!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Is.InstanceOf<No>());
            Assert.That(answers.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<No>());
            Assert.That(answers.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourReachable>());
            Assert.That(((UndefinedBehaviourReachable)answers.UndefinedBehaviourReachable).Witness.UndefinedBehaviourAt?.Column, Is.EqualTo(35));
        }
    }

    [Test]
    public void ANoThatMayBeEitherIsSplitIntoItsTwoProperties()
    {
        var result = Analyze(Up, "up");
        var answers = result.UndefinedBehaviour!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Proved.DoesNotTerminate);
            Assert.That(answers.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<Yes>(), "x + 1 cannot grow past INT_MAX without overflow");
            Assert.That(answers.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourReachable>());
        }
    }

    [Test]
    public void WithoutProofsOrSearchesBothPropertiesAreDontKnow()
    {
        var program = SourceLoader.Parse(Up, "t.c");
        var analysis = new FunctionAnalysis(program, program.Find("up")!, IntegerSemantics.C, new Dictionary<string, bool>(), TimeSpan.FromSeconds(10), CancellationToken.None)
        {
            Strategy = TerminationStrategy.Only("quick lasso"),
        };
        var outcome = analysis.Run(null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Verdict, Proved.Nothing);
            Assert.That(outcome.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<DontKnow>());
            Assert.That(outcome.UndefinedBehaviour.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourUnknown>());
            Assert.That(((UndefinedBehaviourUnknown)outcome.UndefinedBehaviour.UndefinedBehaviourReachable).Reason, Does.Contain("signed overflow"));
        }
    }

    [Test]
    public void PythonHasNoUndefinedBehaviourToAnswerFor()
    {
        var result = Analyze("def f(x):\n    return x + 1\n", "f", "t.py");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Verdict, Proved.Terminates);
            Assert.That(result.UndefinedBehaviour, Is.Null);
            Assert.That(() => Assert.That(result, Proved.TerminatesWithoutUndefinedBehaviour), Throws.ArgumentException.With.Message.Contains("only C"));
        }
    }

    [Test]
    public void AFunctionLeftUnanalyzedAnswersDontKnowForBoth()
    {
        var answers = Answers("void h(void) { if (terminates(h)) while (1) {} }", "h");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<DontKnow>());
            Assert.That(((DontKnow)answers.TerminatesWithoutUndefinedBehaviour).Reason, Does.Contain("refers to itself"));
            Assert.That(answers.UndefinedBehaviourReachable, Is.InstanceOf<UndefinedBehaviourUnknown>());
        }
    }

    [Test]
    public void TheGoldenExampleGivesTheAnswersItsHeaderStates()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, "add_overflow.c"));
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(text, "add_overflow.c"), new AnalysisOptions());
        var add = result.Functions.Single(f => f.Name == "add");
        var small = result.Functions.Single(f => f.Name == "add_small");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("add        terminates whenever no undefined behaviour occurs: Yes   undefined behaviour reachable: Yes"));
            Assert.That(add, Proved.DoesNotTerminate & Proved.TerminatesWithoutUndefinedBehaviour & Proved.UndefinedBehaviourReachable);
            Assert.That(text, Does.Contain("add_small  terminates whenever no undefined behaviour occurs: Yes   undefined behaviour reachable: No"));
            Assert.That(small, Proved.Terminates & Proved.TerminatesWithoutUndefinedBehaviour & Proved.UndefinedBehaviourUnreachable);
        }
    }

    // ---- the checker: which obligations each claim demands ----------------------------------------------------

    /// <summary>For <see cref="Up"/>: 2147483646 − x decreases on every iteration that does not overflow, and is bounded there.</summary>
    private static TerminationProof UpProof(CertificateChecker checker, bool assumesNoUndefinedBehaviour)
    {
        var (head, loop) = CheckerHarness.SingleLoop(checker.System);
        var ranking = LinearExpr.Of(new Rational(2147483646, 1)) - LinearExpr.Of("x");
        var component = new RankingComponent(ImmutableDictionary<int, LinearExpr>.Empty.Add(head, ranking), loop);
        return new TerminationProof(ImmutableDictionary<int, Formula>.Empty.Add(head, Formula.True), [new LexicographicArgument(new RankingNode(loop, component, []))])
        {
            AssumesNoUndefinedBehaviour = assumesNoUndefinedBehaviour,
        };
    }

    [Test]
    public void ACertificateThatAssumesNoUndefinedBehaviourProvesOnlyTheRunsWithoutIt()
    {
        using var checker = CheckerHarness.Checker(Up, "t.c", "up", IntegerSemantics.C);
        var assuming = UpProof(checker, assumesNoUndefinedBehaviour: true);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(checker.Check(assuming, TerminationClaim.RunsWithoutUndefinedBehaviour), Is.Null);
            Assert.That(checker.Check(assuming, TerminationClaim.EveryRun), Does.Contain("covers only the runs that avoid undefined behaviour"));
            Assert.That(checker.Check(assuming), Is.Not.Null, "the verdict's claim is the default");
        }
    }

    [Test]
    public void AFullCertificateMustStillExcludeUndefinedBehaviourForEitherClaim()
    {
        using var checker = CheckerHarness.Checker(Up, "t.c", "up", IntegerSemantics.C);
        var full = UpProof(checker, assumesNoUndefinedBehaviour: false);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(checker.Check(full, TerminationClaim.EveryRun), Does.Contain("undefined behaviour at t.c:1:38 is not excluded"));
            Assert.That(checker.Check(full, TerminationClaim.RunsWithoutUndefinedBehaviour), Does.Contain("is not excluded"));
        }
    }

    [Test]
    public void AnExclusionProofNeedsInductiveInvariantsThatExcludeEveryUndefinedBehaviour()
    {
        using var checker = CheckerHarness.Checker(Count, "t.c", "count", IntegerSemantics.C);
        var (head, _) = CheckerHarness.SingleLoop(checker.System);
        var i = new Var("i");
        var n = new Var("n");
        // The checker's variables are unbounded integers: the invariant states the type bounds that i + 1 and i - 1 need.
        var enough = Formula.And(Formula.Ge(i, new Const(0)), Formula.Le(i, new Const(int.MaxValue)), Formula.Le(n, new Const(int.MaxValue)));
        var tooStrong = Formula.And(enough, Formula.Le(i, new Const(5)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(checker.Check(new UndefinedBehaviourExclusionProof(ImmutableDictionary<int, Formula>.Empty.Add(head, enough))), Is.Null);
            Assert.That(checker.Check(new UndefinedBehaviourExclusionProof(ImmutableDictionary<int, Formula>.Empty)), Does.Contain("is not excluded"));
            Assert.That(checker.Check(new UndefinedBehaviourExclusionProof(ImmutableDictionary<int, Formula>.Empty.Add(head, tooStrong))), Does.Contain("not inductive"));
        }
    }

    [Test]
    public void TheReachabilityBudgetMustNotBeNegative()
    {
        var tuning = ProverTuning.Default with { Nontermination = new NonterminationTuning { ReachabilityBudget = TimeSpan.FromMilliseconds(-1) } };
        Assert.That(
            () => TerminationAnalyzer.Analyze(SourceLoader.Parse(Add, "t.c"), new AnalysisOptions { Tuning = tuning }),
            Throws.ArgumentException.With.Message.Contains("ReachabilityBudget"));
    }
}
