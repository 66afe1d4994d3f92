using Microsoft.Z3;

namespace Terminator.Core.Smt;

/// <summary>
/// One Z3 context, owned by one analysis and used from one thread at a time (Z3 contexts are not thread-safe).
/// Queries run in <see cref="SmtSession"/>s opened from it. Cancelling the token interrupts a running check.
/// </summary>
/// <remarks>
/// An interrupted check can leave Z3's state behind it unclean: Z3 4.8's optimizer has crashed the process in a later
/// check of a context whose earlier checks were interrupted. So once a check has been interrupted, the Z3 context is
/// replaced by a fresh one as soon as no session uses it any more. Sessions translate their formulas afresh, so
/// nothing else carries over.
/// </remarks>
internal sealed class SmtContext : IDisposable
{
    private Context ctx;
    private int openSessions;
    private bool interrupted;
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
        ctx = NewContext();

        registration = cancellationToken.Register(static state => ((SmtContext)state!).StartInterrupting(), this);
    }

    private static Context NewContext() => FreshContexts.Take();

    /// <summary>
    /// Whether an interrupt has reached the current Z3 context. Z3 4.8 keeps an interrupt that lands after its check
    /// has returned, and then refuses scope changes ("push canceled") until the context is replaced.
    /// </summary>
    internal bool Interrupted
    {
        get
        {
            lock (checkGate)
            {
                return interrupted;
            }
        }
    }

    /// <summary>How many Z3 contexts this context has used: one, plus one per replacement after an interrupted check.</summary>
    internal int ContextsCreated { get; private set; } = 1;

    /// <summary>
    /// How often an interrupt is repeated while the check it targets is still running. Z3_interrupt (the one call meant
    /// to come from another thread) only stops a check that has already entered the solver; one that lands just before,
    /// while the call is on its way in, is lost, and the check would then run on without any limit.
    /// </summary>
    private static readonly TimeSpan InterruptRepeat = TimeSpan.FromMilliseconds(10);

    private readonly Lock checkGate = new();
    private long runningCheck;
    private long lastCheck;
    private Timer? cancellationInterrupts;

    /// <summary>Called once the token is cancelled: interrupts every check that runs from now on until it returns.</summary>
    private void StartInterrupting()
    {
        lock (checkGate)
        {
            if (disposed || cancellationInterrupts is not null)
            {
                return;
            }

            cancellationInterrupts = new Timer(
                static state =>
                {
                    var owner = (SmtContext)state!;
                    lock (owner.checkGate)
                    {
                        if (!owner.disposed && owner.runningCheck != 0)
                        {
                            owner.interrupted = true;
                            owner.Interrupt();
                        }
                    }
                },
                this,
                TimeSpan.Zero,
                InterruptRepeat);
        }
    }

    /// <summary>
    /// Interrupts the check that is about to run if it takes longer than <paramref name="limit"/> (no limit when null),
    /// calling <paramref name="onTimeout"/> first; dispose the result as soon as the check returns. Once the limit is
    /// reached the interrupt repeats until the check returns, since one that lands before the check has entered the
    /// solver is lost. A timer that fires late finds its check finished and leaves later checks alone.
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
                        interrupted = true;
                        Interrupt();
                    }
                }
            }, null, span, InterruptRepeat)
            : null;
        return new CheckScope(this, id, timer);
    }

    /// <summary>
    /// Runs one check under <paramref name="limit"/> (see <see cref="LimitCheck"/>), adding its time to the clock. A Z3
    /// error becomes <see cref="Status.UNKNOWN"/> with its message in <paramref name="error"/>; <paramref name="timedOut"/>
    /// says whether the limit interrupted it.
    /// </summary>
    internal Status RunCheck(TimeSpan? limit, Func<Status> check, out bool timedOut, out string? error)
    {
        var interruptedByLimit = false;
        error = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Status status;
        try
        {
            using var scope = LimitCheck(limit, () => interruptedByLimit = true);
            CheckStarting?.Invoke();
            status = check();
            CheckReturned?.Invoke();
        }
        catch (Z3Exception e)
        {
            status = Status.UNKNOWN;
            error = e.Message;
        }
        finally
        {
            Clock.AddSince(started);
        }

        timedOut = interruptedByLimit;
        return status;
    }

    /// <summary>
    /// Interrupts the running check from a timer thread. The managed binding reports the context's last error after
    /// every call, and a Horn query that Z3 has just cancelled leaves "canceled" there, so the interrupt itself can
    /// throw: the check is stopping anyway, and an exception on a timer thread would end the process.
    /// </summary>
    private void Interrupt()
    {
        try
        {
            ctx.Interrupt();
        }
        catch (Z3Exception)
        {
        }
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

    /// <summary>
    /// Runs after a check's limit is armed and just before the check enters the solver: the window in which an
    /// interrupt is lost. Tests place timeouts and cancellations there.
    /// </summary>
    internal Action? CheckStarting { get; init; }

    /// <summary>
    /// Runs after a check has returned from the solver and before its limit is disarmed: the window in which a limit's
    /// interrupt reaches a context whose check is already over. Tests place timeouts there.
    /// </summary>
    internal Action? CheckReturned { get; init; }

    /// <summary>The token given at construction; sessions report cancellation as <see cref="OperationCanceledException"/>.</summary>
    internal CancellationToken CancellationToken { get; }

    /// <summary>The sum of the wall time spent inside the check calls of this context's sessions (and of any context sharing the clock).</summary>
    internal SolverClock Clock { get; }

    /// <summary>
    /// Whether solvers skip Z3's per-logic preprocessing and go straight to its incremental core. A fresh default
    /// solver sets that preprocessing up on its first check, which costs about as much as a dozen small linear queries;
    /// linear problems do not need it, while non-linear ones rely on its dedicated procedures.
    /// </summary>
    public bool CoreSolverOnly { get; init; }

    /// <summary>Opens a fresh solver (logic detected by Z3). A non-positive or infinite timeout means no limit.</summary>
    /// <param name="timeout">The limit of each check.</param>
    /// <param name="linearQuery">
    /// Whether the caller knows its query to be linear, as Farkas constraints are even in a non-linear analysis: then
    /// the core solver serves it, as it does every query under <see cref="CoreSolverOnly"/>.
    /// </param>
    public SmtSession OpenSolver(TimeSpan timeout, bool linearQuery = false)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CancellationToken.ThrowIfCancellationRequested();
        return Open(current => new SmtSession(this, current, optimize: false, timeout, CoreSolverOnly || linearQuery));
    }

    /// <summary>Opens a fresh optimizer (Z3 Optimize) supporting <see cref="SmtSession.Maximize"/> and <see cref="SmtSession.Minimize"/>.</summary>
    public SmtSession OpenOptimizer(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CancellationToken.ThrowIfCancellationRequested();
        return Open(current => new SmtSession(this, current, optimize: true, timeout, coreSolverOnly: false));
    }

    /// <summary>Opens a Horn query to Spacer (Z3's fixed-point engine) with the given limit, in a Z3 context of its own.</summary>
    public HornSession OpenHorn(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CancellationToken.ThrowIfCancellationRequested();
        return new HornSession(this, timeout);
    }

    private T Open<T>(Func<Context, T> create)
    {
        Context current;
        lock (checkGate)
        {
            openSessions++;
            current = ctx;
        }

        try
        {
            return create(current);
        }
        catch
        {
            SessionClosed();
            throw;
        }
    }

    /// <summary>Called by each session as it is disposed: replaces the Z3 context after an interrupt once no session uses it.</summary>
    internal void SessionClosed()
    {
        Context? stale = null;
        lock (checkGate)
        {
            openSessions--;
            if (openSessions == 0 && interrupted && !disposed)
            {
                stale = ctx;
                ctx = NewContext();
                ContextsCreated++;
                interrupted = false;
            }
        }

        if (stale is not null)
        {
            FreshContexts.Retire(stale);
        }
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

        // Unregistering waits for a running cancellation callback; the timers' callbacks see `disposed` under the
        // gate, so none of them touches the context once it is deleted.
        registration.Dispose();
        cancellationInterrupts?.Dispose();
        FreshContexts.Retire(ctx);
    }
}
