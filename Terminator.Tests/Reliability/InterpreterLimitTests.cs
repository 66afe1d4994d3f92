using System.Numerics;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Reliability;

/// <summary>Concrete runs stay bounded in the size of their values and stop when their token is cancelled.</summary>
[TestFixture]
public sealed class InterpreterLimitTests
{
    private static readonly ProgramIr Squaring = SourceLoader.Parse("def f(x):\n    while x > 1:\n        x = x * x\n    return x\n", "square.py");

    [Test]
    public void RepeatedSquaringStopsAtTheIntegerSizeLimit()
    {
        // The value doubles its bits each step: without a limit, a million steps never end.
        var run = Interpreter.Run(Squaring, "f", [new BigInteger(2)], [], new InterpreterOptions { Semantics = IntegerSemantics.Math, MaxIntegerBits = 1 << 12 });

        Assert.That(run.Outcome, Is.TypeOf<StepLimit>());
        Assert.That(run.Steps, Is.LessThan(40));
    }

    [Test]
    public void ValuesWithinTheLimitAreExact()
    {
        var run = Interpreter.Run(Squaring, "f", [BigInteger.One], [], new InterpreterOptions { Semantics = IntegerSemantics.Math, MaxIntegerBits = 8 });
        Assert.That(run.Outcome, Is.EqualTo(new Returned(BigInteger.One)));
    }

    [Test]
    public void ACancelledTokenStopsARun()
    {
        var countdown = SourceLoader.Parse("def f(x):\n    while x != 0:\n        x = x - 1\n    return x\n", "down.py");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            () => Interpreter.Run(countdown, "f", [new BigInteger(-1)], [], new InterpreterOptions { Semantics = IntegerSemantics.Math, CancellationToken = cancelled.Token }),
            Throws.InstanceOf<OperationCanceledException>());
    }
}

/// <summary>
/// A C local read by its own initializer: undefined behaviour by default, as any read before a store; under
/// <see cref="UninitializedReads.ArbitraryValue"/> an arbitrary value there, as an uninitialized local holds.
/// </summary>
[TestFixture]
public sealed class SelfInitializationTests
{
    private static readonly AnalysisOptions Lenient = new() { UninitializedReads = UninitializedReads.ArbitraryValue };

    [Test]
    public void ReadingTheVariableInItsOwnInitializerIsUndefined()
    {
        var verdict = Termination.Analyze("int main(int x) { int j = j + 1; return j; }", SourceLanguage.C).Functions.Single().Verdict;

        Assert.That(verdict, Is.TypeOf<No>());
        Assert.That(((No)verdict).Witness.Explanation, Does.Contain("read of the uninitialized variable 'j'"));
    }

    [Test]
    public void ReadingTheVariableInItsOwnInitializerIsAnArbitraryValue()
    {
        // Was "internal error in the analysis (InvalidOperationException: 'j' is read before its declaration)". The
        // arbitrary value may be INT_MAX, so j + 1 can overflow: a replayed undefined behaviour.
        var result = Termination.Analyze("int main(int x) { int j = j + 1; return j; }", SourceLanguage.C, Lenient);

        var verdict = result.Functions.Single().Verdict;
        Assert.That(verdict, Is.TypeOf<No>());
        Assert.That(((No)verdict).Witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
        Assert.That(((No)verdict).Witness.NondetValues, Is.EqualTo(new[] { new BigInteger(int.MaxValue) }));
    }

    [Test]
    public void UnderMathSemanticsItTerminates()
    {
        var result = Termination.Analyze("int main(int x) { int j = j + 1; return j; }", SourceLanguage.C, Lenient with { Semantics = IntegerSemantics.Math });
        Assert.That(result.Functions.Single().Verdict, Is.TypeOf<Yes>());
    }
}
