using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// <c>&amp;x</c> of a scalar local or parameter: the variable is an object of one element, which <c>x</c> reads and
/// stores and a pointer can point to.
/// </summary>
[TestFixture]
public sealed class AddressOfTests
{
    private const string Helpers = "void inc(int *x) { (*x)++; }\nvoid swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }\n";

    private static ProgramIr Parse(string text) => CProgram.Accepted(Helpers + text);

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(Parse(text), "f", inputs);

    private static FunctionResult Analyze(string text) => CProgram.Analyze(Parse(text), "f");

    [Test]
    public void AVariableWhoseAddressIsTakenIsAnObjectOfOneElement()
    {
        Assert.That(
            IrText.Of(Parse("int f(int n) { int x = n; inc(&x); return x; }").Find("f")!.Body),
            Is.EqualTo("{ (array int x 1u) (= x [0u] n) (call inc (ptr x 0)) (return (x [0u])) }"));
    }

    [Test]
    public void CalleesChangeTheVariableThroughThePointer()
    {
        Assert.That(Run("int f(int n) { int x = n; inc(&x); inc(&x); return x; }", 5), Is.EqualTo(new Returned(7)));
        Assert.That(Run("int f(int p, int q) { swap(&p, &q); return p * 10 + q; }", 1, 2), Is.EqualTo(new Returned(21)));
    }

    [Test]
    public void ALoopCountedThroughAPointerToItsCounterTerminates()
    {
        Assert.That(Analyze("int f(int n) { int i = 0; while (i < n) inc(&i); return i; }").Verdict, Proved.Terminates);
        Assert.That(Analyze("int f(void) { int i = 0; int *p = &i; while (*p < 10) (*p)++; return i; }").Verdict, Proved.Terminates);
    }

    [Test]
    public void TheSizeOfAVariableWhoseAddressIsTakenIsItsTypes()
    {
        Assert.That(Run("int f(void) { long long x = 0; long long *p = &x; (*p)++; return sizeof x + x; }"), Is.EqualTo(new Returned(9)));
    }

    [Test]
    public void AReadNextToACallThatStoresThroughThePointerIsRefused()
    {
        var program = CFrontend.Parse(Helpers + "int f(void) { int x = 0; return x + (inc(&x), 1); }", "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions.Single().Reason, Does.StartWith("unsupported: an access to array elements next to the call of 'inc'"));
    }
}
