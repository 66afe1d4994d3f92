using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Structs with array members on the heap and in arrays of structs: <c>p-&gt;data[i]</c> is an element of the array
/// field of a record, <c>rows[r].v[k]</c> an element of the object <c>rows.v</c>; an index outside the member array is
/// undefined behaviour even where the struct has more bytes after it, as C says.
/// </summary>
[TestFixture]
public sealed class RecordArrayMemberTests
{
    private const string Library = "void *malloc(unsigned long size);\nvoid *calloc(unsigned long n, unsigned long size);\nvoid free(void *p);\n";

    private const string Buf = Library + "struct buf { int len; int data[8]; };\n";

    private const string Row = "struct row { int n; int v[4]; };\n";

    private const string Fill = Buf + """
        int f(int n) {
          struct buf *p = malloc(sizeof(struct buf));
          if (!p) return 0;
          p->len = 0;
          for (int i = 0; i < n && i < 8; i++) { p->data[i] = i; p->len++; }
          int l = p->len;
          free(p);
          return l;
        }
        """;

    private const string Total = Row + """
        int f(void) {
          struct row rows[2] = {{2, {1, 2}}, {1, {3}}};
          int s = 0;
          for (int r = 0; r < 2; r++) for (int k = 0; k < rows[r].n; k++) s += rows[r].v[k];
          return s;
        }
        """;

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(CProgram.Accepted(text), "f", inputs);

    private static string RefusalOf(string text)
    {
        var refused = CFrontend.Parse(text, "t.c", usePreprocessor: false).RefusedFunctions.Single(r => r.Name == "f");
        return $"{refused.At}: {refused.Reason}";
    }

    private static (NonterminationWitness Witness, UndefinedBehaviour Replayed) ReplayedNo(string text) => CProgram.ReplayedNo(text, "f");

    [Test]
    public void ARecordWithAnArrayMemberIsReadAndRun()
    {
        var program = CProgram.Accepted(Fill);
        Assert.That(program.Records.Single().Fields.Select(f => (f.Name, f.Length)), Is.EqualTo(new (string, long?)[] { ("len", null), ("data", 8) }));
        Assert.That(IrText.Of(program.Find("f")!.Body), Does.Contain("(= (-> p data [i]) i)"));
        Assert.That(CProgram.Run(program, "f", 5), Is.EqualTo(new Returned(5)));
        Assert.That(CProgram.Run(program, "f", 100), Is.EqualTo(new Returned(8)));

        // The analysis gives every member read any value, so 'p->len++' may overflow there: Yes or DontKnow, never No.
        Assert.That(CProgram.Analyze(program, "f").Verdict, Is.Not.InstanceOf<No>());
    }

    [Test]
    public void AMemberArrayFilledInALoopBoundedByNIsProved()
    {
        const string text = Buf + """
            int f(int n) {
              struct buf *p = malloc(sizeof(struct buf));
              int i = 0;
              while (i < n && i < 8) { p->data[i] = n - i; i++; }
              p->len = i;
              free(p);
              return i;
            }
            """;
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "f").Verdict, Proved.Terminates);
    }

    [TestCase(Buf)]
    [TestCase(Library + "struct buf { int data[8]; int len; };\n")]
    public void AWritePastTheMemberArrayIsUndefinedEvenWithMoreMembersAfterIt(string declarations)
    {
        var text = declarations + "int f(int n) { struct buf *p = malloc(sizeof(struct buf)); for (int i = 0; i < n; i++) p->data[i] = i; free(p); return 0; }";
        var (witness, replayed) = ReplayedNo(text);
        Assert.That(replayed.What, Is.EqualTo("out-of-bounds write of 'buf.data[8]' (its length is 8)"));
        Assert.That((long)witness.Inputs.Single().Value, Is.GreaterThanOrEqualTo(9));
    }

    [Test]
    public void TheWitnessNamesTheValueThatTheIndexComesFrom()
    {
        // The index comes from a value drawn: the witness gives it, and the replay draws it again.
        const string text = Buf + "int __VERIFIER_nondet_int(void);\nint f(void) { struct buf *p = malloc(sizeof(struct buf)); int k = __VERIFIER_nondet_int(); p->len = k; if (k > 3 && k < 100) p->data[k + 4] = 1; free(p); return 0; }";
        var (witness, replayed) = ReplayedNo(text);
        var k = witness.NondetValues.Single();
        Assert.That((int)k, Is.InRange(4, 99));
        Assert.That(replayed.What, Is.EqualTo($"out-of-bounds write of 'buf.data[{k + 4}]' (its length is 8)"));
    }

    [Test]
    public void AUseAfterFreeOfARecordWithAnArrayMemberIsAnsweredNo()
    {
        var (_, replayed) = ReplayedNo(Buf + "int f(int n) { struct buf *p = calloc(1, sizeof(struct buf)); p->data[2] = n; free(p); return p->data[2]; }");
        Assert.That(replayed.What, Is.EqualTo("use of a record after free"));
    }

    [Test]
    public void AnIndexThatReadsAPointerMemberNeverStoredIsUndefined()
    {
        // The store into data comes before the one into next, and its index reads next: undefined, not a value stored.
        const string text = Library + "struct node { int data[2]; struct node *next; };\nint f(void) { struct node *x = malloc(sizeof(struct node)); x->data[x->next == 0] = 0; x->next = 0; free(x); return 0; }";
        var (_, replayed) = ReplayedNo(text);
        Assert.That(replayed.What, Is.EqualTo("read of the pointer field 'next' of a record before any store into it"));
    }

    [Test]
    public void CallocZeroesTheArrayMembers()
    {
        const string text = Buf + """
            int f(void) {
              struct buf *p = calloc(1, sizeof(struct buf));
              int s = p->data[0] + p->data[7] + p->len;
              p->data[3] += 5;
              p->data[3]++;
              s += p->data[3];
              free(p);
              return s;
            }
            """;
        Assert.That(Run(text), Is.EqualTo(new Returned(6)));
    }

    [Test]
    public void AListOfRecordsWithArrayMembersIsBuiltAndWalked()
    {
        const string text = Library + """
            struct node { int vals[2]; struct node *next; };
            int f(int n) {
              struct node *head = 0;
              for (int i = 0; i < n; i++) {
                struct node *c = malloc(sizeof(struct node));
                c->vals[0] = i; c->vals[1] = 2 * i; c->next = head; head = c;
              }
              int s = 0;
              for (struct node *q = head; q; q = q->next) s += q->vals[1] - q->vals[0];
              return s;
            }
            """;
        Assert.That(Run(text, 4), Is.EqualTo(new Returned(0 + 1 + 2 + 3)));
    }

    [Test]
    public void AnArrayOfStructsWithArrayMembersIsReadAndRun()
    {
        var program = CProgram.Accepted(Total);
        Assert.That(IrText.Of(program.Find("f")!.Body), Does.StartWith("{ (array int rows.n 2u) (array int rows.v 8u)"));
        Assert.That(CProgram.Run(program, "f"), Is.EqualTo(new Returned(1 + 2 + 3)));
        Assert.That(CProgram.Analyze(program, "f").Verdict, Is.Not.InstanceOf<No>());
    }

    // The values gcc gives these initializers (C11 6.7.9p17-22), printed by a compiled probe.
    [TestCase("struct row a[] = {1, 2, 3, 4, 5, 6, 7};", "1 2 3 4 5 | 6 7 0 0 0")]
    [TestCase("struct row a[2] = {{1, 2, 3}, 4, {5}};", "1 2 3 0 0 | 4 5 0 0 0")]
    [TestCase("struct row a[2] = {1, {2}, 3, 4, 5, {6}};", "1 2 0 0 0 | 3 4 5 6 0")]
    [TestCase("struct row a[2] = {{2, {1, 2}}, {1, {3}}};", "2 1 2 0 0 | 1 3 0 0 0")]
    [TestCase("struct row a[2] = {{7}, 8, {{9}, 10}};", "7 0 0 0 0 | 8 9 10 0 0")]
    public void InitializersFollowCsRulesOnBraces(string declaration, string expected)
    {
        var text = Row + "int f(int e, int m) { " + declaration + " return m == 0 ? a[e].n : a[e].v[m - 1]; }";
        var program = CProgram.Accepted(text);
        var values = string.Join(" | ", Enumerable.Range(0, 2).Select(e => string.Join(" ", Enumerable.Range(0, 5).Select(m => CProgram.Run(program, "f", e, m) is Returned { Value: var v } ? v.ToString() : "?"))));
        Assert.That(values, Is.EqualTo(expected));
    }

    [Test]
    public void ACharacterArrayMemberTakesAStringAndTheLengthComesFromTheInitializer()
    {
        // gcc: d[0] is 'a' 'b' 0 and 1; the braces start d[1], 'x' 'y' 'z' (no room for the terminator) and 0; 2 starts d[2].
        const string text = "struct named { char s[3]; int n; };\nint f(void) { struct named d[] = {\"ab\", 1, {\"xyz\"}, 2}; return d[2].s[0] * 10000 + (d[0].s[1] - 'b') * 1000 + d[0].s[2] * 100 + (d[1].s[2] - 'z') * 10 + d[0].n + d[1].n; }";
        Assert.That(RefusalOrRun(text), Is.EqualTo("returned 20001"));
    }

    private static string RefusalOrRun(string text)
    {
        var program = CFrontend.Parse(text, "t.c", usePreprocessor: false);
        return program.RefusedFunctions is [var refused, ..] ? refused.Reason : $"returned {((Returned)CProgram.Run(program, "f")).Value}";
    }

    [Test]
    public void AnIndexOutsideTheMemberOfAnElementIsUndefinedEvenInsideTheObject()
    {
        // rows[0].v[4] would be rows.v[4], inside the object, but C bounds the access by the member array.
        var (_, replayed) = ReplayedNo(Row + "int f(int k) { struct row rows[2] = {{1}}; int s = 0; for (int j = 0; j <= k; j++) s = rows[0].v[j]; return s; }");
        Assert.That(replayed.What, Is.EqualTo("index of the member 'v' of an element of 'rows' out of its bounds (4 elements)"));
    }

    [Test]
    public void ArraysOfStructsWithArrayMembersAtFileScopeAreZeroedButForTheInitializer()
    {
        var program = CProgram.Accepted(Row + "struct row g[3] = {{1, {2, 3}}, 4, 5};\nint f(void) { return g[0].v[1] * 100 + g[1].n * 10 + g[1].v[0] + g[2].v[3]; }");
        Assert.That(program.GlobalArrays.Select(a => (a.Name, IrText.Of(a.Length), string.Join(",", a.Contents))), Is.EqualTo(new[] { ("g.n", "3u", "1,4"), ("g.v", "12u", "2,3,0,0,5") }));
        Assert.That(CProgram.Run(program, "f"), Is.EqualTo(new Returned(300 + 40 + 5)));
    }

    [Test]
    public void AssigningAStructCopiesItsArrayMembers()
    {
        const string text = Row + "int f(void) { struct row a = {2, {1, 2}}, b = {0}; b = a; b.v[0] = 9; return a.v[0] * 1000 + b.v[0] * 100 + b.v[1] * 10 + b.n; }";
        Assert.That(Run(text), Is.EqualTo(new Returned(1000 + 900 + 20 + 2)));
    }

    [TestCase(Buf + "int f(void) { struct buf *p = malloc(sizeof(struct buf)); int *q = p->data; return *q; }", "t.c:5:68: unsupported: a pointer into the array member 'data' of a struct reached through a pointer")]
    [TestCase(Buf + "int f(void) { struct buf *p = malloc(sizeof(struct buf)); return p->data; }", "t.c:5:66: unsupported: the array member 'data' of a struct reached through a pointer used other than through its elements (p->data[i])")]
    [TestCase(Buf + "int f(int i) { struct buf *p = malloc(sizeof(struct buf)); p->data[i++] += 1; return 0; }", "t.c:5:68: unsupported: an index with side effects in a compound assignment to an element of an array member")]
    [TestCase(Row + "int f(void) { struct row r[2]; return r[1].v; }", "t.c:2:39: unsupported: the array member 'v' of an element of 'r' used other than through its elements (a[i].m[k])")]
    [TestCase(Row + "int f(int i) { struct row r[2]; return r[1].v[i++]; }", "t.c:2:40: unsupported: an index with side effects into an array member of an element of an array of structs")]
    [TestCase("struct big { int v[2000]; };\nint f(void) { struct big a, b; a = b; return 0; }", "t.c:2:32: unsupported: assignment to struct 'a', whose array member 'v' has more than 1024 elements")]
    public void OtherUsesAreRefused(string text, string expected)
    {
        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }
}
