using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// <c>p = realloc(p, size);</c>: a new object that keeps the old elements up to the smaller length, the old one freed;
/// from a null pointer it allocates as <c>malloc</c> does. Realloc of a freed pointer, of a pointer into the middle, of
/// one that holds no value and to size 0 is undefined behaviour; a realloc whose old object another pointer variable
/// points into is refused.
/// </summary>
[TestFixture]
public sealed class ReallocTests
{
    private const string Header = "void *malloc(unsigned long n);\nvoid *realloc(void *p, unsigned long n);\nvoid free(void *p);\n";

    private static string Function(string body) => Header + $"int f(int n) {{ {body} }}";

    private static RunOutcome Run(string body, params int[] inputs) => CProgram.Run(CProgram.Accepted(Function(body)), "f", inputs);

    private static FunctionResult Analyze(string body) => CProgram.Analyze(CProgram.Accepted(Function(body)), "f");

    private const string Grow = "if (n <= 0 || n > 1000) return 0; int *a = malloc(sizeof(int)); a[0] = 7; a = realloc(a, n * sizeof(int)); for (int i = 1; i < n; i++) a[i] = i; int r = a[0] * 10 + (a[n - 1] == n - 1); free(a); return r;";

    [Test]
    public void TheNewObjectKeepsTheOldElements()
    {
        Assert.That(Run(Grow, 5), Is.EqualTo(new Returned(71)));
        Assert.That(Analyze(Grow).Verdict, Proved.Terminates);
        Assert.That(Analyze("int *a = malloc(4 * sizeof(int)); a[1] = 0; a = realloc(a, 8 * sizeof(int)); while (a[1] != 0) { } free(a); return 0;").Verdict, Proved.Terminates);
    }

    [Test]
    public void ANullPointerIsAllocatedAsMallocDoes()
    {
        const string body = "int *p = 0; int size = 0; for (int i = 0; i < n && i < 100; i++) { size++; p = realloc(p, size * sizeof(int)); p[size - 1] = i; } int last = size > 0 ? p[size - 1] : -1; free(p); return last;";
        Assert.That(Run(body, 5), Is.EqualTo(new Returned(4)));
        Assert.That(Run(body, 0), Is.EqualTo(new Returned(-1)));
    }

    [Test]
    public void ElementsPastTheOldLengthHoldArbitraryValues()
    {
        Assert.That(Analyze("int *a = malloc(sizeof(int)); a[0] = 0; a = realloc(a, 2 * sizeof(int)); while (a[1] != 0) { } free(a); return 0;").Verdict, Is.Not.InstanceOf<Yes>());
    }

    [TestCase("int *a = malloc(4 * sizeof(int)); a[3] = 1; a = realloc(a, 2 * sizeof(int)); return a[3];", "out-of-bounds read of 'a[3]' (its length is 2)")]
    [TestCase("int *a = malloc(2 * sizeof(int)); free(a); a = realloc(a, 4 * sizeof(int)); return 0;", "realloc of 'a' after free")]
    [TestCase("int *a = malloc(4 * sizeof(int)); a++; a = realloc(a, 8 * sizeof(int)); return 0;", "realloc of a pointer 1 elements into 'a', not the one malloc returned")]
    [TestCase("int *a; a = realloc(a, 8); return 0;", "realloc of 'a', which holds no pointer")]
    [TestCase("int *a = malloc(2 * sizeof(int)); a = realloc(a, 0); return 0;", "realloc of 'a' to size 0")]
    [TestCase("int *a = malloc(2 * sizeof(int)); a = realloc(a, 4 * sizeof(int)); a = realloc(a, n); free(a); return a[0];", "realloc of 'a' to size 0")]
    public void MisusesAreUndefinedBehaviourThatReplays(string body, string what)
    {
        var program = CProgram.Accepted(Function(body));
        var verdict = CProgram.Analyze(program, "f").Verdict;
        Assert.That(verdict, Proved.DoesNotTerminate);
        var witness = ((No)verdict).Witness;
        var replay = Interpreter.Run(program, "f", [.. witness.Inputs.Select(i => i.Value)], [.. witness.NondetValues], new InterpreterOptions());
        Assert.That(replay.Outcome, Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [TestCase("int *a = malloc(2 * sizeof(int)); int *q = a; a = realloc(a, 4 * sizeof(int)); return *q;", "t.c:4:62: unsupported: realloc of 'a' while pointer 'q' points into the same array")]
    [TestCase("int *a = malloc(2 * sizeof(int)); int *b = realloc(a, 8); return 0;", "t.c:4:59: unsupported: realloc other than 'p = realloc(p, size);' of one pointer variable")]
    [TestCase("int x[4]; int *p = x; p = realloc(p, 8); return 0;", "t.c:4:38: unsupported: realloc of 'p', which does not point into an array from malloc in 'f'")]
    public void OtherReallocsAreRefused(string body, string expected)
    {
        var refused = CFrontend.Parse(Function(body), "t.c", usePreprocessor: false).RefusedFunctions.Single();
        Assert.That($"{refused.At}: {refused.Reason}", Is.EqualTo(expected));
    }
}
