using System.Reflection;
using System.Runtime.InteropServices;

namespace Terminator.Core.Smt;

/// <summary>
/// Finds the native Z3 library for the Microsoft.Z3 bindings, once per process, and refuses one it cannot use.
/// <list type="bullet">
/// <item>A library named by <see cref="UseLibrary"/> or the environment variable <see cref="OverrideVariable"/> is
/// the only one tried.</item>
/// <item>Otherwise, on Linux (x64 or arm64), where the Microsoft.Z3 package ships no library: a libz3 that exports
/// <c>Z3_enable_concurrent_dec_ref</c> (4.12 or later; bundled next to the application first, then the system's), else
/// <c>libz3shim.so</c> over the system's older <c>libz3.so.4</c> (native/z3shim.c says why the shim exists).</item>
/// <item>On macOS and Windows: the library the Microsoft.Z3 package places in <c>runtimes/&lt;rid&gt;/native</c>, then
/// Homebrew's folders (macOS) and the platform's search path (see <see cref="BundledCandidates"/>).</item>
/// </list>
/// Every library is loaded before the first Z3 call, so a missing or unusable one surfaces as a
/// <see cref="SolverUnavailableException"/> that says what to install, never as a failure inside an analysis.
/// </summary>
internal static class Z3Loader
{
    /// <summary>The environment variable that names the libz3 to load (a path), overriding the search.</summary>
    public const string OverrideVariable = "TERMINATOR_Z3_LIBRARY";

    /// <summary>
    /// The oldest libz3 accepted: Debian 12's 4.8.12, the oldest release the project is tested with. The bindings of
    /// Microsoft.Z3 4.12 call functions that older releases may lack or implement differently.
    /// </summary>
    public static readonly Version MinimumVersion = new(4, 8, 12);

    private const string ConcurrentDecRef = "Z3_enable_concurrent_dec_ref";
    private const string ShimName = "libz3shim.so";

    private static readonly Lock Gate = new();
    private static bool registered;
    private static string? requested;
    private static IntPtr handle;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void GetVersion(out uint major, out uint minor, out uint build, out uint revision);

    /// <summary>Where the library was loaded from; null before loading.</summary>
    internal static string? Source { get; private set; }

    /// <summary>The version of the loaded library; null before loading.</summary>
    internal static Version? LoadedVersion { get; private set; }

    /// <summary>
    /// Names the libz3 to load instead of searching for one. Must come before the first analysis: the library is
    /// loaded once per process.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another library is loaded already.</exception>
    internal static void UseLibrary(string path)
    {
        lock (Gate)
        {
            if (registered && requested != path)
            {
                throw new InvalidOperationException(
                    $"Z3 is loaded from {Source} already; name the library before the first analysis of the process.");
            }

            requested = path;
        }
    }

    /// <summary>
    /// Loads the native library and installs the import resolver for the Microsoft.Z3 assembly, once. Throws
    /// <see cref="SolverUnavailableException"/> when no usable library exists; a later call retries.
    /// </summary>
    internal static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            var chosen = requested ?? (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
            var (loaded, source) = chosen is not null ? LoadRequested(chosen)
                : OperatingSystem.IsLinux() ? LoadLinux()
                : LoadBundled();
            var version = VersionOf(loaded);
            if (version is null || version < MinimumVersion)
            {
                NativeLibrary.Free(loaded);
                throw new SolverUnavailableException(TooOldMessage(source, version));
            }

            (handle, Source, LoadedVersion) = (loaded, source, version);
            NativeLibrary.SetDllImportResolver(typeof(Microsoft.Z3.Context).Assembly, Resolve);
            registered = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.StartsWith("libz3", StringComparison.Ordinal) || libraryName.StartsWith("z3", StringComparison.Ordinal)
            ? handle
            : IntPtr.Zero;

    private static Version? VersionOf(IntPtr library)
    {
        if (!NativeLibrary.TryGetExport(library, "Z3_get_version", out var export))
        {
            return null;
        }

        Marshal.GetDelegateForFunctionPointer<GetVersion>(export)(out var major, out var minor, out var build, out var revision);
        return new Version((int)major, (int)minor, (int)build, (int)revision);
    }

    private static (IntPtr Handle, string Source) LoadRequested(string path)
    {
        if (!NativeLibrary.TryLoad(path, out var h))
        {
            throw new SolverUnavailableException(
                $"The Z3 SMT solver could not be loaded from {path}, the library named by {OverrideVariable} or --z3-library: "
                + "the file is missing or is not a native library for this platform.");
        }

        if (!NativeLibrary.TryGetExport(h, ConcurrentDecRef, out _))
        {
            NativeLibrary.Free(h);
            throw new SolverUnavailableException(
                $"The Z3 library {path} is older than 4.12 ({ConcurrentDecRef} is missing), which the Microsoft.Z3 bindings need "
                + "when a library is named; name a libz3 of version 4.12 or later, or name none to use the system's libz3.so.4 "
                + "through Terminator's compatibility shim (Linux).");
        }

        return (h, path);
    }

    private static List<string> ApplicationFolders()
    {
        var dirs = new List<string> { AppContext.BaseDirectory };
        var assemblyDir = Path.GetDirectoryName(typeof(Z3Loader).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir) && !dirs.Contains(assemblyDir))
        {
            dirs.Add(assemblyDir);
        }

        return dirs;
    }

    private static string RuntimeIdentifier(string os, Architecture architecture) =>
        $"{os}-{(architecture == Architecture.Arm64 ? "arm64" : "x64")}";

    private static (IntPtr Handle, string Source) LoadLinux()
    {
        var rid = RuntimeIdentifier("linux", RuntimeInformation.ProcessArchitecture);
        var dirs = ApplicationFolders();
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
                        return (h, shim + ", the compatibility shim over libz3.so.4");
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

    /// <summary>macOS and Windows: the library of the Microsoft.Z3 package, then the platform's usual places.</summary>
    private static (IntPtr Handle, string Source) LoadBundled()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "";
        var candidates = BundledCandidates(os, RuntimeInformation.ProcessArchitecture, ApplicationFolders());
        foreach (var candidate in candidates.Where(c => !Path.IsPathRooted(c) || File.Exists(c)))
        {
            if (NativeLibrary.TryLoad(candidate, out var h))
            {
                if (NativeLibrary.TryGetExport(h, ConcurrentDecRef, out _))
                {
                    return (h, candidate);
                }

                NativeLibrary.Free(h);
            }
        }

        var file = LibraryFile(os);
        throw new SolverUnavailableException(
            $"The Z3 SMT solver could not be loaded. {InstallHint()} No {file} of version 4.12 or later was found next to the "
            + $"application, in runtimes/{RuntimeIdentifier(os, RuntimeInformation.ProcessArchitecture)}/native, where the platform's "
            + $"package manager installs it, or on the library search path; {OverrideVariable} names one explicitly.");
    }

    /// <summary>
    /// Where to look for libz3 on macOS (<paramref name="os"/> <c>osx</c>) and Windows (<c>win</c>), in order: the
    /// Microsoft.Z3 package's library for the process's runtime identifier (the package carries <c>osx-x64</c> and
    /// <c>win-x64</c> only), a copy next to the application, the folders of Homebrew on macOS (<c>/opt/homebrew/lib</c>
    /// on Apple silicon, <c>/usr/local/lib</c> on Intel; neither is on the loader's default path of an Apple silicon
    /// process), and last the bare name, which the platform's own search resolves (on Windows the application folder,
    /// the system folders and <c>PATH</c>).
    /// </summary>
    internal static IReadOnlyList<string> BundledCandidates(string os, Architecture architecture, IEnumerable<string> applicationFolders)
    {
        var file = LibraryFile(os);
        var rid = RuntimeIdentifier(os, architecture);
        var candidates = applicationFolders
            .SelectMany(d => new[] { Path.Combine(d, "runtimes", rid, "native", file), Path.Combine(d, file) })
            .ToList();
        if (os == "osx")
        {
            candidates.AddRange(architecture == Architecture.Arm64
                ? ["/opt/homebrew/lib/libz3.dylib", "/usr/local/lib/libz3.dylib"]
                : ["/usr/local/lib/libz3.dylib", "/opt/homebrew/lib/libz3.dylib"]);
        }

        candidates.Add(file);
        return candidates;
    }

    private static string LibraryFile(string os) => os switch
    {
        "win" => "libz3.dll",
        "osx" => "libz3.dylib",
        _ => "libz3",
    };

    /// <summary>What to install on this platform, as the first sentence of a message.</summary>
    private static string InstallHint() =>
        OperatingSystem.IsLinux() ? "Install it with: apt-get install libz3-4 (Debian/Ubuntu)."
        : OperatingSystem.IsMacOS() ? "Install it with: brew install z3."
        : OperatingSystem.IsWindows() ? "Restore the Microsoft.Z3 package, which carries libz3.dll for x64, or install Z3 4.12 or later with its libz3.dll on PATH."
        : "Install Z3 4.12 or later.";

    /// <summary>
    /// The message when no usable libz3 loads on Linux: the command that fixes it comes first, so that a consumer of
    /// the library can act on the first sentence; what was found follows for bug reports.
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
            + $"or provide a libz3.so of version 4.12 or later (named by {OverrideVariable} if it is not on the search path). " + detail;
    }

    /// <summary>The message for a library older than <see cref="MinimumVersion"/>, or one that does not say its version.</summary>
    internal static string TooOldMessage(string source, Version? version) =>
        $"The Z3 library {source} is "
        + (version is null ? "not a Z3 library (it has no Z3_get_version)" : $"version {version.ToString(3)}, older than {MinimumVersion.ToString(3)}")
        + $", the oldest Terminator works with. {InstallHint()} Or name a newer libz3 with {OverrideVariable}.";
}
