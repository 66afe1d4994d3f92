using Terminator.Core;
using Terminator.Core.Logic;
using Terminator.Core.Smt;
using Terminator.Frontend;

namespace Terminator.Tests.Analysis;

/// <summary>The time spent inside Z3 is measured per analysis and reported on each function's result.</summary>
public sealed class SolverTimeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public void ContextsSharingAClockAddUpTheirChecks()
    {
        var shared = new SolverClock();
        using var first = new SmtContext(shared, CancellationToken.None);
        using var second = new SmtContext(shared, CancellationToken.None);
        using var alone = new SmtContext();
        var x = new Var("x");

        Assert.That(shared.Elapsed, Is.EqualTo(TimeSpan.Zero));
        using (var s = first.OpenSolver(Limit))
        {
            s.Assert(Formula.Gt(x * x, 3));
            s.Check();
        }

        var afterFirst = shared.Elapsed;
        using (var s = second.OpenOptimizer(Limit))
        {
            s.Assert(Formula.Le(x, 10));
            s.Maximize(x);
            s.Check();
        }

        Assert.That(afterFirst, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(shared.Elapsed, Is.GreaterThan(afterFirst));
        Assert.That(alone.Clock.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void EachFunctionReportsItsSolverTimeWithinItsElapsedTime()
    {
        // g needs a ranking function and its check; h is answered from the question alone, without a query.
        const string source = """
            void g(int x, int y) { if (y >= 1) { while (x > y) { x = x - y; } } }
            void h(void) { if (terminates(h)) while (1) {} }
            """;
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "t.c"), new AnalysisOptions { Timeout = Limit });
        var g = result.Functions.Single(f => f.Name == "g");
        var h = result.Functions.Single(f => f.Name == "h");

        Assert.That(g.SolverTime, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(g.Elapsed));
        Assert.That(h.SolverTime, Is.EqualTo(TimeSpan.Zero));
    }
}
