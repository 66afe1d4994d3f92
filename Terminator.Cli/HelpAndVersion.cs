using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Terminator.Cli;

/// <summary><c>--help</c>: System.CommandLine's help, then examples of the command it is asked for.</summary>
internal sealed class HelpWithExamples(HelpAction standard, TextWriter output) : SynchronousCommandLineAction
{
    private static readonly (string Command, string Line, string Meaning)[] Examples =
    [
        ("analyze", "terminator analyze examples/g.c", "every function of one C file"),
        ("analyze", "terminator analyze examples/g.c --function g2 --format json", "one function, as JSON"),
        ("analyze", "terminator analyze src/ tests/extra.py", "every .c and .py file below src/, then one more file"),
        ("analyze", "terminator analyze examples --format sarif > terminator.sarif", "one SARIF 2.1.0 log for code-scanning tools"),
        ("analyze", "terminator analyze examples/f.c --can-return 0", "can f return 0? (the exit code answers this question)"),
        ("analyze", "terminator analyze examples/collatz.c --timeout 60 --semantics math", "longer budget, unbounded integers"),
        ("bench", "terminator bench ../shared/corpus/manifest.tsv --jobs 2", "score a corpus against its listed verdicts"),
    ];

    /// <summary>Help is shown even when the rest of the command line is incomplete (<c>terminator analyze --help</c>).</summary>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var code = standard.Invoke(parseResult);
        var command = parseResult.CommandResult.Command;
        var examples = Examples.Where(e => command is RootCommand || e.Command == command.Name).ToList();
        if (examples.Count == 0)
            return code;

        output.WriteLine("Examples:");
        foreach (var (_, line, meaning) in examples)
        {
            output.WriteLine($"  {line}");
            output.WriteLine($"      {meaning}");
        }

        output.WriteLine();
        return code;
    }
}

/// <summary><c>--version</c>: Terminator's informational version and the Z3 library it finds.</summary>
internal sealed class PrintVersion(TextWriter output) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ToolVersion.Write(output, ToolVersion.LoadedZ3Version);
        return ExitCodes.AllYes;
    }
}
