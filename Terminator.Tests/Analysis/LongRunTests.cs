using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Undefined behaviour hundreds of iterations deep, found by running the program concretely.</summary>
public sealed class LongRunTests
{
    [Test]
    public void OverflowAfterHundredsOfIterationsIsReplayed()
    {
        // The guard is a polynomial identity that every iteration keeps, so the loop runs until y * y * y * y
        // overflows at y = 216: far beyond the bounded search, and the solver cannot decide the non-linear guard.
        const string source = """
            int quartic(void) {
              int x = 0;
              int y = 0;
              while (4*x - y*y*y*y - 2*y*y*y - y*y == 0) { y = y + 1; x = y*y*y + x; }
              return 0;
            }
            """;
        var options = new AnalysisOptions { Timeout = TimeSpan.FromSeconds(60) };
        var verdict = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "quartic.c"), options).Functions.Single().Verdict;
        Assert.That(verdict, Proved.DoesNotTerminate);
        var witness = ((No)verdict).Witness;
        Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
        Assert.That(witness.Explanation, Does.Contain("signed overflow in multiplication"));
    }
}
