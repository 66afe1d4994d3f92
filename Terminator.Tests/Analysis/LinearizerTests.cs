using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Logic;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>
/// The linear abstraction of a formula as a disjunction of cases: cases that bound one linear form from both sides
/// with nothing between are left out as the cases are multiplied, and only those.
/// </summary>
public sealed class LinearizerTests
{
    private static LinearConstraint Le(LinearExpr e) => new(e);

    private static LinearExpr X => LinearExpr.Of("x");

    private static LinearExpr Y => LinearExpr.Of("y");

    private static LinearExpr C(long c) => LinearExpr.Of(c);

    [Test]
    public void BoundsOfOneFormThatLeaveNothingBetweenAreAContradiction()
    {
        Assert.Multiple(() =>
        {
            // x ≥ 1 and x ≤ 0.
            Assert.That(Linearizer.Contradictory([Le(C(1) - X), Le(X)]), Is.True);

            // 2x + 2y ≥ 3 and x + y ≤ 1: the same form up to a positive factor.
            Assert.That(Linearizer.Contradictory([Le(C(3) - (2 * X) - (2 * Y)), Le(X + Y - C(1))]), Is.True);

            // A false constant.
            Assert.That(Linearizer.Contradictory([Le(C(1))]), Is.True);
        });
    }

    [Test]
    public void BoundsWithRoomBetweenOrOnDifferentFormsAreKept()
    {
        Assert.Multiple(() =>
        {
            // x ≥ 1 and x ≤ 1: the point x = 1.
            Assert.That(Linearizer.Contradictory([Le(C(1) - X), Le(X - C(1))]), Is.False);

            // x ≥ 1 and y ≤ 0: different forms.
            Assert.That(Linearizer.Contradictory([Le(C(1) - X), Le(Y)]), Is.False);

            // x - y ≥ 1 and x + y ≤ 0: different forms, though together they bound neither.
            Assert.That(Linearizer.Contradictory([Le(Y - X + C(1)), Le(X + Y)]), Is.False);
        });
    }

    [Test]
    public void CasesThatTheConjunctsRuleOutAreLeftOutOfTheProduct()
    {
        // m - 1 wraps only when m < 1, which m >= 1 rules out: one case instead of one per window.
        var m = new Var("m");
        var wrapped = new Ite(
            Formula.And(Formula.Ge(new Arith(ArithOp.Sub, m, new Const(1)), new Const(0)), Formula.Le(new Arith(ArithOp.Sub, m, new Const(1)), new Const(255))),
            new Arith(ArithOp.Sub, m, new Const(1)),
            new Arith(ArithOp.Add, new Arith(ArithOp.Sub, m, new Const(1)), new Const(256)));
        var formula = Formula.And(Formula.Ge(m, new Const(1)), Formula.Le(m, new Const(255)), Formula.Eq(new Var("n"), wrapped));

        var cases = new Linearizer("$t").Dnf(formula);

        Assert.That(cases, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnUnsignedCountdownBesideAReadOfTheBufferItBoundsIsRanked()
    {
        // The loop reads the buffer (a case split on the tracked element) and counts n down as size_t (a case split
        // on the wrap of --n): the wrap cases that n > 0 rules out used to multiply with the others past the limit of
        // the linear abstraction, and no ranking function was looked for.
        const string source = """
            #include <stddef.h>
            int scan(int n) {
              if (n < 1 || n > 1000)
                return 0;
              char area[1000];
              size_t m = n;
              const char *p = area;
              do {
                if (*p == 3)
                  return 1;
                p++;
              } while (--m != 0);
              return 0;
            }
            """;
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "scan.c", Core.Ir.DataModel.Lp64), new AnalysisOptions()).Functions.Single();

        Assert.That(result, Proved.Terminates);
    }
}
