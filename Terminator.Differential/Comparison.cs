using System.Numerics;
using Terminator.Core;
using Terminator.Differential.Generation;
using Terminator.Differential.Oracle;

namespace Terminator.Differential;

/// <summary>The analyzer under test: the verdict on the function of a case. A parameter, so that a wrong one can be fed in.</summary>
internal delegate Verdict CaseAnalyzer(GeneratedCase testCase, CancellationToken cancellationToken);

/// <summary>Runs a case of a compiled batch on inputs (the arguments in parameter order) with a cap on loop-head visits.</summary>
internal delegate IReadOnlyList<RunOutcome> CaseRunner(GeneratedCase testCase, IReadOnlyList<IReadOnlyList<BigInteger>> inputs, long stepCap);

/// <summary>How the answer on one case compares with the compiled program.</summary>
internal enum Outcome
{
    /// <summary>A Yes that no attack broke (every run returned), or a No whose witness the compiled run repeated.</summary>
    Confirmed,
    /// <summary>A Yes that no attack broke, but some run was still going at the step cap (neither returned nor repeated a state).</summary>
    Inconclusive,
    /// <summary>DontKnow: nothing to check.</summary>
    Unchecked,
    /// <summary>The analysis was still running far past its budget and was cancelled.</summary>
    Overrun,
    /// <summary>Yes, but an input made the compiled run reach undefined behaviour or repeat a loop-head state.</summary>
    WrongYes,
    /// <summary>No, but the compiled run on the witness ended otherwise than the witness says.</summary>
    WrongNo,
    /// <summary>The frontend refused the generated program (the generator left the subset, or the subset shrank).</summary>
    Rejected,
    /// <summary>The analyzer threw, or gave a witness that does not fit the program.</summary>
    AnalyzerError,
    /// <summary>A compiled run crashed in a way the driver does not expect.</summary>
    OracleError,
}

/// <summary>The result of one case.</summary>
/// <param name="Case">The program.</param>
/// <param name="Verdict">The analyzer's answer (null when there was none).</param>
/// <param name="Outcome">How the answer compares with the compiled program.</param>
/// <param name="Detail">What was seen, for people (the failing input and run for a discrepancy).</param>
/// <param name="UnsequencedLines">The lines the compiler reports as unsequenced modifications.</param>
/// <param name="Runs">The compiled runs made for this case.</param>
internal sealed record CaseReport(GeneratedCase Case, Verdict? Verdict, Outcome Outcome, string Detail, IReadOnlySet<int> UnsequencedLines,
    IReadOnlyList<RunOutcome> Runs)
{
    /// <summary>A wrong answer, or a failure of the harness's own assumptions: any of these fails the run.</summary>
    public bool IsDiscrepancy => Outcome >= Outcome.WrongYes;
}

/// <summary>Compares an answer with the compiled program's runs.</summary>
internal sealed class Comparison(DifferentialOptions options)
{
    /// <summary>
    /// Yes: the compiled program is attacked with edge and random inputs; undefined behaviour or a repeated loop-head
    /// state is a wrong Yes. No: the witness is replayed; the run must reach undefined behaviour at the witness's line
    /// (undefined-behaviour witness), repeat a state or be still running at the cap (non-termination witness), or
    /// either (non-termination-or-undefined-behaviour witness). DontKnow is not checked.
    /// </summary>
    public CaseReport Compare(GeneratedCase testCase, Verdict verdict, CaseRunner runner, IReadOnlySet<int> unsequencedLines)
    {
        CaseReport Report(Outcome outcome, string detail, IReadOnlyList<RunOutcome> runs) =>
            new(testCase, verdict, outcome, detail, unsequencedLines, runs);

        switch (verdict)
        {
            case Yes:
            {
                var inputs = Inputs.For(testCase.Function.Parameters, options.InputsPerYes, GeneratedCase.CaseSeed(testCase.RunSeed, ~testCase.Index));
                var runs = runner(testCase, inputs, options.AttackStepCap);
                var failures = runs.Select((run, i) => (run, input: inputs[i]))
                    .Where(r => r.run.IsUndefined || r.run.Kind is RunKind.Cycle or RunKind.Crash)
                    .ToList();
                if (failures.Count > 0)
                {
                    var outcome = failures.Any(f => f.run.Kind != RunKind.Crash) ? Outcome.WrongYes : Outcome.OracleError;
                    var lines = failures.Take(3).Select(f => $"{Describe(testCase, f.input)}: {f.run}");
                    return Report(outcome, $"Yes, but {failures.Count} of {runs.Count} inputs fail: " + string.Join("; ", lines), runs);
                }

                var capped = runs.Count(r => r.Kind is RunKind.StepCap or RunKind.Timeout);
                return capped > 0
                    ? Report(Outcome.Inconclusive, $"{capped} of {runs.Count} runs still going at the cap", runs)
                    : Report(Outcome.Confirmed, $"{runs.Count} inputs return", runs);
            }

            case No no:
                return Replay(testCase, no.Witness, runner, Report);

            default:
                return Report(Outcome.Unchecked, "DontKnow", []);
        }
    }

    private CaseReport Replay(GeneratedCase testCase, NonterminationWitness witness, CaseRunner runner,
        Func<Outcome, string, IReadOnlyList<RunOutcome>, CaseReport> report)
    {
        var parameters = testCase.Function.Parameters;
        if (!witness.NondetValues.IsEmpty || witness.Inputs.Length != parameters.Count
            || witness.Inputs.Where((input, i) => input.Name != parameters[i].Name).Any())
        {
            return report(Outcome.AnalyzerError, $"the witness ({Describe(witness)}) does not fit the parameters", []);
        }

        IReadOnlyList<BigInteger> input = [.. witness.Inputs.Select(i => i.Value)];
        var runs = runner(testCase, [input], options.ReplayStepCap);
        var run = runs[0];
        var expectedLine = witness.UndefinedBehaviourAt?.Line;
        var runsForever = run.Kind is RunKind.Cycle or RunKind.StepCap or RunKind.Timeout;
        var agrees = witness.Kind switch
        {
            WitnessKind.UndefinedBehaviour => run.IsUndefined && (expectedLine is null || run.Line == expectedLine),
            WitnessKind.Nontermination => runsForever,
            _ => runsForever || run.IsUndefined,
        };
        var claim = witness.Kind switch
        {
            WitnessKind.UndefinedBehaviour => $"undefined behaviour at line {expectedLine}",
            WitnessKind.Nontermination => "runs forever",
            _ => "runs forever or reaches undefined behaviour",
        };
        var detail = $"No ({claim}) from {Describe(witness)}; compiled run: {run}";
        if (agrees)
            return report(Outcome.Confirmed, detail, runs);

        // Undefined behaviour deep in a loop (10^9 iterations away, which the interpreter reaches by fast-forwarding)
        // lies beyond the step cap of the instrumented run: that run neither confirms nor refutes it.
        if (witness.Kind == WitnessKind.UndefinedBehaviour && run.Kind is RunKind.StepCap or RunKind.Timeout)
            return report(Outcome.Inconclusive, detail, runs);
        return report(run.Kind == RunKind.Crash ? Outcome.OracleError : Outcome.WrongNo, detail, runs);
    }

    private static string Describe(NonterminationWitness witness) => string.Join(", ", witness.Inputs.Select(i => $"{i.Name} = {i.Value}"));

    private static string Describe(GeneratedCase testCase, IReadOnlyList<BigInteger> input) =>
        string.Join(", ", testCase.Function.Parameters.Select((p, i) => $"{p.Name} = {input[i]}"));
}
