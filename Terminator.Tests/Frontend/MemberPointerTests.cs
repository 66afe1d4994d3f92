using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Pointers into an array member of an element of an array of structs (<c>int *q = rows[i].v;</c>,
/// <c>&amp;rows[i].v[k]</c>): they walk the member's elements, and C bounds them by the member, not by the array of
/// structs around it: a pointer formed more than one past the member's end, or an element reached outside it, is
/// undefined behaviour even where the enclosing object goes on.
/// </summary>
[TestFixture]
public sealed class MemberPointerTests
{
    private const string Row = "struct row { int n; int v[4]; };\n";

    private const string Rows = Row + "struct row rows[3] = {{4, {1, 2, 3, 4}}, {2, {5, 6}}, {0, {7, 8, 9, 10}}};\n";

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(CProgram.Accepted(text), "f", inputs);

    private static string RefusalOf(string text)
    {
        var refused = CFrontend.Parse(text, "t.c", usePreprocessor: false).RefusedFunctions.Single(r => r.Name == "f");
        return $"{refused.At}: {refused.Reason}";
    }

    private static UndefinedBehaviour ReplayedNo(string text) => CProgram.ReplayedNo(text, "f").Replayed;

    [Test]
    public void APointerWalksTheMemberOfOneElement()
    {
        const string text = Rows + """
            int f(int i) {
              int s = 0;
              for (int *q = rows[i].v; q < rows[i].v + 4; q++) s = s * 10 + *q;
              int *p = &rows[i].v[1];
              s = s * 10 + p[2] + p[-1] * 100;
              int *e = rows[i].v + 4, *r = rows[i].v;
              while (r != e) { *r += 1; r++; }
              return s * 10 + rows[i].v[3] + (e - rows[i].v) * 100000;
            }
            """;
        Assert.That(Run(text, 0), Is.EqualTo(new Returned((((1234 * 10) + 4 + 100) * 10) + 5 + 400000)));
        Assert.That(Run(text, 2), Is.EqualTo(new Returned((((7900 * 10) + 10 + 700) * 10) + 11 + 400000)));
    }

    [Test]
    public void APointerDeclaredWithoutAValueTakesAMemberAtItsFirstStore()
    {
        const string text = Rows + "int f(int n) { int *q; int s = 0; for (int i = 0; i < 3; i++) for (q = rows[i].v; q < rows[i].v + n; q++) s += *q; return s; }";
        Assert.That(Run(text, 2), Is.EqualTo(new Returned(1 + 2 + 5 + 6 + 7 + 8)));
        Assert.That(Run(text, 5), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("pointer out of the bounds of the member 'v' of an element of 'rows' (its length is 4)"));
        Assert.That(Run(Rows + "int f(int n) { int *q; if (n) q = rows[1].v; return *q; }", 0), Is.TypeOf<UndefinedBehaviour>());
        Assert.That(
            CProgram.Analyze(CProgram.Accepted(Row + "struct row rows[3];\nint f(void) { int *q; for (int i = 0; i < 3; i++) for (q = rows[i].v; q < rows[i].v + 4; q++) *q = i; return 0; }"), "f").Verdict,
            Proved.Terminates);
    }

    [Test]
    public void PointersIntoDifferentElementsCompareByAddress()
    {
        // The struct holds n before v: the end of rows[0].v lies before rows[1].v, not at it.
        Assert.That(Run(Rows + "int f(void) { int *p = rows[0].v + 4, *q = rows[1].v; return (p < q) * 100 + (p == q) * 10 + (q > rows[0].v + 1); }"), Is.EqualTo(new Returned(101)));
        // i changes between the two: the windows differ although the text is the same.
        Assert.That(Run(Rows + "int f(int i) { int *q = rows[i].v + 4; i++; return (q < rows[i].v) * 10 + (q == rows[i].v); }", 0), Is.EqualTo(new Returned(10)));
        Assert.That(Run(Rows + "int f(int i) { int *q = rows[i].v + 4; int *e = q; return (q == e) + (e - rows[i].v); }", 1), Is.EqualTo(new Returned(5)));
        // Two variables named i: two windows.
        Assert.That(Run(Rows + "int f(void) { int i = 0; int *q = rows[i].v + 4; { int i = 1; return (q == rows[i].v) * 10 + (q < rows[i].v); } }"), Is.EqualTo(new Returned(1)));
        // A struct of the member alone: the end of one element's member is the start of the next one's (C11 6.5.9p6).
        Assert.That(Run("struct cell { int v[2]; };\nstruct cell c[2];\nint f(void) { int *p = c[0].v + 2, *q = c[1].v; return (p < q) * 100 + (p == q) * 10 + (p <= q); }"), Is.EqualTo(new Returned(11)));
    }

    [TestCase(Rows + "int f(int n) { int s = 0; int *q = rows[1].v; for (int k = 0; k <= n; k++) s += *q++; return s; }", 4, "out-of-bounds access of the member 'v' of an element of 'rows' through a pointer (its length is 4)")]
    [TestCase(Rows + "int f(int n) { int *q = rows[0].v; q += n; return 0; }", 5, "pointer out of the bounds of the member 'v' of an element of 'rows' (its length is 4)")]
    [TestCase(Rows + "int f(int n) { int *q = rows[0].v + 4; return q[n]; }", 0, "out-of-bounds access of the member 'v' of an element of 'rows' through a pointer (its length is 4)")]
    [TestCase(Row + "int f(int n) { struct row r[2] = {{1}}; int *q = &r[0].v[1]; return q[n]; }", 3, "out-of-bounds access of the member 'v' of an element of 'r' through a pointer (its length is 4)")]
    [TestCase(Rows + "int f(int n) { int *q = rows[n].v; return 0; }", 3, "pointer into the member 'v' of an element outside 'rows' (its length is 3)")]
    [TestCase(Rows + "int f(int n) { int *q = rows[n].v, *r = rows[1].v; return q - r; }", 0, "subtraction of pointers into the member 'v' of different elements of 'rows'")]
    public void OutsideTheMemberIsUndefinedBehaviourEvenInsideTheObject(string text, int input, string what)
    {
        Assert.That(Run(text, input), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [Test]
    public void AWalkPastTheMemberIntoTheNextElementIsANoThatReplays()
    {
        // The next element's n and v follow in memory, but C bounds the walk by rows[i].v.
        var replayed = ReplayedNo(Row + "struct row rows[3];\nint f(void) { int k = 0; for (int *q = rows[0].v; q <= rows[0].v + 4; q++) { *q = 0; k++; } return k; }");
        Assert.That(replayed.What, Is.EqualTo("out-of-bounds access of the member 'v' of an element of 'rows' through a pointer (its length is 4)"));
        var walked = ReplayedNo(Row + "struct row rows[3];\nint f(void) { int k = 0; int *q = rows[0].v; while (q < rows[2].v) { q++; k++; } return k; }");
        Assert.That(walked.What, Is.EqualTo("pointer out of the bounds of the member 'v' of an element of 'rows' (its length is 4)"));
    }

    [TestCase(Row + "struct row rows[3];\nint f(void) { int *p = &rows[1].v[1]; int k = 0; while (p != rows[1].v + 4) { *p = 0; p++; k++; } return k; }")]
    [TestCase(Row + "struct row rows[3];\nint f(int i) { if (i < 0 || i >= 3) return 0; for (int *q = rows[i].v; q < rows[i].v + 4; q++) *q = 0; return 1; }")]
    [TestCase(Row + "int f(int i) { struct row rows[2]; if (i < 0 || i > 1) return 0; for (int *q = rows[i].v + 3; q >= rows[i].v + 1; q--) *q = 0; return rows[i].v[1]; }")]
    public void WalksInsideTheMemberAreProved(string text)
    {
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "f").Verdict, Proved.Terminates);
    }

    private const string Sum = Rows + """
        int a[6] = {1, 1, 1, 1, 1, 1};
        int sum(const int *p, int n) { int s = 0; for (const int *q = p; q < p + n; q++) s += *q; return s; }
        """;

    [Test]
    public void AFunctionTakesAPointerIntoAMemberAndStaysInsideIt()
    {
        // The parameter's window is the member's when the argument points into one, and the whole array otherwise.
        Assert.That(Run(Sum + "int f(int n) { int t = 0; for (int i = 0; i < 3; i++) t += sum(rows[i].v, 4); return t + sum(a, 6) + sum(&rows[1].v[1], n); }", 3), Is.EqualTo(new Returned(55 + 6 + 6)));
        Assert.That(Run(Sum + "int f(int n) { return sum(a + 1, n); }", 5), Is.EqualTo(new Returned(5)));
        Assert.That(Run(Sum + "int f(int n) { return sum(&rows[1].v[1], n); }", 4), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo("pointer out of the bounds of the array member that 'p' points into"));
        var replayed = ReplayedNo(Row + "struct row rows[3];\nint sum(int *p, int n) { int s = 0; for (int k = 0; k < n; k++) s = p[k]; return s; }\nint f(void) { return sum(rows[0].v, 5); }");
        Assert.That(replayed.What, Is.EqualTo("out-of-bounds access of the array member that 'p' points into through a pointer"));
        Assert.That(
            CProgram.Analyze(CProgram.Accepted(Row + "struct row rows[3];\nvoid clear(int *p, int n) { for (int *q = p; q < p + n; q++) *q = 0; }\nint f(int i) { if (i < 0 || i > 2) return 0; clear(rows[i].v, 4); return 1; }"), "f").Verdict,
            Proved.Terminates);
    }

    [TestCase("int g(int *p) { return *p; }\nint h(int *p) { return g(p); }\nint f(int i) { return h(rows[i].v); }", "h", "t.c:4:26: unsupported: a pointer into the array member that 'p' points into passed to a function")]
    [TestCase("int g(int *p, int *q) { return p < q; }\nint f(int i) { return g(rows[i].v, rows[0].v); }", "g", "t.c:3:32: unsupported: comparison or subtraction of pointers into different arrays")]
    public void AParameterThatTakesAMemberIsRefusedWhereItWouldLeaveIt(string text, string function, string expected)
    {
        var refused = CFrontend.Parse(Rows + text, "t.c", usePreprocessor: false).RefusedFunctions.Single(r => r.Name == function);
        Assert.That($"{refused.At}: {refused.Reason}", Does.StartWith(expected));
    }

    private const string Only = ": its bounds, the member's, are kept only in the function that forms it and in the functions it is passed to from there";

    [TestCase(Rows + "int g(int *p) { return *p; }\nint h(int *p) { return g(p); }\nint f(int i) { return h(rows[i].v); }", $"t.c:5:23: unsupported: call of 'h', which is outside the subset")]
    [TestCase(Rows + "int g(int *p, int *q) { return p < q; }\nint f(int i) { return g(rows[i].v, rows[0].v); }", $"t.c:4:23: unsupported: call of 'g', which is outside the subset")]
    [TestCase(Rows + "int f(int i) { int *q = 0; q = rows[i].v; return *q; }", $"t.c:3:32: unsupported: a pointer into the member 'v' of an element of 'rows' stored into 'q', declared without a value that may be null{Only}")]
    [TestCase(Rows + "int f(int i) { int *q = rows[i].v; int **pp = &q; return **pp; }", "t.c:3:47: unsupported: address of pointer 'q', which points into the member 'v' of an element of 'rows'")]
    [TestCase(Rows + "int f(int i) { int *q = rows[i++].v; return *q; }", "t.c:3:30: unsupported: an index with side effects into the array of structs 'rows' in a pointer into its member 'v'")]
    [TestCase(Rows + "int f(int i) { int *q = rows[0].v; return q[i++]; }", "t.c:3:43: unsupported: an element with side effects in its index reached through a pointer into the member 'v' of an element of 'rows'")]
    [TestCase("struct buf { int len; int data[8]; };\nint g(struct buf *p) { int *q = p->data; return *q; }\nint f(void) { return 0; }", null)]
    public void OtherUsesAreRefusedWithTheirReason(string text, string? expected)
    {
        if (expected is null)
        {
            // An array member reached through a pointer to a record stays refused.
            var refused = CFrontend.Parse(text, "t.c", usePreprocessor: false).RefusedFunctions.Single(r => r.Name == "g");
            Assert.That(refused.Reason, Is.EqualTo("unsupported: a pointer into the array member 'data' of a struct reached through a pointer"));
            return;
        }

        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }
}
