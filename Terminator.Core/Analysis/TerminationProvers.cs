using System.Collections.Immutable;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// The plug-in point for termination arguments: one prover per kind of <see cref="TerminationArgument"/>. A prover
/// gets one cycle under given invariants and returns an argument for it, or null. It need not be right: the
/// checker re-verifies every argument, through its one case for the argument's kind.
/// </summary>
internal interface ITerminationProver
{
    /// <summary>The technique's name, as listed among the techniques tried.</summary>
    string Name { get; }

    /// <summary>The cheapest proof attempt that tries this prover.</summary>
    ProofTier Tier { get; }

    /// <summary>Whether the prover is tried when a ranking template is tested on its own.</summary>
    bool WithTemplateAlone { get; }

    TerminationArgument? Prove(CycleProblem problem);
}

/// <summary>
/// One cycle (a strongly connected set of transitions between loop heads) to prove terminating under given
/// invariants. What several provers need, such as the linear abstraction of its transitions, is computed once; so
/// is each prover's result, which a costlier attempt under the same invariants reuses.
/// </summary>
internal sealed class CycleProblem(AnalysisContext context, ImmutableSortedSet<int> component, Func<int, Formula> pre, IReadOnlyList<IRankingTemplate> templates)
{
    private (bool Done, Dictionary<int, LinearTransition>? Value) linear;

    public AnalysisContext Context => context;

    /// <summary>The cycle's transitions, by id.</summary>
    public ImmutableSortedSet<int> Component => component;

    /// <summary>The ranking templates, strongest component condition first.</summary>
    public IReadOnlyList<IRankingTemplate> Templates => templates;

    /// <summary>The results of the provers tried so far.</summary>
    public Dictionary<ITerminationProver, TerminationArgument?> Results { get; } = [];

    /// <summary>The invariant at a location (the initial condition at the entry).</summary>
    public Formula Pre(int location) => pre(location);

    /// <summary>
    /// The plain linear part of <see cref="Pre"/>: disjunctions, disequalities and non-linear atoms in the invariant
    /// would multiply the polyhedra of every transition, so Farkas' lemma gets the plain linear inequalities (the
    /// checker still uses the whole invariant).
    /// </summary>
    public Formula LinearPre(int location) => InvariantSupply.PlainLinearPart(pre(location));

    /// <summary>The linear over-approximation of the cycle's transitions under <see cref="LinearPre"/>, or null when one is not linearizable.</summary>
    public Dictionary<int, LinearTransition>? Linear
    {
        get
        {
            if (!linear.Done)
            {
                linear = (true, context.Linearize(component, LinearPre, context.RankingSystem.Transitions, pre));
            }

            return linear.Value;
        }
    }

    /// <summary>The loop head of a cycle of self-loops at one head with at most <paramref name="limit"/> transitions, else null.</summary>
    public int? OneHead(int limit)
    {
        var ts = context.System;
        var location = ts.Transitions[component[0]].From;
        return component.Count > limit || component.Any(id => ts.Transitions[id].From != location || ts.Transitions[id].To != location) ? null : location;
    }

    /// <summary>
    /// Lexicographic ranking proofs for every cycle among <paramref name="candidates"/>, transitions derived from the
    /// program's (ids index <paramref name="all"/>), or null when some cycle has none.
    /// </summary>
    public ImmutableArray<RankingNode>? RankCycles(IReadOnlyList<Transition> candidates, IReadOnlyList<Transition> all, Func<int, Formula> linearPre)
    {
        var derived = context.Linearize([.. candidates.Select(t => t.Id)], linearPre, all);
        if (derived is null)
        {
            return null;
        }

        var roots = ImmutableArray.CreateBuilder<RankingNode>();
        foreach (var part in Scc.Components(candidates))
        {
            var node = LexicographicRanking.Prove(part, derived, context.RankingVariables(), templates, context.Smt, context.QueryTimeout, context.Tuning.Ranking.LexicographicMaxDepth);
            if (node is null)
            {
                return null;
            }

            roots.Add(node);
        }

        return roots.ToImmutable();
    }
}

/// <summary>
/// Lexicographic linear ranking functions (<see cref="LexicographicArgument"/>): for the cycle, an affine function
/// f per location with, on every transition from x to x′ under the invariant, f(x) − f(x′) ≥ 0, and on the
/// transitions it strictly decreases f(x) − f(x′) ≥ 1 and f(x) ≥ 0 (each by Farkas' lemma over the transition's
/// polyhedra, per the templates); the strictly decreased transitions are removed and what is still cyclic is ranked
/// the same way. Checked obligations: "component k does not increase / decreases / is bounded below".
/// </summary>
internal sealed class LexicographicProver : ITerminationProver
{
    public string Name => "lexicographic linear ranking functions";

    public ProofTier Tier => ProofTier.Quick;

    public bool WithTemplateAlone => true;

    public TerminationArgument? Prove(CycleProblem problem) =>
        problem.Linear is { } linear
        && LexicographicRanking.Prove(problem.Component, linear, problem.Context.RankingVariables(), problem.Templates, problem.Context.Smt, problem.Context.QueryTimeout, problem.Context.Tuning.Ranking.LexicographicMaxDepth) is { } node
            ? new LexicographicArgument(node)
            : null;
}

/// <summary>
/// Multiphase ranking functions in nested form (<see cref="MultiphaseArgument"/>), for self-loops at one head:
/// f₁ … f_d (2 ≤ d ≤ <see cref="RankingTuning.MultiphaseMaxDepth"/>) with f₁(x) − f₁(x′) ≥ 1, f_{i−1}(x) + f_i(x) − f_i(x′) ≥ 1 for i ≥ 2, and f_d(x) ≥ 0 on every
/// transition, all in one LP by Farkas' lemma (see <see cref="NestedRanking"/>).
/// </summary>
internal sealed class MultiphaseProver : ITerminationProver
{
    public string Name => "multiphase (nested) ranking functions";

    public ProofTier Tier => ProofTier.Cheap;

    public bool WithTemplateAlone => false;

    public TerminationArgument? Prove(CycleProblem problem) =>
        problem.Linear is { } linear ? NestedRanking.Find(problem.Component, linear, problem.Context.RankingVariables(), problem.Context.Smt, problem.Context.QueryTimeout, problem.Context.Tuning.Ranking.MultiphaseMaxDepth) : null;
}

/// <summary>
/// Regions (<see cref="RegionArgument"/>), for self-loops at one head: the head is split by up to
/// <see cref="Partition.PredicateLimit"/> branch conditions over the state into regions, each refined transition
/// goes from region to region, and the refined cycles that can run get lexicographic ranking functions with the
/// constraints of <see cref="LexicographicProver"/>. Loops that run one branch for a while and then only another
/// rank each phase on its own.
/// </summary>
internal sealed class RegionProver : ITerminationProver
{
    public string Name => "ranking the regions of a loop split by its branch conditions";

    public ProofTier Tier => ProofTier.Full;

    public bool WithTemplateAlone => false;

    public TerminationArgument? Prove(CycleProblem problem)
    {
        if (problem.OneHead(Partition.TransitionLimit) is not { } location)
        {
            return null;
        }

        var context = problem.Context;
        var predicates = DistinguishingConditions(context.System, problem.Component);
        if (predicates.Count == 0)
        {
            return null;
        }

        var invariant = problem.Pre(location);
        var refined = Partition.Refine(context.RankingSystem, problem.Component, predicates);
        var feasible = refined.Where(t => !context.IsUnsat(invariant, t.Relation)).ToList();
        return problem.RankCycles(feasible, refined, _ => problem.LinearPre(location)) is { } roots
            ? new RegionArgument(problem.Component, location, [.. predicates], roots)
            : null;
    }

    /// <summary>
    /// Conditions on the current state that hold on some paths of the loop and fail on others (branch conditions),
    /// at most <see cref="Partition.PredicateLimit"/> of them, in the order they first appear.
    /// </summary>
    private static List<Formula> DistinguishingConditions(TransitionSystem ts, ImmutableSortedSet<int> component)
    {
        var names = Invariants.ProgramVariables(ts).ToHashSet();
        var perTransition = component.Select(id => StateAtoms(ts.Transitions[id].Relation, names).ToHashSet()).ToList();
        var result = new List<Formula>();
        foreach (var atom in perTransition.SelectMany(a => a))
        {
            if (result.Count == Partition.PredicateLimit)
            {
                break;
            }

            // An atom every path tests the same way (the loop guard) does not tell paths apart.
            var everywhere = perTransition.All(a => a.Contains(atom)) || perTransition.All(a => a.Contains(atom.Negate()));
            if (!everywhere && !result.Contains(atom) && !result.Contains(atom.Negate()))
            {
                result.Add(atom);
            }
        }

        return result;
    }

    private static IEnumerable<Formula> StateAtoms(Formula f, HashSet<string> names) =>
        Invariants.Atoms(f).Where(a => LogicOps.Vars(a).Count > 0 && LogicOps.Vars(a).All(v => names.Contains(v.Name)));
}

/// <summary>
/// Two iterations at a time (<see cref="SquaredArgument"/>), for self-loops at one head: the loop's transitions are
/// composed pairwise through the invariant (<see cref="Composition.Square"/>), and the composed cycles get
/// lexicographic ranking functions with the constraints of <see cref="LexicographicProver"/>.
/// </summary>
internal sealed class SquaredProver : ITerminationProver
{
    public string Name => "ranking two iterations at a time";

    public ProofTier Tier => ProofTier.Full;

    public bool WithTemplateAlone => true;

    public TerminationArgument? Prove(CycleProblem problem)
    {
        if (problem.OneHead(Composition.TransitionLimit) is not { } location)
        {
            return null;
        }

        // The middle state gets the plain linear part of the invariant: disjunctions there would multiply the cases of
        // every composed transition. The checker composes through the whole invariant, which only strengthens them.
        var composed = Composition.Square(problem.Context.RankingSystem, problem.Component, location, problem.LinearPre(location));
        return problem.RankCycles(composed, composed, problem.LinearPre) is { } roots ? new SquaredArgument(problem.Component, location, roots) : null;
    }
}

/// <summary>
/// A transition invariant (<see cref="DisjunctiveArgument"/>), for self-loops at one head: for each path case p of
/// each transition, a linear f_p with f_p(x) − f_p(x′) ≥ 1 and f_p(x) ≥ 0 on p (one LP each), guarded by p's
/// conditions on the current state. The union must contain every step and be closed under one more step (see
/// <see cref="DisjunctiveRanking"/>), which the per-case functions do not ensure: a candidate whose union is not
/// closed (cases that alternate, as <c>j++</c> and <c>j--</c> chosen freely) is dropped here, by the checker's test of
/// the one argument, so that the cycle goes on to the searches for a No instead of failing the final check.
/// </summary>
internal sealed class DisjunctiveProver : ITerminationProver
{
    public string Name => "disjunctive well-foundedness (transition invariants)";

    public ProofTier Tier => ProofTier.Full;

    public bool WithTemplateAlone => true;

    public TerminationArgument? Prove(CycleProblem problem) =>
        problem.Linear is { } linear
        && DisjunctiveRanking.Find(problem.Component, linear, problem.Context.RankingVariables(), problem.Context.Smt, problem.Context.QueryTimeout, problem.Context.Tuning.Ranking.DisjunctivePieceLimit) is { } argument
        && problem.Context.Checker().Check(argument, problem.Pre) is null
            ? argument
            : null;
}
