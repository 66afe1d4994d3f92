using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Parameters that point to rows of an array (<c>int m[][3]</c>, <c>int m[2][3]</c>, <c>int (*m)[3]</c>): each call
/// binds them to the caller's array of rows of the same shape, from the row the argument points to, and
/// <c>m[i][j]</c> is an element of that array, with C's checks (the column within its row, the row within the object).
/// </summary>
public sealed class MatrixParameterTests
{
    private const string Print = """
        int printf(const char *format, ...);
        void print_matrix(int m[][3], int rows) {
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++)
              printf("%d ", m[i][j]);
            printf("\n");
          }
        }
        """;

    private const string Fill = """
        void fill(int (*m)[3], int rows) {
          for (int i = 0; i < rows; i++)
            for (int j = 0; j < 3; j++)
              m[i][j] = i + j;
        }
        int g[4][3];
        """;

    [Test]
    public void AMatrixPrintedByAFunctionCalledFromMainTerminates()
    {
        var program = CProgram.Accepted(Print + "int main(void) { int m[2][3] = {{1, 2, 3}, {4, 5, 6}}; print_matrix(m, 2); return 0; }");
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [Test]
    public void AMatrixSummedByAFunctionWithALengthInItsParameterTerminates()
    {
        const string text = """
            unsigned sum(int m[2][3], int rows) {
              unsigned s = 0;
              for (int i = 0; i < rows; i++)
                for (int j = 0; j < 3; j++)
                  s += m[i][j];
              return s;
            }
            int main(void) { int m[2][3] = {{1, -2, 3}, {4, 5, 0}}; return sum(m, 2) == 11u ? 0 : 1; }
            """;
        var program = CProgram.Accepted(text);
        Assert.That(CProgram.Run(program, "main"), Is.EqualTo(new Returned(0)));
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [Test]
    public void TheRowsFromTheArgumentsRowOnAreTheCallersElements()
    {
        const string text = """
            int get(int (*m)[3], int i, int j) { return m[i][j]; }
            void put(int m[][2][2], int v) { m[1][0][1] = v; }
            int main(void) {
              int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
              int a[3][2][2] = {0};
              put(a + 1, 7);
              put(&a[0], 8);
              return get(m + 1, 0, 2) * 1000 + get(&m[0], 1, 0) * 100 + get(m, 0, 1) * 10 + a[2][0][1] - a[1][0][1];
            }
            """;
        Assert.That(CProgram.Run(CProgram.Accepted(text), "main"), Is.EqualTo(new Returned(6000 + 400 + 20 + 7 - 8)));
    }

    [Test]
    public void AFileScopeMatrixFilledFromItsSecondRowTerminates()
    {
        var program = CProgram.Accepted(Fill + "int main(void) { fill(g + 1, 3); return g[3][2]; }");
        Assert.That(CProgram.Run(program, "main"), Is.EqualTo(new Returned(4)));
        Assert.That(CProgram.Analyze(program, "main").Verdict, Proved.Terminates);
    }

    [Test]
    public void RowsPastTheObjectAreUndefinedBehaviour()
    {
        var (_, replayed) = CProgram.ReplayedNo(Fill + "int main(void) { fill(&g[2], 3); return 0; }", "main");
        Assert.That(replayed.What, Does.StartWith("out-of-bounds write of '*m[12]'"));
    }

    [Test]
    public void AColumnPastItsRowIsUndefinedBehaviourEvenInsideTheObject()
    {
        const string text = """
            int printf(const char *format, ...);
            void print_matrix(int m[2][3], int rows) {
              for (int i = 0; i < rows; i++)
                for (int j = 0; j <= 3; j++)
                  printf("%d ", m[i][j]);
            }
            int main(void) { int m[2][3] = {{1, 2, 3}, {4, 5, 6}}; print_matrix(m, 2); return 0; }
            """;
        var (_, replayed) = CProgram.ReplayedNo(text, "main");
        Assert.That(replayed.What, Is.EqualTo("second index of 'm' out of the bounds of its dimension (3 elements)"));
        Assert.That(replayed.At.Line, Is.EqualTo(5));
    }

    [Test]
    public void AFunctionWithAParameterThatPointsToRowsIsNotAnsweredOnItsOwn()
    {
        var program = CProgram.Accepted(Print);
        Assert.That(
            CProgram.Analyze(program, "print_matrix").Verdict,
            Is.InstanceOf<DontKnow>().With.Property(nameof(DontKnow.Reason)).Contains("pointer parameter 'm' of an analyzed function (its object is known only where it is called)"));
    }

    [TestCase("int main(void) { int a[2][4] = {{0}}; return f(a, 2); }", "t.c:2:48: unsupported: argument 1 of 'f' is an array of rows of 4 'int', not of 3 'int'")]
    [TestCase("int main(void) { char a[2][3] = {{0}}; return f(a, 2); }", "t.c:2:49: unsupported: argument 1 of 'f' is an array of rows of 3 'signed char', not of 3 'int'")]
    [TestCase("int main(void) { int a[6] = {0}; return f(a, 2); }", "t.c:2:43: unsupported: argument 1 of 'f' is not an array of rows of 3 'int' (or a pointer to its rows)")]
    [TestCase("int main(void) { int a[2][3][1] = {0}; return f(a, 2); }", "t.c:2:49: unsupported: argument 1 of 'f' is an array of rows of 3 x 1 'int', not of 3 'int'")]
    [TestCase("int h(int m[][3]) { return m != 0; }", "t.c:2:28: unsupported: parameter 'm' that points to rows of an array used other than through its elements (m[i][j]) or passed on whole")]
    [TestCase("int h(int m[][3]) { return m[0] != 0; }", "t.c:2:28: unsupported: parameter 'm' that points to rows of an array used other than through its elements (m[i][j]) or passed on whole")]
    [TestCase("int h(int m[][3][2]) { return m[0][1][0] + m[0][1]; }", "t.c:2:44: unsupported: parameter 'm' that points to rows of an array used other than through its elements (m[i][j][k]) or passed on whole")]
    [TestCase("int h(int m[][3]) { m++; return 0; }", "t.c:2:11: unsupported: parameter 'm' that points to rows of an array, assigned or whose address is taken")]
    [TestCase("int h(int (*m)[]) { return 0; }", "t.c:2:13: unsupported: array type has incomplete element type: array 'm' without the length of a dimension after the first")]
    [TestCase("int h(int n, int m[][n]) { return 0; }", "t.c:2:22: unsupported: array parameter with a variable length after the first")]
    public void OtherUsesAreRefused(string text, string refusal)
    {
        Assert.That(CProgram.Refusal("int f(int m[][3], int rows) { return m[0][0]; }\n" + text), Is.EqualTo(refusal));
    }
}
