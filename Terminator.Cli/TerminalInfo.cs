namespace Terminator.Cli;

/// <summary>
/// What the standard streams are connected to. It decides two things only: whether the text report is coloured and
/// whether progress is shown; tests pass their own, so that captured output never holds escape sequences by chance.
/// </summary>
/// <param name="StdoutIsTerminal">Standard output is a terminal (not a file or a pipe).</param>
/// <param name="StderrIsTerminal">Standard error is a terminal.</param>
/// <param name="NoColor">The <c>NO_COLOR</c> environment variable is set to a non-empty value (see no-color.org).</param>
/// <param name="Width">The terminal's width in columns, for the progress line.</param>
public sealed record TerminalInfo(bool StdoutIsTerminal, bool StderrIsTerminal, bool NoColor, int Width = 80)
{
    /// <summary>Neither stream is a terminal: no colour, no progress line.</summary>
    public static TerminalInfo None { get; } = new(false, false, false);

    /// <summary>The console this process runs in.</summary>
    public static TerminalInfo FromConsole()
    {
        var stderrIsTerminal = !Console.IsErrorRedirected;
        var width = 80;
        if (stderrIsTerminal)
        {
            try
            {
                width = Console.WindowWidth > 0 ? Console.WindowWidth : width;
            }
            catch (IOException)
            {
                // Some terminals do not report a size; 80 columns is the classic assumption.
            }
        }

        return new TerminalInfo(
            !Console.IsOutputRedirected,
            stderrIsTerminal,
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            width);
    }

    /// <summary>
    /// Whether the text report uses ANSI colours: only on a terminal, and neither <c>NO_COLOR</c> nor
    /// <paramref name="noColorOption"/> (<c>--no-color</c>) asks for plain text.
    /// </summary>
    public bool UseColor(bool noColorOption) => StdoutIsTerminal && !NoColor && !noColorOption;
}
