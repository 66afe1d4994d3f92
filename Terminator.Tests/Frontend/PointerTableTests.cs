using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Tables of row pointers: arrays (local, at file scope, or from malloc) whose elements point to rows from malloc
/// (<c>int **m = malloc(n * sizeof(int *)); m[i] = malloc(n * sizeof(int)); m[i][j] = ...</c>).
/// </summary>
[TestFixture]
public sealed class PointerTableTests
{
    /// <summary>The answer for <c>main</c>, with a budget of 60 s (a proof takes a few seconds alone, more on a busy machine).</summary>
    private static Verdict Analyze(string text) =>
        TerminationAnalyzer.Analyze(CProgram.Accepted(text), new AnalysisOptions { Function = "main", Timeout = TimeSpan.FromSeconds(60) }).Functions.Single().Verdict;

    private static string RefusalOf(string text)
    {
        var program = CFrontend.Parse(text, "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions, Has.Count.EqualTo(1));
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    [Test]
    public void TheInterpreterRunsASquareTableFromMallocExactly()
    {
        const string text = """
            int f(int n) {
              if (n <= 0 || n > 100) return 0;
              int **m = malloc(n * sizeof(int *));
              if (!m) return 0;
              for (int i = 0; i < n; i++) {
                m[i] = malloc(n * sizeof(int));
                if (!m[i]) return 0;
                for (int j = 0; j < n; j++) m[i][j] = i * j + 1;
              }
              int s = 0;
              for (int i = 0; i < n; i++) s += m[i][i] & 1;
              for (int i = 0; i < n; i++) free(m[i]);
              free(m);
              return s;
            }
            """;
        var program = CProgram.Accepted(text);
        // Compiled with clang, f(5) is 3 and f(8) is 4.
        Assert.That(CProgram.Run(program, "f", 5), Is.EqualTo(new Returned(3)));
        Assert.That(CProgram.Run(program, "f", 8), Is.EqualTo(new Returned(4)));
    }

    [Test]
    public void TheInterpreterRunsATableAtFileScopeExactly()
    {
        const string text = """
            int *tab[4];
            int main(void) {
              for (int i = 0; i < 4; i++) { tab[i] = malloc(sizeof(int) * 3); if (!tab[i]) return 0;
                for (int j = 0; j < 3; j++) tab[i][j] = j; }
              int s = 0;
              for (int i = 0; i < 4; i++) if (tab[i] != 0) s += tab[i][2];
              for (int i = 0; i < 4; i++) free(tab[i]);
              return s;
            }
            """;
        Assert.That(CProgram.Run(CProgram.Accepted(text), "main"), Is.EqualTo(new Returned(8)));
    }

    [Test]
    public void RowsOfDifferentLengthsAndARowPointerAreRunWithTheirOwnBounds()
    {
        const string text = """
            int f(int n, int k) {
              if (n <= 0 || n > 10) return 0;
              int *rows[10];
              for (int i = 0; i < n; i++) rows[i] = malloc((i + 1) * sizeof(int));
              int *row = rows[n - 1];
              row[k] = 7;
              return row[k] + n;
            }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "f", 3, 2), Is.EqualTo(new Returned(10)));
        Assert.That(CProgram.Run(program, "f", 3, 3), Is.TypeOf<UndefinedBehaviour>());
        Assert.That(CProgram.Run(program, "f", 3, -1), Is.TypeOf<UndefinedBehaviour>());
    }

    [Test]
    public void UnsetNullAndFreedRowsAreUndefinedBehaviourWhereUsed()
    {
        const string text = """
            int f(int k) {
              int *rows[3];
              rows[0] = malloc(2 * sizeof(int));
              rows[1] = 0;
              if (k == 0) return rows[2] == 0;
              if (k == 1) return rows[1][0];
              free(rows[0]);
              if (k == 2) return rows[0][1];
              if (k == 3) { free(rows[0]); return 0; }
              free(rows[1]);
              return rows[1] == 0;
            }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "f", 0), Is.TypeOf<UndefinedBehaviour>());
        Assert.That(CProgram.Run(program, "f", 1), Is.TypeOf<UndefinedBehaviour>());
        Assert.That(CProgram.Run(program, "f", 2), Is.TypeOf<UndefinedBehaviour>());
        Assert.That(CProgram.Run(program, "f", 3), Is.TypeOf<UndefinedBehaviour>());
        Assert.That(CProgram.Run(program, "f", 4), Is.EqualTo(new Returned(1)));
    }

    [Test]
    public void ASquareTableFromMallocIsWalkedAndFreed()
    {
        const string text = """
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n <= 0 || n > 100) return 0;
              int **m = malloc(n * sizeof(int *));
              if (!m) return 0;
              for (int i = 0; i < n; i++) {
                m[i] = malloc(n * sizeof(int));
                if (!m[i]) return 0;
              }
              for (int i = 0; i < n; i++) m[i][0] = i;
              for (int i = 0; i < n; i++) free(m[i]);
              free(m);
              return 0;
            }
            """;
        Assert.That(Analyze(text), Proved.Terminates);
    }

    [Test]
    public void ATriangularTableIsWalkedThroughARowPointer()
    {
        const string text = """
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n <= 0 || n > 1000) return 0;
              int **m = malloc(n * sizeof(int *));
              for (int i = 0; i < n; i++) m[i] = malloc((i + 1) * sizeof(int));
              for (int i = 0; i < n; i++) { int *row = m[i]; row[i] = 1; }
              return 0;
            }
            """;
        Assert.That(Analyze(text), Proved.Terminates);
    }

    [Test]
    public void ATableAtFileScopeIsFilledTestedAndFreed()
    {
        const string text = """
            int *tab[4];
            int main(void) {
              for (int i = 0; i < 4; i++) { tab[i] = malloc(sizeof(int) * 3); if (!tab[i]) return 0; }
              int s = 0;
              for (int i = 0; i < 4; i++) if (tab[i] != 0) s = tab[i][2];
              for (int i = 0; i < 4; i++) free(tab[i]);
              return s;
            }
            """;
        Assert.That(Analyze(text), Proved.Terminates);
    }

    [Test]
    public void EveryElementOfATriangularTableIsRead()
    {
        const string text = """
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n <= 0 || n > 1000) return 0;
              int **m = malloc(n * sizeof(int *));
              for (int i = 0; i < n; i++) m[i] = malloc((i + 1) * sizeof(int));
              int c = 0;
              for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++)
                  if (m[i][j] == 0) c = 1;
              return c;
            }
            """;
        Assert.That(Analyze(text), Proved.Terminates);
    }

    [Test]
    public void ATableAtFileScopeIsFilledRowByRowReadAndFreed()
    {
        const string text = """
            int *tab[4];
            int main(void) {
              for (int i = 0; i < 4; i++) { tab[i] = malloc(sizeof(int) * 3); if (!tab[i]) return 0;
                for (int j = 0; j < 3; j++) tab[i][j] = j; }
              int s = 0;
              for (int i = 0; i < 4; i++) if (tab[i] != 0) s = tab[i][2];
              for (int i = 0; i < 4; i++) free(tab[i]);
              return s;
            }
            """;
        Assert.That(Analyze(text), Proved.Terminates);
    }

    [Test]
    public void AnAccessPastTheEndOfARowIsNoWithAReplayedWitness()
    {
        const string text = """
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n <= 0 || n > 100) return 0;
              int **m = malloc(n * sizeof(int *));
              for (int i = 0; i < n; i++) m[i] = malloc((i + 1) * sizeof(int));
              for (int i = 0; i < n; i++) m[i][i + 1] = 0;
              return 0;
            }
            """;
        var (witness, replayed) = CProgram.ReplayedNo(text, "main");
        Assert.That(witness.UndefinedBehaviourAt!.Line, Is.EqualTo(6));
        Assert.That(replayed.What, Does.Contain("row 'm[i]' out of its bounds"));
    }

    [Test]
    public void AUseOfAFreedRowIsNoWithAReplayedWitness()
    {
        const string text = """
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n <= 0 || n > 100) return 0;
              int **m = malloc(n * sizeof(int *));
              for (int i = 0; i < n; i++) m[i] = malloc(n * sizeof(int));
              free(m[n - 1]);
              int s = m[n - 1][0];
              return s;
            }
            """;
        var (witness, replayed) = CProgram.ReplayedNo(text, "main");
        Assert.That(witness.UndefinedBehaviourAt!.Line, Is.EqualTo(7));
        Assert.That(replayed.What, Does.Contain("freed"));
    }

    [Test]
    public void UsesOutsideTheModelAreRefusedWithTheirReason()
    {
        Assert.That(
            RefusalOf("int f(int n) { int **m = malloc(n * sizeof(int *)); m[0] = malloc(4); m[1] = m[0]; return 0; }"),
            Does.Contain("a row pointer of the table 'm' given another value than malloc(size) or a null pointer"));
        Assert.That(
            RefusalOf("int f(int n) { int **m = malloc(n * sizeof(int *)); m[0] = malloc(4); int *r = m[0]; r++; return 0; }"),
            Does.Contain("pointer 'r', read from the table of row pointers 'm', assigned"));
        Assert.That(
            RefusalOf("int f(int n) { int *t[2]; t[0] = calloc(n, sizeof(int)); return 0; }"),
            Does.Contain("from calloc"));
        Assert.That(
            RefusalOf("int f(int n) { int *t[2]; t[0] = malloc(8); int *r = t[0]; t[0] = 0; return r[0]; }"),
            Does.Contain("while the pointer 'r' read from the table of row pointers 't' is in scope"));
        Assert.That(
            RefusalOf("int f(int n) { int *t[2]; t[0] = malloc(8); return (t[0][0] = n) + 1; }"),
            Does.Contain("inside a larger expression"));
        Assert.That(
            RefusalOf("int f(int n) { int *t[2]; t[0] = malloc(8); t[0][n++] = 1; return 0; }"),
            Does.Contain("an index with side effects"));
    }
}
