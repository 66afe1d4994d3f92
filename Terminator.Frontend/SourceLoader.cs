using Terminator.Core.Ir;

namespace Terminator.Frontend;

/// <summary>Reads a source file with the frontend its extension calls for.</summary>
public static class SourceLoader
{
    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file; positions and the resulting program carry it as given.</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">
    /// The file is missing, unreadable or not a regular file (reported at <c>path:1:1</c>), has an unsupported
    /// extension, or its contents are rejected by the frontend.
    /// </exception>
    public static ProgramIr Load(string path) => Load(path, DataModel.Ilp32);

    /// <summary>Reads and parses the file at <paramref name="path"/>, a C file under <paramref name="dataModel"/>.</summary>
    /// <param name="path">The file; positions and the resulting program carry it as given.</param>
    /// <param name="dataModel">The data model of a C file (a Python file has none).</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">
    /// The file is missing or unreadable (reported at <c>path:1:1</c>), has an unsupported extension, or its
    /// contents are rejected by the frontend.
    /// </exception>
    public static ProgramIr Load(string path, DataModel dataModel)
    {
        // File.ReadAllText finishes before the task is returned, so this never blocks on pending I/O.
        var text = Read(path, p => Task.FromResult(File.ReadAllText(p))).GetAwaiter().GetResult();
        return Parse(text, path, dataModel);
    }

    /// <summary>Reads the file at <paramref name="path"/> asynchronously and parses it on the thread pool.</summary>
    /// <param name="path">The file; positions and the resulting program carry it as given.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">
    /// The file is missing, unreadable or not a regular file (reported at <c>path:1:1</c>), has an unsupported
    /// extension, or its contents are rejected by the frontend.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<ProgramIr> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await Read(path, p => File.ReadAllTextAsync(p, cancellationToken)).ConfigureAwait(false);
        return await Task.Run(() => Parse(text, path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the file with <paramref name="read"/>, turning a missing or unreadable file into a SourceException at its start.</summary>
    private static async Task<string> Read(string path, Func<string, Task<string>> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        var start = new SourceSpan(path, 1, 1);
        if (!File.Exists(path))
        {
            throw new SourceException(start, "file not found");
        }

        try
        {
            // A FIFO would block the read until some other process writes to it; a device or socket is no program.
            if (!RegularFile.IsRegular(path))
            {
                throw new SourceException(start, "not a regular file (a FIFO, socket or device cannot be analyzed)");
            }

            return await read(path).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException)
        {
            throw new SourceException(start, "permission denied: the file cannot be read");
        }
        catch (IOException e)
        {
            throw new SourceException(start, $"cannot read file: {e.Message}");
        }
    }

    /// <summary>Parses <paramref name="text"/> as the language that <paramref name="fileName"/>'s extension names.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The file name: <c>.c</c> selects C, <c>.i</c> preprocessed C, <c>.py</c> Python.</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">The extension is not supported, or the frontend rejects the text.</exception>
    public static ProgramIr Parse(string text, string fileName) => Parse(text, fileName, DataModel.Ilp32);

    /// <summary>Parses <paramref name="text"/> as the language that <paramref name="fileName"/>'s extension names, C under <paramref name="dataModel"/>.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The file name: <c>.c</c> selects C, <c>.i</c> preprocessed C, <c>.py</c> Python.</param>
    /// <param name="dataModel">The data model of a C program (a Python program has none).</param>
    /// <returns>The program in the core IR.</returns>
    /// <exception cref="SourceException">The extension is not supported, or the frontend rejects the text.</exception>
    public static ProgramIr Parse(string text, string fileName, DataModel dataModel)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        var start = new SourceSpan(fileName, 1, 1);
        return extension.ToUpperInvariant() switch
        {
            ".C" or ".I" => CFrontend.Parse(text, fileName, dataModel),
            ".PY" => PythonFrontend.Parse(text, fileName),
            _ => throw new SourceException(start, $"unsupported file type '{extension}' (expected .c, .i or .py)"),
        };
    }
}
