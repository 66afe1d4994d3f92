using Terminator.Core.Analysis;
using Terminator.Core.Logic;

namespace Terminator.Tests.Analysis;

/// <summary>
/// Conjunctions whose equalities leave only single-variable bounds: entry bounds read off the box without an
/// optimizer, and integer feasibility decided without a solver.
/// </summary>
public sealed class BoxTests
{
    private static readonly Var X = new("x'");
    private static readonly Var Y = new("y'");
    private static readonly Var A = new("a");

    private static Const C(long c) => new(c);

    private static Arith Plus(Term l, Term r) => new Arith(ArithOp.Add, l, r);

    private static Arith Minus(Term l, Term r) => new Arith(ArithOp.Sub, l, r);

    private static List<(Rational? Max, Rational? Min)>? Optima(Formula relation, params Term[] objectives) =>
        Invariants.BoxOptima(relation, objectives);

    [Test]
    public void EqualitiesAreSolvedBeforeTheBoxIsRead()
    {
        // x' = a + 1, y' = 2, 0 ≤ a ≤ 10
        var relation = Formula.And(Formula.Eq(X, Plus(A, C(1))), Formula.Eq(Y, C(2)), Formula.Ge(A, C(0)), Formula.Le(A, C(10)));
        var optima = Optima(relation, X, Plus(X, Y), Minus(X, Y));
        Assert.That(optima, Is.EqualTo(new (Rational?, Rational?)[]
        {
            (new Rational(11, 1), Rational.One),
            (new Rational(13, 1), new Rational(3, 1)),
            (new Rational(9, 1), new Rational(-1, 1)),
        }));
    }

    [Test]
    public void AMissingBoundLeavesThatSideUnbounded()
    {
        var optima = Optima(Formula.And(Formula.Eq(X, A), Formula.Ge(A, C(0))), X, Minus(C(0), X));
        Assert.That(optima, Is.EqualTo(new (Rational?, Rational?)[] { (null, Rational.Zero), (Rational.Zero, null) }));
    }

    [Test]
    public void BoundsOfIntegersAreRoundedInward()
    {
        // 2·x' ≤ 5 and 2·x' ≥ -3 leave the integers -1 … 2.
        var twice = new Arith(ArithOp.Mul, C(2), X);
        var optima = Optima(Formula.And(Formula.Le(twice, C(5)), Formula.Ge(twice, C(-3))), X);
        Assert.That(optima, Is.EqualTo(new (Rational?, Rational?)[] { (new Rational(2, 1), new Rational(-1, 1)) }));
    }

    [Test]
    public void AUnionOfBoxesTakesTheLoosestBounds()
    {
        var relation = Formula.Or(Formula.And(Formula.Eq(X, C(0)), Formula.Eq(Y, C(7))), Formula.And(Formula.Eq(X, C(5)), Formula.Eq(Y, C(-1))));
        var optima = Optima(relation, X, Y);
        Assert.That(optima, Is.EqualTo(new (Rational?, Rational?)[] { (new Rational(5, 1), Rational.Zero), (new Rational(7, 1), new Rational(-1, 1)) }));
    }

    [Test]
    public void AnEmptyRelationBoundsNothing()
    {
        var optima = Optima(Formula.And(Formula.Ge(X, C(1)), Formula.Le(X, C(0))), X);
        Assert.That(optima, Is.EqualTo(new (Rational?, Rational?)[] { (null, null) }));
    }

    [Test]
    public void AConstraintOverTwoVariablesNeedsAnOptimizer()
    {
        Assert.That(Optima(Formula.And(Formula.Le(X, Y), Formula.Ge(X, C(0)), Formula.Le(Y, C(3))), X), Is.Null);
    }

    [Test]
    public void ANonLinearObjectiveNeedsAnOptimizer()
    {
        Assert.That(Optima(Formula.Eq(X, C(1)), new Arith(ArithOp.Mul, X, X)), Is.Null);
    }

    private static LinearConstraint Le(LinearExpr e) => new(e);

    private static LinearExpr Lx => LinearExpr.Of("x");

    private static LinearExpr Ly => LinearExpr.Of("y");

    private static LinearExpr K(long c) => LinearExpr.Of(c);

    [Test]
    public void ConflictingBoundsHaveNoIntegerPoint()
    {
        // x = y + 1 with y ≥ 0 and x ≤ 0
        Assert.That(Box.HasIntegerPoint([Le(Lx - Ly - K(1)), Le(Ly - Lx + K(1)), Le(K(0) - Ly), Le(Lx)]), Is.False);
    }

    [Test]
    public void BoundsLeftEmptyByRoundingHaveNoIntegerPoint()
    {
        // 2·x ≤ 3 and 3·x ≥ 4: the rationals from 4/3 to 3/2, and no integer.
        Assert.That(Box.HasIntegerPoint([Le((new Rational(2, 1) * Lx) - K(3)), Le(K(4) - (new Rational(3, 1) * Lx))]), Is.False);
    }

    [Test]
    public void AnIntegerBoxWithIntegerSubstitutionsHasAPoint()
    {
        // x = y + 1, 0 ≤ y ≤ 3
        Assert.That(Box.HasIntegerPoint([Le(Lx - Ly - K(1)), Le(Ly - Lx + K(1)), Le(K(0) - Ly), Le(Ly - K(3))]), Is.True);
    }

    [Test]
    public void AFractionalSubstitutionIsLeftToTheSolver()
    {
        // 2·x = y with 1 ≤ y ≤ 1: x = 1/2 is no integer, which the box of y alone does not show.
        var twice = new Rational(2, 1) * Lx;
        Assert.That(Box.HasIntegerPoint([Le(twice - Ly), Le(Ly - twice), Le(K(1) - Ly), Le(Ly - K(1))]), Is.Null);
    }

    [Test]
    public void AConstraintOverTwoVariablesIsLeftToTheSolver()
    {
        Assert.That(Box.HasIntegerPoint([Le(Lx - Ly), Le(K(0) - Lx)]), Is.Null);
    }
}
