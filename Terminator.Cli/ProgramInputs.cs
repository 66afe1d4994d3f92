using System.IO.Enumeration;

namespace Terminator.Cli;

/// <summary>One program to analyze, or a path on the command line that yields none.</summary>
/// <param name="Path">The file (or, with <paramref name="Error"/>, the folder), as given or as found under a given folder.</param>
/// <param name="InFolder">The path came from a folder on the command line.</param>
/// <param name="Error">Why the path yields no program; null for a program.</param>
internal sealed record ProgramInput(string Path, bool InFolder, string? Error = null);

/// <summary>Turns the paths of the command line into the programs to analyze.</summary>
internal static class ProgramInputs
{
    /// <summary>Whether <paramref name="path"/> names a program Terminator reads: a <c>.c</c>, <c>.i</c> (preprocessed C) or <c>.py</c> file.</summary>
    public static bool IsProgram(string path) =>
        path.EndsWith(".c", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".i", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is a Python program.</summary>
    public static bool IsPython(string path) => path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The programs, in command-line order: a file stays as given (whether it exists is checked when it is analyzed); a
    /// folder becomes every <c>.c</c> and <c>.py</c> file below it, sorted by path, or an error when it has none.
    /// </summary>
    public static List<ProgramInput> Expand(IEnumerable<string> paths)
    {
        var inputs = new List<ProgramInput>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                inputs.Add(new ProgramInput(path, InFolder: false));
                continue;
            }

            var programs = ProgramsBelow(path);
            if (programs.Count == 0)
                inputs.Add(new ProgramInput(path, InFolder: true, "no .c, .i or .py files in this folder"));
            inputs.AddRange(programs.Select(p => new ProgramInput(p, InFolder: true)));
        }

        return inputs;
    }

    private static List<string> ProgramsBelow(string folder)
    {
        // Hidden entries (such as .git) are skipped, and linked folders are not entered, so a link cycle cannot loop.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && IsProgram(entry.FileName.ToString()),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return [.. files.Order(StringComparer.Ordinal)];
    }
}
