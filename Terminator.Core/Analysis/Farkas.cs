using System.Collections.Immutable;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// An affine template Σ cᵥ·v + c₀ whose coefficients are terms over unknown reals (linear in the unknowns).
/// </summary>
internal sealed record AffineTemplate(ImmutableDictionary<string, Term> Coefficients, Term Constant)
{
    public Term CoefficientOf(string variable) => Coefficients.GetValueOrDefault(variable) ?? new Const(0);

    public bool Equals(AffineTemplate? other) =>
        other is not null && Constant == other.Constant && Coefficients.Count == other.Coefficients.Count
        && Coefficients.All(p => other.Coefficients.TryGetValue(p.Key, out var c) && c == p.Value);

    public override int GetHashCode() => HashCode.Combine(Constant, Coefficients.Count);
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
    public static Formula Entails(IReadOnlyList<LinearConstraint> premises, AffineTemplate goal, string multiplierPrefix)
    {
        var lambdas = premises.Select((_, i) => new Var($"{multiplierPrefix}{i}", Sort.Real)).ToList();
        var constraints = new List<Formula>();

        // λ ≥ 0
        constraints.AddRange(lambdas.Select(l => Formula.Ge(l, new Const(0))));

        // λA = c, one equation per variable z_j
        var variables = premises.SelectMany(p => p.Expr.Coefficients.Keys).Concat(goal.Coefficients.Keys).Distinct(StringComparer.Ordinal);
        foreach (var z in variables)
        {
            Term lhs = new Const(0);
            for (var i = 0; i < premises.Count; i++)
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
        for (var i = 0; i < premises.Count; i++)
        {
            rhs = LogicOps.SimplifyArith(ArithOp.Add, rhs, LogicOps.SimplifyArith(ArithOp.Mul, new Const(-premises[i].Expr.Constant), lambdas[i]));
        }

        constraints.Add(Formula.Le(rhs, LogicOps.SimplifyArith(ArithOp.Sub, new Const(0), goal.Constant)));
        return Formula.And(constraints);
    }
}
