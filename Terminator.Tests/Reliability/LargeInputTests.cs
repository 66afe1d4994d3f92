using System.Diagnostics;
using System.Text;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Tests.Reliability;

/// <summary>Inputs far larger than real code: each gets an answer or a clear reason, and the budget holds.</summary>
[TestFixture]
public sealed class LargeInputTests
{
    /// <summary>A loop whose body is <paramref name="statements"/> times <c>x = x + 1;</c>.</summary>
    private static string LongBody(int statements)
    {
        var text = new StringBuilder("int main(int x) {\n  while (x > 0) {\n");
        for (var i = 0; i < statements; i++)
        {
            text.Append("    x = x + 1;\n");
        }

        return text.Append("    x = x - ").Append(statements + 1).Append(";\n  }\n  return x;\n}\n").ToString();
    }

    [Test]
    public void AFiveThousandStatementLoopBodyEndsInAReasonNotACrash()
    {
        // Each assignment nests the previous value one level deeper: the walks over these terms used to overflow the
        // stack and take the process down.
        var result = Termination.Analyze(LongBody(5_000), SourceLanguage.C, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

        var verdict = result.Functions.Single().Verdict;
        Assert.That(verdict, Is.TypeOf<DontKnow>());
        Assert.That(((DontKnow)verdict).Reason, Does.Contain("conditions").Or.Contain("paths").Or.Contain("time budget"));
    }

    [Test]
    public void HashingEveryPrefixOfALongChainIsLinear()
    {
        // x - 1 - 1 - ... : a hash that walked the whole term would make this quadratic (and recurse 100 000 deep).
        const int length = 100_000;
        var seen = new HashSet<Term>();
        Term term = new Var("x");
        for (var i = 0; i < length; i++)
        {
            term = new Arith(ArithOp.Sub, term, new Const(1));
            seen.Add(term);
        }

        Assert.That(seen, Has.Count.EqualTo(length));
        Assert.That(seen.Contains(new Arith(ArithOp.Sub, new Var("x"), new Const(1))), Is.True);
    }

    [Test]
    public void EqualTermsBuiltApartAreEqualWithEqualHashes()
    {
        Term Build() => new Arith(ArithOp.Add, new Ite(Formula.Lt(new Var("x"), 0), new Var("y"), 3), new Const(2));
        var (a, b) = (Build(), Build());
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(new Arith(ArithOp.Sub, ((Arith)a).Left, new Const(2))));
        Assert.That(Formula.And(Formula.Eq(a, 1), Formula.Le(b, 2)), Is.EqualTo(Formula.And(Formula.Eq(b, 1), Formula.Le(a, 2))));
    }

    [Test]
    public void TheBudgetHoldsOnAThousandStatementBody()
    {
        // Took 38 s under a 10 s budget: stages that did not watch the budget ran on after it was spent.
        var clock = Stopwatch.StartNew();
        var result = Termination.Analyze(LongBody(1_000), SourceLanguage.C, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(1) });
        clock.Stop();

        var verdict = result.Functions.Single().Verdict;
        Assert.That(verdict, Is.TypeOf<DontKnow>());
        Assert.That(((DontKnow)verdict).Reason, Does.Contain("time budget of 1 s ran out"));

        // A generous bound on bounded behaviour, not a speed claim: the budget plus the grace of giving up.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void CancellingTheTokenEndsALargeAnalysisPromptly()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        Assert.That(
            () => Termination.Analyze(LongBody(1_000), SourceLanguage.C, new AnalysisOptions { Timeout = TimeSpan.Zero }, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }
}
