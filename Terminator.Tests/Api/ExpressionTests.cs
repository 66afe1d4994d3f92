using System.Numerics;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Api;

/// <summary>
/// Ranking functions, invariants and recurrent sets are typed values (<see cref="Expression"/>, <see cref="Condition"/>)
/// that compare by value, evaluate, and render as text in one place.
/// </summary>
[TestFixture]
public sealed class ExpressionTests
{
    /// <summary>An exponentiation by squaring over unsigned: its invariant needs a remainder.</summary>
    private const string Fast = """
        int fast(unsigned e) {
          unsigned r = 1;
          while (e > 0) {
            if (e % 2 == 1) r = r * 3;
            e = e / 2;
          }
          return 0;
        }
        """;

    private static FunctionResult AnalyzeG(string function) =>
        Termination.AnalyzeFile(Path.Combine(RepoPaths.Examples, "g.c"), new AnalysisOptions { Function = function }).Functions.Single();

    [Test]
    public void AFractionIsReducedWithAPositiveDenominator()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Fraction(4, -6), Is.EqualTo(new Fraction(-2, 3)));
            Assert.That(new Fraction(4, -6).ToString(), Is.EqualTo("-2/3"));
            Assert.That(new Fraction(6, 3), Is.EqualTo((Fraction)2));
            Assert.That(new Fraction(6, 3).IsInteger, Is.True);
            Assert.That(new Fraction(0, -5), Is.EqualTo((Fraction)0));
            Assert.That(() => new Fraction(1, 0), Throws.TypeOf<DivideByZeroException>());
        });
    }

    [Test]
    public void ExpressionsAndConditionsRenderAsAnswersShowThem()
    {
        var x = new VariableExpression("x");
        var linear = new LinearFunction([new LinearTerm(-1, "x"), new LinearTerm(new Fraction(1, 2), "y"), new LinearTerm(-2, "z")], -3);
        var product = new ArithmeticExpression(ArithmeticOperator.Multiply, x, new NumberExpression(-4));
        var modulo = new ArithmeticExpression(ArithmeticOperator.FloorModulo, x, new NumberExpression(3));
        var atLeast = new ComparisonCondition(linear, ComparisonOperator.GreaterOrEqual, new LinearFunction([], 0));
        var either = new OrCondition([atLeast, new NotCondition(new ComparisonCondition(modulo, ComparisonOperator.Equal, new NumberExpression(0)))]);
        Assert.Multiple(() =>
        {
            Assert.That(linear.ToString(), Is.EqualTo("-x + 1/2*y - 2*z - 3"));
            Assert.That(new LinearFunction([], 0).ToString(), Is.EqualTo("0"));
            Assert.That(new LinearFunction([], -7).ToString(), Is.EqualTo("-7"));
            Assert.That(product.ToString(), Is.EqualTo("(x * (-4))"));
            Assert.That(new ComparisonCondition(product, ComparisonOperator.Less, x).ToString(), Is.EqualTo("x * (-4) < x"));
            Assert.That(new AndCondition([either, new BooleanCondition(false)]).ToString(),
                Is.EqualTo("(-x + 1/2*y - 2*z - 3 >= 0 || !(x mod 3 == 0)) && false"));
            Assert.That(new AndCondition([]).ToString(), Is.EqualTo("true"));
            Assert.That(new OrCondition([]).ToString(), Is.EqualTo("false"));
            Assert.That(new ConditionalExpression(atLeast, x, new NumberExpression(0)).ToString(), Is.EqualTo("(-x + 1/2*y - 2*z - 3 >= 0 ? x : 0)"));
            Assert.That(new QuantifiedCondition(true, ["k"], new ComparisonCondition(x, ComparisonOperator.NotEqual, new VariableExpression("k"))).ToString(),
                Is.EqualTo("exists k. (x != k)"));
        });
    }

    [Test]
    public void ALinearFunctionEvaluatesExactlyAndNamesAMissingVariable()
    {
        var f = new LinearFunction([new LinearTerm(new Fraction(1, 2), "x"), new LinearTerm(-1, "y")], 1);
        var state = new Dictionary<string, BigInteger> { ["x"] = 3, ["y"] = 1 };
        Assert.Multiple(() =>
        {
            Assert.That(f.Evaluate(state), Is.EqualTo(new Fraction(3, 2)));
            Assert.That(() => f.Evaluate(new Dictionary<string, BigInteger> { ["x"] = 3 }), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("y"));
        });
    }

    [Test]
    public void AProofsRankingFunctionAndInvariantAreTypedValues()
    {
        var loop = ((Yes)AnalyzeG("g").Verdict).Certificate.Loops.Single();
        var ranking = ((LexicographicLoopRanking)loop.Argument!).Components.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ranking, Is.EqualTo(AnswerValues.Linear((1, "x"))));
            Assert.That(loop.Invariant, Is.EqualTo(new AndCondition([AnswerValues.Bound("y", ComparisonOperator.Greater, 0)])));

            // The ranking function decreases along g's step from x = 7, y = 2 to x = 5 and stays non-negative.
            var before = ranking.Evaluate(new Dictionary<string, BigInteger> { ["x"] = 7, ["y"] = 2 });
            var after = ranking.Evaluate(new Dictionary<string, BigInteger> { ["x"] = 5, ["y"] = 2 });
            Assert.That(before.Numerator - after.Numerator, Is.GreaterThanOrEqualTo(BigInteger.One));
            Assert.That(after.Sign, Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public void AWitnessRecurrentSetIsATypedCondition()
    {
        var witness = ((No)AnalyzeG("g2").Verdict).Witness;
        Assert.That(witness.RecurrentSet, Is.InstanceOf<AndCondition>());
        var atoms = ((AndCondition)witness.RecurrentSet!).Operands;
        Assert.Multiple(() =>
        {
            Assert.That(atoms, Is.Not.Empty);
            Assert.That(atoms, Has.All.InstanceOf<ComparisonCondition>());
            Assert.That(witness.RecurrentSet!.ToString(), Does.Contain("y"));
        });
    }

    [Test]
    public void AnInvariantWithARemainderKeepsItsOperation()
    {
        var result = Termination.Analyze(Fast, SourceLanguage.C, new AnalysisOptions { Function = "fast" });
        var verdict = result.Functions.Single().Verdict;
        Assert.That(verdict, Is.TypeOf<Yes>(), verdict.ToString());
        var invariant = (AndCondition)((Yes)verdict).Certificate.Loops.Single().Invariant;

        // r mod 2 == 1: r stays odd, kept as the operation it is rather than as text.
        var expected = new ComparisonCondition(
            new ArithmeticExpression(ArithmeticOperator.FloorModulo, new VariableExpression("r"), new NumberExpression(2)),
            ComparisonOperator.Equal,
            new NumberExpression(1));
        Assert.That(invariant.Operands, Does.Contain(expected), invariant.ToString());
    }
}
