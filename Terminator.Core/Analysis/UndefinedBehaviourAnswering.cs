using System.Collections.Immutable;
using Terminator.Core.Cfg;

namespace Terminator.Core.Analysis;

/// <summary>
/// The two properties a C function's verdict combines, from what the strategy found on its way to the verdict:
/// <list type="bullet">
/// <item>termination of every run that avoids undefined behaviour: Yes from the verdict's certificate or from a ranking
/// proof that failed only on undefined behaviour (checked with undefined behaviour as a sink that ends the run); No from
/// a witness whose replayed run never ends and never reaches undefined behaviour (a lasso, or a recurrent set closed
/// without undefined behaviour);</item>
/// <item>reachability of undefined behaviour: Yes from a replayed run into it; No from invariants, checked to be
/// inductive, that exclude every transition into it (the verdict's certificate, or a proof attempt whose ranking
/// failed but whose invariants excluded undefined behaviour).</item>
/// </list>
/// Nothing here is searched anew except after a No for non-termination, which stops the strategy before its own
/// searches for undefined behaviour: then a bounded search gets <see cref="NonterminationTuning.ReachabilityBudget"/>.
/// A witness that may either run forever or reach undefined behaviour, where every run without undefined behaviour is
/// proved to terminate, must reach it: its input is run concretely once more, as long as a replay runs, to show where.
/// </summary>
internal static class UndefinedBehaviourAnswering
{
    /// <summary>The two answers for the function of <paramref name="run"/>, whose strategy answered <paramref name="verdict"/>.</summary>
    /// <param name="run">The strategy's shared state after it ran.</param>
    /// <param name="verdict">The combined verdict.</param>
    /// <param name="outOfTime">
    /// Whether the budget ran out: only what was already found and checked is reported, without a call to the solver.
    /// </param>
    public static UndefinedBehaviourAnswers Answer(StrategyRun run, Verdict verdict, bool outOfTime) =>
        new(Termination(run, verdict, outOfTime), Reachability(run, verdict, outOfTime));

    private static Verdict Termination(StrategyRun run, Verdict verdict, bool outOfTime)
    {
        if (verdict is Yes || verdict is No { Witness.Kind: WitnessKind.Nontermination })
        {
            return verdict;
        }

        if (run.Proofs.TerminationWithoutUndefinedBehaviour is { } yes)
        {
            // The encoding lacks runs in which pointer parameters share an object: its runs that avoid undefined
            // behaviour are not all of them.
            return run.Context.System.SharedObjects is { } shared
                ? new DontKnow(shared, [.. run.Context.Techniques]) { Kind = DontKnowKind.UnsupportedConstruct }
                : yes;
        }

        var techniques = verdict is DontKnow dontKnow ? dontKnow.TechniquesTried : [.. run.Context.Techniques];
        var reason = outOfTime ? "the time budget ran out"
            : verdict is No { Witness.Kind: WitnessKind.NonterminationOrUndefinedBehaviour }
                ? "from the witness's input the run either never ends or reaches undefined behaviour, and which of the two is not known"
            : run.LastAttempt?.RankingFailure is { } failure ? $"{failure}; no run that avoids undefined behaviour was found to run forever"
            : "no ranking proof and no run that avoids undefined behaviour and runs forever were found";
        return new DontKnow(reason, techniques) { Kind = outOfTime ? DontKnowKind.Timeout : DontKnowKind.TechniquesExhausted };
    }

    private static UndefinedBehaviourVerdict Reachability(StrategyRun run, Verdict verdict, bool outOfTime)
    {
        if (verdict is No { Witness.Kind: WitnessKind.UndefinedBehaviour } ub)
        {
            return new UndefinedBehaviourReachable(ub.Witness);
        }

        if (run.Proofs.UndefinedBehaviourExcluded is { } excluded)
        {
            return excluded;
        }

        if (outOfTime)
        {
            return new UndefinedBehaviourUnknown("the time budget ran out");
        }

        var context = run.Context;
        var ts = context.System;
        var operations = ts.Transitions.Where(t => ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour).ToList();
        if (operations.Count == 0)
        {
            run.Proofs.ExcludeUndefinedBehaviour(ImmutableDictionary<int, Logic.Formula>.Empty);
            if (run.Proofs.UndefinedBehaviourExcluded is { } none)
            {
                return none;
            }
        }

        // A witness that runs forever or reaches undefined behaviour: when the runs without undefined behaviour all
        // terminate, its input must reach undefined behaviour, and a long concrete run from it may show where.
        if (verdict is No { Witness: { Kind: WitnessKind.NonterminationOrUndefinedBehaviour } either }
            && run.Proofs.TerminationWithoutUndefinedBehaviour is not null
            && run.UndefinedBehaviour.FromInput([.. either.Inputs.Select(i => i.Value)], [.. either.NondetValues]) is { } replayed)
        {
            return new UndefinedBehaviourReachable(replayed.Witness);
        }

        // A No for non-termination stopped the strategy before its searches for undefined behaviour: a bounded one,
        // within a budget of its own, over what the last proof attempt could not exclude (or every such operation).
        IReadOnlyList<Transition> possible = run.LastAttempt?.PossibleUb is { Count: > 0 } known ? known : operations;
        if (verdict is No && possible.Count > 0)
        {
            context.Techniques.Add("bounded search for undefined behaviour");
            if (run.UndefinedBehaviour.Bounded(possible, context.Stage(context.Tuning.Nontermination.ReachabilityBudget)) is { } found)
            {
                return new UndefinedBehaviourReachable(found.Witness);
            }
        }

        return new UndefinedBehaviourUnknown(possible.Count > 0
            ? $"no run into undefined behaviour was found, and the invariants do not exclude it ({CertificateRendering.DescribeUb(context, possible)})"
            : "no run into undefined behaviour was found, and no invariants that exclude it were checked");
    }
}
