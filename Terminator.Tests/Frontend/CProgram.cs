using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>A C text read as <c>t.c</c> without the system preprocessor, then run on the interpreter or analyzed.</summary>
internal static class CProgram
{
    /// <summary>The program, which must have no refused function.</summary>
    public static ProgramIr Accepted(string text)
    {
        var program = CFrontend.Parse(text, "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        return program;
    }

    /// <summary>Where and why the one function of <paramref name="text"/> that the frontend refuses is refused: <c>t.c:2:3: unsupported: ...</c>.</summary>
    public static string Refusal(string text)
    {
        var program = CFrontend.Parse(text, "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions, Has.Count.EqualTo(1));
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    /// <summary>How a run of <paramref name="function"/> on <paramref name="inputs"/> ends.</summary>
    public static RunOutcome Run(ProgramIr program, string function, params int[] inputs) =>
        Interpreter.Run(program, function, [.. inputs.Select(i => (System.Numerics.BigInteger)i)], [], new InterpreterOptions()).Outcome;

    /// <summary>
    /// The answer for <paramref name="function"/> of the program <paramref name="text"/>, which must be No with a
    /// witness of undefined behaviour that replays on the interpreter to the same place: the witness and how its
    /// replay ends.
    /// </summary>
    public static (NonterminationWitness Witness, UndefinedBehaviour Replayed) ReplayedNo(string text, string function)
    {
        var program = Accepted(text);
        var verdict = Analyze(program, function).Verdict;
        Assert.That(verdict, Terminator.NUnit.Proved.DoesNotTerminate);
        var witness = ((No)verdict).Witness;
        Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
        var replay = Interpreter.Run(program, function, [.. witness.Inputs.Select(i => i.Value)], [.. witness.NondetValues], new InterpreterOptions());
        Assert.That(replay.Outcome, Is.TypeOf<UndefinedBehaviour>());
        Assert.That(witness.UndefinedBehaviourAt, Is.EqualTo(((UndefinedBehaviour)replay.Outcome).At));
        return (witness, (UndefinedBehaviour)replay.Outcome);
    }

    /// <summary>The answer for <paramref name="function"/>, with a budget of 20 s.</summary>
    public static FunctionResult Analyze(ProgramIr program, string function) =>
        TerminationAnalyzer.Analyze(program, new AnalysisOptions { Function = function, Timeout = TimeSpan.FromSeconds(20) }).Functions.Single();
}
