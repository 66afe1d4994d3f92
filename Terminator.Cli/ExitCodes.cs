namespace Terminator.Cli;

/// <summary>
/// The exit codes of <c>terminator</c>, in one place so that the README, the CLI and the tests agree.
/// </summary>
public static class ExitCodes
{
    /// <summary>Every function was proved to terminate (with <c>--can-return</c>: every can-return question was answered).</summary>
    public const int AllYes = 0;

    /// <summary>Some function was proved not to terminate (or to reach undefined behaviour). Not used with <c>--can-return</c>.</summary>
    public const int SomeNo = 1;

    /// <summary>Some answer is DontKnow and none is No.</summary>
    public const int SomeDontKnow = 2;

    /// <summary>Bad input: a syntax error, an unsupported construct, an unknown function, a missing file. Printed as <c>file:line:col: message</c>.</summary>
    public const int BadInput = 3;

    /// <summary>Bad usage: an unknown option, a missing argument, a bad option value.</summary>
    public const int BadUsage = 4;

    /// <summary>The Z3 library could not be loaded; one line on stderr says what to install. 69 is sysexits' EX_UNAVAILABLE.</summary>
    public const int SolverUnavailable = 69;

    /// <summary>An internal error (a bug in Terminator); one line on stderr, never a stack trace. 70 is sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;

    /// <summary>The run was interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>
    /// The exit code of a run over several files: the worse of two files' codes, from best to worst
    /// <see cref="AllYes"/>, <see cref="SomeDontKnow"/>, <see cref="SomeNo"/>, <see cref="BadInput"/>. A file that
    /// could not be read outranks every verdict, because then the question was not answered for it at all.
    /// </summary>
    public static int Worst(int first, int second) => Rank(first) >= Rank(second) ? first : second;

    private static int Rank(int code) => code switch
    {
        AllYes => 0,
        SomeDontKnow => 1,
        SomeNo => 2,
        BadInput => 3,
        BadUsage => 4,
        _ => 5,
    };
}
