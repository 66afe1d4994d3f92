namespace Terminator.Core.Smt;

/// <summary>The native SMT solver: which library to load, and what was loaded (for <c>--version</c> and bug reports).</summary>
public static class SmtDiagnostics
{
    /// <summary>
    /// The environment variable that names the libz3 to load (a file path), instead of the search described in
    /// <see cref="UseZ3Library"/>.
    /// </summary>
    public const string Z3LibraryVariable = Z3Loader.OverrideVariable;

    /// <summary>The oldest Z3 release accepted; an older library is refused with <see cref="SolverUnavailableException"/>.</summary>
    public static Version MinimumZ3Version => Z3Loader.MinimumVersion;

    /// <summary>
    /// The full version of the loaded Z3 library (e.g. "4.8.12.0"), or null when Z3 cannot be loaded. Loads the
    /// library on first use.
    /// </summary>
    public static string? Z3Version
    {
        get
        {
            try
            {
                Z3Loader.EnsureRegistered();
                return Microsoft.Z3.Version.FullVersion;
            }
            catch (SolverUnavailableException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Where the native library came from (a file path or library name; the shim's path followed by ", the compatibility shim over libz3.so.4" when the shim
    /// is used), or null before loading.
    /// </summary>
    public static string? NativeLibrarySource => Z3Loader.Source;

    /// <summary>
    /// Names the libz3 to load (a file path), overriding <see cref="Z3LibraryVariable"/> and the search: on Linux a
    /// libz3 of version 4.12 or later next to the application or on the search path, else the system's
    /// <c>libz3.so.4</c> through the compatibility shim; on macOS and Windows the library of the Microsoft.Z3 package,
    /// else the one on the search path. A named library must be 4.12 or later. Call it before the first analysis:
    /// a process loads one library.
    /// </summary>
    /// <param name="path">The library file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">Another library has been loaded already.</exception>
    public static void UseZ3Library(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Z3Loader.UseLibrary(path);
    }

    /// <summary>Throws <see cref="SolverUnavailableException"/> with install instructions when Z3 cannot be loaded.</summary>
    public static void EnsureAvailable() => Z3Loader.EnsureRegistered();
}
