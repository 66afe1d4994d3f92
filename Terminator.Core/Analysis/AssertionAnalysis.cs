using System.Collections.Immutable;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>For each reachable assertion: a failing input (replayed), a proof that it holds (checked), or DontKnow.</summary>
internal sealed class AssertionAnalysis(AnalysisContext context, InvariantSupply invariants)
{
    /// <summary>The assertion failures some transition reaches, in no particular order.</summary>
    public IEnumerable<Cutpoint> Sinks() =>
        context.System.Cutpoints.Where(c => c.Kind == NodeKind.AssertionFailure && context.System.Transitions.Any(t => t.To == c.Id));

    /// <summary>The answer for each reachable assertion, in source order.</summary>
    public ImmutableArray<AssertionResult> Decide()
    {
        var sinks = Sinks().OrderBy(c => c.Span.Line).ThenBy(c => c.Span.Column).ToList();
        if (sinks.Count == 0)
        {
            return [];
        }

        var loopInvariants = invariants.LoopInvariants();
        var checker = context.Checker();
        var results = ImmutableArray.CreateBuilder<AssertionResult>();
        foreach (var sink in sinks)
        {
            if (checker.Check(new AssertionProof(sink.Id, loopInvariants.ToImmutableDictionary())) is null && context.System.SharedObjects is null)
            {
                results.Add(new AssertionResult(sink.Span, AssertionVerdict.Holds, [], [], "no input makes it fail (proved for all inputs)"));
                continue;
            }

            var run = RunSearch.Reach(context.System, k => Formula.Eq(Unrolling.Pc(k), new Const(sink.Id)), context.Tuning.Nontermination.ReachDepth, context.Smt, context.QueryTimeout, () => context.OutOfTime);
            if (run is not null && checker.CheckAssertionFails(run.Inputs, run.Draws, sink.Span) is null)
            {
                results.Add(new AssertionResult(sink.Span, AssertionVerdict.Fails, CertificateRendering.Inputs(context, run.Inputs), run.Draws, "this input makes it fail"));
                continue;
            }

            results.Add(new AssertionResult(sink.Span, AssertionVerdict.DontKnow, [], [], "no failing input was found, and failure could not be ruled out"));
        }

        return results.ToImmutable();
    }
}
