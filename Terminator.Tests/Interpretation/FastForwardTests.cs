using System.Numerics;
using NUnit.Framework;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Interpretation;

/// <summary>
/// Translation loops are fast-forwarded exactly: a run reaches the undefined behaviour or the exit that lies 10⁹
/// iterations away, at the same place and in the same state as step by step, within the step limit.
/// </summary>
[TestFixture]
public sealed class FastForwardTests
{
    private static readonly BigInteger IntMax = int.MaxValue;

    private static RunResult Run(string code, string function, params BigInteger[] inputs) =>
        Interpreter.Run(CFrontend.Parse(code, "t.c", usePreprocessor: false), function, inputs, [], new InterpreterOptions());

    [Test]
    public void StepsOfTwoOverflowOnlyFromIntMax()
    {
        const string code = "int f(int n) {\n  int i = 0;\n  for (i = 0; i < n; i += 2) {}\n  return i;\n}";
        Assert.Multiple(() =>
        {
            var overflow = Run(code, "f", IntMax);
            Assert.That(overflow.Outcome, Is.InstanceOf<UndefinedBehaviour>());
            Assert.That(((UndefinedBehaviour)overflow.Outcome).At.Line, Is.EqualTo(3));
            Assert.That(overflow.Steps, Is.LessThan(10_000), "the run was not fast-forwarded");

            // From INT_MAX - 1 the last i is INT_MAX - 1, and the loop ends without overflow.
            Assert.That(Run(code, "f", IntMax - 1).Outcome, Is.EqualTo(new Returned(IntMax - 1)));
            Assert.That(Run(code, "f", 7).Outcome, Is.EqualTo(new Returned(8)));
        });
    }

    [TestCase(100_000, 0)]
    [TestCase(3_000_001, 1)]
    [TestCase(2_000_000_000, 2)]
    public void FastForwardingEndsInTheStateOfTheStepByStepRun(int n, int offset)
    {
        // Two variables that move together, a condition on both, and a bound that is reached exactly or overshot.
        var code = $"int f(int n) {{\n  int i = {offset}, j = 0;\n  while (i < n && j - i < 5) {{ i = i + 3; j += 3; }}\n  return i - j;\n}}";
        var expectedI = offset + (((long)n - offset + 2) / 3 * 3);
        Assert.That(Run(code, "f", n).Outcome, Is.EqualTo(new Returned(offset)));
        var last = Run($"int f(int n) {{\n  int i = {offset}, j = 0;\n  while (i < n && j - i < 5) {{ i = i + 3; j += 3; }}\n  return i;\n}}", "f", n);
        Assert.That(last.Outcome, Is.EqualTo(new Returned(expectedI)));
    }

    [Test]
    public void AnOverflowInTheConditionIsFoundAtItsIteration()
    {
        // i + 1000 overflows in the condition once i passes INT_MAX - 1000, long before i reaches n.
        const string code = "int f(int n) {\n  int i = 0;\n  while (i + 1000 > i - 1 && i < n) { i++; }\n  return i;\n}";
        var run = Run(code, "f", IntMax);
        Assert.That(run.Outcome, Is.InstanceOf<UndefinedBehaviour>());
        Assert.That(((UndefinedBehaviour)run.Outcome).What, Does.Contain("overflow"));
    }

    [Test]
    public void LoopsOutsideTheTranslationFormRunStepByStep()
    {
        // i * 2 is not a translation: the run keeps its step limit and is cut short.
        const string code = "int f(int n) {\n  int i = 1, k = 0;\n  while (k < n) { k++; i = i * 1; }\n  return k;\n}";
        Assert.That(Run(code, "f", IntMax).Outcome, Is.InstanceOf<StepLimit>());
    }
}
