using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>Raised when a formula does not fit the linear abstraction within the size limits.</summary>
internal sealed class NotLinearizableException(string why) : Exception(why);

/// <summary>
/// Over-approximates a formula of the exact logic by a disjunction of conjunctions of linear constraints over
/// integer-valued variables. Non-linear terms become fresh unconstrained variables; division and remainder by a
/// constant become exact linear constraints on a fresh quotient. Every integer model of the formula extends to a
/// model of some disjunct, so what holds for all disjuncts holds for the formula.
/// </summary>
internal sealed class Linearizer(string auxPrefix, int maxDisjuncts = 256)
{
    private int auxCounter;

    // Each distinct division, remainder or product is abstracted once, by a fresh variable whose defining cases
    // are conjoined once at the end: repeated occurrences (a range check and a use of the same a % b) then share
    // one case split instead of multiplying the disjuncts.
    private readonly Dictionary<Term, LinearExpr> abstracted = [];
    private readonly List<List<ImmutableList<LinearConstraint>>> definitions = [];

    public List<ImmutableList<LinearConstraint>> Dnf(Formula f)
    {
        var result = DnfOf(f);
        for (var i = 0; i < definitions.Count; i++)
        {
            result = Product(result, definitions[i]);
        }

        definitions.Clear();
        abstracted.Clear();
        return result;
    }

    /// <summary>The abstraction of a non-linear term: a fresh variable, defined by the term's cases.</summary>
    private List<(LinearExpr Value, ImmutableList<LinearConstraint> Side)> Abstract(Arith a)
    {
        // x·y and y·x are one value: products are keyed by their factors in a fixed order, so that an invariant
        // written with either order constrains the same abstraction as the program's own term.
        var key = a.Op == ArithOp.Mul ? CanonicalProduct(a) : a;
        if (!abstracted.TryGetValue(key, out var variable))
        {
            variable = LinearExpr.Of(FreshAux().Name);
            abstracted[key] = variable;
            var cases = new List<ImmutableList<LinearConstraint>>();
            foreach (var (value, side) in ExactAlternatives(a))
            {
                // variable = value, as two inequalities
                cases.Add(side.Add(new(variable - value)).Add(new(value - variable)));
                Check(cases.Count);
            }

            definitions.Add(cases);
        }

        return [(variable, [])];
    }

    /// <summary>A product with its factors (of nested products) sorted by their text, multiplied left to right.</summary>
    private static Term CanonicalProduct(Arith product)
    {
        var factors = new List<Term>();
        void Collect(Term t)
        {
            if (t is Arith { Op: ArithOp.Mul } m)
            {
                Collect(m.Left);
                Collect(m.Right);
            }
            else
            {
                factors.Add(t);
            }
        }

        Collect(product);
        return factors.OrderBy(f => f.ToString(), StringComparer.Ordinal).Aggregate((l, r) => new Arith(ArithOp.Mul, l, r));
    }

    private List<ImmutableList<LinearConstraint>> DnfOf(Formula f)
    {
        switch (f)
        {
            case BoolConst b:
                return b.Value ? [ImmutableList<LinearConstraint>.Empty] : [];
            case Cmp c:
                return Compare(c);
            case NotF n:
                return DnfOf(n.Inner is NotF nn ? nn.Inner : n.Inner.Negate() is NotF ? throw new NotLinearizableException("negation") : n.Inner.Negate());
            case AndF a:
            {
                List<Case> acc = [new(ImmutableList<LinearConstraint>.Empty, [])];
                foreach (var part in a.Parts)
                {
                    acc = Product(acc, DnfOf(part));
                }

                return [.. acc.Select(c => c.Constraints)];
            }

            case OrF o:
            {
                var acc = new List<ImmutableList<LinearConstraint>>();
                foreach (var part in o.Parts)
                {
                    acc.AddRange(DnfOf(part));
                    Check(acc.Count);
                }

                return acc;
            }

            default:
                throw new NotLinearizableException($"unsupported formula {f.GetType().Name}");
        }
    }

    private void Check(int count)
    {
        if (count > maxDisjuncts)
        {
            throw new NotLinearizableException($"more than {maxDisjuncts} disjuncts");
        }
    }

    private List<ImmutableList<LinearConstraint>> Product(List<ImmutableList<LinearConstraint>> a, List<ImmutableList<LinearConstraint>> b)
    {
        var cases = new List<Case>();
        foreach (var x in a)
        {
            if (Bounds(x) is { } bounds)
            {
                cases.Add(new(x, bounds));
            }
        }

        return [.. Product(cases, b).Select(c => c.Constraints)];
    }

    /// <summary>
    /// The cases of <paramref name="a"/> ∧ <paramref name="b"/>, leaving out those that are contradictory in the sense
    /// of <see cref="Contradictory(IReadOnlyList{LinearConstraint})"/>. Each case carries the bounds of its
    /// constraints, so that only the constraints a case gains are looked at: a conjunction of n constraints costs n
    /// steps, not n².
    /// </summary>
    private List<Case> Product(List<Case> a, List<ImmutableList<LinearConstraint>> b)
    {
        var result = new List<Case>();
        foreach (var x in a)
        {
            for (var i = 0; i < b.Count; i++)
            {
                // The last case may take x's bounds over; the others work on a copy.
                var y = b[i];
                var bounds = i == b.Count - 1 ? x.Bounds : new Dictionary<LinearExpr, (Rational? Lower, Rational? Upper)>(x.Bounds);
                if (y.All(constraint => Tighten(bounds, constraint)))
                {
                    result.Add(new(x.Constraints.AddRange(y), bounds));
                    Check(result.Count);
                }
            }
        }

        return result;
    }

    /// <summary>The constraints of one case of a disjunctive normal form, with the bounds they put on each linear form.</summary>
    private sealed record Case(ImmutableList<LinearConstraint> Constraints, Dictionary<LinearExpr, (Rational? Lower, Rational? Upper)> Bounds);

    /// <summary>
    /// Whether the constraints bound one linear form from both sides with the lower bound above the upper one (as
    /// <c>m &gt;= 1</c> and <c>m - 1 &lt; 0</c> do), or one of them is a false constant. Such a case has no model, so
    /// leaving it out of a product keeps the disjunction equivalent; doing so as the product is built keeps the cases
    /// that an invariant already rules out (a wrap of <c>m - 1</c> under <c>m &gt; 0</c>) from multiplying with the
    /// others.
    /// </summary>
    internal static bool Contradictory(IReadOnlyList<LinearConstraint> constraints) => Bounds(constraints) is null;

    /// <summary>
    /// The tightest bound that <paramref name="constraints"/> put on each linear form, from below and from above; null
    /// when they are contradictory in the sense of <see cref="Contradictory(IReadOnlyList{LinearConstraint})"/>.
    /// </summary>
    private static Dictionary<LinearExpr, (Rational? Lower, Rational? Upper)>? Bounds(IReadOnlyList<LinearConstraint> constraints)
    {
        var bounds = new Dictionary<LinearExpr, (Rational? Lower, Rational? Upper)>();
        foreach (var constraint in constraints)
        {
            if (!Tighten(bounds, constraint))
            {
                return null;
            }
        }

        return bounds;
    }

    /// <summary>
    /// Adds the bound of <paramref name="constraint"/> to <paramref name="bounds"/>; false when the constraint is a
    /// false constant or its form's lower bound passes the upper one.
    /// </summary>
    private static bool Tighten(Dictionary<LinearExpr, (Rational? Lower, Rational? Upper)> bounds, LinearConstraint constraint)
    {
        var e = constraint.Expr;
        if (e.IsConstant)
        {
            return e.Constant.Sign <= 0;
        }

        var (form, limit, upperBound) = Normalized(e);
        var (lower, upper) = bounds.GetValueOrDefault(form);
        if (upperBound)
        {
            upper = upper is { } u && u <= limit ? u : limit;
        }
        else
        {
            lower = lower is { } l && l >= limit ? l : limit;
        }

        bounds[form] = (lower, upper);
        return lower is not { } low || upper is not { } high || low <= high;
    }

    /// <summary>
    /// e = a·f + k ≤ 0 with f's first coefficient 1: f ≤ -k/a when a &gt; 0 (an upper bound), f ≥ -k/a when a &lt; 0.
    /// </summary>
    private static (LinearExpr Form, Rational Limit, bool Upper) Normalized(LinearExpr e)
    {
        var lead = e.Coefficients.First().Value;
        return ((Rational.One / lead) * (e with { Constant = Rational.Zero }), -e.Constant / lead, lead.Sign > 0);
    }

    private List<ImmutableList<LinearConstraint>> Compare(Cmp c)
    {
        var result = new List<ImmutableList<LinearConstraint>>();
        foreach (var (l, lc) in Alternatives(c.Left))
        {
            foreach (var (r, rc) in Alternatives(c.Right))
            {
                // Integer tightening needs integer coefficients: scale by the common denominator first.
                var diff = (l - r).ClearDenominators();
                var side = lc.AddRange(rc);
                var one = LinearExpr.Of(Rational.One);
                switch (c.Op)
                {
                    case CmpOp.Le: result.Add(side.Add(new(diff))); break;
                    case CmpOp.Lt: result.Add(side.Add(new(diff + one))); break;
                    case CmpOp.Ge: result.Add(side.Add(new(LinearExpr.Zero - diff))); break;
                    case CmpOp.Gt: result.Add(side.Add(new(LinearExpr.Zero - diff + one))); break;
                    case CmpOp.Eq: result.Add(side.Add(new(diff)).Add(new(LinearExpr.Zero - diff))); break;
                    default:
                        result.Add(side.Add(new(diff + one)));
                        result.Add(side.Add(new(LinearExpr.Zero - diff + one)));
                        break;
                }

                Check(result.Count);
            }
        }

        return result;
    }

    private Var FreshAux() => new($"{auxPrefix}{++auxCounter}");

    /// <summary>The possible linear values of a term, each with the constraints under which it is the value.</summary>
    private List<(LinearExpr Value, ImmutableList<LinearConstraint> Side)> Alternatives(Term t)
    {
        switch (t)
        {
            case Const c:
                return [(LinearExpr.Of(c.Value), [])];
            case Var v:
                return [(LinearExpr.Of(v.Name), [])];
            case Ite ite:
            {
                var result = new List<(LinearExpr, ImmutableList<LinearConstraint>)>();
                foreach (var guard in DnfOf(ite.Condition))
                {
                    foreach (var (value, side) in Alternatives(ite.Then))
                    {
                        result.Add((value, guard.AddRange(side)));
                    }
                }

                foreach (var guard in DnfOf(ite.Condition.Negate()))
                {
                    foreach (var (value, side) in Alternatives(ite.Else))
                    {
                        result.Add((value, guard.AddRange(side)));
                    }
                }

                Check(result.Count);
                return result;
            }

            case Arith a:
                return ArithAlternatives(a);
            default:
                throw new NotLinearizableException($"unsupported term {t.GetType().Name}");
        }
    }

    private List<(LinearExpr Value, ImmutableList<LinearConstraint> Side)> ArithAlternatives(Arith a) =>
        a.Op is ArithOp.Add or ArithOp.Sub || IsConstantTerm(a.Left) || (a.Op == ArithOp.Mul && IsConstantTerm(a.Right))
            ? ExactAlternatives(a)
            : Abstract(a);

    private static bool IsConstantTerm(Term t) => t switch
    {
        Const => true,
        Arith a => IsConstantTerm(a.Left) && IsConstantTerm(a.Right),
        _ => false,
    };

    private List<(LinearExpr Value, ImmutableList<LinearConstraint> Side)> ExactAlternatives(Arith a)
    {
        var left = Alternatives(a.Left);
        var right = Alternatives(a.Right);
        var result = new List<(LinearExpr, ImmutableList<LinearConstraint>)>();
        foreach (var (l, lc) in left)
        {
            foreach (var (r, rc) in right)
            {
                var side = lc.AddRange(rc);
                switch (a.Op)
                {
                    case ArithOp.Add: result.Add((l + r, side)); break;
                    case ArithOp.Sub: result.Add((l - r, side)); break;
                    case ArithOp.Mul when l.IsConstant: result.Add((l.Constant * r, side)); break;
                    case ArithOp.Mul when r.IsConstant: result.Add((r.Constant * l, side)); break;
                    case ArithOp.Mul: result.Add((LinearExpr.Of(FreshAux().Name), side)); break;
                    default:
                        result.AddRange(Division(a.Op, l, r, side));
                        break;
                }

                Check(result.Count);
            }
        }

        return result;
    }

    /// <summary>Quotient and remainder by a non-zero integer constant, exactly; by anything else, an unconstrained value.</summary>
    private IEnumerable<(LinearExpr, ImmutableList<LinearConstraint>)> Division(ArithOp op, LinearExpr dividend, LinearExpr divisor, ImmutableList<LinearConstraint> side)
    {
        if (!divisor.IsConstant)
        {
            foreach (var alternative in DivisionByVariable(op, dividend, divisor, side))
            {
                yield return alternative;
            }

            yield break;
        }

        if (!divisor.Constant.IsInteger || divisor.Constant.Sign == 0)
        {
            yield return (LinearExpr.Of(FreshAux().Name), side);
            yield break;
        }

        var d = divisor.Constant;
        var q = LinearExpr.Of(FreshAux().Name);
        var one = LinearExpr.Of(Rational.One);
        var dq = d * q;
        LinearExpr Result(LinearExpr quotient) => op is ArithOp.DivTrunc or ArithOp.DivFloor ? quotient : dividend - (d * quotient);

        if (op is ArithOp.DivFloor or ArithOp.ModFloor)
        {
            if (d.Sign > 0)
            {
                // d·q ≤ a ≤ d·q + d − 1
                yield return (Result(q), side.Add(new(dq - dividend)).Add(new(dividend - dq - LinearExpr.Of(d) + one)));
            }
            else
            {
                // a ≤ d·q ≤ a − d − 1
                yield return (Result(q), side.Add(new(dividend - dq)).Add(new(dq - dividend + LinearExpr.Of(d) + one)));
            }

            yield break;
        }

        // Truncation: q = sign(a)·floor(|a| / |d|) · sign(d).
        var m = d.Sign > 0 ? d : -d;
        var quotient = d.Sign > 0 ? q : LinearExpr.Zero - q;
        var mq = m * q;
        // a ≥ 0: m·q ≤ a ≤ m·q + m − 1
        yield return (Result(quotient), side.Add(new(LinearExpr.Zero - dividend)).Add(new(mq - dividend)).Add(new(dividend - mq - LinearExpr.Of(m) + one)));
        // a < 0: m·q − m + 1 ≤ a ≤ m·q
        yield return (Result(quotient), side.Add(new(dividend + one)).Add(new(dividend - mq)).Add(new(mq - dividend - LinearExpr.Of(m) + one)));
    }

    /// <summary>
    /// Division and remainder by a non-constant divisor d: the result r gets the bounds |r| &lt; |d| with the right
    /// sign, case by case on the signs of d (and, for C's remainder, of the dividend); a quotient gets bounds only in
    /// the common case of a non-negative dividend and a positive divisor. The case d = 0 keeps r unconstrained.
    /// </summary>
    private IEnumerable<(LinearExpr, ImmutableList<LinearConstraint>)> DivisionByVariable(ArithOp op, LinearExpr a, LinearExpr d, ImmutableList<LinearConstraint> side)
    {
        var r = LinearExpr.Of(FreshAux().Name);
        var one = LinearExpr.Of(Rational.One);
        var zero = LinearExpr.Zero;
        LinearConstraint Le(LinearExpr x, LinearExpr y) => new(x - y);

        // d = 0 never runs (division by zero stops first), but keeping it is what makes the cases cover every model.
        yield return (r, side.Add(Le(d, zero)).Add(Le(zero, d)));
        switch (op)
        {
            case ArithOp.ModFloor:
                // d ≥ 1: 0 ≤ r ≤ d − 1;  d ≤ −1: d + 1 ≤ r ≤ 0
                yield return (r, side.Add(Le(one, d)).Add(Le(zero, r)).Add(Le(r, d - one)));
                yield return (r, side.Add(Le(d, zero - one)).Add(Le(d + one, r)).Add(Le(r, zero)));
                break;
            case ArithOp.RemTrunc:
                // The remainder has the dividend's sign, is no larger than it in magnitude, and |r| ≤ |d| − 1.
                yield return (r, side.Add(Le(zero, a)).Add(Le(one, d)).Add(Le(zero, r)).Add(Le(r, d - one)).Add(Le(r, a)));
                yield return (r, side.Add(Le(zero, a)).Add(Le(d, zero - one)).Add(Le(zero, r)).Add(Le(r, zero - d - one)).Add(Le(r, a)));
                yield return (r, side.Add(Le(a, zero - one)).Add(Le(one, d)).Add(Le(one - d, r)).Add(Le(r, zero)).Add(Le(a, r)));
                yield return (r, side.Add(Le(a, zero - one)).Add(Le(d, zero - one)).Add(Le(d + one, r)).Add(Le(r, zero)).Add(Le(a, r)));
                break;
            default:
                // Quotient: q = a when a ≥ 0 and d = 1, 0 ≤ 2q ≤ a when a ≥ 0 and d ≥ 2 (q ≤ a/d ≤ a/2, truncating or
                // flooring alike); otherwise unconstrained.
                yield return (r, side.Add(Le(zero, a)).Add(Le(one, d)).Add(Le(d, one)).Add(Le(r, a)).Add(Le(a, r)));
                yield return (r, side.Add(Le(zero, a)).Add(Le(one + one, d)).Add(Le(zero, r)).Add(Le(r + r, a)));
                yield return (r, side.Add(Le(a, zero - one)).Add(Le(one, d)));
                yield return (r, side.Add(Le(d, zero - one)));
                break;
        }
    }
}
