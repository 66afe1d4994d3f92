using System.Diagnostics;

namespace Terminator.Core.Smt;

/// <summary>
/// Adds up the wall time spent inside Z3's check calls (solver and optimizer) of the contexts that share it. One
/// belongs to one analysis run, so that the time of the prover's context and of every checker context it opens
/// lands in the same sum.
/// </summary>
internal sealed class SolverClock
{
    private long ticks;

    /// <summary>The time measured so far.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));

    /// <summary>Adds the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value) to now.</summary>
    public void AddSince(long startTimestamp) =>
        // Interlocked because a clock may be read from another thread (a report) while the analysis adds to it.
        Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - startTimestamp);
}
