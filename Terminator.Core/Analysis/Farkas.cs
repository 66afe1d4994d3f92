using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// An affine template Σ cᵥ·v + c₀ whose coefficients are terms over unknown reals (linear in the unknowns).
/// </summary>
internal sealed record AffineTemplate(EquatableDictionary<string, Term> Coefficients, Term Constant)
{
    public Term CoefficientOf(string variable) => Coefficients.TryGetValue(variable, out var c) ? c : new Const(0);
}

/// <summary>
/// The affine form of Farkas' lemma, as used by Podelski and Rybalchenko ("A complete method for the synthesis of
/// linear ranking functions", VMCAI 2004): for a non-empty polyhedron { z | A·z ≤ b },
/// <c>∀z. A·z ≤ b ⇒ c·z ≤ δ</c> holds iff <c>∃λ ≥ 0. λA = c ∧ λb ≤ δ</c>.
/// </summary>
internal static class Farkas
{
    /// <summary>
    /// Constraints over the template's unknowns and fresh multipliers (named <paramref name="multiplierPrefix"/>i)
    /// that imply <c>∀z. premises(z) ⇒ goal(z) ≤ 0</c>. Each premise is <c>aᵢ·z + βᵢ ≤ 0</c>, that is
    /// <c>aᵢ·z ≤ −βᵢ</c>; the goal <c>c·z + γ ≤ 0</c> is <c>c·z ≤ −γ</c>.
    /// </summary>
    public static Formula Entails(IReadOnlyList<LinearConstraint> premises, AffineTemplate goal, string multiplierPrefix) =>
        Entails(EliminateEqualities(premises), goal, multiplierPrefix);

    /// <summary>
    /// The same constraints for premises whose equalities are already solved (see <see cref="EliminateEqualities"/>):
    /// the goal is substituted likewise, and only the remaining inequalities get multipliers.
    /// </summary>
    public static Formula Entails(ReducedPremises reduced, AffineTemplate goal, string multiplierPrefix)
    {
        goal = Substitute(goal, reduced.Substitutions);
        var premises = reduced.Rows;
        var lambdas = premises.Select((_, i) => new Var($"{multiplierPrefix}{i}", Sort.Real)).ToList();
        var constraints = new List<Formula>();

        // λ ≥ 0
        constraints.AddRange(lambdas.Select(l => Formula.Ge(l, new Const(0))));

        // λA = c, one equation per variable z_j
        var variables = premises.SelectMany(p => p.Expr.Coefficients.Keys).Concat(goal.Coefficients.Keys).Distinct(StringComparer.Ordinal);
        foreach (var z in variables)
        {
            Term lhs = new Const(0);
            for (var i = 0; i < premises.Length; i++)
            {
                if (premises[i].Expr.Coefficients.TryGetValue(z, out var a))
                {
                    lhs = LogicOps.SimplifyArith(ArithOp.Add, lhs, LogicOps.SimplifyArith(ArithOp.Mul, new Const(a), lambdas[i]));
                }
            }

            constraints.Add(Formula.Eq(lhs, goal.CoefficientOf(z)));
        }

        // λb ≤ −γ, with bᵢ = −βᵢ
        Term rhs = new Const(0);
        for (var i = 0; i < premises.Length; i++)
        {
            rhs = LogicOps.SimplifyArith(ArithOp.Add, rhs, LogicOps.SimplifyArith(ArithOp.Mul, new Const(-premises[i].Expr.Constant), lambdas[i]));
        }

        constraints.Add(Formula.Le(rhs, LogicOps.SimplifyArith(ArithOp.Sub, new Const(0), goal.Constant)));
        return Formula.And(constraints);
    }

    /// <summary>
    /// The premises with their equalities solved. An equality a·z + β = 0 (a premise and its negation) with aₖ ≠ 0
    /// defines zₖ = −(Σ_{j≠k} aⱼ·zⱼ + β) / aₖ. Substituting that into the other premises and into the goal maps the
    /// real solutions of the premises one to one onto those of the rest, so the goal holds on all of them exactly
    /// when the substituted goal holds on the rest: Farkas' lemma then needs neither the equality's two multipliers
    /// nor the equation for zₖ.
    /// </summary>
    public static ReducedPremises EliminateEqualities(IReadOnlyList<LinearConstraint> premises)
    {
        // a·z + β ≤ 0 together with −a·z − β ≤ 0
        var rows = premises.Select(p => p.Expr).Distinct().ToList();
        var present = rows.ToHashSet();
        var equalities = new List<LinearExpr>();
        var inequalities = new List<LinearExpr>();
        var paired = new HashSet<LinearExpr>();
        foreach (var row in rows)
        {
            if (paired.Contains(row))
            {
                continue;
            }

            var negated = MinusOne * row;
            if (!row.IsConstant && present.Contains(negated))
            {
                equalities.Add(row);
                paired.Add(negated);
            }
            else
            {
                inequalities.Add(row);
            }
        }

        var substitutions = ImmutableArray.CreateBuilder<(string Variable, LinearExpr Value)>();
        for (var i = 0; i < equalities.Count; i++)
        {
            var equality = equalities[i];
            if (equality.IsConstant)
            {
                // 0 = 0 says nothing; c = 0 with c ≠ 0 has no solution, and stays as its two rows.
                if (equality.Constant.Sign != 0)
                {
                    inequalities.Add(equality);
                    inequalities.Add(MinusOne * equality);
                }

                continue;
            }

            // zₖ = −(a·z + β − aₖ·zₖ) / aₖ, with a coefficient ±1 where there is one, which keeps the numbers small
            var (variable, coefficient) = equality.Coefficients.FirstOrDefault(p => p.Value == Rational.One || p.Value == MinusOne, equality.Coefficients.First());
            var value = (MinusOne / coefficient) * (equality with { Coefficients = equality.Coefficients.Remove(variable) });
            substitutions.Add((variable, value));
            for (var j = i + 1; j < equalities.Count; j++)
            {
                equalities[j] = Substitute(equalities[j], variable, value);
            }

            for (var j = 0; j < inequalities.Count; j++)
            {
                inequalities[j] = Substitute(inequalities[j], variable, value);
            }
        }

        // Rows left as c ≤ 0 with c ≤ 0 hold everywhere. The others are tightened to the integer points they contain.
        var remaining = inequalities.Where(r => !r.IsConstant || r.Constant.Sign > 0).Select(IntegerTightened).Distinct().Select(r => new LinearConstraint(r));
        return new ReducedPremises([.. remaining], substitutions.ToImmutable());
    }

    /// <summary>
    /// The row a·z + β ≤ 0 scaled to coprime integer coefficients a′ and its constant rounded up: a′·z + ⌈β′⌉ ≤ 0
    /// holds at every integer point of the row, since a′·z is then an integer. The variables that remain after the
    /// equalities are solved are the program's integer-valued ones (and the linear abstraction's, which are integers
    /// too), so the rows keep every integer point of the premises while losing rational points between them: an
    /// equality solved with a factor (x′ = −2·x + 2, x″ = −2·x′ + 2 under 0 ≤ x″) leaves 4·x − 2 ≥ 0, which is x ≥ 1.
    /// </summary>
    private static LinearExpr IntegerTightened(LinearExpr row)
    {
        if (row.IsConstant)
        {
            return row;
        }

        var lcm = row.Coefficients.Values.Aggregate(BigInteger.One, (l, c) => l / BigInteger.GreatestCommonDivisor(l, c.Denominator) * c.Denominator);
        var scaled = new Rational(lcm, 1) * row;
        var gcd = scaled.Coefficients.Values.Aggregate(BigInteger.Zero, (g, c) => BigInteger.GreatestCommonDivisor(g, c.Numerator));
        var divided = new Rational(1, gcd) * scaled;
        return divided with { Constant = divided.Constant.Ceiling() };
    }

    private static readonly Rational MinusOne = new(-1, 1);

    /// <summary><paramref name="e"/> with <paramref name="variable"/> replaced by <paramref name="value"/>.</summary>
    internal static LinearExpr Substitute(LinearExpr e, string variable, LinearExpr value) =>
        e.Coefficients.TryGetValue(variable, out var a) ? (e with { Coefficients = e.Coefficients.Remove(variable) }) + (a * value) : e;

    /// <summary>
    /// The goal Σ cᵥ·v + γ after each substitution zₖ := Σ sⱼ·zⱼ + s₀ in turn: cⱼ += cₖ·sⱼ, γ += cₖ·s₀, and cₖ is gone.
    /// </summary>
    private static AffineTemplate Substitute(AffineTemplate goal, ImmutableArray<(string Variable, LinearExpr Value)> substitutions)
    {
        var coefficients = goal.Coefficients.AsImmutableDictionary().ToBuilder();
        var constant = goal.Constant;
        foreach (var (variable, value) in substitutions)
        {
            if (!coefficients.Remove(variable, out var ck))
            {
                continue;
            }

            foreach (var (z, sj) in value.Coefficients)
            {
                var added = LogicOps.SimplifyArith(ArithOp.Mul, new Const(sj), ck);
                coefficients[z] = coefficients.TryGetValue(z, out var cj) ? LogicOps.SimplifyArith(ArithOp.Add, cj, added) : added;
            }

            constant = LogicOps.SimplifyArith(ArithOp.Add, constant, LogicOps.SimplifyArith(ArithOp.Mul, new Const(value.Constant), ck));
        }

        return new AffineTemplate(coefficients.ToImmutable(), constant);
    }
}

/// <summary>
/// Premises with their equalities solved: the inequalities that remain, over the variables that remain, and the
/// substitutions that eliminated the others, in the order they were made (a later one may define a variable that an
/// earlier value uses).
/// </summary>
internal sealed record ReducedPremises(EquatableArray<LinearConstraint> Rows, EquatableArray<(string Variable, LinearExpr Value)> Substitutions)
{
    /// <summary><paramref name="e"/> over the remaining variables: each substitution applied in turn.</summary>
    public LinearExpr Apply(LinearExpr e) =>
        Substitutions.Aggregate(e, (acc, s) => Farkas.Substitute(acc, s.Variable, s.Value));
}
