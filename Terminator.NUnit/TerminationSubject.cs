using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.NUnit;

/// <summary>
/// A program not analyzed yet, as the actual value of an assertion: the constraint runs the analysis itself, with
/// <see cref="Options"/> plus what its question needs (the value of <c>Proved.CannotReturn</c>). Made by
/// <see cref="Source"/>; narrow it to one function with <see cref="Function"/>.
/// </summary>
public sealed record TerminationSubject
{
    internal TerminationSubject(string? text, string fileName, AnalysisOptions options)
    {
        Text = text;
        FileName = fileName;
        Options = options;
    }

    /// <summary>The program text, or null when it is read from <see cref="FileName"/>.</summary>
    public string? Text { get; }

    /// <summary>The file name: its extension selects the language, and witnesses and certificates cite it.</summary>
    public string FileName { get; }

    /// <summary>The options of the analysis; <see cref="AnalysisOptions.Function"/> selects the functions asserted on.</summary>
    public AnalysisOptions Options { get; init; }

    /// <summary>The same program with only <paramref name="name"/> analyzed and asserted on.</summary>
    public TerminationSubject Function(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return this with { Options = Options with { Function = name } };
    }

    /// <summary>The same program analyzed with <paramref name="options"/>.</summary>
    public TerminationSubject WithOptions(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return this with { Options = options };
    }

    /// <summary>Parses the program and analyzes it with <see cref="Options"/>.</summary>
    /// <exception cref="SourceException">The program is rejected by the frontend, or names an unknown function.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ProgramResult Analyze(CancellationToken cancellationToken = default) => Analyze(Options, cancellationToken);

    /// <summary>Analyzes the program, also asking whether each function can return <paramref name="canReturn"/>.</summary>
    internal ProgramResult AnalyzeCanReturn(string canReturn) => Analyze(Options with { CanReturn = canReturn }, default);

    private ProgramResult Analyze(AnalysisOptions options, CancellationToken cancellationToken)
    {
        var program = Text is null ? SourceLoader.Load(FileName) : SourceLoader.Parse(Text, FileName);
        return TerminationAnalyzer.Analyze(program, options, cancellationToken);
    }

    /// <summary>The file name and the function, as assertion messages name the subject.</summary>
    public override string ToString() => Options.Function is { } f ? $"{f} in {FileName}" : FileName;
}

/// <summary>Makes <see cref="TerminationSubject"/>s: <c>Assert.That(Source.C(code).Function("g"), Proved.Terminates)</c>.</summary>
public static class Source
{
    /// <summary>A mini-C program.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The name witnesses and certificates cite; it must end in <c>.c</c>.</param>
    /// <param name="options">The options of the analysis; null means the defaults.</param>
    public static TerminationSubject C(string text, string fileName = "source.c", AnalysisOptions? options = null) =>
        Text(text, fileName, ".c", options);

    /// <summary>A mini-Python program.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The name witnesses and certificates cite; it must end in <c>.py</c>.</param>
    /// <param name="options">The options of the analysis; null means the defaults.</param>
    public static TerminationSubject Python(string text, string fileName = "source.py", AnalysisOptions? options = null) =>
        Text(text, fileName, ".py", options);

    /// <summary>A program read from <paramref name="path"/> when it is analyzed; its extension selects the language.</summary>
    /// <param name="path">The file; <c>.c</c> is C, <c>.py</c> Python.</param>
    /// <param name="options">The options of the analysis; null means the defaults.</param>
    public static TerminationSubject File(string path, AnalysisOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new TerminationSubject(null, path, options ?? new AnalysisOptions());
    }

    private static TerminationSubject Text(string text, string fileName, string extension, AnalysisOptions? options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"the file name must end in {extension}, not '{fileName}'", nameof(fileName));
        return new TerminationSubject(text, fileName, options ?? new AnalysisOptions());
    }
}
