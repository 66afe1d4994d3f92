using Terminator.Cli;
using Terminator.Core;
using Terminator.Tests.Api;
using Terminator.Core.Ir;

namespace Terminator.Tests.Cli;

/// <summary>Runs <c>terminator</c> in-process with captured streams, a chosen terminal and, when wanted, fake analyses.</summary>
internal static class CliHarness
{
    /// <summary>What one run printed and returned.</summary>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="args"/> with the real frontend and analyzer unless <paramref name="backend"/> is given.</summary>
    public static Outcome Run(string[] args, AnalysisBackend? backend = null, TerminalInfo? terminal = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, terminal ?? TerminalInfo.None, backend ?? AnalysisBackend.Default, CancellationToken.None);
        var exitCode = CliApp.Run(args, context);
        return new Outcome(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// A backend whose frontend accepts any existing file as a C program and whose analyzer answers
    /// <paramref name="answer"/> for it (by the file's path).
    /// </summary>
    public static AnalysisBackend Fake(Func<string, FunctionResult[]> answer) => new(
        path => new ProgramIr(path, ProgramInputs.IsPython(path) ? SourceLanguage.Python : SourceLanguage.C, [], []),
        (program, options, _) => new ProgramResult(
            program.File,
            program.Language,
            options.Semantics ?? (program.Language == SourceLanguage.C ? IntegerSemantics.C : IntegerSemantics.Math),
            [.. answer(program.File)]));

    /// <summary>A Yes with one loop proof, for <paramref name="file"/>.</summary>
    public static FunctionResult Yes(string file, string name = "g") =>
        new(name, new SourceSpan(file, 1, 1), new Yes(new TerminationCertificate([new LoopProof(new SourceSpan(file, 3, 5), AnswerValues.YAtLeastOne, new LexicographicLoopRanking([AnswerValues.XMinusY]))], [])),
            TimeSpan.FromMilliseconds(12), null);

    /// <summary>A No that runs forever from x = 5, y = 0 in the loop at line 9.</summary>
    public static FunctionResult No(string file, string name = "g2") =>
        new(name, new SourceSpan(file, 7, 1),
            new No(new NonterminationWitness(WitnessKind.Nontermination, [new InputValue("x", 5), new InputValue("y", 0)], [],
                new SourceSpan(file, 9, 3), AnswerValues.XAboveYAtMostZero, null, "y stays 0, so x never decreases")),
            TimeSpan.FromMilliseconds(8), null);

    /// <summary>A DontKnow with a reason and one technique tried.</summary>
    public static FunctionResult DontKnow(string file, string name = "h") =>
        new(name, new SourceSpan(file, 12, 1), new DontKnow("the question refers to itself", ["oracle"]), TimeSpan.FromMilliseconds(1), null);
}
