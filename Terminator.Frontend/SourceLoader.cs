using Terminator.Core.Ir;

namespace Terminator.Frontend;

/// <summary>Reads a source file with the frontend its extension calls for.</summary>
public static class SourceLoader
{
    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file; positions and the resulting program carry it as given.</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">
    /// The file is missing or unreadable (reported at <c>path:1:1</c>), has an unsupported extension, or its
    /// contents are rejected by the frontend.
    /// </exception>
    public static ProgramIr Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var start = new SourceSpan(path, 1, 1);
        if (!File.Exists(path))
        {
            throw new SourceException(start, "file not found");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceException(start, $"cannot read file: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses <paramref name="text"/> as the language that <paramref name="fileName"/>'s extension names.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The file name: <c>.c</c> selects C, <c>.py</c> Python.</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">The extension is not supported, or the frontend rejects the text.</exception>
    public static ProgramIr Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        var start = new SourceSpan(fileName, 1, 1);
        return extension.ToUpperInvariant() switch
        {
            ".C" => CFrontend.Parse(text, fileName),
            ".PY" => PythonFrontend.Parse(text, fileName),
            _ => throw new SourceException(start, $"unsupported file type '{extension}' (expected .c or .py)"),
        };
    }
}
