using System.Reflection;
using Terminator.Core.Smt;

namespace Terminator.Cli;

/// <summary>The version of <c>terminator</c>, as <c>--version</c> and the SARIF log state it.</summary>
public static class ToolVersion
{
    /// <summary>
    /// The informational version of this build (for example <c>0.1.0+e75c0cd</c>: the version and the source revision
    /// it was built from).
    /// </summary>
    public static string Informational { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>What <c>terminator --version</c> prints: this build, then the Z3 library it uses.</summary>
    internal static void Write(TextWriter output, Func<string?> z3Version)
    {
        output.WriteLine($"terminator {Informational}");
        output.WriteLine(z3Version() is { } z3
            ? SmtDiagnostics.NativeLibrarySource is { } source ? $"Z3 {z3} ({source})" : $"Z3 {z3}"
            : $"Z3 not found (install libz3-4 to analyze programs, or name a libz3 with {SmtDiagnostics.Z3LibraryVariable})");
    }

    /// <summary>The Z3 version of the loaded library, or null when it cannot be loaded.</summary>
    internal static string? LoadedZ3Version() => SmtDiagnostics.Z3Version;
}
