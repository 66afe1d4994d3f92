using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Logic;

namespace Terminator.Core.Certificates;

/// <summary>
/// The machine-checkable form of a Yes: invariants at loop heads and one termination argument for every cycle
/// (strongly connected set of transitions between loop heads) of the transition system. Cutpoints and transitions are
/// named by the ids of the deterministic encoding. A proof that <see cref="AssumesNoUndefinedBehaviour"/> treats
/// undefined behaviour as a sink that ends the run: it proves termination of the runs that avoid it, and not that
/// undefined behaviour is unreachable.
/// </summary>
internal sealed record TerminationProof(ImmutableDictionary<int, Formula> Invariants, ImmutableArray<TerminationArgument> Arguments)
{
    /// <summary>Whether the proof leaves out the obligation that no transition into undefined behaviour can run.</summary>
    public bool AssumesNoUndefinedBehaviour { get; init; }

    public bool Equals(TerminationProof? other) =>
        other is not null && AssumesNoUndefinedBehaviour == other.AssumesNoUndefinedBehaviour && Arguments.SequenceEqual(other.Arguments)
        && Invariants.Count == other.Invariants.Count
        && Invariants.All(p => other.Invariants.TryGetValue(p.Key, out var f) && f == p.Value);

    public override int GetHashCode() => HashCode.Combine(Invariants.Count, Arguments.Length);
}

/// <summary>
/// Why one cycle of the program terminates: the closed hierarchy of termination arguments. Each kind has one prover
/// (in Analysis), one case in the checker's switch and one renderer. <see cref="TerminationArgument.Transitions"/> is the cycle it covers.
/// </summary>
internal abstract record TerminationArgument(ImmutableSortedSet<int> Transitions)
{
    public virtual bool Equals(TerminationArgument? other) =>
        other is not null && EqualityContract == other.EqualityContract && Transitions.SetEquals(other.Transitions);

    public override int GetHashCode() => Transitions.Count;
}

/// <summary>A lexicographic linear ranking function for the cycle (Bradley, Manna and Sipma; Alias et al.).</summary>
internal sealed record LexicographicArgument(RankingNode Ranking) : TerminationArgument(Ranking.Transitions);

/// <summary>The machine-checkable form of a No.</summary>
internal abstract record NonterminationProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws);

/// <summary>From the inputs, the run comes back to <see cref="LoopHead"/> in a state it has been in before.</summary>
internal sealed record LassoProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws, int LoopHead) : NonterminationProof(Inputs, Draws);

/// <summary>From the inputs, the run reaches <see cref="LoopHead"/> for the <see cref="Visit"/>-th time inside a closed recurrent set.</summary>
internal sealed record RecurrentSetProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws, int LoopHead, int Visit, ImmutableSortedSet<int> Component, RecurrentSet Set)
    : NonterminationProof(Inputs, Draws);

/// <summary>From the inputs, the run reaches undefined behaviour.</summary>
internal sealed record UndefinedBehaviourProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws) : NonterminationProof(Inputs, Draws);

/// <summary>Invariants at loop heads and the exit that exclude returning <see cref="Value"/>.</summary>
internal sealed record CannotReturnProof(BigInteger Value, ImmutableDictionary<int, Formula> Invariants)
{
    public bool Equals(CannotReturnProof? other) =>
        other is not null && Value == other.Value && Invariants.Count == other.Invariants.Count
        && Invariants.All(p => other.Invariants.TryGetValue(p.Key, out var f) && f == p.Value);

    public override int GetHashCode() => HashCode.Combine(Value, Invariants.Count);
}

/// <summary>What a <see cref="TerminationProof"/> is asked to prove.</summary>
internal enum TerminationClaim
{
    /// <summary>Every run terminates without undefined behaviour: the verdict's Yes.</summary>
    EveryRun,

    /// <summary>Every run that avoids undefined behaviour terminates.</summary>
    RunsWithoutUndefinedBehaviour,
}

/// <summary>Invariants at loop heads under which no transition into undefined behaviour can run.</summary>
internal sealed record UndefinedBehaviourExclusionProof(ImmutableDictionary<int, Formula> Invariants)
{
    public bool Equals(UndefinedBehaviourExclusionProof? other) =>
        other is not null && Invariants.Count == other.Invariants.Count
        && Invariants.All(p => other.Invariants.TryGetValue(p.Key, out var f) && f == p.Value);

    public override int GetHashCode() => Invariants.Count;
}

/// <summary>Invariants at loop heads under which no transition reaches the assertion-failure location <see cref="Sink"/>.</summary>
internal sealed record AssertionProof(int Sink, ImmutableDictionary<int, Formula> Invariants)
{
    public bool Equals(AssertionProof? other) =>
        other is not null && Sink == other.Sink && Invariants.Count == other.Invariants.Count
        && Invariants.All(p => other.Invariants.TryGetValue(p.Key, out var f) && f == p.Value);

    public override int GetHashCode() => HashCode.Combine(Sink, Invariants.Count);
}

/// <summary>
/// A transition invariant for the cycle <see cref="TerminationArgument.Transitions"/> at one loop head (Podelski and Rybalchenko,
/// "Transition invariants", LICS 2004): every sequence of one or more iterations from a reachable state decreases
/// one of <see cref="Functions"/> by at least 1 from a non-negative value, from a state satisfying the matching
/// entry of <see cref="Guards"/>. A finite union of well-founded relations that contains the transitive closure
/// proves termination.
/// </summary>
internal sealed record DisjunctiveArgument(ImmutableSortedSet<int> Transitions, int Location, EquatableArray<LinearExpr> Functions, EquatableArray<Formula> Guards)
    : TerminationArgument(Transitions);

/// <summary>
/// A lexicographic ranking proof for the squared relation of the cycle <see cref="TerminationArgument.Transitions"/> at one loop head; the
/// ranking nodes name the transitions built by <see cref="Cfg.Composition.Square"/>.
/// </summary>
internal sealed record SquaredArgument(ImmutableSortedSet<int> Transitions, int Location, EquatableArray<RankingNode> Ranking) : TerminationArgument(Transitions);

/// <summary>
/// Lexicographic ranking proofs for the cycles of the self-loops <see cref="TerminationArgument.Transitions"/> at one loop head after
/// splitting it into regions by <see cref="Predicates"/>; the ranking nodes name the transitions built by
/// <see cref="Cfg.Partition.Refine"/>, and refined transitions that cannot run need no ranking.
/// </summary>
internal sealed record RegionArgument(ImmutableSortedSet<int> Transitions, int Location, EquatableArray<Formula> Predicates, EquatableArray<RankingNode> Ranking)
    : TerminationArgument(Transitions);

/// <summary>
/// Nested ranking functions for the self-loops <see cref="TerminationArgument.Transitions"/> at one loop head: every transition satisfies
/// f₁(x) − f₁(x′) ≥ 1, f_{i−1}(x) + f_i(x) − f_i(x′) ≥ 1 for i ≥ 2, and f_d(x) ≥ 0 (Ben-Amram and Genaim's nested ranking functions, the prover's multiphase template).
/// </summary>
internal sealed record MultiphaseArgument(ImmutableSortedSet<int> Transitions, int Location, EquatableArray<LinearExpr> Functions) : TerminationArgument(Transitions);

/// <summary>
/// One component of a lexicographic ranking function: an affine function per location that no transition of the
/// component increases, that is non-negative wherever a transition starts, and that every transition in
/// <see cref="Strict"/> decreases by at least 1.
/// </summary>
internal sealed record RankingComponent(ImmutableDictionary<int, LinearExpr> Function, ImmutableSortedSet<int> Strict)
{
    public bool Equals(RankingComponent? other) =>
        other is not null && Strict.SetEquals(other.Strict) && Function.Count == other.Function.Count
        && Function.All(p => other.Function.TryGetValue(p.Key, out var f) && f == p.Value);

    public override int GetHashCode() => HashCode.Combine(Strict.Count, Function.Count);
}

/// <summary>A node of a lexicographic ranking proof: a component for a set of transitions, and proofs for what remains cyclic after removing the strictly decreasing ones.</summary>
internal sealed record RankingNode(ImmutableSortedSet<int> Transitions, RankingComponent Component, ImmutableArray<RankingNode> Children)
{
    public bool Equals(RankingNode? other) =>
        other is not null && Transitions.SetEquals(other.Transitions) && Component == other.Component && Children.SequenceEqual(other.Children);

    public override int GetHashCode() => HashCode.Combine(Transitions.Count, Component);
}

/// <summary>The invariant at one loop head of a transition system.</summary>
internal sealed record LoopHeadInvariant(int LoopHead, Formula Invariant);

/// <summary>Why one function's return-value summary holds: invariants at the loop heads of its summary-check graph.</summary>
internal sealed record SummaryEvidence(string Function, EquatableArray<LoopHeadInvariant> Invariants);

/// <summary>
/// Return-value summaries with their evidence: for each summarized function, invariants of its summary-check graph
/// (<see cref="Cfg.Lowering.LowerSummaryCheck"/>) under which every return satisfies the summary of the entry values.
/// What the lowering assumes at calls is <see cref="Assumed"/>: the summaries themselves, or for some functions a
/// consequence of their summary (fewer cases for the paths that assume it).
/// </summary>
internal sealed record ReturnSummaryProof(Cfg.ReturnSummaries Summaries, EquatableArray<SummaryEvidence> Evidence)
{
    /// <summary>What calls assume: each implied by the function's summary; null means the summaries themselves.</summary>
    public Cfg.ReturnSummaries? Weakened { get; init; }

    /// <summary>The summaries that the lowering assumes at calls.</summary>
    public Cfg.ReturnSummaries Assumed => Weakened ?? Summaries;
}
