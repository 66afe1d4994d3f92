using System.Runtime.ExceptionServices;

namespace Terminator.Core.Interpretation;

/// <summary>
/// Runs concrete runs, whose depth follows the interpreted program's recursion, on a thread with a large stack. Each
/// calling thread keeps one such worker thread and hands it its work, which costs a fraction of starting a thread each
/// time: an analysis makes dozens of short concrete runs. A worker left idle for a while ends, so threads that stop
/// calling leave nothing behind.
/// </summary>
internal static class LargeStack
{
    [ThreadStatic]
    private static Worker? worker;

    /// <summary>
    /// Runs <paramref name="work"/> on a thread whose stack has at least <paramref name="stackBytes"/> bytes, and
    /// rethrows its exception here.
    /// </summary>
    public static T Run<T>(long stackBytes, Func<T> work)
        where T : class =>
        Run(stackBytes, work, Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>
    /// Runs <paramref name="work"/> as <see cref="Run{T}(long, Func{T})"/> does, but gives up waiting for it
    /// <paramref name="grace"/> after <paramref name="cancellationToken"/> is cancelled: then the work is left to finish
    /// on its thread (it should be watching the same token, so it soon does), its result is dropped, and this throws
    /// <see cref="OperationCanceledException"/>. The caller's next run gets a fresh thread.
    /// </summary>
    public static T Run<T>(long stackBytes, Func<T> work, TimeSpan grace, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            if (worker is { } current && current.StackBytes >= stackBytes && current.TryRun(work, grace, cancellationToken, out var result))
            {
                return result;
            }

            worker?.Stop();
            worker = new Worker(stackBytes);
            return worker.TryRun(work, grace, cancellationToken, out var fresh) ? fresh : throw new InvalidOperationException("A new large-stack thread refused work.");
        }
        catch (OperationCanceledException) when (worker is { Abandoned: true })
        {
            worker = null;
            throw;
        }
    }

    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CancellationPoll = TimeSpan.FromMilliseconds(100);

    private sealed class Worker
    {
        // Guards the hand-over: the caller puts work in and waits for the result; the worker waits for work.
        private readonly object gate = new();
        private Func<object>? work;
        private bool finished;
        private bool stopping;
        private object? result;
        private ExceptionDispatchInfo? failure;

        public Worker(long stackBytes)
        {
            StackBytes = stackBytes;

            // A background thread: an idle worker does not keep the process alive.
            var thread = new Thread(Serve, (int)stackBytes) { IsBackground = true, Name = "Terminator large stack" };
            thread.Start();
        }

        public long StackBytes { get; }

        /// <summary>True once a caller gave up waiting for this worker's work; it ends when that work does.</summary>
        public bool Abandoned { get; private set; }

        /// <summary>False when the worker has ended (it was idle too long or stopped); then nothing ran.</summary>
        public bool TryRun<T>(Func<T> run, TimeSpan grace, CancellationToken cancellationToken, out T output)
            where T : class
        {
            object? value;
            ExceptionDispatchInfo? error;
            using var wake = cancellationToken.Register(static state => ((Worker)state!).Wake(), this);
            lock (gate)
            {
                if (stopping)
                {
                    output = null!;
                    return false;
                }

                (work, finished) = (run, false);
                Monitor.PulseAll(gate);
                long? giveUpAt = null;
                while (!finished)
                {
                    if (!cancellationToken.IsCancellationRequested || grace == Timeout.InfiniteTimeSpan)
                    {
                        // The token's callback wakes this wait; the period only bounds what a lost wake-up costs.
                        Monitor.Wait(gate, cancellationToken.CanBeCanceled ? CancellationPoll : Timeout.InfiniteTimeSpan);
                        continue;
                    }

                    giveUpAt ??= Environment.TickCount64 + (long)grace.TotalMilliseconds;
                    var left = giveUpAt.Value - Environment.TickCount64;
                    if (left <= 0)
                    {
                        // The work still runs; once it is done the thread ends, since no further work is taken.
                        (stopping, Abandoned) = (true, true);
                        throw new OperationCanceledException(cancellationToken);
                    }

                    Monitor.Wait(gate, TimeSpan.FromMilliseconds(left));
                }

                (value, error, result, failure) = (result, failure, null, null);
            }

            error?.Throw();
            output = (T)value!;
            return true;
        }

        private void Wake()
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }

        /// <summary>Ends the thread once it has finished what it is doing.</summary>
        public void Stop()
        {
            lock (gate)
            {
                stopping = true;
                Monitor.PulseAll(gate);
            }
        }

        private void Serve()
        {
            while (true)
            {
                Func<object> next;
                lock (gate)
                {
                    while (work is null && !stopping)
                    {
                        if (!Monitor.Wait(gate, IdleLimit) && work is null)
                        {
                            stopping = true;
                        }
                    }

                    if (work is null)
                    {
                        return;
                    }

                    next = work;
                }

                object? value = null;
                ExceptionDispatchInfo? error = null;
                try
                {
                    value = next();
                }
#pragma warning disable CA1031 // Any exception is rethrown on the calling thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }

                lock (gate)
                {
                    (result, failure, work, finished) = (value, error, null, true);
                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
