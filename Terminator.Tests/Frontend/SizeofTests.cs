using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// <c>sizeof</c> of expressions (C11 6.5.3.4): the size of the operand's type, a <c>size_t</c> constant under the data
/// model, whose operand is not evaluated; arrays keep their whole size, array parameters are pointers, and a
/// variable-length array's size is its length at its declaration times its element's size.
/// </summary>
[TestFixture]
public sealed class SizeofTests
{
    private static ProgramIr Parse(string text, DataModel dataModel) =>
        CFrontend.Parse(text, "t.c", usePreprocessor: false, dataModel: dataModel);

    private static RunOutcome Run(string text, DataModel dataModel, params int[] inputs)
    {
        var program = Parse(text, dataModel);
        Assert.That(program.RefusedFunctions.Where(f => f.Name == "f"), Is.Empty, "f is not refused");
        // Arbitrary values (of elements never written) are 0.
        return Interpreter.Run(program, "f", [.. inputs.Select(i => (System.Numerics.BigInteger)i)], [.. Enumerable.Repeat(System.Numerics.BigInteger.Zero, 100)], new InterpreterOptions()).Outcome;
    }

    private static Verdict VerdictOf(string text, DataModel dataModel, string function = "f") =>
        Termination.Analyze(text, SourceLanguage.C, new AnalysisOptions { DataModel = dataModel, Function = function, Timeout = TimeSpan.FromSeconds(20) })
            .Functions.Single().Verdict;

    private static string RefusalOf(string text, DataModel dataModel = DataModel.Ilp32)
    {
        var refused = Parse(text, dataModel).RefusedFunctions.Single(f => f.Name == "f");
        return $"{refused.At}: {refused.Reason}";
    }

    [TestCase("int a[5]; return sizeof a;", 20, 20)]
    [TestCase("int a[5]; return sizeof a[0] + sizeof(a[0]) * 10 + sizeof (a) * 100;", 2044, 2044)]
    [TestCase("long a[5]; return sizeof a;", 20, 40)]
    [TestCase("short m[2][3]; return sizeof m + sizeof m[1] * 100 + sizeof m[1][2] * 10000;", 20612, 20612)]
    [TestCase("long long m[2][3][4]; return sizeof m + sizeof m[1] * 1000 + sizeof(m[1][2]) * 1000000;", 32096192, 32096192)]
    [TestCase("int a[] = {1, 2, 3}; return sizeof a / sizeof a[0];", 3, 3)]
    [TestCase("char s[] = \"hello\"; return sizeof s + sizeof \"abc\" * 10;", 46, 46)]
    public void SizeofOfALocalArrayIsTheWholeArray(string body, int ilp32, int lp64)
    {
        Assert.That(Run($"int f(void) {{ {body} }}", DataModel.Ilp32), Is.EqualTo(new Returned(ilp32)));
        Assert.That(Run($"int f(void) {{ {body} }}", DataModel.Lp64), Is.EqualTo(new Returned(lp64)));
    }

    [Test]
    public void SizeofOfAnArrayAtFileScopeIsTheWholeArray()
    {
        const string text = "int g[7];\nlong gm[3][4];\nint f(void) { return sizeof g + sizeof gm * 100 + sizeof gm[0] * 10000; }";
        Assert.That(Run(text, DataModel.Ilp32), Is.EqualTo(new Returned(28 + 4800 + 160000)));
        Assert.That(Run(text, DataModel.Lp64), Is.EqualTo(new Returned(28 + 9600 + 320000)));
    }

    [TestCase(DataModel.Ilp32, 10 + 4 * 100 + 1 * 1000 + 20 * 10000)]
    [TestCase(DataModel.Lp64, 10 + 4 * 100 + 1 * 1000 + 20 * 10000)]
    public void SizeofOfAStructMemberIsItsType(DataModel dataModel, int expected)
    {
        // The struct is laid out with padding: m at 0, data at 4, h at 14 (aligned to 2), 20 bytes in all.
        const string text = "struct S { int m; char data[10]; short h[3]; };\nint f(void) { struct S s; s.m = 0; return sizeof s.data + sizeof s.m * 100 + sizeof(s.data[1]) * 1000 + sizeof s * 10000; }";
        Assert.That(Run(text, dataModel), Is.EqualTo(new Returned(expected)));
    }

    [TestCase(DataModel.Ilp32, 12 + 8 * 100 + 4 * 1000 + 16 * 10000 + 8 * 100000 + 8 * 1000000)]
    [TestCase(DataModel.Lp64, 12 + 16 * 100 + 4 * 1000 + 16 * 10000 + 16 * 100000 + 8 * 1000000)]
    public void SizeofOfAnArrayOrStructTypeAndOfAnArrayOfStructs(DataModel dataModel, int expected)
    {
        // struct node: an int and a pointer, padded to the pointer's alignment; pts: 2 structs of 2 ints.
        const string text = """
            #define N 3
            struct node { int v; struct node *next; };
            struct P { int x; int y; };
            int f(void) {
              struct P pts[2];
              pts[0].x = 0;
              return sizeof(int[N]) + sizeof(struct node) * 100 + sizeof(N) * 1000 + sizeof pts * 10000 + sizeof(char *[2]) * 100000 + sizeof pts[1] * 1000000;
            }
            """;
        Assert.That(Run(text, dataModel), Is.EqualTo(new Returned(expected)));
    }

    [TestCase(DataModel.Ilp32, 4 + 4 * 10 + 8 * 100)]
    [TestCase(DataModel.Lp64, 4 + 8 * 10 + 16 * 100)]
    public void SizeofThroughANullPointerToAStructIsNoAccess(DataModel dataModel, int expected)
    {
        const string text = "struct node { int v; struct node *next; };\nint f(void) { struct node *p = 0; return sizeof p->v + sizeof p->next * 10 + sizeof *p * 100; }";
        Assert.That(Run(text, dataModel), Is.EqualTo(new Returned(expected)));
        Assert.That(VerdictOf(text, dataModel), Proved.Terminates);
    }

    [TestCase(DataModel.Ilp32, 4 + 4 * 10 + 4 * 100 + 4 * 1000)]
    [TestCase(DataModel.Lp64, 4 + 4 * 10 + 8 * 100 + 8 * 1000)]
    public void SizeofThroughANullPointerIsNoAccess(DataModel dataModel, int expected)
    {
        const string text = "int f(void) { int *p = 0; return sizeof *p + sizeof p[0] * 10 + sizeof p * 100 + sizeof (p + 1) * 1000; }";
        Assert.That(Run(text, dataModel), Is.EqualTo(new Returned(expected)));
        Assert.That(VerdictOf(text, dataModel), Proved.Terminates);
    }

    [TestCase("sizeof (c + 1)", 4, 4)]
    [TestCase("sizeof c", 1, 1)]
    [TestCase("sizeof ((char)n)", 1, 1)]
    [TestCase("sizeof ((long)c)", 4, 8)]
    [TestCase("sizeof (l + 1)", 4, 8)]
    [TestCase("sizeof (c + 1u)", 4, 4)]
    [TestCase("sizeof (c + 1LL)", 8, 8)]
    [TestCase("sizeof (c ? c : c)", 4, 4)]
    [TestCase("sizeof -c", 4, 4)]
    [TestCase("sizeof !l", 4, 4)]
    [TestCase("sizeof (c = 5)", 1, 1)]
    [TestCase("sizeof (l << c)", 4, 8)]
    [TestCase("sizeof (c < l)", 4, 4)]
    [TestCase("sizeof 'a'", 4, 4)]
    [TestCase("sizeof 1L", 4, 8)]
    [TestCase("sizeof sizeof c", 4, 8)]
    [TestCase("sizeof (a + 1)", 4, 8)]
    [TestCase("sizeof (0, a)", 4, 8)]
    [TestCase("sizeof *a", 2, 2)]
    [TestCase("sizeof (&a[1] - &a[0])", 4, 8)]
    [TestCase("sizeof ((n))", 4, 4)]
    public void SizeofOfAnExpressionIsTheSizeOfItsTypeAfterTheUsualConversions(string operand, int ilp32, int lp64)
    {
        var text = $"int f(int n) {{ char c = 1; long l = 2; short a[3]; a[0] = 0; return {operand}; }}";
        Assert.That(Run(text, DataModel.Ilp32, 0), Is.EqualTo(new Returned(ilp32)));
        Assert.That(Run(text, DataModel.Lp64, 0), Is.EqualTo(new Returned(lp64)));
    }

    [Test]
    public void ACastIsTheOperandOfSizeofOnlyInParentheses()
    {
        // C's grammar: 'sizeof (char)' is the size of a type, and the 'c' after it is a syntax error (clang: "expected ','").
        var error = Assert.Throws<SourceException>(() => Parse("int f(char c) { return sizeof (char)c; }", DataModel.Ilp32));
        Assert.That(error!.Message, Is.EqualTo("t.c:1:37: expected an expression after 'sizeof (char)': a cast is the operand of sizeof only in parentheses ('sizeof ((T) x)')"));
        Assert.That(Run("int f(void) { return sizeof (char) * 3; }", DataModel.Ilp32), Is.EqualTo(new Returned(3)));
    }

    [Test]
    public void TheOperandIsNotEvaluated()
    {
        Assert.That(Run("int f(void) { int x = 0; unsigned s = sizeof x++; s += sizeof (x = 7) + sizeof(--x); return x; }", DataModel.Ilp32), Is.EqualTo(new Returned(0)));

        // Neither an index out of the bounds nor a null pointer is an access here.
        const string outOfBounds = "int f(void) { int a[3] = {0}; int i = 10; int s = 0; s += sizeof a[i]; s += sizeof a[i++]; return s + i; }";
        Assert.That(Run(outOfBounds, DataModel.Ilp32), Is.EqualTo(new Returned(18)));
        Assert.That(VerdictOf(outOfBounds, DataModel.Ilp32), Proved.Terminates);
        const string nullPointer = "int f(void) { int *p = 0; int n = sizeof *p; while (n > 0) n -= sizeof p[1]; return n; }";
        Assert.That(VerdictOf(nullPointer, DataModel.Lp64), Proved.Terminates);
    }

    [TestCase(DataModel.Ilp32)]
    [TestCase(DataModel.Lp64)]
    public void SizeofOfAnArrayOverItsElementBoundsALoop(DataModel dataModel)
    {
        const string sum = """
            int f(void) {
              int a[5] = {1, 2, 3, 4, 5};
              int s = 0;
              for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++) s += a[i];
              return s;
            }
            """;
        Assert.That(Run(sum, dataModel), Is.EqualTo(new Returned(15)));
        const string clear = "int f(void) { int a[5] = {1, 2, 3, 4, 5}; for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++) a[i] = 0; return a[4]; }";
        Assert.That(VerdictOf(clear, dataModel), Proved.Terminates);
        const string pastTheEnd = "int f(void) { int a[5] = {1, 2, 3, 4, 5}; for (unsigned i = 0; i <= sizeof a / sizeof a[0]; i++) a[i] = 0; return a[4]; }";
        Assert.That(VerdictOf(pastTheEnd, dataModel), Is.InstanceOf<No>());
    }

    [Test]
    public void SizeofOfLongFollowsTheDataModelInALoopBound()
    {
        // sizeof x / 4 is the length of x under ILP32, twice it under LP64, where the loop writes past the end.
        const string text = "int f(void) { long x[4]; for (unsigned i = 0; i < sizeof x / 4; i++) x[i] = 0; return 0; }";
        Assert.That(VerdictOf(text, DataModel.Ilp32), Proved.Terminates);
        Assert.That(VerdictOf(text, DataModel.Lp64), Is.InstanceOf<No>());
    }

    [TestCase(DataModel.Ilp32, 4)]
    [TestCase(DataModel.Lp64, 8)]
    public void AnArrayParameterIsAPointer(DataModel dataModel, int expected)
    {
        const string text = "int g(int a[10]) { return sizeof a; }\nint h(int a[]) { return sizeof a + sizeof a[0]; }\nint f(void) { int b[10]; return g(b) * 100 + h(b); }";
        Assert.That(Run(text, dataModel), Is.EqualTo(new Returned(expected * 100 + expected + 4)));
    }

    [Test]
    public void AnArrayParameterOfAVariableLengthIsRefused()
    {
        Assert.That(RefusalOf("int f(int n, int a[n]) { return 0; }"), Is.EqualTo("t.c:1:20: unsupported: array parameter with a variable length"));
    }

    [TestCase(DataModel.Ilp32, 7, 28)]
    [TestCase(DataModel.Lp64, 7, 56)]
    public void SizeofOfAVariableLengthArrayIsItsLengthAtItsDeclaration(DataModel dataModel, int n, int expected)
    {
        const string text = "int f(int n) { if (n <= 0 || n > 100) return 0; long a[n]; n = 3; { int n = 1; return sizeof a + n - 1; } }";
        Assert.That(Run(text, dataModel, n), Is.EqualTo(new Returned(expected)));
        Assert.That(
            VerdictOf("int f(int n) { if (n <= 0 || n > 100) return 0; int a[n]; for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++) a[i] = 0; return a[n - 1]; }", dataModel),
            Proved.Terminates);
    }

    [Test]
    public void SizeofOfANameInsideItsOwnDeclarationSeesItsDeclaredType()
    {
        Assert.That(Run("int f(void) { long x = sizeof x; return x; }", DataModel.Lp64), Is.EqualTo(new Returned(8)));

        // 'a' is the new pointer in its own initializer, not the outer array: 3 elements of 8 bytes under LP64.
        const string allocation = "int f(void) { char a[100]; { long *a = malloc(3 * sizeof *a); a[2] = 1; long r = a[2]; free(a); return r; } }";
        Assert.That(Run(allocation, DataModel.Lp64), Is.EqualTo(new Returned(1)));
        Assert.That(Run(allocation.Replace("a[2]", "a[3]", StringComparison.Ordinal), DataModel.Lp64), Is.InstanceOf<UndefinedBehaviour>());
        Assert.That(
            RefusalOf("int f(int n) { char a[4]; { int a[3] = {sizeof a, 0, 0}; return a[0]; } }"),
            Is.EqualTo("t.c:1:48: unsupported: sizeof of 'a' inside its own declaration"));
    }

    [TestCase("int f(int n) { return sizeof f(n); }", "t.c:1:30: unsupported: sizeof of a function call")]
    [TestCase("struct S { char c; long long x; };\nint f(void) { struct S s; s.c = 0; return sizeof s; }", "t.c:2:43: unsupported: sizeof of struct 'S', whose member 'x' of 64 bits is aligned differently by the ILP32 ABIs")]
    [TestCase("int f(int n) { return sizeof (n + 1.0); }", "t.c:1:35: unsupported: floating point literal")]
    [TestCase("int f(void) { return sizeof(uint32_t); }", "t.c:1:29: unsupported: sizeof of 'uint32_t', which names neither a type nor an object declared here")]
    public void WhatCannotBeTypedIsRefused(string text, string expected)
    {
        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }

    [Test]
    public void AnArrayOfArraysWithoutALengthRefusesOnlyItsFunction()
    {
        const string text = "int f(void) { int a[2][]; return 0; }\nint g(int n) { while (n > 0) n--; return n; }";
        Assert.That(RefusalOf(text), Is.EqualTo("t.c:1:19: unsupported: array type has incomplete element type: array 'a' without the length of a dimension after the first"));
        Assert.That(VerdictOf(text, DataModel.Ilp32, "g"), Proved.Terminates);

        const string atFileScope = "int m[2][];\nint f(void) { return sizeof m; }\nint g(int n) { while (n > 0) n--; return n; }";
        Assert.That(RefusalOf(atFileScope), Is.EqualTo("t.c:2:29: unsupported: 'm', whose declaration at t.c:1:5 is outside the subset (array type has incomplete element type: array 'm' without the length of a dimension after the first)"));
        Assert.That(VerdictOf(atFileScope, DataModel.Ilp32, "g"), Proved.Terminates);
    }
}
