using System.Globalization;
using System.Text.RegularExpressions;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// The line markers of preprocessed C (<c># 12 "file.c" 1 3</c>, or <c>#line 12 "file.c"</c>): they map a line of the
/// text the parser reads to the line of the file it came from, so positions point into the user's file. Without
/// markers every line is itself.
/// </summary>
internal sealed partial class LineMap
{
    private readonly string _fileName;
    private readonly List<Mark> _marks;

    /// <summary>From physical line <paramref name="Physical"/> on, lines are <paramref name="Logical"/>, ... of <paramref name="File"/>.</summary>
    private sealed record Mark(int Physical, int Logical, string File, bool SystemHeader);

    private LineMap(string fileName, List<Mark> marks)
    {
        _fileName = fileName;
        _marks = marks;
    }

    [GeneratedRegex("""^[ \t]*#[ \t]*(?:line[ \t]+)?(?<line>[0-9]+)(?:[ \t]+"(?<file>(?:[^"\\]|\\.)*)")?(?<flags>[ 0-9\t]*)\r?$""", RegexOptions.Multiline)]
    private static partial Regex Marker();

    /// <summary>
    /// Reads the markers of <paramref name="text"/>. A marker naming <paramref name="primaryName"/> (the name the
    /// preprocessor gave the user's text, such as <c>&lt;stdin&gt;</c>) stands for <paramref name="fileName"/>.
    /// </summary>
    public static LineMap Read(string text, string fileName, string? primaryName = null)
    {
        var marks = new List<Mark>();
        var currentFile = fileName;
        foreach (Match match in Marker().Matches(text))
        {
            var physical = 1 + text.AsSpan(0, match.Index).Count('\n');
            if (match.Groups["file"].Success)
            {
                var named = Regex.Unescape(match.Groups["file"].Value);
                currentFile = named == primaryName ? fileName : named;
            }

            var flags = match.Groups["flags"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var logical = int.Parse(match.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            marks.Add(new Mark(physical + 1, logical, currentFile, flags.Contains("3")));
        }

        return new LineMap(fileName, marks);
    }

    /// <summary>The position in its own file of 1-based <paramref name="line"/> and <paramref name="column"/> of the text.</summary>
    public SourceSpan Map(int line, int column) =>
        MarkOf(line) is { } mark ? new SourceSpan(mark.File, mark.Logical + (line - mark.Physical), column) : new SourceSpan(_fileName, line, column);

    /// <summary>True when <paramref name="line"/> of the text comes from a system header (marker flag 3).</summary>
    public bool IsSystemHeader(int line) => MarkOf(line)?.SystemHeader ?? false;

    private Mark? MarkOf(int line)
    {
        Mark? found = null;
        foreach (var mark in _marks)
        {
            if (mark.Physical > line)
            {
                break;
            }

            found = mark;
        }

        return found;
    }
}
