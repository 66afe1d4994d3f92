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
    /// folder becomes every <c>.c</c>, <c>.i</c> and <c>.py</c> file below it, sorted by path, or an error when it has
    /// none. A folder below it that cannot be read is an error of its own, so that no program is left out silently.
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

            var (programs, unreadable) = ProgramsBelow(path);
            inputs.AddRange(unreadable.Select(u => new ProgramInput(u.Folder, InFolder: true, u.Why)));
            if (programs.Count == 0 && unreadable.Count == 0)
                inputs.Add(new ProgramInput(path, InFolder: true, "no .c, .i or .py files in this folder"));
            inputs.AddRange(programs.Select(p => new ProgramInput(p, InFolder: true)));
        }

        return inputs;
    }

    private static (List<string> Programs, List<(string Folder, string Why)> Unreadable) ProgramsBelow(string folder)
    {
        // Hidden entries (such as .git) are skipped, and linked folders are not entered, so a link cycle cannot loop.
        var options = new EnumerationOptions { IgnoreInaccessible = false };
        var programs = new List<string>();
        var unreadable = new List<(string, string)>();
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                // The folder is opened as the enumeration is made, so that is where a permission error shows.
                var entries = new FileSystemEnumerable<(string Path, bool IsFolder)>(
                    current,
                    (ref FileSystemEntry entry) => (entry.ToSpecifiedFullPath(), entry.IsDirectory),
                    options)
                {
                    ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory
                        ? (entry.Attributes & FileAttributes.ReparsePoint) == 0
                        : IsProgram(entry.FileName.ToString()),
                };
                foreach (var (path, isFolder) in entries.ToList())
                {
                    if (isFolder)
                        pending.Push(path);
                    else
                        programs.Add(path);
                }
            }
            catch (UnauthorizedAccessException)
            {
                unreadable.Add((current, "permission denied: this folder cannot be read"));
            }
            catch (IOException e)
            {
                unreadable.Add((current, $"cannot read this folder: {e.Message}"));
            }
        }

        programs.Sort(StringComparer.Ordinal);
        unreadable.Sort((a, b) => StringComparer.Ordinal.Compare(a.Item1, b.Item1));
        return (programs, unreadable);
    }
}
