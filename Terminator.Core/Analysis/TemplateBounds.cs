using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>
/// Invariant candidates for loops whose variables stay bounded only together: bounds along the linear combinations
/// that no iteration increases, and bounds that hold from the first iteration on. Houdini decides which hold.
/// </summary>
/// <remarks>
/// In <c>while (x &gt;= 0) { x = x + y; y = -2*y - 1; }</c> neither x nor y is monotone, but 3x + y falls by 1 at each
/// iteration, so it stays below its value on entry; given that and the guard, y ≤ 3x + y ≤ C, and after one
/// iteration y ≥ −2C − 1. Both bounds together are inductive, and they exclude overflow.
/// </remarks>
internal static class TemplateBounds
{
    /// <summary>
    /// Integer combinations c·x of <paramref name="variables"/>, with at least two non-zero coefficients, that no
    /// transition of <paramref name="loop"/> increases: for every path case P, <c>∀z. P(z) ⇒ c·x′ − c·x ≤ 0</c>, by
    /// Farkas' lemma. One LP for each variable and sign fixes that coefficient to ±1 (the cone of such c has no other
    /// normalization that stays linear).
    /// </summary>
    public static List<LinearExpr> NonIncreasingDirections(IReadOnlyList<LinearTransition> loop, IReadOnlyList<string> variables, SmtContext smt, TimeSpan timeout)
    {
        var coefficients = variables.ToDictionary(v => v, v => new Var($"dir_{v}", Sort.Real));

        // c·x′ − c·x ≤ 0, as an affine template over the unknown coefficients c
        var nonIncreasing = new AffineTemplate(
            variables.SelectMany(v => new[]
            {
                KeyValuePair.Create(v, (Term)new Arith(ArithOp.Sub, new Const(0), coefficients[v])),
                KeyValuePair.Create(v + "'", (Term)coefficients[v]),
            }).ToImmutableDictionary(),
            new Const(0));
        var conditions = new List<Formula>();
        var multiplier = 0;
        foreach (var polyhedron in loop.SelectMany(t => t.Reduced))
        {
            conditions.Add(Farkas.Entails(polyhedron, nonIncreasing, $"nu{multiplier++}_"));
        }

        var result = new List<LinearExpr>();
        foreach (var fixedVariable in variables)
        {
            foreach (var sign in new[] { 1, -1 })
            {
                using var session = smt.OpenSolver(timeout, linearQuery: true);
                foreach (var condition in conditions)
                {
                    session.Assert(condition);
                }

                // c_v = ±1
                session.Assert(Formula.Eq(coefficients[fixedVariable], new Const(sign)));
                if (session.Check() != SatResult.Sat)
                {
                    continue;
                }

                // The variables' ranges let c wobble around a direction by tiny fractions (3 ± 2⁻³¹): the nearest
                // integers give the direction meant, which is kept only if no iteration increases it either.
                var model = session.GetModel();
                var direction = new LinearExpr(
                    variables.Select(v => (v, c: Nearest(model.Evaluate(coefficients[v]))))
                        .Where(p => !p.c.IsZero)
                        .ToImmutableSortedDictionary(p => p.v, p => new Rational(p.c, 1), StringComparer.Ordinal),
                    Rational.Zero);
                if (direction.Coefficients.Count >= 2 && !result.Contains(direction) && NeverIncreases(loop, direction, smt, timeout))
                {
                    result.Add(direction);
                }
            }
        }

        return result;
    }

    /// <summary>The integer nearest to <paramref name="value"/>, halves rounded away from zero.</summary>
    private static BigInteger Nearest(Rational value)
    {
        var quotient = BigInteger.DivRem(value.Numerator, value.Denominator, out var remainder);
        return BigInteger.Abs(remainder) * 2 >= value.Denominator ? quotient + value.Sign : quotient;
    }

    /// <summary>Whether no path case of <paramref name="loop"/> has a step where <paramref name="direction"/> grows.</summary>
    private static bool NeverIncreases(IReadOnlyList<LinearTransition> loop, LinearExpr direction, SmtContext smt, TimeSpan timeout)
    {
        var before = direction.ToTerm();
        var after = new LinearExpr(direction.Coefficients.ToImmutableSortedDictionary(p => p.Key + "'", p => p.Value, StringComparer.Ordinal), Rational.Zero).ToTerm();
        foreach (var polyhedron in loop.SelectMany(t => t.Polyhedra))
        {
            using var session = smt.OpenSolver(timeout, linearQuery: true);
            session.Assert(Formula.And(polyhedron.Select(c => c.ToFormula())));
            session.Assert(Formula.Gt(after, before));
            if (session.Check() != SatResult.Unsat)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Upper bounds on each of <paramref name="directions"/> at <paramref name="head"/> on entry: from the function's
    /// start, and from every other way in (the start and the other loop heads, each under its
    /// <paramref name="invariants"/>: a loop after another one, or a callee's loop entered after the caller's). For
    /// combinations that no iteration increases, the first are inductive wherever the start is the only way in, the
    /// second wherever the loop's own transitions are the only ones that come back.
    /// </summary>
    public static List<Formula> OnEntry(TransitionSystem ts, int head, IReadOnlyDictionary<int, Formula> invariants, IReadOnlyList<Term> directions, SmtContext smt, Func<TimeSpan> timeout)
    {
        var fromStart = ts.Transitions.Where(t => t.To == head && t.From == ts.Entry).ToList();
        var fromElsewhere = ts.Transitions.Where(t => t.To == head && t.From != head).ToList();
        var bounds = fromStart.Count > 0 ? Bounds(ts, fromStart, new Dictionary<int, Formula>(), directions, [true], smt, timeout) : [];
        if (fromElsewhere.Count > fromStart.Count)
        {
            bounds.AddRange(Bounds(ts, fromElsewhere, invariants, directions, [true], smt, timeout));
        }

        return bounds;
    }

    /// <summary>
    /// Bounds on each of <paramref name="templates"/> at <paramref name="head"/> that hold on entry and after every
    /// transition into it from a state satisfying <paramref name="invariants"/>: the weaker of the entry bound and the
    /// bound after one iteration, on each side where both are finite. They are candidates: they hold initially only
    /// where the entry transitions are all the ways in, and they are inductive only where Houdini finds them so.
    /// </summary>
    public static List<Formula> AfterOneIteration(TransitionSystem ts, int head, IReadOnlyDictionary<int, Formula> invariants, IReadOnlyList<Term> templates, SmtContext smt, Func<TimeSpan> timeout) =>
        Bounds(ts, [.. ts.Transitions.Where(t => t.To == head)], invariants, templates, [true, false], smt, timeout);

    private static List<Formula> Bounds(TransitionSystem ts, List<Transition> into, IReadOnlyDictionary<int, Formula> invariants, IReadOnlyList<Term> templates, bool[] sides, SmtContext smt, Func<TimeSpan> timeout)
    {
        // The loosest optimum of each template and side over all the transitions; null once one of them is unbounded.
        var objectives = templates.SelectMany(template => sides.Select(maximize => (Template: template, Maximize: maximize))).ToList();
        var loosest = objectives.ToDictionary(o => o, _ => (BigInteger?)null);
        var open = objectives.ToHashSet();
        foreach (var t in into)
        {
            var pre = t.From == ts.Entry ? ts.Initial : invariants.GetValueOrDefault(t.From);
            if (pre is null)
            {
                return [];
            }

            // Read off a box where the relation is one; otherwise one optimizer per transition, each objective
            // optimized in a scope of its own.
            // A transition that no state under the invariant takes (a call's early return that the next call repeats)
            // bounds nothing, and asks for no bound either.
            var boxed = Invariants.BoxOptima(Formula.And(pre, t.Relation), [.. objectives.Select(o => ts.Primed(o.Template))], out var empty);
            if (empty)
            {
                continue;
            }

            using var optimizer = boxed is null ? smt.OpenSolver(timeout()) : null;
            optimizer?.Assert(pre);
            optimizer?.Assert(t.Relation);
            for (var i = 0; i < objectives.Count; i++)
            {
                var objective = objectives[i];
                if (!open.Contains(objective))
                {
                    continue;
                }

                var (status, optimum) = boxed is not null
                    ? (SatResult.Sat, objective.Maximize ? boxed[i].Max : boxed[i].Min)
                    : optimizer!.Optimum(ts.Primed(objective.Template), objective.Maximize);
                if (status == SatResult.Unsat)
                {
                    break;
                }

                if (status != SatResult.Sat || optimum is not { } value)
                {
                    open.Remove(objective);
                    continue;
                }

                var bound = objective.Maximize ? value.Ceiling() : value.Floor();
                loosest[objective] = loosest[objective] is { } current
                    ? (objective.Maximize ? BigInteger.Max(current, bound) : BigInteger.Min(current, bound))
                    : bound;
            }
        }

        var result = new List<Formula>();
        foreach (var (template, maximize) in objectives.Where(open.Contains))
        {
            if (loosest[(template, maximize)] is { } b)
            {
                result.Add(maximize ? Formula.Le(template, new Const(b)) : Formula.Ge(template, new Const(b)));
            }
        }

        return result;
    }
}
