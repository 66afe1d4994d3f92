using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Arrays with initializers (<c>int a[] = {1, 2}</c>, <c>char s[] = "ab"</c>), variable-length arrays, and pointers
/// to string literals, whose arrays are read-only.
/// </summary>
[TestFixture]
public sealed class ArrayInitializerTests
{
    private static ProgramIr Parse(string text) => CProgram.Accepted(text);

    private static string Body(string body) => IrText.Of(Parse($"int f(int n) {{ {body} }}").Find("f")!.Body);

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(Parse(text), "f", inputs);

    private static FunctionResult Analyze(string text) => CProgram.Analyze(Parse(text), "f");

    [Test]
    public void AnInitializerListStoresItsValuesIntoAZeroedArray()
    {
        Assert.That(
            Body("int a[4] = {n, 2,}; return a[3];"),
            Is.EqualTo("{ (array int a 4u) (= a [0u] n) (= a [1u] 2) (return (a [3])) }"));
        Assert.That(Parse("int f(void) { int a[4] = {1}; return 0; }").Functions.Single().Body.Statements[0], Is.InstanceOf<ArrayDeclStmt>().With.Property(nameof(ArrayDeclStmt.Zeroed)).True);
    }

    [Test]
    public void TheLengthComesFromTheInitializerWhenTheDeclarationHasNone()
    {
        Assert.That(Run("int f(void) { int a[] = {3, 4, 5}; int s = 0; for (int i = 0; i < 3; i++) s += a[i]; return s + a[2]; }"), Is.EqualTo(new Returned(17)));
        Assert.That(Run("int f(void) { char s[] = \"a\\tb\\x41\\101\\0z\"; return s[1] + s[3] + s[4] + s[5] + s[6] + s[7]; }"), Is.EqualTo(new Returned(9 + 65 + 65 + 0 + 'z' + 0)));
    }

    [Test]
    public void AStringThatFillsTheArrayExactlyLeavesOutItsTerminator()
    {
        Assert.That(Run("int f(void) { char s[3] = \"abc\"; return s[2]; }"), Is.EqualTo(new Returned('c')));
        Assert.That(
            Run("int f(void) { char s[3] = \"abc\"; int n = 0; while (s[n] != 0) n++; return n; }"),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("out-of-bounds read of 's[3]' (its length is 3)"));
    }

    [Test]
    public void AVariableLengthWithSideEffectsIsRefused()
    {
        var program = CFrontend.Parse("int f(int n) { int a[n++]; return 0; }", "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions.Single().Reason, Is.EqualTo("unsupported: a length with side effects of variable-length array 'a'"));
    }

    [Test]
    public void ElementsTheInitializerLeavesOutAreZero()
    {
        Assert.That(Run("int f(void) { int a[5] = {1}; return a[0] * 10 + a[4]; }"), Is.EqualTo(new Returned(10)));
    }

    [Test]
    public void CallocGivesAnArrayOfZerosOnTheHeap()
    {
        const string text = "void *calloc(unsigned long n, unsigned long s);\nvoid free(void *p);\nint f(int n) { if (n <= 0 || n > 1000) return 0; int *a = calloc(n, sizeof(int)); int i = 0; while (a[i] == 0 && i < n - 1) i++; free(a); return i; }";
        Assert.That(Run(text, 5), Is.EqualTo(new Returned(4)));
        Assert.That(Analyze(text).Verdict, Proved.Terminates);
        Assert.That(
            Run("void *calloc(unsigned long n, unsigned long s);\nvoid free(void *p);\nint f(void) { int *a = calloc(2, sizeof(int)); free(a); return a[0]; }"),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("use of 'a' after free"));
    }

    [Test]
    public void MoreValuesThanElementsIsAnError()
    {
        var error = Assert.Throws<SourceException>(() => CFrontend.Parse("int f(void) { int a[2] = {1, 2, 3}; return 0; }", "t.c", usePreprocessor: false))!;
        Assert.That(error.Message, Is.EqualTo("t.c:1:33: more values than the 2 elements of array 'a'"));
    }

    [Test]
    public void AVariableLengthArrayOfALengthThatIsNotPositiveIsUndefinedBehaviour()
    {
        const string text = "int f(int n) { int a[n]; for (int i = 0; i < n; i++) a[i] = i; return n > 1 ? a[1] : 0; }";
        Assert.That(Run(text, 3), Is.EqualTo(new Returned(1)));
        Assert.That(Run(text, 0), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("variable-length array 'a' of a length that is not positive"));
    }

    [Test]
    public void APointerToAStringLiteralWalksItsCharactersUpToTheTerminator()
    {
        const string text = "int f(void) { const char *s = \"hello\"; int n = 0; while (*s) { s++; n++; } return n; }";
        Assert.That(Run(text), Is.EqualTo(new Returned(5)));
        Assert.That(Analyze(text).Verdict, Proved.Terminates);
    }

    [Test]
    public void AStoreIntoAStringLiteralIsUndefinedBehaviour()
    {
        const string text = "int f(void) { char *s = \"abc\"; s[1] = 'x'; return 0; }";
        Assert.That(Run(text), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("store into the string literal that 's' points to"));
        Assert.That(Analyze(text).Verdict, Proved.DoesNotTerminate);
    }

    [Test]
    public void AStringLiteralStoredIntoAPointerAfterItsDeclarationIsItsArrayInAnyBlock()
    {
        const string text = "int f(void) { const char *s; int n = 0; for (int i = 0; i < 3; i++) { s = \"abc\"; n = 0; while (*s) { s++; n++; } } return n; }";
        Assert.That(Run(text), Is.EqualTo(new Returned(3)));
        Assert.That(Analyze(text).Verdict, Proved.Terminates);
        Assert.That(
            Run("int f(int c) { const char *s; if (c) { s = \"ab\"; } return *s; }", 0),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).StartsWith("pointer out of the bounds of 's'"));
        const string store = "int f(void) { char *s; s = \"abc\"; s[1] = 'x'; return 0; }";
        Assert.That(Run(store), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("store into the string literal that 's' points to"));
        Assert.That(Analyze(store).Verdict, Proved.DoesNotTerminate);
    }

    /// <summary>Two occurrences of a literal are two objects (C leaves open whether equal ones are one), and a pointer holds one array.</summary>
    [TestCase("int f(void) { const char *s; s = \"abc\"; s = \"abc\"; return *s; }", "t.c:1:45: unsupported: pointer 's' made to point into another array than the one it points into")]
    [TestCase("int f(int c) { const char *s; if (c) s = \"a\"; else s = \"b\"; return *s; }", "t.c:1:56: unsupported: pointer 's' made to point into another array than the one it points into")]
    [TestCase("int f(void) { int *p; p = \"abc\"; return 0; }", "t.c:1:27: unsupported: pointer 'p' to 'int' given a pointer to 'signed char'")]
    public void AnotherLiteralStoredIntoTheSamePointerIsRefused(string text, string expected)
    {
        var refused = CFrontend.Parse(text, "t.c", usePreprocessor: false).RefusedFunctions.Single();
        Assert.That($"{refused.At}: {refused.Reason}", Is.EqualTo(expected));
    }

    [Test]
    public void AStringLiteralsCharactersAtConstantIndexesAreKnown()
    {
        Assert.That(Analyze("int f(void) { const char *s = \"ab\"; int i = 0; while (s[1] == 'a') i++; return i; }").Verdict, Proved.Terminates);
        Assert.That(Analyze("int f(void) { const char *s = \"ab\"; int i = 0; while (s[0] == 'a') i++; return i; }").Verdict, Proved.DoesNotTerminate);
    }

    [TestCase("int f(void) { int m[2][3] = {{1, 2, 3}, {4, 5, 6}}; return m[1][2] * 10 + m[0][1]; }", 62)]
    [TestCase("int f(void) { int m[][2] = {{1}, {3, 4}, 5}; return m[0][1] * 100 + m[1][1] * 10 + m[2][0]; }", 45)]
    [TestCase("int f(void) { int m[3][4]; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * j; return m[2][3]; }", 6)]
    public void TwoDimensionalArraysAreRowsOfOneObject(string text, int expected)
    {
        Assert.That(Run(text), Is.EqualTo(new Returned(expected)));
    }

    /// <summary>Values outside braces fill elements in row-major order, and braces start the subarray (or element) they are at, as clang reads them.</summary>
    [TestCase("int f(void) { int a[2][3][2] = {{1, 2, 3}, 4, {5}, {{6}, 7}}; int s = 0; for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) s = s * 2 + a[i][j][k]; return s; }",
        ((((((((((1 * 2 + 2) * 2 + 3) * 2 + 0) * 2 + 0) * 2 + 0) * 2 + 4) * 2 + 5) * 2 + 6) * 2 + 7) * 2 + 0) * 2 + 0)]
    [TestCase("int f(void) { int m[2][2] = {1, {2}}; return m[0][0] * 1000 + m[0][1] * 100 + m[1][0] * 10 + m[1][1]; }", 1200)]
    [TestCase("int f(void) { int a[][2][2] = {1, 2, 3, 4, 5}; return a[1][0][0] + a[1][1][1]; }", 5)]
    [TestCase("int f(void) { int a[2][2][2] = {{{{1}}}}; return a[0][0][0]; }", 1)]
    [TestCase("int f(void) { long a[2][3][4][5]; for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) for (int l = 0; l < 5; l++) a[i][j][k][l] = i * 1000 + j * 100 + k * 10 + l; return a[1][2][3][4] + a[0][1][2][3]; }", 1234 + 123)]
    [TestCase("int g[2][3] = {{1, 2, 3}, {4, 5, 6}};\nint f(void) { return g[1][2] * 10 + g[0][1]; }", 62)]
    [TestCase("int c[][2][2] = {{{1}, {2, 3}}, 4};\nint f(void) { c[1][1][1] = 9; return c[0][1][1] * 100 + c[1][0][0] * 10 + c[1][1][1]; }", 349)]
    public void ArraysOfMoreDimensionsAreOneObjectInRowMajorOrder(string text, int expected)
    {
        Assert.That(Run(text), Is.EqualTo(new Returned(expected)));
    }

    [Test]
    public void AnIndexOtherThanTheFirstOutsideItsDimensionIsUndefinedBehaviourEvenInsideTheObject()
    {
        Assert.That(
            Run("int f(void) { int m[2][2] = {{1, 2}, {3, 4}}; return m[0][2]; }"),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("second index of 'm' out of the bounds of its dimension (2 elements)"));
        Assert.That(
            Run("int a[2][3][4];\nint f(void) { return a[0][3][0]; }"),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("second index of 'a' out of the bounds of its dimension (3 elements)"));
        Assert.That(
            Run("int f(void) { int a[2][3][4]; a[1][1][-1] = 0; return 0; }"),
            Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("third index of 'a' out of the bounds of its dimension (4 elements)"));
        const string past = "int f(void) { int a[2][3][4] = {0}; int s = 0; for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k <= 4; k++) s += a[i][j][k]; return s; }";
        var program = Parse(past);
        var verdict = CProgram.Analyze(program, "f").Verdict;
        Assert.That(verdict, Proved.DoesNotTerminate);
        var replay = Interpreter.Run(program, "f", [], [.. ((No)verdict).Witness.NondetValues], new InterpreterOptions());
        Assert.That(replay.Outcome, Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("third index of 'a' out of the bounds of its dimension (4 elements)"));
        Assert.That(Analyze("int a[3][4][2];\nint f(void) { for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 2; k++) a[i][j][k] = i + j + k; return 0; }").Verdict, Proved.Terminates);
        Assert.That(Analyze("int f(void) { int m[3][4]; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i + j; return 0; }").Verdict, Proved.Terminates);
    }

    [Test]
    public void AReadPastAnInitializedArrayIsUndefinedBehaviour()
    {
        var result = Analyze("int f(void) { int a[3] = {1, 2, 3}; int s = 0; for (int i = 0; i <= 3; i++) s += a[i]; return s; }");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("out-of-bounds read of 'a[3]'"));
    }
}
