using Microsoft.Z3;

namespace Terminator.Core.Smt;

/// <summary>
/// Where the Z3 contexts of <see cref="SmtContext"/> and <see cref="HornSession"/> come from and go to. Every context
/// handed out is fresh (made by Z3 and never used before): Z3 numbers terms per context, and its rewriters and Spacer
/// order by those numbers, so a fresh context makes an answer depend on the queries of its own analysis alone, never
/// on what ran earlier in the process.
/// </summary>
/// <remarks>
/// Making a context costs about a millisecond, and deleting one as much again; an analysis that proves a small loop
/// uses two (the prover's and the checker's) and takes a few milliseconds besides. So both happen off the analysis's
/// path, on one background thread: it keeps <see cref="SparesKept"/> fresh contexts ready, and deletes the contexts
/// given back (before it makes more). A request that finds no spare makes its context itself. When the process exits,
/// the thread finishes what it is doing and stops, so no deletion runs while the native library shuts down.
/// </remarks>
internal static class FreshContexts
{
    /// <summary>How many fresh contexts wait for the next requests.</summary>
    internal const int SparesKept = 2;

    private static readonly object Gate = new();
    private static readonly Queue<Context> Spares = new();
    private static readonly Queue<Context> Retired = new();
    private static Thread? worker;
    private static bool working;
    private static bool stopping;
    private static bool makingFailed;

    /// <summary>A context that nothing has used yet: a spare when one is ready, else made now.</summary>
    public static Context Take()
    {
        lock (Gate)
        {
            StartWorker();
            if (Spares.TryDequeue(out var spare))
            {
                Monitor.PulseAll(Gate);
                return spare;
            }

            Monitor.PulseAll(Gate);
        }

        return Make();
    }

    /// <summary>Gives a context back for deletion. Nothing may use it, or any object made in it, afterwards.</summary>
    public static void Retire(Context context)
    {
        lock (Gate)
        {
            if (worker is not null && !stopping)
            {
                Retired.Enqueue(context);
                Monitor.PulseAll(Gate);
                return;
            }
        }

        context.Dispose();
    }

    /// <summary>How many spares are ready now (for tests).</summary>
    internal static int SparesReady
    {
        get
        {
            lock (Gate)
            {
                return Spares.Count;
            }
        }
    }

    /// <summary>How many given-back contexts wait for deletion now (for tests).</summary>
    internal static int RetiredWaiting
    {
        get
        {
            lock (Gate)
            {
                return Retired.Count;
            }
        }
    }

    private static Context Make() => new(new Dictionary<string, string> { ["model"] = "true" });

    private static void StartWorker()
    {
        if (worker is not null || stopping)
        {
            return;
        }

        worker = new Thread(Work) { IsBackground = true, Name = "Terminator Z3 contexts" };
        worker.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    private static void Work()
    {
        while (true)
        {
            Context? toDelete;
            lock (Gate)
            {
                while (!stopping && Retired.Count == 0 && (makingFailed || Spares.Count >= SparesKept))
                {
                    Monitor.Wait(Gate);
                }

                if (stopping)
                {
                    return;
                }

                toDelete = Retired.TryDequeue(out var retired) ? retired : null;
                working = true;
            }

            Context? made = null;
            try
            {
                if (toDelete is not null)
                {
                    toDelete.Dispose();
                }
                else
                {
                    made = Make();
                }
            }
#pragma warning disable CA1031 // An exception here would end the process: a failed deletion leaves the context to the OS.
            catch (Exception)
#pragma warning restore CA1031
            {
                // A request that finds no spare makes its own context and meets the failure itself.
            }

            lock (Gate)
            {
                working = false;
                if (toDelete is null)
                {
                    if (made is null)
                    {
                        makingFailed = true;
                    }
                    else
                    {
                        Spares.Enqueue(made);
                    }
                }

                Monitor.PulseAll(Gate);
            }
        }
    }

    /// <summary>Stops the thread once its current deletion or creation is over; later contexts are deleted at once.</summary>
    private static void Stop()
    {
        lock (Gate)
        {
            stopping = true;
            Monitor.PulseAll(Gate);
            while (working)
            {
                Monitor.Wait(Gate);
            }
        }
    }
}
