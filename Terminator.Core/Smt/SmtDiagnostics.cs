namespace Terminator.Core.Smt;

/// <summary>Diagnostics about the native SMT solver, e.g. for <c>--version</c> output and bug reports.</summary>
public static class SmtDiagnostics
{
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
            catch (DllNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Where the native library came from (a file path or library name, with "via shim" when the compatibility shim
    /// is used), or null before loading or when the platform's default resolution is in effect.
    /// </summary>
    public static string? NativeLibrarySource => Z3Loader.Source;

    /// <summary>Throws <see cref="SolverUnavailableException"/> with install instructions when Z3 cannot be loaded.</summary>
    public static void EnsureAvailable() => Z3Loader.EnsureRegistered();
}
