using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Pointers into arrays: a pointer is an offset into an object fixed where the program is read. Pointer variables and
/// parameters are offset variables, pointer arithmetic forms checked pointers (<see cref="PointerExpr"/>), <c>*p</c>
/// and <c>p[i]</c> are elements at the offset plus the index, and a pointer parameter of an inlined callee is bound
/// to the caller's array.
/// </summary>
[TestFixture]
public sealed class PointerTests
{
    private static readonly AnalysisOptions Budget = new() { Timeout = TimeSpan.FromSeconds(20) };

    private const string StringLength = "int cstrlen(const char *s) { const char *p = s; while (*p != '\\0') p++; return (int)(p - s); }\n";

    private static ProgramIr Parse(string text) => CFrontend.Parse(text, "t.c", usePreprocessor: false);

    private static string Body(string text, string function = "f")
    {
        var program = Parse(text);
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        return IrText.Of(program.Find(function)!.Body);
    }

    private static string RefusalOf(string text)
    {
        var program = Parse(text);
        Assert.That(program.RefusedFunctions, Has.Length.EqualTo(1), "one refused function");
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    private static RunOutcome Run(string text, string function, params long[] nondet) =>
        Interpreter.Run(Parse(text), function, [], [.. nondet.Select(v => new System.Numerics.BigInteger(v))], new InterpreterOptions()).Outcome;

    [Test]
    public void APointerVariableIsAnOffsetIntoTheArrayItWasGiven()
    {
        Assert.That(
            Body("int f(int n) { char *a = __builtin_alloca(n); char *p = a + 1; while (*p != 0) p++; return p - a; }"),
            Is.EqualTo("{ (array signed char a (/ (cast uint n) 1u)) (decl z p (ptr a 1)) (while (!= (a [p]) 0) (=post p (ptr a (+ p 1)))) (return (ptrdiff int p 0)) }"));
    }

    [Test]
    public void AnAllocaPointerThatTheFunctionMovesGetsAnOffsetOfItsOwn()
    {
        Assert.That(
            Body("int f(int n) { char *a = __builtin_alloca(n); a += n - 1; *a = 0; a--; return 0; }"),
            Is.EqualTo("{ (array signed char a (/ (cast uint n) 1u)) (decl z a#2 0) (= a#2 (ptr a (+ a#2 (- n 1)))) (= a [a#2] 0) (=post a#2 (ptr a (- a#2 1))) (return 0) }"));
    }

    [Test]
    public void APointerDeclaredWithoutAValueStartsUnsetAndEveryReadOfItIsChecked()
    {
        Assert.That(
            Body("int f(void) { int a[4]; int *p; for (p = &a[1]; *p != 0; ++p) { } return 0; }"),
            Is.EqualTo("{ (array int a 4u) (decl z p -2) { (= p (ptr a 1)) (for (!= (a [(ptr a p)]) 0) (= p (ptr a (+ (ptr a p) 1))) {}) } (return 0) }"));
    }

    [Test]
    public void APointerParameterPointsIntoAnObjectThatEachCallBinds()
    {
        var program = Parse(StringLength + "int main(void) { char a[3]; a[2] = 0; return cstrlen(a + 1); }");

        var parameter = program.Find("cstrlen")!.Parameters.Single();
        Assert.That(parameter, Is.EqualTo(new Parameter("s", ScalarType.Unbounded, new SourceSpan("t.c", 1, 25)) { PointsInto = "*s", Object = new CallerObject(new ScalarType(TypeKind.Signed, 8), 4294967295) }));
        Assert.That(IrText.Of(program.Find("main")!.Body), Is.EqualTo("{ (array signed char a 3u) (= a [2] 0) (return (call cstrlen (ptr a 1))) }"));
    }

    [Test]
    public void CopyingThroughTwoPointersInALoopConditionIsOneStore()
    {
        Assert.That(
            Body("void f(char *d, const char *s) { while ((*d++ = *s++) != 0) ; }"),
            Is.EqualTo("{ (while (!= (= *d [(=post d (ptr *d (+ (nonnull d) 1)))] (*s [(=post s (ptr *s (+ (nonnull s) 1)))])) 0) {}) }"));
        Assert.That(
            Body("void f(char *d) { *d++ = *d++; }"),
            Does.StartWith("{ (undefined (= *d"),
            "two unsequenced changes of one pointer");
    }

    [Test]
    public void AFunctionReturningAPointerReturnsItsOffsetAndTheNullPointerIsMinusOne()
    {
        const string text = "char *(first)(char *s, int c) { while (*s != 0 && *s != c) s++; return (*s == c) ? s : 0; }\n";
        Assert.That(Body(text + "int main(void) { char a[2]; a[1] = 0; first(a, 7); return 0; }", "first"),
            Is.EqualTo("{ (while (&& (!= (*s [(nonnull s)]) 0) (!= (*s [(nonnull s)]) c)) (=post s (ptr *s (+ (nonnull s) 1)))) (return (? (== (*s [(nonnull s)]) c) s -1)) }"));
    }

    [Test]
    public void ThePointerAFunctionReturnsIntoItsParametersObjectIsAPointerIntoTheArgumentThatMayBeNull()
    {
        const string text = "char *(first)(char *s, int c) { while (*s != 0 && *s != c) s++; return (*s == c) ? s : 0; }\n";
        Assert.That(
            Body(text + "int f(void) { char a[3]; a[2] = 0; char *q = first(a + 1, 7); if (!q) return 0; return q[1]; }"),
            Is.EqualTo("{ (array signed char a 3u) (= a [2] 0) (decl z q (call first (ptr a 1) 7)) (if (== q -1) (return 0)) (return (a [(+ (nonnull q) 1)])) }"));
        Assert.That(
            Body(text + "int f(void) { char a[3]; a[2] = 0; return first(a, 7) == a; }"),
            Is.EqualTo("{ (array signed char a 3u) (= a [2] 0) (return (== (call first (ptr a 0) 7) 0)) }"));
    }

    [Test]
    public void APointerSetToNullIsCheckedWhereCNeedsAnObjectAndCopiedFreely()
    {
        Assert.That(
            Body("int f(void) { char a[2]; a[1] = 0; char *l = 0; char *t = a; while (*t) { l = t; t++; } char *r = l; return r == 0 ? 0 : *r; }"),
            Is.EqualTo("{ (array signed char a 2u) (= a [1] 0) (decl z l -1) (decl z t 0) (while (a [t]) { (= l t) (=post t (ptr a (+ t 1))) }) (decl z r (ptr? a l)) (return (? (== r -1) 0 (a [(nonnull r)]))) }"));
        Assert.That(
            Body("int f(void) { int a[2]; int *p = a; p = 0; return *p; }"),
            Is.EqualTo("{ (array int a 2u) (decl z p 0) (= p -1) (return (a [(nonnull p)])) }"));
    }

    [Test]
    public void APointerConvertedToAnIntegerIsEvaluatedAndGivesAnUnspecifiedValue()
    {
        Assert.That(
            Body("int f(void) { int a[2]; int *p = a + 1; return (int) (p + 1); }"),
            Is.EqualTo("{ (array int a 2u) (decl z p (ptr a 1)) (return (, (ptr a (+ p 1)) (nondet int))) }"));
    }

    [Test]
    public void MallocAllocatesAHeapArrayThatFreeReleases()
    {
        Assert.That(
            Body("void *malloc(unsigned long n); void free(void *p);\nint f(int n) { int *a = malloc(n * sizeof(int)); if (!a) return 0; a[0] = 1; free(a); return 1; }"),
            Is.EqualTo("{ (malloc int a (/ (cast uint (* n 4u)) 4u)) (if 0 (return 0)) (= a [0] 1) (free a 0) (return 1) }"));
        Assert.That(
            RefusalOf("void free(void *p);\nint f(void) { int a[2]; free(a); return 0; }"),
            Is.EqualTo("t.c:2:25: unsupported: free of a pointer that does not come from malloc in 'f'"));
    }

    [Test]
    public void TheInterpreterRunsTheHeapAndNullPointersExactly()
    {
        const string text = """
            void *malloc(unsigned long n); void free(void *p); int __VERIFIER_nondet_int(void);
            int after(void) { int *a = malloc(2 * sizeof(int)); a[0] = 1; free(a); return a[0]; }
            int twice(void) { int *a = malloc(2 * sizeof(int)); free(a); free(a); return 0; }
            int middle(void) { int *a = malloc(2 * sizeof(int)); int *p = a; p++; free(p); return 0; }
            int null(void) { char b[2]; b[1] = 3; char *l = 0; if (__VERIFIER_nondet_int()) l = b; return l[1]; }
            int fine(void) { int *a = malloc(2 * sizeof(int)); a[1] = 5; int v = a[1]; free(a); return v; }
            """;

        Assert.That(Run(text, "after"), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).EqualTo("use of 'a' after free"));
        Assert.That(Run(text, "twice"), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).EqualTo("double free of 'a'"));
        Assert.That(Run(text, "middle"), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What))
            .EqualTo("free of a pointer 1 elements into 'a', not the one malloc returned"));
        Assert.That(Run(text, "null", 0), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What))
            .EqualTo("null pointer dereferenced, moved or compared"));
        Assert.That(Run(text, "null", 1), Is.EqualTo(new Returned(3)));
        Assert.That(Run(text, "fine"), Is.EqualTo(new Returned(5)));
    }

    [Test]
    public void AVoidPointerPointsAtBytesThatACastReadsAsAnotherCharacterType()
    {
        const string text = "void *copy(void *d, const void *s, unsigned long n) { unsigned char *p = d; const unsigned char *q = s; for (unsigned long i = 0; i < n; i++) p[i] = q[i]; return d; }\n";
        Assert.That(
            Body(text + "int f(void) { char a[2], b[2]; a[1] = 0; copy(b, a, 2); return 0; }", "copy"),
            Is.EqualTo("{ (decl z p d) (decl z q s) { (decl uint i 0) (for (< i n) (=post i (+ i 1)) (= *d [(+ (nonnull p) i)] (*s [(+ (nonnull q) i)]))) } (return d) }"));
        Assert.That(
            RefusalOf(text + "int f(void) { int a[2], b[2]; copy(b, a, 8); return 0; }"),
            Is.EqualTo("t.c:2:36: unsupported: argument 1 of 'copy' points to 'int' in an array of 'int', not to 'unsigned char'"));
    }

    [Test]
    public void TheInterpreterStoresTheSameByteThroughAnotherCharacterType()
    {
        const string text = "int f(void) { signed char c[1]; unsigned char *u = (unsigned char *) c; u[0] = 200; return c[0] * 1000 + u[0]; }";
        Assert.That(Run(text, "f"), Is.EqualTo(new Returned(-56 * 1000 + 200)));
    }

    [Test]
    public void AFunctionReturningAHeapArrayOfItsOwnHasItNamedInEachCaller()
    {
        const string text = "void *malloc(unsigned long n); void free(void *p);\nchar *fresh(int n) { char *s = malloc(n); s[n - 1] = 0; return s; }\n";
        var program = Parse(text + "int f(void) { char *s = fresh(3); int v = s[2]; free(s); return v; }");

        Assert.That(program.Find("fresh")!.ResultObject, Is.EqualTo("s"));
        Assert.That(IrText.Of(program.Find("f")!.Body), Is.EqualTo("{ (decl z s (call fresh 3 -> fresh())) (decl int v (fresh() [(+ s 2)])) (free fresh() s) (return v) }"));
        Assert.That(Run(text + "int g(void) { char *s = fresh(3); return s[2] + 7; }", "g"), Is.EqualTo(new Returned(7)));
        Assert.That(Run(text + "int g(void) { char *s = fresh(3); free(s); return s[2]; }", "g"), Is.InstanceOf<UndefinedBehaviour>()
            .With.Property(nameof(UndefinedBehaviour.What)).EqualTo("use of 'fresh()' after free"));
    }

    [Test]
    public void ARecursiveCallPassesAPointerIntoItsParametersArrayOnly()
    {
        const string walk = "int walk(int *p, int n) { if (n <= 0) return 0; return walk(p + 1, n - 1); }\n";
        var accepted = TerminationAnalyzer.Analyze(Parse(walk + "int f(void) { int a[4]; return walk(a, 4); }"), Budget with { Function = "f" });
        Assert.That(accepted.Functions.Single().Verdict, Is.InstanceOf<Yes>(), accepted.Functions.Single().Verdict.ToString());

        const string swap = "int hop(int *p, int *q, int n) { if (n <= 0) return 0; return hop(q, p, n - 1); }\n";
        var refused = TerminationAnalyzer.Analyze(Parse(swap + "int f(void) { int a[1], b[1]; return hop(a, b, 3); }"), Budget with { Function = "f" });
        Assert.That(refused.Functions.Single().Verdict, Is.InstanceOf<DontKnow>().With.Property(nameof(DontKnow.Reason))
            .EqualTo("unsupported: a recursive call of 'hop' whose pointer argument points into another array than its parameter 'p' does at t.c:1:67"));
    }

    [TestCase("int f(void) { int a[2], b[2]; int *p = a; p = b; return 0; }", "t.c:1:47: unsupported: pointer 'p' made to point into another array than the one it points into")]
    [TestCase("int f(void) { int a[2], b[2]; return a < b; }", "t.c:1:38: unsupported: comparison or subtraction of pointers into different arrays")]
    [TestCase("int f(void) { int a[2]; int *p; return *p; }", "t.c:1:41: unsupported: pointer 'p' used before the first store into it")]
    [TestCase("int f(void) { int a[2]; int *p = a; return p; }", "t.c:1:44: unsupported: pointer 'p' used as an integer")]
    [TestCase("int f(void) { int a[2]; long long *p = (long long *) a; return 0; }", "t.c:1:40: unsupported: pointer cast from 'int *' to 'long long *'")]
    [TestCase("int g(int *s) { return *s; } int f(void) { int x = 0; return g(x); }", "t.c:1:64: unsupported: argument 1 of 'g' is not a pointer into an array")]
    [TestCase("int g(int *s) { return *s; } int f(void) { char a[1]; return g(a); }", "t.c:1:64: unsupported: argument 1 of 'g' points to 'signed char' in an array of 'signed char', not to 'int'")]
    [TestCase("int f(void) { int *p; { int a[2]; p = a; } return *p; }", "t.c:1:39: unsupported: pointer 'p' declared in an outer block than the array it points into")]
    [TestCase("int g(int *s) { *s = 1; return 0; } int f(void) { int a[1]; a[0] = 0; return a[0] + g(a); }", "t.c:1:78: unsupported: an access to array elements next to the call of 'g', which may change them (C leaves their order open)")]
    public void OtherPointersAreRefused(string text, string expected)
    {
        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }

    [Test]
    public void TheInterpreterRunsPointersExactly()
    {
        const string text = StringLength + """
            int inside(void) { char a[4]; a[0] = 1; a[1] = 1; a[2] = 0; return cstrlen(a) + cstrlen(a + 2); }
            int end(void) { int a[3]; int *p = a + 3; return (int)(p - a); }
            int beyond(void) { int a[3]; int *p = a + 3; p++; return 0; }
            int before(void) { int a[3]; int *p = a; p--; return 0; }
            int unterminated(void) { char a[2]; a[0] = 1; a[1] = 1; return cstrlen(a); }
            int unset(void) { int a[2]; int *p; if (__VERIFIER_nondet_int()) p = a; return *p; }
            """;

        Assert.That(Run(text, "inside"), Is.EqualTo(new Returned(2)));
        Assert.That(Run(text, "end"), Is.EqualTo(new Returned(3)), "one past the end may be formed");
        Assert.That(Run(text, "beyond"), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What))
            .EqualTo("pointer out of the bounds of 'a': offset 4, but its length is 3"));
        Assert.That(Run(text, "before"), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What))
            .EqualTo("pointer out of the bounds of 'a': offset -1, but its length is 3"));
        Assert.That(Run(text, "unterminated"), Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What))
            .EqualTo("out-of-bounds read of '*s[2]' (its length is 2)"), "the callee reads the caller's array");
        Assert.That(Run(text, "unset", 0), Is.InstanceOf<UndefinedBehaviour>(), "a read of a pointer never given a value");
    }

    [Test]
    public void VerdictsOverPointersAreNeverWrong()
    {
        const string text = StringLength + """
            int walk(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1 || n > 1000) return 0;
              int *a = __builtin_alloca(n * sizeof(int));
              int *p;
              for (p = a; p < a + n; p++) *p = 0;
              return 0;
            }
            int past(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1 || n > 1000) return 0;
              int *a = __builtin_alloca(n * sizeof(int));
              int *p;
              for (p = a; p < a + n; p++) *p = 0;
              return *p;
            }
            int terminated(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) n = 1;
              char *a = (char *) __builtin_alloca(n * sizeof(char));
              a[n - 1] = '\0';
              return cstrlen(a);
            }
            int unterminated(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) n = 1;
              char *a = (char *) __builtin_alloca(n * sizeof(char));
              return cstrlen(a);
            }
            """;
        var program = Parse(text);
        var result = TerminationAnalyzer.Analyze(program, Budget);
        Verdict VerdictOf(string name) => result.Functions.Single(f => f.Name == name).Verdict;

        Assert.That(VerdictOf("walk"), Is.InstanceOf<Yes>());
        foreach (var name in new[] { "past", "unterminated" })
        {
            var verdict = VerdictOf(name);
            Assert.That(verdict, Is.InstanceOf<No>(), name);
            var witness = ((No)verdict).Witness;
            Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour), name);
            var replay = Interpreter.Run(program, name, [], [.. witness.NondetValues], new InterpreterOptions());
            Assert.That(replay.Outcome, Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).StartsWith("out-of-bounds read of"), name);
        }

        // The terminator written in the caller is the array's tracked element, which the callee reads through its pointer.
        Assert.That(VerdictOf("terminated"), Is.InstanceOf<Yes>());
        // On its own, cstrlen may be passed the null pointer or a buffer without a terminator.
        Assert.That(VerdictOf("cstrlen"), Is.InstanceOf<No>());
    }
}
