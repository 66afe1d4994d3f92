using Terminator.Core.Ir;

namespace Terminator.Frontend;

/// <summary>
/// PLACEHOLDER, to be replaced by the real frontend's file of the same name at merge time.
/// It exists only so that the CLI, tests and benchmarks compile against the agreed signature before the parser lands.
/// </summary>
public static class SourceLoader
{
    /// <summary>Loads and parses the program at <paramref name="path"/>, choosing the language by its extension.</summary>
    /// <exception cref="SourceException">Always, in this placeholder.</exception>
    public static ProgramIr Load(string path) => throw new SourceException(new SourceSpan(path, 1, 1), "frontend not available");

    /// <summary>Parses <paramref name="text"/> as the program file <paramref name="fileName"/>.</summary>
    /// <exception cref="SourceException">Always, in this placeholder.</exception>
    public static ProgramIr Parse(string text, string fileName) => throw new SourceException(new SourceSpan(fileName, 1, 1), "frontend not available");
}
