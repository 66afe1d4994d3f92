using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Invariants along combinations of variables that no iteration increases, bounded by their value on entry.</summary>
public sealed class StepDirectionTests
{
    [Test]
    public void McCarthy91CounterCannotOverflow()
    {
        // Each iteration either lowers c by 1 and n by 10 or raises c by 1 and n by 11: 11*c - n never grows, so c
        // stays far below INT_MAX whatever n starts at. No octagonal bound shows that.
        const string source = """
            int m91(int n) {
              int c = 1;
              while (c > 0) {
                if (n > 100) { n = n - 10; c = c - 1; } else { n = n + 11; c = c + 1; }
              }
              return n;
            }
            """;
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "m91.c"), new AnalysisOptions()).Functions.Single();
        Assert.That(result, Proved.Terminates);
        Assert.That(((Yes)result.Verdict).Certificate.Loops.Single().Invariant.ToString(), Does.Contain("11*c - n <= "));
    }
}
