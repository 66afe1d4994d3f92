using System.Numerics;
using NUnit.Framework;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Interpretation;

/// <summary>
/// Arrays run as real cells: a read sees the last write, an element never written draws a nondeterministic value once,
/// an index out of bounds is undefined behaviour, and a repeated state at a loop head includes the arrays' contents.
/// </summary>
[TestFixture]
public sealed class ArrayInterpreterTests
{
    private static RunResult Run(string code, BigInteger[] nondet, InterpreterOptions? options = null) =>
        Interpreter.Run(CFrontend.Parse(code, "t.c", usePreprocessor: false), "f", [], nondet, options ?? new InterpreterOptions());

    [Test]
    public void AReadSeesTheLastWriteToItsElement()
    {
        const string code = "int f(void) { int a[3]; a[0] = 5; a[2] = 7; a[0] += a[2]; a[2]--; return a[0] * 10 + a[2]; }";
        Assert.That(Run(code, []).Outcome, Is.EqualTo(new Returned(126)));
    }

    [Test]
    public void AnElementNeverWrittenDrawsOneValueForAllItsReads()
    {
        const string code = "int f(void) { int a[2]; a[1] = 1; return a[0] - a[0] + a[0] * 100 + a[1]; }";
        var run = Run(code, [4]);
        Assert.That(run.Outcome, Is.EqualTo(new Returned(401)));
        Assert.That(Run(code, []).Outcome, Is.InstanceOf<OutOfNondetValues>());
    }

    [TestCase("int f(void) { int a[3]; a[3] = 0; return 0; }", "out-of-bounds write of 'a[3]' (its length is 3)")]
    [TestCase("int f(void) { int a[3]; return a[-1]; }", "out-of-bounds read of 'a[-1]' (its length is 3)")]
    [TestCase("int f(void) { int *a = __builtin_alloca(2 * sizeof(int) + 3); a[2] = 0; return 0; }", "out-of-bounds write of 'a[2]' (its length is 2)")]
    [TestCase("int f(void) { int n = 1073741824; int *a = __builtin_alloca(n * sizeof(int)); a[0] = 0; return 0; }", "out-of-bounds write of 'a[0]' (its length is 0)")]
    public void AnIndexOutOfBoundsIsUndefined(string code, string what)
    {
        Assert.That(Run(code, []).Outcome, Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [Test]
    public void EachRunOfADeclarationMakesANewArray()
    {
        const string code = "int f(void) { int s = 0; for (int i = 0; i < 2; i++) { int a[1]; if (i == 0) a[0] = 9; s = s * 10 + a[0]; } return s; }";
        Assert.That(Run(code, [3]).Outcome, Is.EqualTo(new Returned(93)));
    }

    [Test]
    public void ARepeatedStateIncludesTheArrayContents()
    {
        // The scalars repeat at every arrival, while a[0] counts down: the loop ends.
        const string code = "int f(void) { int a[1]; a[0] = 3; while (a[0] > 0) { a[0]--; } return 0; }";
        var loop = IrWalker.Statements(CFrontend.Parse(code, "t.c", usePreprocessor: false).Find("f")!.Body).OfType<LoopStmt>().Single().Span;
        var run = Run(code, [], new InterpreterOptions { LoopWatch = loop });
        Assert.That(run.Outcome, Is.EqualTo(new Returned(0)));

        const string stuck = "int f(void) { int a[1]; a[0] = 3; while (a[0] > 0) { } return 0; }";
        var stuckLoop = IrWalker.Statements(CFrontend.Parse(stuck, "t.c", usePreprocessor: false).Find("f")!.Body).OfType<LoopStmt>().Single().Span;
        Assert.That(Run(stuck, [], new InterpreterOptions { LoopWatch = stuckLoop }).Outcome, Is.EqualTo(new Lasso(0, 1)));
    }
}
