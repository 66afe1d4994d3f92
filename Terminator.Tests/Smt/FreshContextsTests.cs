using System.Diagnostics;
using Microsoft.Z3;
using NUnit.Framework;
using Terminator.Core.Smt;

namespace Terminator.Tests.Smt;

[TestFixture]
public sealed class FreshContextsTests
{
    /// <summary>How long the background thread may take for work that costs it a few milliseconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SetUp]
    public void LoadZ3() => Z3Loader.EnsureRegistered();

    /// <summary>
    /// Z3 numbers terms per context, and a context that has seen other queries numbers the same terms differently:
    /// every context handed out numbers them as a new one does, whatever ran before.
    /// </summary>
    [Test]
    public void AContextTakenAfterOthersWereUsedNumbersTermsAsANewOne()
    {
        uint[] expected;
        using (var reference = new Context(new Dictionary<string, string> { ["model"] = "true" }))
        {
            expected = Ids(reference);
        }

        var first = FreshContexts.Take();
        using (var solver = first.MkSolver())
        {
            // Terms that the next query does not make, so that a reused context would number its terms after them.
            var z = first.MkIntConst("z");
            solver.Assert(first.MkGt(first.MkAdd(z, first.MkInt(7)), first.MkInt(40)));
            Assert.That(solver.Check(), Is.EqualTo(Status.SATISFIABLE));
        }

        var firstIds = Ids(first);
        FreshContexts.Retire(first);
        var taken = Enumerable.Range(0, 2 * FreshContexts.SparesKept + 1).Select(_ => FreshContexts.Take()).ToList();
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(firstIds, Is.Not.EqualTo(expected), "the first context's own terms come before the query's");
                foreach (var context in taken)
                {
                    Assert.That(context, Is.Not.SameAs(first));
                    Assert.That(Ids(context), Is.EqualTo(expected));
                }
            });
        }
        finally
        {
            taken.ForEach(FreshContexts.Retire);
        }
    }

    [Test]
    public void SparesAreMadeAheadAndGivenBackContextsAreDeleted()
    {
        FreshContexts.Retire(FreshContexts.Take());
        Assert.That(Eventually(() => FreshContexts.SparesReady == FreshContexts.SparesKept && FreshContexts.RetiredWaiting == 0), Is.True);

        var spares = Enumerable.Range(0, FreshContexts.SparesKept).Select(_ => FreshContexts.Take()).ToList();
        try
        {
            Assert.That(Eventually(() => FreshContexts.SparesReady == FreshContexts.SparesKept), Is.True, "the spares taken are replaced");
        }
        finally
        {
            spares.ForEach(FreshContexts.Retire);
        }

        Assert.That(Eventually(() => FreshContexts.RetiredWaiting == 0), Is.True);
    }

    private static uint[] Ids(Context context)
    {
        var x = context.MkIntConst("x");
        var y = context.MkIntConst("y");
        var sum = context.MkAdd(x, y);
        var atom = context.MkLe(sum, context.MkInt(3));
        return [x.Id, y.Id, sum.Id, atom.Id];
    }

    private static bool Eventually(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }
}
