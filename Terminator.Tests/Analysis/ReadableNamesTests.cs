using NUnit.Framework;
using Terminator.Core;
using Terminator.Frontend;

namespace Terminator.Tests.Analysis;

/// <summary>Evidence names the variables of calls the analysis follows as <c>f.x</c>, <c>f#2.x</c> and <c>f.result</c>, never by the lowering's internal names.</summary>
[TestFixture]
public sealed class ReadableNamesTests
{
    private static readonly string[] BothCalls = ["down.n", "down#2.n"];
    private static readonly string[] RangeRanking = ["-range@3.next + range@3.stop"];

    [Test]
    public void VariablesOfFollowedCallsAreNamedByTheirFunctionAndCall()
    {
        var result = TerminationAnalyzer.Analyze(
            CFrontend.Parse("""
                int down(int n) { while (n > 0) n = n - 1; return n; }
                int twice(int a, int b) { int c = down(a); down(b); return c; }
                """, "t.c"),
            new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20), Function = "twice" });

        var yes = result.Functions.Single().Verdict as Yes;
        Assert.That(yes, Is.Not.Null, result.Functions.Single().Verdict.ToString());
        var text = string.Join("\n", yes!.Certificate.Loops.SelectMany(l => l.Ranking.Append(l.Invariant.ToString())));
        Assert.Multiple(() =>
        {
            Assert.That(yes.Certificate.Loops.SelectMany(l => l.Ranking), Is.EquivalentTo(BothCalls));
            Assert.That(text, Does.Not.Contain("@").And.Not.Contain("$"));
        });
    }

    [Test]
    public void TheArraysOfFollowedCallsAreNamedByTheirFunctionToo()
    {
        var result = TerminationAnalyzer.Analyze(
            CFrontend.Parse("""
                void *malloc(unsigned long n); int __VERIFIER_nondet_int(void);
                char *fresh(int n) { char *s = malloc(n); s[n - 1] = 0; return s; }
                int scan(void) { int n = __VERIFIER_nondet_int(); if (n < 1) return 0; char *s = fresh(n); int k = 0; while (s[k] != 0) k++; return k; }
                """, "t.c"),
            new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20), Function = "scan" });

        var yes = result.Functions.Single().Verdict as Yes;
        Assert.That(yes, Is.Not.Null, result.Functions.Single().Verdict.ToString());
        var invariant = yes!.Certificate.Loops.Single().Invariant.ToString();
        Assert.That(invariant, Does.Contain("fresh.len(s)").And.Not.Contain("@"));
    }

    [Test]
    public void TheMembersOfAFollowedCallsStructsAreNamedByTheirFunctionFirst()
    {
        var result = TerminationAnalyzer.Analyze(
            CFrontend.Parse("""
                struct range { int lo; int hi; };
                int walk(int n) { struct range r = {0, n}; while (r.lo < r.hi) r.lo++; return r.lo; }
                int caller(int n) { if (n > 100) return 0; return walk(n); }
                """, "t.c"),
            new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20), Function = "caller" });

        var yes = result.Functions.Single().Verdict as Yes;
        Assert.That(yes, Is.Not.Null, result.Functions.Single().Verdict.ToString());
        var loop = yes!.Certificate.Loops.Single();
        Assert.That(string.Join("\n", loop.Ranking.Append(loop.Invariant.ToString())), Does.Contain("walk.r.lo").And.Not.Contain("r.walk"));
    }

    [Test]
    public void PythonRangeLoopsAreNamedByTheirLine()
    {
        var result = Terminator.Termination.Analyze("""
            def f(n):
                s = 0
                for i in range(n):
                    s += i
                return s
            """, Terminator.Core.Ir.SourceLanguage.Python);

        var yes = result.Functions.Single().Verdict as Yes;
        Assert.That(yes, Is.Not.Null, result.Functions.Single().Verdict.ToString());
        Assert.That(yes!.Certificate.Loops.Single().Ranking, Is.EqualTo(RangeRanking));
    }

    [Test]
    public void EachNondeterministicValueOfAWitnessSaysWhereItIsDrawn()
    {
        var result = TerminationAnalyzer.Analyze(
            CFrontend.Parse("""
                extern int __VERIFIER_nondet_int(void);
                extern int next(int);
                int f(int x) {
                  int y;
                  while (x > 0) {
                    x = x + __VERIFIER_nondet_int() + next(y);
                  }
                  return y;
                }
                """, "t.c"),
            new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20), UninitializedReads = Terminator.Core.Ir.UninitializedReads.ArbitraryValue });

        var no = result.Functions.Single().Verdict as No;
        Assert.That(no, Is.Not.Null, result.Functions.Single().Verdict.ToString());
        var witness = no!.Witness;
        Assert.That(witness.NondetOrigins, Has.Length.EqualTo(witness.NondetValues.Length));
        Assert.Multiple(() =>
        {
            Assert.That(witness.NondetOrigins[0], Is.EqualTo(new NondetOrigin(new Terminator.Core.Ir.SourceSpan("t.c", 4, 7), "'y' declared without a value")));
            Assert.That(witness.NondetOrigins.Skip(1).Select(o => o.Source), Is.SubsetOf(DrawnInTheLoop));
        });
    }

    private static readonly string[] DrawnInTheLoop = ["a nondeterministic int", "the result of 'next'"];
}
