using Terminator.Core.Interpretation;

namespace Terminator.Tests.Interpretation;

/// <summary>The worker threads with large stacks that concrete runs go to.</summary>
public sealed class LargeStackTests
{
    private const long StackBytes = 64L << 20;

    // About 200 bytes of stack per level at least: 100 000 levels need more than a default thread has.
    private static int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);

    [Test]
    public void RecursionDeeperThanADefaultStackRuns()
    {
        Assert.That(LargeStack.Run(StackBytes, () => (object)Depth(100_000)), Is.EqualTo(100_000));
    }

    [Test]
    public void RunsFromOneThreadShareOneWorker()
    {
        var first = LargeStack.Run(StackBytes, () => (object)Environment.CurrentManagedThreadId);
        var second = LargeStack.Run(StackBytes, () => (object)Environment.CurrentManagedThreadId);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Is.Not.EqualTo(Environment.CurrentManagedThreadId));
    }

    [Test]
    public void AnExceptionComesBackToTheCaller()
    {
        Assert.That(() => LargeStack.Run<object>(StackBytes, () => throw new InvalidOperationException("from the worker")),
            Throws.InvalidOperationException.With.Message.EqualTo("from the worker"));

        // The worker survives it.
        Assert.That(LargeStack.Run(StackBytes, () => (object)"after"), Is.EqualTo("after"));
    }

    [Test]
    public void CallersOnSeveralThreadsGetTheirOwnResults()
    {
        var results = new int[8];
        Parallel.For(0, results.Length, i =>
        {
            for (var round = 0; round < 50; round++)
            {
                results[i] += (int)LargeStack.Run(StackBytes, () => (object)(i + Depth(1_000) - 1_000));
            }
        });
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 8).Select(i => 50 * i)));
    }
}
