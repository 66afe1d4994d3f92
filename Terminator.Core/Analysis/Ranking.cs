using System.Collections.Immutable;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>A transition with the linear over-approximation of (invariant at its source ∧ relation), one polyhedron per path case.</summary>
internal sealed record LinearTransition(Transition Transition, ImmutableArray<ImmutableList<LinearConstraint>> Polyhedra)
{
    // Leaves out the reductions cached from the polyhedra, which a record's own equality would compare.
    public bool Equals(LinearTransition? other) => other is not null && Transition == other.Transition && Polyhedra.SequenceEqual(other.Polyhedra);

    public override int GetHashCode() => Transition.GetHashCode();

    /// <summary>A transition whose polyhedra have been reduced already (<paramref name="reduced"/>, one per polyhedron).</summary>
    public LinearTransition(Transition transition, ImmutableArray<ImmutableList<LinearConstraint>> polyhedra, ImmutableArray<ReducedPremises> reduced)
        : this(transition, polyhedra) =>
        reductions = (polyhedra, reduced);

    private (ImmutableArray<ImmutableList<LinearConstraint>> Of, ImmutableArray<ReducedPremises> Reduced) reductions;

    /// <summary>Each polyhedron with its equalities solved, for Farkas' lemma; computed once per polyhedron.</summary>
    public ImmutableArray<ReducedPremises> Reduced
    {
        get
        {
            // Keyed by the polyhedra it was computed from, so that a copy made with `with` never reads a stale one.
            if (reductions.Reduced.IsDefault || reductions.Of != Polyhedra)
            {
                reductions = (Polyhedra, [.. Polyhedra.Select(Farkas.EliminateEqualities)]);
            }

            return reductions.Reduced;
        }
    }

    /// <summary>The transitions of <paramref name="component"/> and their one location, if all are self-loops at it.</summary>
    public static (int Location, List<LinearTransition> Transitions)? SelfLoops(IEnumerable<int> component, IReadOnlyDictionary<int, LinearTransition> linear)
    {
        var transitions = component.Select(id => linear[id]).ToList();
        var location = transitions[0].Transition.From;
        return transitions.All(t => t.Transition.From == location && t.Transition.To == location) ? (location, transitions) : null;
    }
}

/// <summary>What a ranking template is asked to rank: the transitions of one strongly connected component.</summary>
internal sealed record RankingProblem(EquatableArray<int> Locations, EquatableArray<LinearTransition> Transitions, EquatableArray<string> Variables);

/// <summary>A kind of ranking function: produces constraints for a problem and extracts the result from a model.</summary>
internal interface IRankingTemplate
{
    string Name { get; }

    RankingComponent? Synthesize(RankingProblem problem, SmtContext smt, TimeSpan timeout);
}

/// <summary>
/// Affine quasi-ranking functions in the style of Alias, Darte, Feautrier and Gonnord (SAS 2010): one LP finds an
/// affine function per location that is bounded and non-increasing on every transition and strictly decreasing on as
/// many transitions as possible. Used greedily it yields lexicographic linear ranking functions.
/// </summary>
internal sealed class AffineRankingTemplate : IRankingTemplate
{
    public string Name => "lexicographic linear ranking functions (Farkas' lemma)";

    public RankingComponent? Synthesize(RankingProblem problem, SmtContext smt, TimeSpan timeout) =>
        AffineEncoding.Solve(problem, smt, timeout, focus: null);
}

/// <summary>
/// The weaker component condition of Bradley, Manna and Sipma (CAV 2005): the function needs to be bounded only on
/// the transition it strictly decreases, and merely non-increasing on the others. One LP per transition of the
/// component; the first transition that can be ranked this way is removed.
/// </summary>
internal sealed class SingleTransitionRankingTemplate : IRankingTemplate
{
    public string Name => "linear ranking functions bounded only where they decrease";

    public RankingComponent? Synthesize(RankingProblem problem, SmtContext smt, TimeSpan timeout)
    {
        foreach (var t in problem.Transitions)
        {
            var result = AffineEncoding.Solve(problem, smt, timeout, focus: t.Transition.Id);
            if (result is not null)
            {
                return result;
            }
        }

        return null;
    }
}

/// <summary>The Farkas encoding of affine ranking conditions shared by the templates.</summary>
internal static class AffineEncoding
{
    /// <summary>
    /// Without <paramref name="focus"/>: bounded and non-increasing everywhere, maximizing the strictly decreasing
    /// transitions. With it: decreasing by 1 and bounded on the focus transition, non-increasing elsewhere.
    /// </summary>
    public static RankingComponent? Solve(RankingProblem problem, SmtContext smt, TimeSpan timeout, int? focus)
    {
        var templates = problem.Locations.ToDictionary(l => l, l => new AffineTemplate(
            problem.Variables.ToImmutableDictionary(v => v, v => (Term)new Var($"a{l}_{v}", Sort.Real)),
            new Var($"a{l}_0", Sort.Real)));
        var deltas = problem.Transitions.ToDictionary(t => t.Transition.Id, t => new Var($"delta{t.Transition.Id}", Sort.Real));
        var conditions = new List<Formula>();
        var multiplier = 0;
        foreach (var lt in problem.Transitions)
        {
            var id = lt.Transition.Id;
            var source = templates[lt.Transition.From];
            var target = templates[lt.Transition.To];
            var delta = deltas[id];

            if (focus is null)
            {
                // 0 ≤ δ ≤ 1
                conditions.Add(Formula.And(Formula.Ge(delta, new Const(0)), Formula.Le(delta, new Const(1))));
            }
            else
            {
                // δ = 1 on the focus transition, δ = 0 elsewhere
                conditions.Add(Formula.Eq(delta, new Const(id == focus ? 1 : 0)));
            }

            // decrease: −f_src(x) + f_dst(x') + δ ≤ 0
            var decrease = new AffineTemplate(
                problem.Variables.SelectMany(v => new[]
                {
                    KeyValuePair.Create(v, (Term)new Arith(ArithOp.Sub, new Const(0), source.CoefficientOf(v))),
                    KeyValuePair.Create(v + "'", target.CoefficientOf(v)),
                }).ToImmutableDictionary(),
                new Arith(ArithOp.Add, new Arith(ArithOp.Sub, target.Constant, source.Constant), delta));

            // bounded: −f_src(x) ≤ 0
            var bounded = new AffineTemplate(
                problem.Variables.ToImmutableDictionary(v => v, v => (Term)new Arith(ArithOp.Sub, new Const(0), source.CoefficientOf(v))),
                new Arith(ArithOp.Sub, new Const(0), source.Constant));

            foreach (var polyhedron in lt.Reduced)
            {
                conditions.Add(Farkas.Entails(polyhedron, decrease, $"mu{multiplier++}_"));
                if (focus is null || id == focus)
                {
                    conditions.Add(Farkas.Entails(polyhedron, bounded, $"mu{multiplier++}_"));
                }
            }
        }

        // Most attempts fail, and a plain LP says so: is there a function that strictly decreases some transition
        // (Σδ > 0)?
        using var lp = smt.OpenSolver(timeout, linearQuery: true);
        foreach (var condition in conditions)
        {
            lp.Assert(condition);
        }

        if (lp.Check(Formula.Gt(Sum(deltas.Values), new Const(0))) != SatResult.Sat)
        {
            return null;
        }

        // As many strictly decreasing transitions as one function allows. The conditions without 0 ≤ δ ≤ 1 are
        // invariant under positive scaling, so a convex combination of two solutions decreases strictly wherever
        // either does: growing the set one model at a time ends at the largest one, and scaling (then capping δ at
        // 1) makes δ exactly 1 on it and 0 elsewhere.
        HashSet<int> Positive(SmtModel model) => [.. deltas.Where(p => model.Evaluate(p.Value).Sign > 0).Select(p => p.Key)];
        var strictSet = Positive(lp.GetModel());
        while (focus is null && strictSet.Count < deltas.Count
            && lp.Check(Formula.Gt(Sum(deltas.Where(p => !strictSet.Contains(p.Key)).Select(p => p.Value)), new Const(0))) == SatResult.Sat)
        {
            strictSet.UnionWith(Positive(lp.GetModel()));
        }

        foreach (var (id, delta) in deltas)
        {
            lp.Assert(Formula.Eq(delta, new Const(strictSet.Contains(id) ? 1 : 0)));
        }

        // Readable certificates: each variable that the function can do without is dropped, then each constant
        // offset that can be 0 is, checked by groups (see Simplify), where an optimizer (minimizing the sizes of
        // coefficients and offsets) costs several times as much as all those checks together.
        if (lp.Check() != SatResult.Sat)
        {
            return null;
        }

        var model = lp.GetModel();
        model = Simplify(lp, model, [.. templates.Values.SelectMany(template => problem.Variables.Select(v => Formula.Eq(template.CoefficientOf(v), new Const(0))))]);
        model = Simplify(lp, model, [.. templates.Values.Select(template => Formula.Eq(template.Constant, new Const(0)))]);

        // The function comes from a check over all that is kept: its model tends to smaller offsets than the models
        // found on the way (`-a + 99` rather than `-a + 2147483646`).
        if (lp.Check() != SatResult.Sat)
        {
            return null;
        }

        model = lp.GetModel();

        var strict = deltas.Where(p => model.Evaluate(p.Value).Sign > 0).Select(p => p.Key).ToImmutableSortedSet();
        if (strict.IsEmpty)
        {
            return null;
        }

        // Scale so that every strict transition decreases by at least 1 and all coefficients are integers.
        var minDelta = strict.Select(id => model.Evaluate(deltas[id])).Min();
        var scale = Rational.One / minDelta;
        var functions = templates.ToDictionary(p => p.Key, p => scale * new LinearExpr(
            problem.Variables.Select(v => (v, c: model.Evaluate(p.Value.CoefficientOf(v))))
                .Where(x => x.c.Sign != 0)
                .ToImmutableSortedDictionary(x => x.v, x => x.c, StringComparer.Ordinal),
            model.Evaluate(p.Value.Constant)));
        var lcm = functions.Values.Aggregate(System.Numerics.BigInteger.One, (acc, f) =>
        {
            var cleared = f.ClearDenominators();
            var factor = f.IsConstant && f.Constant.Sign == 0 ? System.Numerics.BigInteger.One : Factor(f, cleared);
            return acc / System.Numerics.BigInteger.GreatestCommonDivisor(acc, factor) * factor;
        });
        return new RankingComponent(functions.ToImmutableDictionary(p => p.Key, p => new Rational(lcm, 1) * p.Value), strict);
    }

    private static Term Sum(IEnumerable<Term> terms) => terms.Aggregate((Term)new Const(0), (sum, t) => new Arith(ArithOp.Add, sum, t));

    /// <summary>
    /// Keeps each of <paramref name="restrictions"/> in turn when the conditions allow it together with those kept
    /// before, and returns a model of all that is asserted. A group that <paramref name="model"/> satisfies is kept
    /// without a check; another is tried all at once, and when it does not fit, each half in turn, down to single
    /// restrictions. That keeps the same ones as trying them one by one, with a check per group instead.
    /// </summary>
    private static SmtModel Simplify(SmtSession lp, SmtModel model, IReadOnlyList<Formula> restrictions)
    {
        if (restrictions.Count == 0)
        {
            return model;
        }

        if (restrictions.All(model.Evaluate))
        {
            foreach (var restriction in restrictions)
            {
                lp.Assert(restriction);
            }

            return model;
        }

        if (lp.Check([.. restrictions]) == SatResult.Sat)
        {
            // The model first: an assertion ends the solver's hold on the last check's model.
            var restricted = lp.GetModel();
            foreach (var restriction in restrictions)
            {
                lp.Assert(restriction);
            }

            return restricted;
        }

        if (restrictions.Count == 1)
        {
            return model;
        }

        var half = restrictions.Count / 2;
        model = Simplify(lp, model, [.. restrictions.Take(half)]);
        return Simplify(lp, model, [.. restrictions.Skip(half)]);
    }

    private static System.Numerics.BigInteger Factor(LinearExpr original, LinearExpr cleared)
    {
        var pick = original.Coefficients.Values.Append(original.Constant).First(c => c.Sign != 0);
        var scaled = cleared.Coefficients.Values.Append(cleared.Constant).First(c => c.Sign != 0);
        return (scaled / pick).Numerator;
    }
}

/// <summary>
/// Lexicographic ranking by decomposition into strongly connected components: rank a component, remove the
/// transitions the ranking function strictly decreases, and recurse on what is still cyclic.
/// </summary>
internal static class LexicographicRanking
{
    public static RankingNode? Prove(ImmutableSortedSet<int> component, IReadOnlyDictionary<int, LinearTransition> linear, ImmutableArray<string> variables, IReadOnlyList<IRankingTemplate> templates, SmtContext smt, Func<TimeSpan> timeout, int maxDepth, int depth = 0)
    {
        if (depth > maxDepth)
        {
            return null;
        }

        var transitions = component.Select(id => linear[id]).ToImmutableArray();
        var locations = transitions.SelectMany(t => new[] { t.Transition.From, t.Transition.To }).Distinct().Order().ToImmutableArray();
        // The templates in order, strongest component condition first.
        var problem = new RankingProblem(locations, transitions, variables);
        var result = templates.Select(t => t.Synthesize(problem, smt, timeout())).FirstOrDefault(r => r is not null);
        if (result is null)
        {
            return null;
        }

        var children = ImmutableArray.CreateBuilder<RankingNode>();
        foreach (var rest in Scc.Components(transitions.Where(t => !result.Strict.Contains(t.Transition.Id)).Select(t => t.Transition)))
        {
            var child = Prove(rest, linear, variables, templates, smt, timeout, maxDepth, depth + 1);
            if (child is null)
            {
                return null;
            }

            children.Add(child);
        }

        return new RankingNode(component, result, children.ToImmutable());
    }
}

/// <summary>
/// Disjunctive well-foundedness for the cycles of one loop head: a linear ranking function for each path case of each
/// transition, whose union the checker must then show to be an inductive transition invariant. Proves loops such as
/// Euclid's with negative numbers, whose path cases never interleave but admit no common lexicographic ranking.
/// </summary>
internal static class DisjunctiveRanking
{
    public static DisjunctiveArgument? Find(ImmutableSortedSet<int> component, IReadOnlyDictionary<int, LinearTransition> linear, ImmutableArray<string> variables, SmtContext smt, Func<TimeSpan> timeout, int pieceLimit)
    {
        if (LinearTransition.SelfLoops(component, linear) is not var (location, transitions))
        {
            return null;
        }

        var pieces = transitions.SelectMany(t => t.Polyhedra.Select(p => new LinearTransition(t.Transition, [p]))).ToList();
        if (pieces.Count > pieceLimit)
        {
            return null;
        }

        var functions = new List<LinearExpr>();
        var guards = new List<Formula>();
        var stateVariables = variables.ToHashSet();
        foreach (var piece in pieces)
        {
            var ranked = AffineEncoding.Solve(new RankingProblem([location], [piece], variables), smt, timeout(), focus: piece.Transition.Id);
            if (ranked is null)
            {
                return null;
            }

            // The piece's own conditions on the current state keep the relation precise enough to be inductive.
            var f = ranked.Function[location];
            var guard = Formula.And(piece.Polyhedra[0]
                .Where(c => c.Expr.Coefficients.Keys.All(stateVariables.Contains))
                .Select(c => c.ToFormula()));
            if (!functions.Zip(guards).Contains((f, guard)))
            {
                functions.Add(f);
                guards.Add(guard);
            }
        }

        return new DisjunctiveArgument(component, location, [.. functions], [.. guards]);
    }
}

/// <summary>
/// Multiphase ranking functions in nested form (Leike and Heizmann, "Ranking templates for linear loops", TACAS 2014;
/// Ben-Amram and Genaim, "On multiphase-linear ranking functions", CAV 2017, show that for single-path loops nested
/// and multiphase functions prove the same loops). Functions f₁ … f_d at one loop head such that every transition
/// satisfies f₁(x) − f₁(x′) ≥ 1, f_{i−1}(x) + f_i(x) − f_i(x′) ≥ 1 for i ≥ 2, and f_d(x) ≥ 0. Along any run f₁
/// eventually stays at or below 0; from then on f₂ decreases by at least 1 per step, and so on, until f_d decreases
/// for ever while staying non-negative, which is impossible. Loops that work in phases, such as
/// <c>while (x &gt; 0) { x = x + y; y = y - 1; }</c>, have such functions but no lexicographic linear one.
/// </summary>
internal static class NestedRanking
{
    public static MultiphaseArgument? Find(ImmutableSortedSet<int> component, IReadOnlyDictionary<int, LinearTransition> linear, ImmutableArray<string> variables, SmtContext smt, Func<TimeSpan> timeout, int maxDepth)
    {
        if (LinearTransition.SelfLoops(component, linear) is not var (location, transitions))
        {
            return null;
        }

        // Depth 1 is an ordinary linear ranking function, which the lexicographic search already tried.
        for (var depth = 2; depth <= maxDepth; depth++)
        {
            if (Solve(transitions, variables, depth, smt, timeout()) is { } functions)
            {
                return new MultiphaseArgument(component, location, functions);
            }
        }

        return null;
    }

    private static ImmutableArray<LinearExpr>? Solve(List<LinearTransition> transitions, ImmutableArray<string> variables, int depth, SmtContext smt, TimeSpan timeout)
    {
        var templates = Enumerable.Range(0, depth).Select(i => new AffineTemplate(
            variables.ToImmutableDictionary(v => v, v => (Term)new Var($"n{i}_{v}", Sort.Real)),
            new Var($"n{i}_0", Sort.Real))).ToList();
        static Term Neg(Term t) => new Arith(ArithOp.Sub, new Const(0), t);
        static Term Add(Term a, Term b) => new Arith(ArithOp.Add, a, b);

        using var session = smt.OpenSolver(timeout);
        var multiplier = 0;
        foreach (var lt in transitions)
        {
            foreach (var polyhedron in lt.Reduced)
            {
                for (var i = 0; i < depth; i++)
                {
                    // f_{i−1}(x) + f_i(x) − f_i(x′) ≥ 1, as −f_{i−1}(x) − f_i(x) + f_i(x′) + 1 ≤ 0 (no f_{i−1} for i = 1)
                    var f = templates[i];
                    var previous = i > 0 ? templates[i - 1] : null;
                    var goal = new AffineTemplate(
                        variables.SelectMany(v => new[]
                        {
                            KeyValuePair.Create(v, previous is null ? Neg(f.CoefficientOf(v)) : Neg(Add(previous.CoefficientOf(v), f.CoefficientOf(v)))),
                            KeyValuePair.Create(v + "'", f.CoefficientOf(v)),
                        }).ToImmutableDictionary(),
                        Add(previous is null ? new Const(0) : Neg(previous.Constant), new Const(1)));
                    session.Assert(Farkas.Entails(polyhedron, goal, $"nu{multiplier++}_"));
                }

                // f_d(x) ≥ 0, as −f_d(x) ≤ 0
                var last = templates[depth - 1];
                var bounded = new AffineTemplate(
                    variables.ToImmutableDictionary(v => v, v => Neg(last.CoefficientOf(v))),
                    Neg(last.Constant));
                session.Assert(Farkas.Entails(polyhedron, bounded, $"nu{multiplier++}_"));
            }
        }

        if (session.Check() != SatResult.Sat)
        {
            return null;
        }

        var model = session.GetModel();
        var functions = templates.Select(t => new LinearExpr(
            variables.Select(v => (v, c: model.Evaluate(t.CoefficientOf(v))))
                .Where(x => x.c.Sign != 0)
                .ToImmutableSortedDictionary(x => x.v, x => x.c, StringComparer.Ordinal),
            model.Evaluate(t.Constant))).ToList();

        // The conditions are preserved by scaling all functions by the same k ≥ 1: clear the denominators.
        var lcm = functions.SelectMany(f => f.Coefficients.Values.Append(f.Constant))
            .Aggregate(System.Numerics.BigInteger.One, (acc, c) => acc / System.Numerics.BigInteger.GreatestCommonDivisor(acc, c.Denominator) * c.Denominator);
        return [.. functions.Select(f => new Rational(lcm, 1) * f)];
    }
}
