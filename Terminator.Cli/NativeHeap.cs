using System.Runtime.InteropServices;

namespace Terminator.Cli;

/// <summary>Settings of the C heap that this process owns, chosen for the solver's allocation pattern.</summary>
internal static class NativeHeap
{
    // mallopt parameters (glibc's malloc.h).
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>
    /// Keeps large blocks in glibc's heap. Every analysis creates and deletes Z3 contexts, whose tables are large
    /// blocks: by default glibc maps each one afresh and returns it on free, so every new context pays page faults for
    /// memory the previous one just released (a few milliseconds per context, on analyses that take tens). This is
    /// process-wide, so the command line sets it for its own process; the library leaves its host's heap alone.
    /// </summary>
    public static void KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Not glibc (musl has no such tuning): the defaults only cost time.
        if (!NativeLibrary.TryLoad("libc.so.6", out var libc) || !NativeLibrary.TryGetExport(libc, "mallopt", out var address))
        {
            return;
        }

        // 32 MiB is the largest mmap threshold glibc accepts; the trim threshold keeps twice that free at the top.
        var mallopt = Marshal.GetDelegateForFunctionPointer<MalloptFunction>(address);
        _ = mallopt(MmapThreshold, 32 << 20);
        _ = mallopt(TrimThreshold, 64 << 20);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MalloptFunction(int parameter, int value);
}
