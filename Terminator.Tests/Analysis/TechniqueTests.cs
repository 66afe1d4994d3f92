using Terminator.Core;
using Terminator.Core.Analysis;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Small programs that each need one technique of the prover.</summary>
public sealed class TechniqueTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);
    private static readonly string[] JustX = ["x"];

    private static Verdict Analyze(string source, string function, IntegerSemantics semantics, IRankingTemplate? only = null)
    {
        var program = SourceLoader.Parse(source, "technique.c");
        var analysis = new FunctionAnalysis(program, program.Find(function)!, semantics, new Dictionary<string, bool>(), Budget, CancellationToken.None) { RankingTemplate = only };
        return analysis.Run(null).Verdict;
    }

    // z counts down only on one path and may be negative on the other: a component bounded everywhere does not exist.
    private const string TwoPhases = """
        int phases(int x, int y, int z) {
          while (x >= y) {
            if (z > 1) { z = z - 1; x = x + z; } else { y = y + 1; }
          }
          return 0;
        }
        """;

    // The paths before the loop leave x != y (x, y one of (1, 0) and (0, 1)), so the loop is never entered; the
    // disequality is no linear inequality, and the ranking problem sees it only through the transition it excludes.
    private const string NeverEntered = """
        int never(int i) {
          int x = 0, y = 0;
          if (i > 10) { x = 1; } else { y = 1; }
          while (x == y) { }
          return 0;
        }
        """;

    [Test]
    public void ATransitionThatTheInvariantsDisjunctionsExcludeNeedsNoRanking()
    {
        var verdict = Analyze(NeverEntered, "never", IntegerSemantics.C);

        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Invariant.ToString(), Does.Contain("x != y"));
    }

    [Test]
    public void AQuotientByADivisorOfAtLeastTwoIsAtMostHalfTheDividend()
    {
        // x / y with x >= y > 1: the quotient is at most x / 2, so x falls at each recursive call.
        const string source = "void lg(int x, int y) { if (x >= y && y > 1) { lg(x / y, y); } }";

        var verdict = Analyze(source, "lg", IntegerSemantics.C);

        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking, Is.EqualTo(JustX));
    }

    [Test]
    public void ComponentsBoundedOnlyWhereTheyDecreaseRankTwoPhases()
    {
        Assert.That(Analyze(TwoPhases, "phases", IntegerSemantics.Math, new AffineRankingTemplate()), Proved.Nothing);
        var verdict = Analyze(TwoPhases, "phases", IntegerSemantics.Math);
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking, Has.Length.EqualTo(2));
    }

    [Test]
    public void RankingFunctionsKeepOnlyTheVariablesAndOffsetsTheyNeed()
    {
        // Under C's bounds, x - y + 2147483648 ranks this loop as well as x does; the certificate shows x.
        const string source = "int g(int x, int y) { if (y > 0) { while (x > y) { x = x - y; } } return 0; }";
        var verdict = Analyze(source, "g", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking, Is.EqualTo(JustX));
    }

    [Test]
    public void OneRankingFunctionDecreasesEveryTransitionItCan()
    {
        // x decreases on both branches: one component, not one per branch.
        const string source = "int steps(int x, int c) { while (x > 0) { if (c > 0) { x = x - 1; } else { x = x - 2; } } return 0; }";
        var verdict = Analyze(source, "steps", IntegerSemantics.Math);
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking, Is.EqualTo(JustX));
    }

    [Test]
    public void OctagonalEntryBoundsRuleOutOverflow()
    {
        // x + z stays what z was on entry, so x + 1 cannot overflow; no single-variable bound shows it.
        const string source = """
            int sum(int z) {
              int x = 0, y = 0;
              while (z > 0) { x = x + 1; y = y - 1; z = z - 1; }
              return 0;
            }
            """;
        var verdict = Analyze(source, "sum", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
    }

    [Test]
    public void RowsLeftBySolvingEqualitiesKeepOnlyTheirIntegerPoints()
    {
        // Only x = 1 runs the first branch twice (1, 0, 3): two iterations at a time leave 9·x − 6 ≥ 0 and x ≤ 1,
        // which over the rationals allows 2/3 ≤ x < 1, where -x does not fall by 1. Over the integers it is x = 1.
        const string source = """
            extern int __VERIFIER_nondet_int(void);
            int bounce(int x) {
              while (0 <= x && x <= 200) {
                if (__VERIFIER_nondet_int()) { x = 3 - 3 * x; } else { x = x - 500; }
              }
              return x;
            }
            """;
        var verdict = Analyze(source, "bounce", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
    }

    [Test]
    public void CasesThatOnlyTheElementsReadTellApartAreMergedWhenTheyAreTooMany()
    {
        // Each element read is the tracked one (the 0) or an arbitrary char, and compares with 0 either way: five reads
        // split each step into thousands of cases. Without them the step still reads p + 4 within the array and adds
        // 5 to p, which ranks the loop.
        const string source = """
            extern int __VERIFIER_nondet_int(void);
            int main(void) {
              int size = __VERIFIER_nondet_int();
              if (size < 1) { return 0; }
              char *text = __builtin_alloca(size);
              text[size - 1] = 0;
              const char *p = text;
              while (1) {
                if (p[0] == 0) { return 0; }
                if (p[1] == 0) { return 1; }
                if (p[2] == 0) { return 2; }
                if (p[3] == 0) { return 3; }
                if (p[4] == 0) { return 4; }
                p = p + 5;
              }
            }
            """;
        var verdict = Analyze(source, "main", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
    }

    // A copy of a string's length plus one, made by the given function as main's call "fill(copy, needed)" does.
    private static string CopyOfAString(string fill) => $$"""
        extern int __VERIFIER_nondet_int(void);
        unsigned int length(const char *s) {
          unsigned int i = 0;
          while (s[i] != 0) { i++; }
          return i;
        }
        {{fill}}
        int main(void) {
          int size = __VERIFIER_nondet_int();
          if (size < 1) { return 0; }
          char *text = __builtin_alloca(size);
          text[size - 1] = 0;
          unsigned int needed = length(text) + 1;
          char *copy = __builtin_alloca(needed);
          fill(copy, needed);
          return 0;
        }
        """;

    [Test]
    public void ACombinationThatTheLoopKeepsIsBoundedByAVariableItLeavesAlone()
    {
        // fill's loop moves dst up and n down by one: dst + n stays the length of the copy it started at, and n != 0
        // then keeps dst + 1 within it. The loop is in a called function, whose states the sampling runs do not see.
        var source = CopyOfAString("void fill(char *dst, unsigned int n) { while (n--) { *dst++ = 'x'; } }");
        var verdict = Analyze(source, "main", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
    }

    [Test]
    public void TheStepsOfACountAreThoseOfTheStatesItsInvariantAllows()
    {
        // --n != 0 moves n by -1 only from n >= 1 (from 0 it wraps around): under that cheap invariant the loop keeps
        // dst + n, which bounds dst by the length of the copy.
        var source = CopyOfAString("void fill(char *dst, unsigned int n) { if (n != 0) { while (--n != 0) { *dst++ = 'x'; } *dst = 0; } }");
        var verdict = Analyze(source, "main", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
    }

    [Test]
    public void RecurrentSetFromALateStateOfALongRun()
    {
        // Diverges from any state with y >= -9 without repeating a state.
        const string source = "int drift(int x, int y) { while (x < 10) { x = -y; y = y + 1; } return 0; }";
        var verdict = Analyze(source, "drift", IntegerSemantics.Math);
        Assert.That(verdict, Proved.DoesNotTerminate);
        Assert.That(((No)verdict).Witness.RecurrentSet, Is.Not.Null);
    }

    [Test]
    public void GrowingLoopDivergesWithoutRepeatingAState()
    {
        // x grows ever faster once y > 0: no state repeats, but x > 0 && y > 0 is never left.
        const string source = "int grow(int x, int y) { while (x > 0) { x = x + y; y = y + 1; } return 0; }";
        var verdict = Analyze(source, "grow", IntegerSemantics.Math);
        Assert.That(verdict, Proved.DoesNotTerminate);

        // The set is whichever closed set the search settles on (x > 0 && y > 0, or y > 0 && y <= x, ...), and the
        // checker has proved it closed. Each bounds y from below, and the run it explains never repeats a state.
        var witness = ((No)verdict).Witness;
        Assert.That(witness.RecurrentSet?.ToString(), Does.Match(@"\by >"));
        Assert.That(witness.Explanation, Does.Not.Contain("same state"));
    }

    [Test]
    public void LoopDivergingAlongAnIrrationalEigenvectorIsCaughtInACone()
    {
        // (x, y) ↦ (2x + 4y, 4x) grows along the eigenvector y ≈ 0.781·x (eigenvalue 1 + √17); the guard 4x > 5y keeps
        // only ratios below 0.8, so no set built from the program's own conditions is closed. Two consecutive states of
        // a deep run bound the ratio from both sides, and that cone is closed.
        const string source = """
            int spiral(int x, int y) {
              int old;
              while (4 * x - 5 * y > 0) {
                old = x;
                x = 2 * old + 4 * y;
                y = 4 * old;
              }
              return 0;
            }
            """;
        var verdict = Analyze(source, "spiral", IntegerSemantics.Math);

        Assert.That(verdict, Proved.DoesNotTerminate);
        // The cone: half-planes through the origin, c·u <= d·v, from the ratios of two consecutive states.
        var set = ((No)verdict).Witness.RecurrentSet?.ToString();
        Assert.That(System.Text.RegularExpressions.Regex.Matches(set!, @"\b\d+\*\w+ <= \d+\*\w+\b"), Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(set, Does.Match(@"\d+\*x <= \d+\*y"));
    }

    [Test]
    public void PeriodicStateWithPeriodFive()
    {
        const string source = """
            int sunset(int i) {
              while (i > 10) {
                if (i == 25) { i = 30; }
                if (i <= 30) { i = i - 1; } else { i = 20; }
              }
              return 0;
            }
            """;
        var verdict = Analyze(source, "sunset", IntegerSemantics.Math);
        Assert.That(verdict, Proved.DoesNotTerminate);
        Assert.That(((No)verdict).Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
    }

    [Test]
    public void BoundsFromConditionsBeforeTheLoop()
    {
        // The early returns bound tx, x and y; those atoms are found in the source conditions.
        const string source = """
            int bounded(int tx, int x, int y) {
              if (!(tx <= 1073741823)) return 0;
              if (!(x <= 1073741823)) return 0;
              if (!(y >= -1073741823)) return 0;
              while (x >= y && tx >= 0) {
                if (nondet() != 0) { x = x - 1 - tx; } else { y = y + 1 + tx; }
              }
              return 0;
            }
            """;
        Assert.That(Analyze(source, "bounded", IntegerSemantics.C), Proved.Terminates);
    }

    [Test]
    public void GuardedInvariantForALoopThatExitsOnAFlag()
    {
        // x - 1 could overflow at INT_MIN only if the loop ran on after x went negative; the flag b stops it.
        // The invariant "b == 0 || x >= -2147483647" is a disjunction of a flag test and a source condition.
        const string source = """
            int flag(int x, int b) {
              if (!(x >= -2147483647)) return 0;
              while (b != 0) {
                b = nondet();
                x = x - 1;
                if (x >= 0) { b = 1; } else { b = 0; }
              }
              return 0;
            }
            """;
        Assert.That(Analyze(source, "flag", IntegerSemantics.C), Proved.Terminates);
    }

    [Test]
    public void TransitionInvariantForEuclidOnAllIntegers()
    {
        // Python's % keeps the divisor's sign: b shrinks towards 0 from either side, and no single linear function
        // (nor a lexicographic tuple of them) decreases on both sides.
        const string source = "def gcd(a, b):\n    while b != 0:\n        a, b = b, a % b\n    return a\n";
        var program = SourceLoader.Parse(source, "gcd.py");
        var verdict = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Timeout = Budget }).Functions.Single().Verdict;
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking.Single(), Does.StartWith("transition invariant"));
    }

    private static readonly string[] RankedByY = ["y"];

    [Test]
    public void AStepAfterWhichTheLoopCannotGoOnNeedsNoDecrease()
    {
        // y is not bounded below while x > 0, but a step that continues the loop sets x = y and then needs x > 0: over
        // the steps that can be followed by another, y is bounded, and one linear function ranks the loop.
        const string source = "int shift(int x, int y) { while (x > 0) { x = y; y = y - 1; } return 0; }";
        var verdict = Analyze(source, "shift", IntegerSemantics.Math, new AffineRankingTemplate());
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Ranking, Is.EqualTo(RankedByY));
    }

    [Test]
    public void VariablesBoundedOnlyTogetherAlongACombinationThatNeverIncreases()
    {
        // Neither x nor y is monotone, and y swings ever wider; but 2x + y falls by 2 at each iteration. Its bound on
        // entry bounds y from above while x > 0, and then y from below after one iteration: together those exclude
        // overflow, which no bound on x or y alone does.
        const string source = """
            int swing(int x, int y) {
              if (x < -1000 || x > 1000 || y < -1000 || y > 1000) { return 0; }
              while (x > 0) { x = x + 2 * y; y = -3 * y - 2; }
              return 0;
            }
            """;
        var verdict = Analyze(source, "swing", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Single().Invariant.ToString(), Does.Contain("2*x + y <= 3000").And.Contain("y >= -8996"));
    }

    [Test]
    public void CombinationsAreBoundedInTheLoopsOfCalledFunctionsToo()
    {
        // The loop of swing (above), reached through two calls: the second is entered after the first loop or after
        // an early return of the first call that the second call's own test rules out (a transition no state takes,
        // which bounds nothing). Each copy of the loop gets the bound of 2x + y on entry and the bound of y after one
        // iteration.
        const string source = """
            int swing(int x, int y) {
              if (x < -1000 || x > 1000 || y < -1000 || y > 1000) { return 0; }
              while (x > 0) { x = x + 2 * y; y = -3 * y - 2; }
              return 0;
            }
            int twice(int a, int b) {
              swing(a, b);
              return swing(b, a);
            }
            """;
        var verdict = Analyze(source, "twice", IntegerSemantics.C);
        Assert.That(verdict, Proved.Terminates);
        Assert.That(((Yes)verdict).Certificate.Loops.Select(l => l.Invariant.ToString()), Has.All.Contain("y >= -8996"));
    }

    [Test]
    public void LassoAfterALongStem()
    {
        // The second loop repeats its state at once, but only after the first has run nine times: the lasso is longer
        // than the search of moderate depth, and the search of deeper runs finds it.
        const string source = """
            void later(int x) {
              int i = 0;
              while (i < 9) { i = i + 1; }
              while (x > 0) { x = x + 0; }
            }
            """;
        var verdict = Analyze(source, "later", IntegerSemantics.C);
        Assert.That(verdict, Proved.DoesNotTerminate);
        Assert.That(((No)verdict).Witness.Explanation, Does.Contain("comes back to the same state every 1 iteration"));
    }
}
