using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>Arrays at file scope: made once, zero but for their initializer, reached by every function by name.</summary>
[TestFixture]
public sealed class GlobalArrayTests
{
    private const string Globals = "int g[4];\nint primes[] = {2, 3, 5};\nchar name[8] = \"ab\";\nvoid set(int i, int v) { g[i] = v; }\n";

    private static ProgramIr Parse(string text) => CProgram.Accepted(Globals + text);

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(Parse(text), "f", inputs);

    private static FunctionResult Analyze(string text) => CProgram.Analyze(Parse(text), "f");

    [Test]
    public void AnArrayAtFileScopeIsZeroedButForItsInitializer()
    {
        var arrays = Parse("int f(void) { return 0; }").GlobalArrays;
        Assert.That(arrays.Select(a => (a.Name, IrText.Of(a.Length), string.Join(",", a.Contents))), Is.EqualTo(new[] { ("g", "4u", ""), ("primes", "3u", "2,3,5"), ("name", "8u", "97,98,0") }));
        Assert.That(arrays.All(a => a.Zeroed), Is.True);
        Assert.That(Run("int f(void) { return g[3] * 1000 + primes[2] * 100 + name[1] + name[7]; }"), Is.EqualTo(new Returned(500 + 98)));
    }

    [Test]
    public void EveryFunctionReachesTheSameArray()
    {
        Assert.That(Run("int f(int n) { set(2, n); return g[2]; }", 7), Is.EqualTo(new Returned(7)));
        Assert.That(Analyze("int f(void) { for (int i = 0; i < 4; i++) set(i, i); return g[3]; }").Verdict, Proved.Terminates);
    }

    [Test]
    public void AnAccessPastItsEndIsUndefinedBehaviour()
    {
        var result = Analyze("int f(void) { int s = 0; for (int i = 0; i <= 4; i++) s += g[i]; return s; }");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("out-of-bounds read of 'g[4]'"));
    }

    [Test]
    public void ALoopWhoseStateIsInTheArrayRepeats()
    {
        Assert.That(Analyze("int f(void) { while (1) { g[0] = 1 - g[0]; } return 0; }").Verdict, Proved.DoesNotTerminate);
        Assert.That(Analyze("int f(int n) { if (g[1] == 0) return f(n); return 0; }").Verdict, Proved.DoesNotTerminate);
    }

    [Test]
    public void APointerIntoAnArrayAtFileScopeWalksIt()
    {
        // Every function after the first too: the array outlives each function's scopes.
        const string walk = "int f(void) { int *p = g; int n = 0; while (p < g + 4) { *p = n; p++; n++; } return g[3]; }";
        Assert.Multiple(() =>
        {
            Assert.That(Run(walk), Is.EqualTo(new Returned(3)));
            Assert.That(Analyze(walk).Verdict, Proved.Terminates);
            Assert.That(Analyze("int f(void) { char *s = name; while (*s) s++; return s - name; }").Verdict, Proved.Terminates);
            Assert.That(Analyze("int f(void) { int *p = primes; while (p <= primes + 3) p++; return *p; }").Verdict, Proved.DoesNotTerminate, "reads one past the end");
        });
    }

    [Test]
    public void AReadNextToACallThatStoresIntoTheArrayIsRefused()
    {
        var program = CFrontend.Parse(Globals + "int f(void) { return g[0] + (set(0, 1), 1); }", "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions.Single().Reason, Does.Contain("whether a called function reads or changes 'g'"));
    }
}
