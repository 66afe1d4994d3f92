using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Invariants of the form "¬condition ∨ ordering", and the shortened invariants that certificates display.</summary>
public sealed class GuardedInvariantTests
{
    private static FunctionResult Analyze(string source, string function, IntegerSemantics semantics) =>
        TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "guarded.c"), new AnalysisOptions { Function = function, Semantics = semantics }).Functions.Single();

    [Test]
    public void ACounterBelowAGuardedVariableCannotOverflow()
    {
        // c counts squarings of x below y <= 46340, so c + 1 cannot overflow; but c < x holds only while x > 1, and
        // c starts at 0 for every x.
        var result = Analyze(Squares, "squares", IntegerSemantics.C);
        Assert.That(result.Verdict, Proved.Terminates);
        Assert.That(((Yes)result.Verdict).Certificate.Loops.Single().Invariant.ToString(), Does.Contain("c < x"));
    }

    private const string Squares = """
            int squares(int x, int y) {
              int c = 0;
              if (y > 46340) { return 0; }
              while (x > 1 && x < y) { x = x * x; c = c + 1; }
              return c;
            }
            """;

    [Test]
    public void DisplayedInvariantsLeaveOutWhatTheRestImplies()
    {
        // Houdini keeps every "y > 46340 is false, or ..." candidate, since y <= 46340 holds throughout; the display
        // drops them as implied by y <= 46340.
        var invariant = ((Yes)Analyze(Squares, "squares", IntegerSemantics.C).Verdict).Certificate.Loops.Single().Invariant.ToString();
        Assert.That(invariant, Does.Contain("y <= 46340"));
        Assert.That(invariant, Does.Not.Contain("y <= 46340 ||"));
    }
}
