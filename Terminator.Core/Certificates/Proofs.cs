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
internal sealed record TerminationProof(EquatableDictionary<int, Formula> Invariants, EquatableArray<TerminationArgument> Arguments)
{
    /// <summary>Whether the proof leaves out the obligation that no transition into undefined behaviour can run.</summary>
    public bool AssumesNoUndefinedBehaviour { get; init; }
}

/// <summary>
/// Why one cycle of the program terminates: the closed hierarchy of termination arguments. Each kind has one prover
/// (in Analysis), one case in the checker's switch and one renderer. <see cref="TerminationArgument.Transitions"/> is the cycle it covers.
/// </summary>
internal abstract record TerminationArgument(EquatableSortedSet<int> Transitions);

/// <summary>A lexicographic linear ranking function for the cycle (Bradley, Manna and Sipma; Alias et al.).</summary>
internal sealed record LexicographicArgument(RankingNode Ranking) : TerminationArgument(Ranking.Transitions);

/// <summary>The machine-checkable form of a No.</summary>
internal abstract record NonterminationProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws);

/// <summary>
/// From the inputs, the run comes back to <see cref="LoopHead"/> in a state it has been in before. With
/// <see cref="CycleStart"/>, the draws from that index on repeat forever (the cycle's nondeterministic values), and the
/// state includes the position within them.
/// </summary>
internal sealed record LassoProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws, int LoopHead, int? CycleStart = null) : NonterminationProof(Inputs, Draws);

/// <summary>From the inputs, the run reaches <see cref="LoopHead"/> for the <see cref="Visit"/>-th time inside a closed recurrent set.</summary>
internal sealed record RecurrentSetProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws, int LoopHead, int Visit, EquatableSortedSet<int> Component, RecurrentSet Set)
    : NonterminationProof(Inputs, Draws);

/// <summary>From the inputs, the run reaches undefined behaviour.</summary>
internal sealed record UndefinedBehaviourProof(EquatableArray<BigInteger> Inputs, EquatableArray<BigInteger> Draws) : NonterminationProof(Inputs, Draws);

/// <summary>Invariants at loop heads and the exit that exclude returning <see cref="Value"/>.</summary>
internal sealed record CannotReturnProof(BigInteger Value, EquatableDictionary<int, Formula> Invariants);

/// <summary>What a <see cref="TerminationProof"/> is asked to prove.</summary>
internal enum TerminationClaim
{
    /// <summary>Every run terminates without undefined behaviour: the verdict's Yes.</summary>
    EveryRun,

    /// <summary>Every run that avoids undefined behaviour terminates.</summary>
    RunsWithoutUndefinedBehaviour,
}

/// <summary>Invariants at loop heads under which no transition into undefined behaviour can run.</summary>
internal sealed record UndefinedBehaviourExclusionProof(EquatableDictionary<int, Formula> Invariants);

/// <summary>Invariants at loop heads under which no transition reaches the assertion-failure location <see cref="Sink"/>.</summary>
internal sealed record AssertionProof(int Sink, EquatableDictionary<int, Formula> Invariants);

/// <summary>
/// A transition invariant for the cycle <see cref="TerminationArgument.Transitions"/> at one loop head (Podelski and Rybalchenko,
/// "Transition invariants", LICS 2004): every sequence of one or more iterations from a reachable state decreases
/// one of <see cref="Functions"/> by at least 1 from a non-negative value, from a state satisfying the matching
/// entry of <see cref="Guards"/>. A finite union of well-founded relations that contains the transitive closure
/// proves termination.
/// </summary>
internal sealed record DisjunctiveArgument(EquatableSortedSet<int> Transitions, int Location, EquatableArray<LinearExpr> Functions, EquatableArray<Formula> Guards)
    : TerminationArgument(Transitions);

/// <summary>
/// A lexicographic ranking proof for the squared relation of the cycle <see cref="TerminationArgument.Transitions"/> at one loop head; the
/// ranking nodes name the transitions built by <see cref="Cfg.Composition.Square"/>.
/// </summary>
internal sealed record SquaredArgument(EquatableSortedSet<int> Transitions, int Location, EquatableArray<RankingNode> Ranking) : TerminationArgument(Transitions);

/// <summary>
/// Lexicographic ranking proofs for the cycles of the self-loops <see cref="TerminationArgument.Transitions"/> at one loop head after
/// splitting it into regions by <see cref="Predicates"/>; the ranking nodes name the transitions built by
/// <see cref="Cfg.Partition.Refine"/>, and refined transitions that cannot run need no ranking.
/// </summary>
internal sealed record RegionArgument(EquatableSortedSet<int> Transitions, int Location, EquatableArray<Formula> Predicates, EquatableArray<RankingNode> Ranking)
    : TerminationArgument(Transitions);

/// <summary>
/// Nested ranking functions for the self-loops <see cref="TerminationArgument.Transitions"/> at one loop head: every transition satisfies
/// f₁(x) − f₁(x′) ≥ 1, f_{i−1}(x) + f_i(x) − f_i(x′) ≥ 1 for i ≥ 2, and f_d(x) ≥ 0 (Ben-Amram and Genaim's nested ranking functions, the prover's multiphase template).
/// </summary>
internal sealed record MultiphaseArgument(EquatableSortedSet<int> Transitions, int Location, EquatableArray<LinearExpr> Functions) : TerminationArgument(Transitions);

/// <summary>
/// One component of a lexicographic ranking function: an affine function per location that no transition of the
/// component increases, that is non-negative wherever a transition starts, and that every transition in
/// <see cref="Strict"/> decreases by at least 1.
/// </summary>
internal sealed record RankingComponent(EquatableDictionary<int, LinearExpr> Function, EquatableSortedSet<int> Strict);

/// <summary>A node of a lexicographic ranking proof: a component for a set of transitions, and proofs for what remains cyclic after removing the strictly decreasing ones.</summary>
internal sealed record RankingNode(EquatableSortedSet<int> Transitions, RankingComponent Component, EquatableArray<RankingNode> Children);

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
