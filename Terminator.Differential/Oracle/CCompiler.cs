using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Terminator.Differential.Oracle;

/// <summary>
/// The C compiler that builds the oracle: clang when it is installed (its front end checks every overflow before
/// folding), else gcc, each with the trapping undefined-behaviour sanitizer, so that signed overflow, division by zero
/// (and <c>INT_MIN / -1</c>) and bad shifts stop the run with SIGILL instead of printing through a runtime library.
/// </summary>
/// <param name="Executable">The compiler's path.</param>
/// <param name="IsClang">clang (true) or gcc (false): they spell the trap option and the sequencing warning differently.</param>
internal sealed partial record CCompiler(string Executable, bool IsClang)
{
    /// <summary>The optimization level: low enough to keep every checked operation, high enough to run fast.</summary>
    private const string Optimization = "-O1";

    private const string Sanitizers = "-fsanitize=signed-integer-overflow,integer-divide-by-zero,shift";

    /// <summary>The compiler found on the PATH (clang first, then gcc), or null when there is none (or on Windows, where the driver's fork is missing).</summary>
    public static CCompiler? Find() => FindAll() is [var first, ..] ? first : null;

    /// <summary>Every compiler of the two found on the PATH, clang first.</summary>
    public static IReadOnlyList<CCompiler> FindAll()
    {
        if (OperatingSystem.IsWindows())
            return [];
        var found = new List<CCompiler>();
        if (OnPath("clang") is { } clang)
            found.Add(new CCompiler(clang, true));
        if (OnPath("gcc") is { } gcc)
            found.Add(new CCompiler(gcc, false));
        return found;
    }

    /// <summary>The command-line arguments that compile <paramref name="source"/> into <paramref name="output"/>.</summary>
    public IReadOnlyList<string> Arguments(string source, string output) =>
    [
        "-std=gnu11", Optimization, Sanitizers,
        IsClang ? "-fsanitize-trap=all" : "-fsanitize-undefined-trap-on-error",
        // Unsequenced modifications are undefined behaviour that no sanitizer sees; the compiler's warning finds them.
        // Other warnings (self-comparisons, constant overflow) are expected in random programs; clang leaves them out
        // (gcc's -w would silence -Wsequence-point too, so its other warnings stay and are not read).
        .. (IsClang ? new[] { "-Wno-everything", "-Wunsequenced" } : ["-Wsequence-point"]),
        "-o", output, source,
    ];

    /// <summary>Compiles a file; the diagnostics are returned, a failure throws with them.</summary>
    /// <exception cref="InvalidOperationException">The compiler failed.</exception>
    public string Compile(string source, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in Arguments(source, output))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Executable}");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var standardOutput = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var diagnostics = errors.GetAwaiter().GetResult() + standardOutput;
        return process.ExitCode == 0
            ? diagnostics
            : throw new InvalidOperationException($"{Executable} failed on {source} (exit code {process.ExitCode}):\n{diagnostics}");
    }

    /// <summary>
    /// The lines with an unsequenced modification, per file name that <c>#line</c> gave (one per case), read from
    /// the warnings <c>file:line:col: warning: ... [-Wunsequenced]</c> (gcc: <c>[-Wsequence-point]</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<int>> UnsequencedLines(string diagnostics)
    {
        var lines = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (Match match in UnsequencedWarning().Matches(diagnostics))
        {
            var file = match.Groups["file"].Value;
            if (!lines.TryGetValue(file, out var set))
                lines[file] = set = [];
            set.Add(int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return lines.ToDictionary(p => p.Key, p => (IReadOnlySet<int>)p.Value, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^(?<file>[^:\n]+):(?<line>\d+):\d+: warning: [^\n]*\[-W(unsequenced|sequence-point)\]", RegexOptions.Multiline)]
    private static partial Regex UnsequencedWarning();

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, name))
        .FirstOrDefault(File.Exists);
}
