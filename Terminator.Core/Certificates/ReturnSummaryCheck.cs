using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Certificates;

/// <summary>
/// The check of a <see cref="ReturnSummaryProof"/>: for each summary, in its function's summary-check graph, the
/// invariants are inductive and every transition into the exit returns a value that satisfies the summary of the
/// parameters' entry values. Together these make the summaries sound (see <see cref="ReturnSummaries"/>). What calls
/// assume instead (<see cref="ReturnSummaryProof.Weakened"/>) must follow from the summary.
/// </summary>
internal static class ReturnSummaryCheck
{
    /// <summary>Null when every summary of <paramref name="proof"/> holds; otherwise why the first that fails does not.</summary>
    public static string? Check(ProgramIr program, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, ReturnSummaryProof proof, SmtContext smt, TimeSpan queryTimeout, CancellationToken cancellationToken)
    {
        var rules = new IntegerRules(program.Language, semantics);
        using var session = smt.OpenSolver(queryTimeout);
        bool Valid(Formula premise, Formula relation, Formula goal) => session.Implies(premise, relation, goal);

        foreach (var summary in proof.Summaries.Items)
        {
            if (program.Find(summary.Function) is not { } function || function.ReturnType.Kind == TypeKind.Void)
            {
                return $"'{summary.Function}' is not a function of the program that returns a value";
            }

            if (proof.Summaries.Items.Count(s => s.Function == summary.Function) > 1)
            {
                return $"'{summary.Function}' has more than one summary";
            }

            var parameters = function.Parameters.Select(p => p.Name).ToList();
            if (LogicOps.Vars(summary.Relation).FirstOrDefault(v => v.Name != ReturnSummaries.Result && !parameters.Contains(v.Name)) is { } stray)
            {
                return $"the summary of '{function.Name}' mentions '{stray.Name}', which is neither a parameter nor the result";
            }

            var ts = BlockEncoding.Encode(Lowering.LowerSummaryCheck(program, function, semantics, facts, proof.Summaries), rules, cancellationToken);
            var invariants = proof.Evidence.FirstOrDefault(e => e.Function == function.Name)?.Invariants
                .Where(i => ts.Cutpoints.Any(c => c.Id == i.LoopHead && c.Kind == NodeKind.LoopHead))
                .ToDictionary(i => i.LoopHead, i => i.Invariant) ?? [];
            Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : invariants.GetValueOrDefault(cutpoint) ?? Formula.True;
            var returned = ReturnSummaries.Instantiate(
                summary.Relation,
                parameters,
                [.. parameters.Select(p => TransitionSystem.Post(ReturnSummaries.EntryValue(p)))],
                TransitionSystem.Post(ts.ReturnVariable!));
            foreach (var t in ts.Transitions)
            {
                if (invariants.TryGetValue(t.To, out var invariant) && !Valid(Pre(t.From), t.Relation, ts.Primed(invariant)))
                {
                    return $"the invariant at {ts.Cutpoint(t.To).Span} of the summary check of '{function.Name}' is not inductive";
                }

                if (t.To == ts.Exit && !Valid(Pre(t.From), t.Relation, returned))
                {
                    return $"a call of '{function.Name}' may return a value outside its summary";
                }
            }
        }

        // What calls assume must follow from the summaries just checked.
        foreach (var assumed in proof.Weakened?.Items ?? [])
        {
            if (proof.Summaries.Of(assumed.Function) is not { } summary || !Valid(summary, Formula.True, assumed.Relation))
            {
                return $"what calls of '{assumed.Function}' assume does not follow from its summary";
            }
        }

        return null;
    }
}
