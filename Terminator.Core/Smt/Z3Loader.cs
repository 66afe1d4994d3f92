using System.Reflection;
using System.Runtime.InteropServices;

namespace Terminator.Core.Smt;

/// <summary>
/// Finds the native Z3 library for the Microsoft.Z3 wrapper. The NuGet package ships no Linux binary and its 4.12
/// wrapper needs <c>Z3_enable_concurrent_dec_ref</c>, which distribution builds before 4.12 lack; on Linux we
/// therefore prefer a libz3 that exports it and otherwise load <c>libz3shim.so</c> (built from native/z3shim.c),
/// which supplies the function and forwards the rest to the system <c>libz3.so.4</c>. Other platforms keep the
/// default resolution (the package ships Windows and macOS binaries).
/// </summary>
internal static class Z3Loader
{
    private const string ConcurrentDecRef = "Z3_enable_concurrent_dec_ref";
    private const string ShimName = "libz3shim.so";

    private static readonly Lock Gate = new();
    private static bool registered;
    private static IntPtr handle;

    /// <summary>Where the library was loaded from; null before loading or off Linux.</summary>
    internal static string? Source { get; private set; }

    /// <summary>
    /// Loads the native library (Linux) and installs the import resolver for the Microsoft.Z3 assembly, once.
    /// Throws <see cref="SolverUnavailableException"/> when no usable library exists; a later call retries.
    /// </summary>
    internal static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            if (OperatingSystem.IsLinux())
            {
                // Resolve eagerly so a missing library surfaces here with instructions, not as a DllNotFoundException
                // from the middle of some Z3 call.
                (handle, Source) = LoadLinux();
                NativeLibrary.SetDllImportResolver(typeof(Microsoft.Z3.Context).Assembly, Resolve);
            }

            registered = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.StartsWith("libz3", StringComparison.Ordinal) || libraryName.StartsWith("z3", StringComparison.Ordinal)
            ? handle
            : IntPtr.Zero;

    private static (IntPtr Handle, string Source) LoadLinux()
    {
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var dirs = new List<string> { AppContext.BaseDirectory };
        var assemblyDir = Path.GetDirectoryName(typeof(Z3Loader).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir) && !dirs.Contains(assemblyDir))
        {
            dirs.Add(assemblyDir);
        }

        var problems = new List<string>();
        var oldLibz3 = false;

        // (a) A libz3 that is new enough to be used directly: bundled next to the app first, then the system's.
        var direct = dirs.SelectMany(d => new[] { Path.Combine(d, "runtimes", rid, "native", "libz3.so"), Path.Combine(d, "libz3.so") })
            .Where(File.Exists)
            .Concat(["libz3.so", "libz3.so.4"]);
        foreach (var candidate in direct)
        {
            if (!NativeLibrary.TryLoad(candidate, out var h))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(h, ConcurrentDecRef, out _))
            {
                return (h, candidate);
            }

            oldLibz3 = true;
            NativeLibrary.Free(h);
        }

        // (b) The shim, which links libz3.so.4; dlsym on its handle also finds libz3's own symbols.
        foreach (var dir in dirs)
        {
            foreach (var shim in new[] { Path.Combine(dir, "runtimes", rid, "native", ShimName), Path.Combine(dir, ShimName) })
            {
                if (!File.Exists(shim))
                {
                    continue;
                }

                try
                {
                    var h = NativeLibrary.Load(shim);
                    if (NativeLibrary.TryGetExport(h, "Z3_get_full_version", out _))
                    {
                        return (h, shim + " (via shim)");
                    }

                    problems.Add($"{shim} does not expose libz3");
                    NativeLibrary.Free(h);
                }
                catch (DllNotFoundException e)
                {
                    // Typically "libz3.so.4: cannot open shared object file" when the system library was removed.
                    problems.Add(e.Message);
                }
                catch (BadImageFormatException e)
                {
                    problems.Add(e.Message);
                }
            }
        }

        throw new SolverUnavailableException(UnavailableMessage(oldLibz3, problems));
    }

    /// <summary>
    /// The message when no usable libz3 loads: the command that fixes it comes first, so that a consumer of the library
    /// can act on the first sentence; what was found follows for bug reports.
    /// </summary>
    internal static string UnavailableMessage(bool oldLibz3, IReadOnlyList<string> problems)
    {
        var detail = oldLibz3
            ? "A libz3 older than 4.12 is installed, but the compatibility shim libz3shim.so was not found next to the application or in its runtimes/<rid>/native/ folder (a build from source makes it when gcc is present: apt-get install gcc, then rebuild)."
            : "No libz3 was found.";
        if (problems.Count > 0)
        {
            detail += " " + string.Join(" ", problems);
        }

        return "The Z3 SMT solver could not be loaded. Install it with: apt-get install libz3-4 (Debian/Ubuntu), "
            + "or provide a libz3.so of version 4.12 or later. " + detail;
    }
}
