using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Heap cells: pointers to single integers from <c>malloc(sizeof(int))</c> that reach a recursive function, or live in
/// an array of pointers, are records with one integer member; every other pointer keeps the array model.
/// </summary>
[TestFixture]
public sealed class HeapCellTests
{
    private static readonly string[] IntCells = ["int"];

    private const string Malloc = "void *malloc(unsigned long size);\nvoid free(void *p);\n";

    /// <summary>A recursion that counts a cell down to 0, through a new cell at each call and freeing the old one.</summary>
    private const string CountDown = """
        int rec(int *p) { if (*p <= 0) { free(p); return 0; } int *q = malloc(sizeof(int)); *q = *p - 1; free(p); return 1 + rec(q); }
        int f(int n) { int *p = malloc(sizeof(int)); *p = n; return rec(p); }
        """;

    private static ProgramIr Parse(string text) => CFrontend.Parse(Malloc + text, "t.c", usePreprocessor: false);

    private static ProgramIr Accepted(string text) => CProgram.Accepted(Malloc + text);

    private static FunctionResult Analyze(string text) => CProgram.Analyze(Accepted(text), "f");

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(Accepted(text), "f", inputs);

    [Test]
    public void APointerPassedToARecursiveFunctionIsARecordWithOneMember()
    {
        var program = Accepted(CountDown);
        Assert.That(program.Records.Select(r => (r.Name, r.Fields.Single().Name, r.Fields.Single().Type)), Is.EqualTo(new[] { ("int", "value", ScalarType.Int) }));
        Assert.That(
            IrText.Of(program.Find("rec")!.Body),
            Is.EqualTo("{ (if (<= (-> p value) 0) { (free-record int p) (return 0) }) (decl z q (new int)) (= (-> q value) (- (-> p value) 1)) (free-record int p) (return (+ 1 (call rec (record int q)))) }"));
    }

    [Test]
    public void ACallocOfAnArrayElsewhereInTheFileLeavesTheHeapCellsAlone()
    {
        var program = Accepted("void *calloc(unsigned long n, unsigned long s);\nint zeros(int n) { int *a = calloc(n, sizeof(int)); return a[0]; }\n" + CountDown);
        Assert.That(program.Records.Select(r => r.Name), Is.EqualTo(IntCells));
    }

    [Test]
    public void APointerThatNoRecursionReachesKeepsTheArrayModel()
    {
        var program = Accepted("int f(int n) { int *p = malloc(sizeof(int)); *p = n; while (*p > 0) (*p)--; return 0; }");
        Assert.That(program.Records, Is.Empty);
    }

    [TestCase("int rec(int *p) { return p[0] > 0 ? rec(p) : 0; }\nint f(void) { int *p = malloc(sizeof(int)); *p = 1; return rec(p); }")]
    [TestCase("int rec(int *p, int n) { return n > 0 ? rec(p, n - 1) : 0; }\nint f(void) { int *p = malloc(2 * sizeof(int)); return rec(p + 1, 3); }")]
    [TestCase("int rec(int *p, int n) { return n > 0 ? rec(p, n - 1) : 0; }\nint f(void) { int a = 1; int *p = &a; return rec(p, 3); }")]
    public void APointerUsedAsAnArrayOrToAnythingElseIsNoHeapCell(string text)
    {
        Assert.That(Parse(text).Records, Is.Empty);
    }

    [Test]
    public void TheInterpreterRunsHeapCellsExactly()
    {
        Assert.That(Run(CountDown, 4), Is.EqualTo(new Returned(4)));
    }

    [Test]
    public void AnArrayOfHeapCellPointersHoldsTheirAddresses()
    {
        const string text = """
            int rec(int **a) { int *x = a[0]; int *y = a[1]; if (*x >= *y) return *x; (*x)++; return rec(a); }
            int f(int n) { int **a = malloc(2 * sizeof(int *)); int *x = malloc(sizeof(int)); int *y = malloc(sizeof(long)); *x = 0; *y = n; a[0] = x; a[1] = (int *) y; int r = rec(a); free(x); free(y); return r; }
            """;
        Assert.That(IrText.Of(Accepted(text).Find("rec")!.Body), Does.StartWith("{ (decl z x (record int (*a [(+ a 0)]))) (decl z y (record int (*a [(+ a 1)])))"));
        Assert.That(Run(text, 3), Is.EqualTo(new Returned(3)));
    }

    [TestCase("int rec(int *p, int n) { if (n <= 0) { free(p); return *p; } return rec(p, n - 1); }\nint f(void) { int *p = malloc(sizeof(int)); *p = 1; return rec(p, 3); }", "use of a record after free")]
    [TestCase("int rec(int *p, int n) { if (n <= 0) { free(p); return 0; } free(p); return rec(p, n - 1); }\nint f(void) { int *p = malloc(sizeof(int)); return rec(p, 1); }", "use of a pointer to a freed record")]
    [TestCase("int rec(int *p, int n) { return n <= 0 ? *p : rec(0, n - 1); }\nint f(void) { int *p = malloc(sizeof(int)); *p = 3; return rec(p, 1); }", "null pointer dereferenced")]
    public void InvalidUsesOfHeapCellsAreUndefinedBehaviour(string text, string what)
    {
        Assert.That(Run(text), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [Test]
    public void ACompoundStoreNextToACallThatChangesCellsIsAdmittedAndAPlainReadIsNot()
    {
        const string rec = "int rec(int *p) { if (*p <= 0) return -1; (*p)--; return rec(p); }\n";
        Assert.That(Parse(rec + "int f(void) { int *q = malloc(sizeof(int)); int *p = malloc(sizeof(int)); *q = 1; *p = 2; q = p; *q += rec(p); return *q; }").RefusedFunctions, Is.Empty);
        var refused = Parse(rec + "int f(void) { int *q = malloc(sizeof(int)); int *p = malloc(sizeof(int)); *q = 1; *p = 2; q = p; int x = *q + rec(p); return x; }").RefusedFunctions;
        Assert.That(refused.Select(r => (r.Name, r.Reason)), Is.EqualTo(new[] { ("f", "unsupported: accesses to records next to a store into one or a call that changes them (C leaves their order open)") }));
    }

    [Test]
    public void AMemberIncrementWhoseValueIsUnusedIsAStoreAndOneWhoseValueIsUsedIsRefused()
    {
        const string node = "struct s { int x; };\n";
        Assert.That(Parse(node + "void f(void) { struct s *p = malloc(sizeof(struct s)); p->x = 0; p->x++; for (; p->x < 3; p->x++) (p->x)--, p->x++; }").RefusedFunctions, Is.Empty);
        var refused = Parse(node + "int f(void) { struct s *p = malloc(sizeof(struct s)); p->x = 0; return p->x++; }").RefusedFunctions;
        Assert.That(refused.Single().Reason, Does.StartWith("unsupported: the old value of 'p->x++'"));
    }

    [Test]
    public void AUseAfterFreeInTheRecursionIsAnsweredWithAReplayedWitness()
    {
        var result = Analyze("int rec(int *p, int n) { if (n <= 0) { free(p); return *p; } return rec(p, n - 1); }\nint f(void) { int *p = malloc(sizeof(int)); *p = 1; return rec(p, 3); }");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("use of a record after free"));
    }

    [Test]
    public void ACellThatARecursionLeavesPositiveMakesTheLoopAfterItRunForever()
    {
        Assert.That(
            Analyze("void rec(int *p, int n) { if (n > 0) { (*p)++; rec(p, n - 1); } }\nint f(void) { int *p = malloc(sizeof(int)); *p = 0; rec(p, 10); while (*p > 0) { } return 0; }").Verdict,
            Proved.DoesNotTerminate);
    }
}
