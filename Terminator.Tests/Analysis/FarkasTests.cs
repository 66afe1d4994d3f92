using System.Collections.Immutable;
using Terminator.Core.Analysis;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Tests.Analysis;

/// <summary>Farkas' lemma encoding: the constraints are satisfiable exactly when the implication holds.</summary>
public sealed class FarkasTests
{
    private static LinearConstraint Le(LinearExpr e) => new(e);

    private static LinearExpr X => LinearExpr.Of("x");

    private static LinearExpr Y => LinearExpr.Of("y");

    private static LinearExpr C(long c) => LinearExpr.Of(c);

    private static AffineTemplate Fixed(LinearExpr e) =>
        new(e.Coefficients.ToImmutableDictionary(p => p.Key, p => (Term)new Const(p.Value)), new Const(e.Constant));

    private static SatResult Solve(Formula f)
    {
        using var smt = new SmtContext();
        using var session = smt.OpenSolver(TimeSpan.FromSeconds(10));
        session.Assert(f);
        return session.Check();
    }

    [Test]
    public void ImpliedBoundHasMultipliers()
    {
        // x ≥ 1 (−x + 1 ≤ 0) implies x ≥ 0 (−x ≤ 0).
        var f = Farkas.Entails([Le(C(1) - X)], Fixed(LinearExpr.Zero - X), "l");
        Assert.That(Solve(f), Is.EqualTo(SatResult.Sat));
    }

    [Test]
    public void BoundThatDoesNotFollowHasNoMultipliers()
    {
        // x ≥ 1 does not imply x ≥ 2.
        var f = Farkas.Entails([Le(C(1) - X)], Fixed(C(2) - X), "l");
        Assert.That(Solve(f), Is.EqualTo(SatResult.Unsat));
    }

    [Test]
    public void CombinesSeveralPremises()
    {
        // x ≥ y + 1 and y ≥ 0 imply x ≥ 1, but neither alone does.
        ImmutableArray<LinearConstraint> both = [Le(Y - X + C(1)), Le(LinearExpr.Zero - Y)];
        Assert.Multiple(() =>
        {
            Assert.That(Solve(Farkas.Entails(both, Fixed(C(1) - X), "l")), Is.EqualTo(SatResult.Sat));
            Assert.That(Solve(Farkas.Entails([both[0]], Fixed(C(1) - X), "l")), Is.EqualTo(SatResult.Unsat));
            Assert.That(Solve(Farkas.Entails([both[1]], Fixed(C(1) - X), "l")), Is.EqualTo(SatResult.Unsat));
        });
    }

    [Test]
    public void SynthesizesUnknownCoefficients()
    {
        // Find a, c with ∀x. x ≥ 5 ⇒ a·x + c ≤ 0 and a = −1: c must be at most 5.
        var a = new Var("a", Sort.Real);
        var c = new Var("c", Sort.Real);
        var template = new AffineTemplate(ImmutableDictionary<string, Term>.Empty.Add("x", a), c);
        var f = Formula.And(Farkas.Entails([Le(C(5) - X)], template, "l"), Formula.Eq(a, new Const(-1)));
        using var smt = new SmtContext();
        using var session = smt.OpenOptimizer(TimeSpan.FromSeconds(10));
        session.Assert(f);
        session.Maximize(c);
        Assert.That(session.Check(), Is.EqualTo(SatResult.Sat));
        Assert.That(session.GetModel().Evaluate(c), Is.EqualTo(new Rational(5, 1)));
    }

    private static LinearExpr XPrimed => LinearExpr.Of("x'");

    [Test]
    public void SolvedEqualitiesLeaveTheInequalitiesOverTheRemainingVariables()
    {
        // x′ = x − 1 (two rows) and x ≥ 1: one of x and x′ is solved for, and x ≥ 1 is left over the other.
        var reduced = Farkas.EliminateEqualities([Le(XPrimed - X + C(1)), Le(X - XPrimed - C(1)), Le(C(1) - X)]);
        var solved = reduced.Substitutions.Single().Variable;
        var other = solved == "x" ? "x'" : "x";
        Assert.Multiple(() =>
        {
            Assert.That(solved, Is.AnyOf("x", "x'"));
            Assert.That(reduced.Rows.Single().Expr.Coefficients.Keys, Is.EqualTo(new[] { other }));
        });
    }

    [Test]
    public void EqualitiesThatDefineEachOtherAreSolvedInTurn()
    {
        // y = x + 1, x′ = y + 1 and x ≥ 0 imply x′ ≥ 2 but not x′ ≥ 3: the second equality is rewritten by the first.
        ImmutableArray<LinearConstraint> premises =
        [
            Le(Y - X - C(1)), Le(X + C(1) - Y),
            Le(XPrimed - Y - C(1)), Le(Y + C(1) - XPrimed),
            Le(LinearExpr.Zero - X),
        ];
        Assert.Multiple(() =>
        {
            Assert.That(Farkas.EliminateEqualities(premises).Rows, Has.Length.EqualTo(1));
            Assert.That(Solve(Farkas.Entails(premises, Fixed(C(2) - XPrimed), "l")), Is.EqualTo(SatResult.Sat));
            Assert.That(Solve(Farkas.Entails(premises, Fixed(C(3) - XPrimed), "l")), Is.EqualTo(SatResult.Unsat));
        });
    }

    [Test]
    public void EqualitiesWithoutCommonSolutionsStillImplyAnyBound()
    {
        // x = 0 and x = 1 have no common solution. Once x is solved, the contradiction 1 ≤ 0 stays a premise, and with
        // a large enough multiplier it implies any bound on x, such as x ≤ −100, as the two equalities did.
        ImmutableArray<LinearConstraint> premises = [Le(X), Le(LinearExpr.Zero - X), Le(X - C(1)), Le(C(1) - X)];
        Assert.Multiple(() =>
        {
            Assert.That(Farkas.EliminateEqualities(premises).Rows.Select(r => r.Expr), Is.EqualTo(new[] { C(1) }));
            Assert.That(Solve(Farkas.Entails(premises, Fixed(X + C(100)), "l")), Is.EqualTo(SatResult.Sat));
        });
    }

    [Test]
    public void SubstitutedGoalKeepsUnknownCoefficientsLinear()
    {
        // x′ = x − 2 and x ≥ 0: find a with ∀x, x′. a·x − a·x′ ≥ 1 (a ranking-style decrease) and the least such a.
        var a = new Var("a", Sort.Real);
        var decrease = new AffineTemplate(
            ImmutableDictionary<string, Term>.Empty.Add("x", new Arith(ArithOp.Sub, new Const(0), a)).Add("x'", a),
            new Const(1));
        ImmutableArray<LinearConstraint> premises = [Le(XPrimed - X + C(2)), Le(X - XPrimed - C(2)), Le(LinearExpr.Zero - X)];
        using var smt = new SmtContext();
        using var session = smt.OpenOptimizer(TimeSpan.FromSeconds(10));
        session.Assert(Farkas.Entails(premises, decrease, "l"));
        session.Minimize(a);
        Assert.That(session.Check(), Is.EqualTo(SatResult.Sat));
        Assert.That(session.GetModel().Evaluate(a), Is.EqualTo(new Rational(1, 2)));
    }
}
