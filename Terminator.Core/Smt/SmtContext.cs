using Microsoft.Z3;

namespace Terminator.Core.Smt;

/// <summary>
/// One Z3 context, owned by one analysis and used from one thread at a time (Z3 contexts are not thread-safe).
/// Queries run in <see cref="SmtSession"/>s opened from it. Cancelling the token interrupts a running check.
/// </summary>
internal sealed class SmtContext : IDisposable
{
    private readonly Context ctx;
    private readonly CancellationTokenRegistration registration;
    private bool disposed;

    /// <summary>Creates a context with a clock of its own. Throws <see cref="SolverUnavailableException"/> when Z3 cannot be loaded.</summary>
    public SmtContext(CancellationToken cancellationToken = default)
        : this(null, cancellationToken)
    {
    }

    /// <summary>Creates a context. Throws <see cref="SolverUnavailableException"/> when Z3 cannot be loaded.</summary>
    /// <param name="clock">Where the time spent in checks is added; null gives the context a clock of its own.</param>
    /// <param name="cancellationToken">Interrupts a running check when cancelled.</param>
    public SmtContext(SolverClock? clock, CancellationToken cancellationToken)
    {
        Z3Loader.EnsureRegistered();
        CancellationToken = cancellationToken;
        Clock = clock ?? new SolverClock();
        ctx = new Context(new Dictionary<string, string> { ["model"] = "true" });

        // Z3_interrupt is the one call meant to come from another thread; it makes a running check return unknown.
        registration = cancellationToken.Register(static state => ((Context)state!).Interrupt(), ctx);
    }

    private readonly Lock checkGate = new();
    private long runningCheck;
    private long lastCheck;

    /// <summary>
    /// Interrupts the check that is about to run if it takes longer than <paramref name="limit"/> (no limit when null),
    /// calling <paramref name="onTimeout"/> first; dispose the result as soon as the check returns. A timer that fires
    /// late finds its check finished and leaves later checks alone.
    /// </summary>
    internal IDisposable? LimitCheck(TimeSpan? limit, Action onTimeout)
    {
        long id;
        lock (checkGate)
        {
            id = ++lastCheck;
            runningCheck = id;
        }

        var timer = limit is { } span
            ? new Timer(_ =>
            {
                lock (checkGate)
                {
                    if (runningCheck == id && !disposed)
                    {
                        onTimeout();
                        ctx.Interrupt();
                    }
                }
            }, null, span, Timeout.InfiniteTimeSpan)
            : null;
        return new CheckScope(this, id, timer);
    }

    private sealed class CheckScope(SmtContext owner, long id, Timer? timer) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.checkGate)
            {
                if (owner.runningCheck == id)
                {
                    owner.runningCheck = 0;
                }
            }

            timer?.Dispose();
        }
    }

    /// <summary>The token given at construction; sessions report cancellation as <see cref="OperationCanceledException"/>.</summary>
    internal CancellationToken CancellationToken { get; }

    /// <summary>The sum of the wall time spent inside the check calls of this context's sessions (and of any context sharing the clock).</summary>
    internal SolverClock Clock { get; }

    /// <summary>Opens a fresh solver (logic detected by Z3). A non-positive or infinite timeout means no limit.</summary>
    public SmtSession OpenSolver(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CancellationToken.ThrowIfCancellationRequested();
        return new SmtSession(this, ctx, optimize: false, timeout);
    }

    /// <summary>Opens a fresh optimizer (Z3 Optimize) supporting <see cref="SmtSession.Maximize"/> and <see cref="SmtSession.Minimize"/>.</summary>
    public SmtSession OpenOptimizer(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CancellationToken.ThrowIfCancellationRequested();
        return new SmtSession(this, ctx, optimize: true, timeout);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        lock (checkGate)
        {
            disposed = true;
        }

        // Unregistering first waits for a running Interrupt callback, so it never sees a deleted context.
        registration.Dispose();
        ctx.Dispose();
    }
}
