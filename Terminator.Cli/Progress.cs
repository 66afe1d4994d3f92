namespace Terminator.Cli;

/// <summary>How progress over many files is shown on standard error.</summary>
internal enum ProgressStyle
{
    /// <summary>Not at all.</summary>
    Off,

    /// <summary>One line per step, for logs.</summary>
    Lines,

    /// <summary>One status line, redrawn in place and erased at the end; only for a terminal.</summary>
    Live,
}

/// <summary>
/// Progress of a run over <c>total</c> steps, <c>[3/17] label</c>, on standard error. Safe to call from parallel
/// workers. In <see cref="ProgressStyle.Live"/> style, call <see cref="Clear"/> before anything else is written to the
/// same terminal, so that no output lands on the status line.
/// </summary>
internal sealed class Progress(TextWriter output, ProgressStyle style, int total, int width = 80)
{
    // Carriage return, then ANSI "erase to the end of the line".
    private const string EraseLine = "\r\u001b[K";
    private readonly Lock _gate = new();
    private int _done;
    private bool _showing;

    /// <summary>Live when standard error is a terminal, else <paramref name="otherwise"/>.</summary>
    public static ProgressStyle StyleFor(TerminalInfo terminal, ProgressStyle otherwise) =>
        terminal.StderrIsTerminal ? ProgressStyle.Live : otherwise;

    /// <summary>Counts one more step and shows it as <paramref name="label"/>.</summary>
    public void Advance(string label)
    {
        lock (_gate)
        {
            // Counted under the lock, so that parallel workers never show the steps out of order.
            var text = $"[{++_done}/{total}] {label}";
            switch (style)
            {
                case ProgressStyle.Lines:
                    output.WriteLine(text);
                    break;
                case ProgressStyle.Live:
                    output.Write(EraseLine + Fit(text));
                    output.Flush();
                    _showing = true;
                    break;
            }
        }
    }

    /// <summary>Erases the status line, if one is shown.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (!_showing)
                return;
            output.Write(EraseLine);
            output.Flush();
            _showing = false;
        }
    }

    // A line longer than the terminal would wrap, and the carriage return would then erase only its last row. The end
    // of a path (the file name) says more than its start, so the start is cut.
    private string Fit(string text)
    {
        var room = Math.Max(10, width - 1);
        return text.Length <= room ? text : "…" + text[^(room - 1)..];
    }
}
