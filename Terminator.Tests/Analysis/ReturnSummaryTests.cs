using Terminator.Core;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;
using Terminator.Frontend;
using Terminator.Frontend.C;

namespace Terminator.Tests.Analysis;

/// <summary>
/// Return-value summaries of recursive functions: found by the prover, re-verified by the checker by induction on the
/// calls, and assumed where a recursive call returns and where an inlined call of the function returns.
/// </summary>
[TestFixture]
public sealed class ReturnSummaryTests
{
    private const string McCarthy = """
        int mc91(int n) {
          if (n > 100) return n - 10;
          return mc91(mc91(n + 11));
        }
        """;

    private static ProgramResult Analyze(string text) =>
        TerminationAnalyzer.Analyze(CFrontend.Parse(text, "t.c"), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

    private static FunctionResult Function(ProgramResult result, string name) => result.Functions.Single(f => f.Name == name);

    private static string? Check(string text, string function, string relation)
    {
        var program = CFrontend.Parse(text, "t.c");
        var f = program.Find(function)!;
        var summary = new ReturnSummary(function, Parse(relation, f));
        var proof = new ReturnSummaryProof(new ReturnSummaries([summary]), []);
        using var smt = new SmtContext();
        return ReturnSummaryCheck.Check(program, IntegerSemantics.C, new Dictionary<string, bool>(), proof, smt, TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    /// <summary>A conjunction of comparisons "a op b" where each side is a variable, a constant or "x + c" / "x - c".</summary>
    private static Formula Parse(string relation, FunctionDecl function)
    {
        Term Side(string text)
        {
            var parts = text.Trim().Split(' ');
            Term Atom(string a) => long.TryParse(a, out var c) ? new Const(c) : new Var(a == "result" ? ReturnSummaries.Result : a);
            return parts.Length == 1 ? Atom(parts[0]) : new Arith(parts[1] == "+" ? ArithOp.Add : ArithOp.Sub, Atom(parts[0]), Atom(parts[2]));
        }

        var conjuncts = relation.Split("&&").Select(c =>
        {
            foreach (var (op, make) in new (string, Func<Term, Term, Formula>)[] { (">=", Formula.Ge), ("<=", Formula.Le) })
            {
                var at = c.IndexOf(op, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return make(Side(c[..at]), Side(c[(at + op.Length)..]));
                }
            }

            throw new ArgumentException(c);
        });
        Assert.That(function.Parameters, Is.Not.Empty);
        return Formula.And(conjuncts);
    }

    [Test]
    public void McCarthysNinetyOneFunctionTerminatesThroughACheckedSummary()
    {
        var result = Function(Analyze(McCarthy), "mc91");

        Assert.That(result.Verdict, Is.InstanceOf<Yes>());
        var notes = ((Yes)result.Verdict).Certificate.Notes;
        Assert.That(notes, Has.Some.StartsWith("relies on what every call of mc91 returns: mc91(n) >= 91"));
    }

    [Test]
    public void TheCheckerAcceptsAnInductiveSummaryAndRefusesOthers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Check(McCarthy, "mc91", "result >= 91 && result >= n - 10"), Is.Null);
            // Weaker, and inductive as well: both calls return at least 91, and n - 10 is at least 91 above 100.
            Assert.That(Check(McCarthy, "mc91", "result >= 91"), Is.Null);
            Assert.That(Check(McCarthy, "mc91", "result >= 92"), Does.Contain("may return a value outside its summary"));
            Assert.That(Check(McCarthy, "mc91", "result <= 91"), Does.Contain("may return a value outside its summary"));
            Assert.That(Check(McCarthy, "mc91", "result >= k"), Does.Contain("mentions 'k'"));
        });
    }

    [Test]
    public void ACheckerGivenAFalseSummaryUsesNone()
    {
        var program = CFrontend.Parse(McCarthy, "t.c");
        var mc91 = program.Find("mc91")!;
        var wrong = new ReturnSummaryProof(new ReturnSummaries([new ReturnSummary("mc91", Parse("result >= 100", mc91))]), []);
        var right = new ReturnSummaryProof(new ReturnSummaries([new ReturnSummary("mc91", Parse("result >= 91", mc91))]), []);
        static bool Assumes(CertificateChecker checker) => checker.System.Transitions.Any(t => t.HasAssume);

        using var refused = new CertificateChecker(program, mc91, IntegerSemantics.C, new Dictionary<string, bool>(), TimeSpan.FromSeconds(10), CancellationToken.None, summaries: wrong);
        using var accepted = new CertificateChecker(program, mc91, IntegerSemantics.C, new Dictionary<string, bool>(), TimeSpan.FromSeconds(10), CancellationToken.None, summaries: right);
        Assert.Multiple(() =>
        {
            Assert.That(refused.SummaryFailure, Is.Not.Null);
            Assert.That(Assumes(refused), Is.False);
            Assert.That(accepted.SummaryFailure, Is.Null);
            Assert.That(Assumes(accepted), Is.True);
        });
    }

    [Test]
    public void WhatCallsAssumeMustFollowFromTheSummary()
    {
        var program = CFrontend.Parse(McCarthy, "t.c");
        var mc91 = program.Find("mc91")!;
        var proof = new ReturnSummaryProof(new ReturnSummaries([new ReturnSummary("mc91", Parse("result >= 91", mc91))]), []);
        using var smt = new SmtContext();
        string? CheckAssuming(string relation) => ReturnSummaryCheck.Check(
            program, IntegerSemantics.C, new Dictionary<string, bool>(), proof with { Weakened = new ReturnSummaries([new ReturnSummary("mc91", Parse(relation, mc91))]) },
            smt, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(CheckAssuming("result >= 90"), Is.Null);
            Assert.That(CheckAssuming("result >= 95"), Does.Contain("does not follow from its summary"));
        });
    }

    [Test]
    public void TheSummaryCheckGraphHasNoDescendingCalls()
    {
        var program = CFrontend.Parse(McCarthy, "t.c");
        var graph = Lowering.LowerSummaryCheck(program, program.Find("mc91")!, IntegerSemantics.C, new Dictionary<string, bool>(), ReturnSummaries.None);

        Assert.Multiple(() =>
        {
            Assert.That(graph.Nodes.Where(n => n.IsRecursionHead), Is.Empty);
            Assert.That(graph.Variables.Select(v => v.Name), Does.Contain(ReturnSummaries.EntryValue("n")));
        });
    }

    [Test]
    public void ABoundThatSamplesMissButAPathBreaksIsNotAssumed()
    {
        // f(100) is -1: no sampling run meets it (100 is not a constant of f), but the path through the branch
        // refutes "result >= 0", so the caller's loop is not taken to end.
        var result = Analyze("""
            int f(int n) {
              if (n * n == 10000) return -1;
              if (n <= 0) return 0;
              return f(n - 1);
            }
            int caller(int n) {
              if (n < 0 || n > 1000) return 0;
              int r = f(n);
              while (r < 0) { }
              return r;
            }
            """);

        Assert.That(Function(result, "caller").Verdict, Is.Not.InstanceOf<Yes>());
    }

    [Test]
    public void TheValueOfAnInlinedCallSatisfiesItsSummary()
    {
        // rec(i) >= 1 for i > 0, even though a nested activation's "return 0" reaches the caller in the graph.
        var result = Analyze("""
            int rec(int a) {
              if (a == 0) return 0;
              return 1 + rec(a - 1);
            }
            int caller(int i) {
              if (i <= 0 || i > 1000) return 0;
              int res = rec(i);
              while (res < 1) { }
              return res;
            }
            """);

        var caller = Function(result, "caller");
        Assert.That(caller.Verdict, Is.InstanceOf<Yes>(), caller.Verdict.ToString());
    }

    [Test]
    public void ACallOnWhatANestedCallReturnedIsRankedWithTheSummary()
    {
        var result = Analyze("""
            int g(int x) {
              if (x == 0) return 1;
              return g(g(x - 1) - 1);
            }
            int caller(int x) {
              if (x < 0) return 0;
              return g(x);
            }
            """);

        var caller = Function(result, "caller");
        Assert.That(caller.Verdict, Is.InstanceOf<Yes>(), caller.Verdict.ToString());
    }
}
