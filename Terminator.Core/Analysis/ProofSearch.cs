using System.Collections.Immutable;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>How much a proof attempt may spend, cheapest first.</summary>
internal enum ProofTier
{
    /// <summary>Lexicographic ranking only, giving up at the first obstacle.</summary>
    Quick,

    /// <summary>Lexicographic and multiphase ranking: the techniques that cost one small LP or a few.</summary>
    Cheap,

    /// <summary>Every ranking technique, including those that multiply the transitions (regions, two iterations at a time).</summary>
    Full,
}

/// <summary>What one proof attempt found: a checked Yes, or why not and the undefined behaviour it could not exclude.</summary>
internal sealed record ProofAttempt(Yes? Proved, string? RankingFailure, IReadOnlyList<Transition> PossibleUb);

/// <summary>
/// Termination proofs under given loop-head invariants: a termination argument for every cycle, from the first of the
/// <see cref="ITerminationProver"/>s (cheapest first, up to the attempt's tier) that finds one, and the exclusion of
/// undefined behaviour; checked by the independent checker before it becomes a Yes. Attempts of increasing tiers
/// under the same invariants reuse what the cheaper ones found.
/// </summary>
internal sealed class ProofSearch
{
    private readonly AnalysisContext context;
    private readonly InvariantSupply invariants;
    private readonly IReadOnlyList<IRankingTemplate> rankingTemplates;
    private readonly ImmutableArray<ITerminationProver> provers;

    // The cycles of earlier attempts with what their provers found, keyed by the invariants' identity and the cycle's transitions.
    private readonly Dictionary<(object Invariants, string Cycle), CycleProblem> cycles = [];
    private readonly Dictionary<object, List<Transition>> possibleUbByInvariants = new(ReferenceEqualityComparer.Instance);

    /// <param name="context">The analysis.</param>
    /// <param name="invariants">The invariant supply, for rendering certificates.</param>
    /// <param name="rankingTemplates">The templates of the lexicographic provers, strongest first.</param>
    /// <param name="allTechniques">False to try only the provers that test a template on its own.</param>
    public ProofSearch(AnalysisContext context, InvariantSupply invariants, IReadOnlyList<IRankingTemplate> rankingTemplates, bool allTechniques)
    {
        this.context = context;
        this.invariants = invariants;
        this.rankingTemplates = rankingTemplates;
        provers = [.. Provers.Where(p => allTechniques || p.WithTemplateAlone)];
    }

    /// <summary>Every termination prover, in the order a cycle tries them: cheapest first, and those that multiply the transitions last.</summary>
    public static ImmutableArray<ITerminationProver> Provers { get; } =
        [new LexicographicProver(), new MultiphaseProver(), new RegionProver(), new SquaredProver(), new DisjunctiveProver()];

    private TransitionSystem Ts => context.System;

    /// <summary>
    /// Whether some attempt gave every cycle a lexicographic ranking function under inductive invariants. Then no run
    /// comes back to a state it was in, and searching for one cannot succeed.
    /// </summary>
    public bool EveryCycleRanked { get; private set; }

    /// <summary>The names of the ranking techniques, for the list of techniques tried.</summary>
    public IEnumerable<string> TechniqueNames =>
        provers.SelectMany(p => p is LexicographicProver ? rankingTemplates.Select(t => t.Name) : [p.Name]);

    /// <summary>The transitions into undefined behaviour that the invariants do not exclude; complete lists are kept per invariants.</summary>
    private List<Transition> PossibleUndefinedBehaviour(Dictionary<int, Formula> loopInvariants, Func<int, Formula> pre, bool stopAtFirst)
    {
        if (possibleUbByInvariants.TryGetValue(loopInvariants, out var known))
        {
            return known;
        }

        var possible = new List<Transition>();
        foreach (var t in Ts.Transitions.Where(t => Ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour))
        {
            if (!context.IsUnsat(pre(t.From), t.Relation))
            {
                possible.Add(t);
                if (stopAtFirst)
                {
                    return possible;
                }
            }
        }

        possibleUbByInvariants[loopInvariants] = possible;
        return possible;
    }

    /// <summary>A termination argument for every cycle and the exclusion of undefined behaviour, given loop-head invariants.</summary>
    /// <remarks>
    /// The <paramref name="tier"/> bounds the provers tried; a costlier attempt under the same invariants reuses
    /// what a cheaper one found.
    /// </remarks>
    public ProofAttempt Attempt(ProofTier tier, Dictionary<int, Formula> loopInvariants)
    {
        Formula Pre(int c) => c == Ts.Entry ? Ts.Initial : loopInvariants.GetValueOrDefault(c) ?? Formula.True;

        // Undefined behaviour the invariants cannot exclude; a quick attempt stops at the first.
        var possibleUb = PossibleUndefinedBehaviour(loopInvariants, Pre, stopAtFirst: tier == ProofTier.Quick);
        if (tier == ProofTier.Quick && possibleUb.Count > 0)
        {
            return new ProofAttempt(null, null, possibleUb);
        }

        var components = Scc.Components(context.CyclicTransitions());
        var arguments = ImmutableArray.CreateBuilder<TerminationArgument>();
        string? rankingFailure = null;
        foreach (var component in components)
        {
            var key = (loopInvariants, string.Join(",", component));
            if (!cycles.TryGetValue(key, out var problem))
            {
                problem = new CycleProblem(context, component, Pre, rankingTemplates);
                cycles[key] = problem;
            }

            if (Prove(problem, tier) is not { } argument)
            {
                rankingFailure = $"no lexicographic linear ranking function found for the {Ts.Cutpoint(Ts.Transitions[component[0]].From).Description}";
                break;
            }

            arguments.Add(argument);
        }

        // Lexicographic ranking functions under inductive invariants leave no run that repeats a state.
        EveryCycleRanked |= rankingFailure is null && arguments.All(a => a is LexicographicArgument);

        if (rankingFailure is null && possibleUb.Count == 0)
        {
            var proof = new TerminationProof(loopInvariants.ToImmutableDictionary(), arguments.ToImmutable());
            var failure = context.Checker().Check(proof);
            if (failure is null)
            {
                var yes = new Yes(CertificateRendering.Certify(context, invariants, proof));
                TerminationWithoutUndefinedBehaviour = yes;
                UndefinedBehaviourExcluded = CertificateRendering.Unreachable(context, invariants, proof.Invariants);
                return new ProofAttempt(yes, null, possibleUb);
            }

            rankingFailure = $"the certificate did not pass the independent check: {failure}";
        }
        else if (rankingFailure is null && TerminationWithoutUndefinedBehaviour is null && rankedWithoutUbTried.Add(loopInvariants))
        {
            // Every cycle is ranked and only undefined behaviour stands in the way: the ranking proves that the runs
            // which avoid undefined behaviour terminate, once the checker agrees.
            var proof = new TerminationProof(loopInvariants.ToImmutableDictionary(), arguments.ToImmutable()) { AssumesNoUndefinedBehaviour = true };
            if (context.Checker().Check(proof, TerminationClaim.RunsWithoutUndefinedBehaviour) is null)
            {
                TerminationWithoutUndefinedBehaviour = new Yes(CertificateRendering.Certify(context, invariants, proof));
                rankedWithoutUb = proof;
            }
        }

        if (possibleUb.Count == 0 && UndefinedBehaviourExcluded is null && exclusionTried.Add(loopInvariants))
        {
            ExcludeUndefinedBehaviour(loopInvariants.ToImmutableDictionary());
        }

        return new ProofAttempt(null, rankingFailure, possibleUb);
    }

    /// <summary>
    /// The first checked certificate that the runs which avoid undefined behaviour terminate: the verdict's own, or one
    /// that assumes no undefined behaviour.
    /// </summary>
    public Yes? TerminationWithoutUndefinedBehaviour { get; private set; }

    /// <summary>The first checked proof that no undefined behaviour is reachable.</summary>
    public UndefinedBehaviourUnreachable? UndefinedBehaviourExcluded { get; private set; }

    // The proofs behind the two answers above when no attempt gave both at once, and the invariants (by identity)
    // under which each was already checked, so that attempts of higher tiers do not check the same proof again.
    private TerminationProof? rankedWithoutUb;
    private ImmutableDictionary<int, Formula>? excludingInvariants;
    private readonly HashSet<object> rankedWithoutUbTried = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> exclusionTried = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records the invariants as a proof that no undefined behaviour is reachable, once the checker agrees.</summary>
    public void ExcludeUndefinedBehaviour(ImmutableDictionary<int, Formula> loopInvariants)
    {
        if (context.Checker().Check(new UndefinedBehaviourExclusionProof(loopInvariants)) is null)
        {
            UndefinedBehaviourExcluded = CertificateRendering.Unreachable(context, invariants, loopInvariants);
            excludingInvariants = loopInvariants;
        }
    }

    /// <summary>
    /// A Yes from a ranking proof that assumes no undefined behaviour and other invariants that exclude it, found by
    /// different attempts: the conjunction of two inductive invariants is inductive, and it supports both the ranking
    /// and the exclusion. Checked as a whole; null when there are not both, or the check fails.
    /// </summary>
    public Yes? Combined()
    {
        if (rankedWithoutUb is not { } ranked || excludingInvariants is not { } excluding)
        {
            return null;
        }

        var conjoined = ranked.Invariants.Keys.Union(excluding.Keys).ToImmutableDictionary(
            head => head,
            head => Formula.And(ranked.Invariants.GetValueOrDefault(head) ?? Formula.True, excluding.GetValueOrDefault(head) ?? Formula.True));
        var proof = new TerminationProof(conjoined, ranked.Arguments);
        return context.Checker().Check(proof) is null ? new Yes(CertificateRendering.Certify(context, invariants, proof)) : null;
    }

    /// <summary>The first argument for the cycle from the provers up to <paramref name="tier"/>, each tried once per cycle and invariants.</summary>
    private TerminationArgument? Prove(CycleProblem problem, ProofTier tier)
    {
        foreach (var prover in provers.Where(p => p.Tier <= tier))
        {
            if (!problem.Results.TryGetValue(prover, out var argument))
            {
                argument = prover.Prove(problem);
                problem.Results[prover] = argument;
            }

            if (argument is not null)
            {
                return argument;
            }
        }

        return null;
    }
}
