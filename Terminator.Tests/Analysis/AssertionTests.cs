using Terminator.Core;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Assertions are proved (with checked invariants) or refuted (with a replayed input).</summary>
public sealed class AssertionTests
{
    private const string Source = """
        int guarded(int x) { if (x > 0) { assert(x >= 1); } return 0; }
        int seven(int x) { assert(x != 7); return 0; }
        int counted(int n) { int i = 0; while (i < n) { i++; } assert(i >= 0); return i; }
        int noAssert(int x) { return x; }
        """;

    private static FunctionResult Analyze(string function)
    {
        var program = SourceLoader.Parse(Source, "asserts.c");
        var result = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Function = function, Timeout = TimeSpan.FromSeconds(10) });
        return result.Functions.Single();
    }

    [Test]
    public void ProvesAnAssertionThatFollowsFromItsGuard()
    {
        var assertion = Analyze("guarded").Assertions.Single();
        Assert.That(assertion.Verdict, Is.EqualTo(AssertionVerdict.Holds));
        Assert.That(assertion.Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void RefutesAnAssertionWithTheInputThatBreaksIt()
    {
        var assertion = Analyze("seven").Assertions.Single();
        Assert.That(assertion.Verdict, Is.EqualTo(AssertionVerdict.Fails));
        Assert.That(assertion.Inputs.Select(i => (i.Name, (int)i.Value)), Is.EqualTo(new[] { ("x", 7) }));
    }

    [Test]
    public void ProvesAnAssertionAfterALoopWithItsInvariant()
    {
        var result = Analyze("counted");
        Assert.That(result, Proved.Terminates);
        Assert.That(result.Assertions.Single().Verdict, Is.EqualTo(AssertionVerdict.Holds));
    }

    [Test]
    public void FunctionWithoutAssertionsReportsNone()
    {
        Assert.That(Analyze("noAssert").Assertions, Is.Empty);
    }
}
