using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Memory in the C subset: <c>sizeof</c> of types under the data model, a local pointer to a stack object of its
/// own (<c>T *p = alloca(sizeof(T))</c>) reached only through <c>*p</c>, whose object becomes a variable named <c>*p</c>,
/// and local arrays (<c>T a[N]</c>, <c>T *a = alloca(n * sizeof(T))</c>) reached only through their elements.
/// </summary>
[TestFixture]
public sealed class MemoryTests
{
    private static ProgramIr Parse(string text, DataModel dataModel = DataModel.Ilp32) =>
        CFrontend.Parse(text, "t.c", usePreprocessor: false, dataModel: dataModel);

    private static string Body(string body, DataModel dataModel = DataModel.Ilp32)
    {
        var program = Parse($"int f(int n) {{ {body} }}", dataModel);
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        return IrText.Of(program.Find("f")!.Body);
    }

    private static string RefusalOf(string body)
    {
        var program = Parse($"int f(int n) {{ {body} }}");
        Assert.That(program.RefusedFunctions, Has.Length.EqualTo(1), "one refused function");
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    [Test]
    public void APointerToAnAllocaObjectOfItsOwnBecomesAVariable()
    {
        Assert.That(
            Body("int *x = __builtin_alloca(sizeof(int)); *x = n; while (*x > 0) (*x)--; *x += 2; return *x;"),
            Is.EqualTo("{ (decl int *x) (= *x n) (while (> *x 0) (=post *x (- *x 1))) (= *x (+ *x 2)) (return *x) }"));
    }

    [Test]
    public void TheAllocationMayBeCastAndSpelledAlloca()
    {
        Assert.That(
            Body("unsigned *u = (unsigned *) alloca(sizeof(unsigned)), *v = alloca(sizeof(unsigned int)); *u = 1u; *v = *u; return 0;"),
            Is.EqualTo("{ (decl uint *u) (decl uint *v) (= *u 1u) (= *v *u) (return 0) }"));
    }

    [Test]
    public void EachPointerGetsItsOwnObjectEvenWhenNamesAreShadowed()
    {
        Assert.That(
            Body("int *x = alloca(sizeof(int)); *x = 1; { int *x = alloca(sizeof(int)); *x = 2; } return *x;"),
            Is.EqualTo("{ (decl int *x) (= *x 1) { (decl int *x#2) (= *x#2 2) } (return *x) }"));
    }

    [TestCase("int *p = alloca(sizeof(int)); return p != 0;", "t.c:1:53: unsupported: pointer 'p' used other than as *p")]
    [TestCase("int *p = alloca(sizeof(int)); p = 0; return 0;", "t.c:1:46: unsupported: pointer 'p' used other than as *p")]
    [TestCase("int *p = alloca(sizeof(int)); return *&p;", "t.c:1:54: unsupported: address-of operator other than &a[i] or &*p")]
    [TestCase("int **p = alloca(sizeof(int)); return 0;", "t.c:1:20: unsupported: pointer")]
    [TestCase("int *p = (char *) alloca(sizeof(int)); return 0;", "t.c:1:20: unsupported: pointer")]
    [TestCase("static int *p = alloca(sizeof(int)); return 0;", "t.c:1:27: unsupported: pointer")]
    public void AnyOtherPointerOrUseOfThePointerIsRefused(string body, string expected)
    {
        Assert.That(RefusalOf(body), Is.EqualTo(expected));
    }

    [Test]
    public void TheObjectMustHaveThePointedToTypeUnderTheDataModel()
    {
        const string text = "int f(void) { long *p = alloca(sizeof(long long)); *p = 1; return 0; }";
        Assert.That(Parse(text, DataModel.Lp64).RefusedFunctions, Is.Empty, "long is long long's width under LP64");
        // Under ILP32 the 8 bytes hold two longs: p is an array of them, which '*p' reaches as p[0].
        Assert.That(IrText.Of(Parse(text, DataModel.Ilp32).Find("f")!.Body), Is.EqualTo("{ (array int p (/ (cast uint 8u) 4u)) (= p [0] 1) (return 0) }"));
    }

    [Test]
    public void AnAllocaOfAnyOtherSizeIsAnArrayOfTheWholeElementsItHolds()
    {
        Assert.That(
            Body("int *a = (int *) __builtin_alloca(n * sizeof(int)); if (!a) return 0; a[n - 1] = 2; a[0] += a[1]; a[1]++; return *a;"),
            Is.EqualTo("{ (array int a (/ (cast uint (* n 4u)) 4u)) (if 0 (return 0)) (= a [(- n 1)] 2) (= a [0] (+ (a [0]) (a [1]))) (= a [1] (+ (a [1]) 1)) (return (a [0])) }"));
        Assert.That(Body("int *p = alloca(sizeof(char)); return 0;"), Is.EqualTo("{ (array int p (/ (cast uint 1u) 4u)) (return 0) }"));
    }

    [Test]
    public void ALocalArrayHasItsConstantLength()
    {
        Assert.That(
            Body("unsigned a[2 * 3]; for (int i = 0; i < 6; i++) a[i] = i; return a[5];"),
            Is.EqualTo("{ (array uint a 6u) { (decl int i 0) (for (< i 6) (=post i (+ i 1)) (= a [i] i)) } (return (a [5])) }"));
    }

    [Test]
    public void AnIndexAndAValueThatConflictAreUndefined()
    {
        Assert.That(
            Body("int a[2]; int i = 0; a[i] = i++; a[i++] = a[i]; return 0;"),
            Is.EqualTo("{ (array int a 2u) (decl int i 0) (undefined (= a [i] (=post i (+ i 1)))) (undefined (= a [(=post i (+ i 1))] (a [i]))) (return 0) }"));
    }

    [TestCase("int a[2]; return a;", "t.c:1:33: unsupported: array 'a' used other than through its elements (a[i], *a)")]
    [TestCase("int a[2], b[2]; return a == b;", "t.c:1:39: unsupported: comparison or subtraction of pointers into different arrays")]
    [TestCase("int a[2]; return a + 1;", "t.c:1:33: unsupported: pointer used as an integer (operator '+')")]
    [TestCase("int a[2] = {[1] = 2}; return 0;", "t.c:1:27: unsupported: initializer of array 'a' other than a list of values (designators, nested braces)")]
    [TestCase("int a[2] = n; return 0;", "t.c:1:27: unsupported: array 'a' initialized by an expression")]
    [TestCase("int a[2]; return a[0]++;", "t.c:1:33: unsupported: assignment to an array element inside a larger expression")]
    [TestCase("int a[2]; return (a[0] = 1) + a[1];", "t.c:1:34: unsupported: assignment to an array element inside a larger expression")]
    [TestCase("int a[2]; a[n++] += 1; return 0;", "t.c:1:28: unsupported: an index with side effects in a compound assignment to an array element")]
    [TestCase("int a[2][2][2]; return a[0][1];", "t.c:1:39: unsupported: array 'a' of 3 dimensions used other than through its elements")]
    [TestCase("int a[2][2]; return a[0][0][1];", "t.c:1:36: unsupported: array 'a' of 2 dimensions used other than through its elements")]
    [TestCase("int a[2][n][2]; return 0;", "t.c:1:25: unsupported: variable-length multi-dimensional array")]
    [TestCase("int a[2][2]; return a[0][n++];", "t.c:1:36: unsupported: an index with side effects into a multi-dimensional array")]
    [TestCase("int a[2][2][2]; return a[n++][0][0];", "t.c:1:39: unsupported: an index with side effects into a multi-dimensional array")]
    [TestCase("int a[2][2]; return *a[0];", "t.c:1:36: unsupported: pointer dereference")]
    public void OtherUsesOfArraysAreRefused(string body, string expected)
    {
        Assert.That(RefusalOf(body), Is.EqualTo(expected));
    }

    [Test]
    public void ArraysAreAnalyzedWithTheirBoundsAndOneTrackedElement()
    {
        const string text = """
            int fill(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1 || n > 1000) return 0;
              int *a = __builtin_alloca(n * sizeof(int));
              if (!a) return 0;
              for (int i = 0; i < n; i++) a[i] = i;
              return a[n - 1];
            }
            int past(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1 || n > 1000) return 0;
              int *a = __builtin_alloca(n * sizeof(int));
              for (int i = 0; i <= n; i++) a[i] = 0;
              return 0;
            }
            int contents(void) {
              int a[1];
              a[0] = 0;
              while (a[0] != 0) { }
              return 0;
            }
            int stuck(void) {
              int a[1];
              a[0] = 1;
              while (a[0] != 0) { }
              return 0;
            }
            """;
        var program = CFrontend.Parse(text, "t.c");
        var result = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

        Assert.That(result.Functions.Single(f => f.Name == "fill").Verdict, Is.InstanceOf<Yes>());
        var past = result.Functions.Single(f => f.Name == "past").Verdict;
        Assert.That(past, Is.InstanceOf<No>());
        var witness = ((No)past).Witness;
        Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
        // The witness replays: the write one past the end is undefined.
        var replay = Interpreter.Run(program, "past", [], [.. witness.NondetValues], new InterpreterOptions());
        Assert.That(replay.Outcome, Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).StartsWith("out-of-bounds write of 'a["));
        // a[0] = 0 runs once, so a[0] is the tracked element and the loop is never entered.
        Assert.That(result.Functions.Single(f => f.Name == "contents").Verdict, Is.InstanceOf<Yes>());
        // With a[0] == 1 the replay repeats its state, array contents included: a confirmed No.
        var stuck = result.Functions.Single(f => f.Name == "stuck").Verdict;
        Assert.That(stuck, Is.InstanceOf<No>());
        Assert.That(((No)stuck).Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
    }

    /// <summary>
    /// The element that a write outside every loop stores into is tracked: a scan that stops at a terminator written
    /// that way ends; without the terminator, or when a write in a loop may overwrite it, the scan runs off the end of
    /// the buffer over elements that were never written (drawn non-zero by the witness) or were overwritten.
    /// </summary>
    [Test]
    public void AScanStopsAtATerminatorWrittenOnce()
    {
        const string text = """
            int terminated(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) n = 1;
              char *a = (char *) __builtin_alloca(n * sizeof(char));
              a[n - 1] = 0;
              int i = 0;
              while (a[i] != 0) i++;
              return i;
            }
            int unterminated(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) n = 1;
              char *a = (char *) __builtin_alloca(n * sizeof(char));
              int i = 0;
              while (a[i] != 0) i++;
              return i;
            }
            int overwritten(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) n = 1;
              char *a = (char *) __builtin_alloca(n * sizeof(char));
              a[n - 1] = 0;
              for (int j = 0; j < n; j++) a[j] = 1;
              int i = 0;
              while (a[i] != 0) i++;
              return i;
            }
            """;
        var program = CFrontend.Parse(text, "t.c");
        var result = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

        var terminated = result.Functions.Single(f => f.Name == "terminated").Verdict;
        Assert.That(terminated, Is.InstanceOf<Yes>());
        Assert.That(((Yes)terminated).Certificate.Loops.Single().Invariant.ToString(), Does.Contain("a[cell(a)] == 0"));
        foreach (var name in new[] { "unterminated", "overwritten" })
        {
            var verdict = result.Functions.Single(f => f.Name == name).Verdict;
            Assert.That(verdict, Is.InstanceOf<No>(), name);
            var witness = ((No)verdict).Witness;
            var replay = Interpreter.Run(program, name, [], [.. witness.NondetValues], new InterpreterOptions());
            Assert.That(replay.Outcome, Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).StartsWith("out-of-bounds read of 'a["), name);
        }
    }

    /// <summary>
    /// A loop that reads an array at an index it never changes tracks that element from its entry, so a counter kept in
    /// the array ends the loop; a loop that moves its index does not, and no answer rests on the contents then.
    /// </summary>
    [Test]
    public void ALoopOverOneElementTracksItFromItsEntry()
    {
        const string text = """
            int fixed(int k) {
              int a[4];
              if (k < 0 || k >= 4) return 0;
              while (a[k] < 100) a[k]++;
              return a[k];
            }
            int nested(int length) {
              int arr[8];
              if (length < 1 || length > 8) return 0;
              for (int j = 0; j < length; j++) {
                while (arr[j] > 0) arr[j]--;
              }
              return 0;
            }
            int moving(int k) {
              int a[4];
              if (k < 0 || k >= 4) return 0;
              a[0] = 1; a[1] = 1; a[2] = 1; a[3] = 1;
              while (a[k] != 0) k = (k + 1) % 4;
              return k;
            }
            """;
        var program = CFrontend.Parse(text, "t.c");
        var result = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

        var fixedLoop = ((Yes)result.Functions.Single(f => f.Name == "fixed").Verdict).Certificate.Loops.Single();
        Assert.That(fixedLoop.Ranking.Single(), Is.EqualTo("-a[cell(a)] + 99"));
        Assert.That(fixedLoop.Invariant.ToString(), Does.Contain("k == cell(a)"));
        Assert.That(result.Functions.Single(f => f.Name == "nested").Verdict, Is.InstanceOf<Yes>());
        // Every element holds 1 and the loop runs forever: whatever it answers, it must not be Yes.
        var moving = result.Functions.Single(f => f.Name == "moving").Verdict;
        Assert.That(moving, Is.Not.InstanceOf<Yes>());
    }

    /// <summary>
    /// <c>*s1 &amp;&amp; *s1 == *s2</c> reads <c>*s1</c> twice with nothing written between: both reads are the value
    /// that the first one gave, so a scan of two terminated strings stops at the shorter terminator and never reads
    /// past it.
    /// </summary>
    [Test]
    public void AnElementReadTwiceInOneConditionIsOneValue()
    {
        const string text = """
            extern int __VERIFIER_nondet_int(void);
            int cmp(const char *s1, const char *s2) {
              while (*s1 && *s1 == *s2)
                s1++, s2++;
              return *s1 - *s2;
            }
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) return 0;
              int m = __VERIFIER_nondet_int();
              if (m < 1) return 0;
              char *a = __builtin_alloca(n);
              a[n - 1] = 0;
              char *b = __builtin_alloca(m);
              b[m - 1] = 0;
              return cmp(a, b);
            }
            """;
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "main").Verdict, Proved.Terminates);
    }

    /// <summary>
    /// The terminator that the caller writes stays the tracked element in the callee, whose inner loop reads the
    /// string at an index that loop does not change: the scan stops at it, so no read passes the end.
    /// </summary>
    [Test]
    public void ATerminatorWrittenByTheCallerStaysTrackedThroughTheCalleesInnerLoop()
    {
        const string text = """
            extern int __VERIFIER_nondet_int(void);
            void skip(const char *s) {
              for (; *s; s++) {
                int k = 0;
                while (k < 3 && *s != 'a') k++;
              }
            }
            int main(void) {
              int n = __VERIFIER_nondet_int();
              if (n < 1) return 0;
              char *buf = __builtin_alloca(n);
              buf[n - 1] = 0;
              skip(buf);
              return 0;
            }
            """;
        var result = CProgram.Analyze(CProgram.Accepted(text), "main");
        Assert.That(result.Verdict, Proved.Terminates);
    }

    /// <summary>
    /// Houdini's invariants over arrays have well over a hundred conjuncts, most of them case splits that the plain
    /// conjuncts imply; the answer shows the few that say the same.
    /// </summary>
    [Test]
    public void InvariantsOverArraysAreShownWithoutTheConjunctsTheOthersImply()
    {
        const string text = """
            int fill(void) {
              int a[10];
              int i;
              for (i = 0; i < 10; i++) a[i] = i;
              a[9] = 0;
              i = 0;
              while (a[i] != 0) i++;
              return i;
            }
            """;
        var result = TerminationAnalyzer.Analyze(CFrontend.Parse(text, "t.c"), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

        var yes = (Yes)result.Functions.Single().Verdict;
        foreach (var loop in yes.Certificate.Loops)
        {
            Assert.That(((AndCondition)loop.Invariant).Operands, Has.Length.LessThanOrEqualTo(10), loop.Invariant.ToString());
            Assert.That(loop.Invariant.ToString(), Does.Contain("len(a) == 10"));
        }
    }

    [TestCase(DataModel.Ilp32, "{ (return (+ (+ (+ 4u 4u) (* 1u 2)) 1u)) }")]
    [TestCase(DataModel.Lp64, "{ (return (+ (+ (+ 8ull 8ull) (* 1ull 2)) 1ull)) }")]
    public void SizeofOfATypeFollowsTheDataModel(DataModel dataModel, string expected)
    {
        Assert.That(Body("return sizeof(long) + sizeof(int *) + sizeof(char) * 2 + sizeof(_Bool);", dataModel), Is.EqualTo(expected));
    }

    [Test]
    [TestCase(DataModel.Ilp32, "{ (decl int m 0) (return (+ (+ 4u 4u) 4u)) }")]
    [TestCase(DataModel.Lp64, "{ (decl ll m 0) (return (+ (+ 8ull 8ull) 4ull)) }")]
    public void SizeofOfAVariableIsTheSizeOfItsTypeEvenInParentheses(DataModel dataModel, string expected)
    {
        Assert.That(Body("long m = 0; return sizeof m + sizeof(m) + sizeof(n);", dataModel), Is.EqualTo(expected));
    }

    [Test]
    public void SizeofOfAnExpressionIsTheSizeOfItsPromotedType()
    {
        Assert.That(Body("return sizeof(n + 1LL) + sizeof -(char)n;"), Is.EqualTo("{ (return (+ 8u 4u)) }"));
    }

    [Test]
    public void AnswersOverAllocaObjectsNameThem()
    {
        const string text = """
            int down(int n) {
              int *x = __builtin_alloca(sizeof(int));
              *x = n;
              while (*x > 0) (*x)--;
              return *x;
            }
            int stuck(void) {
              int *x = alloca(sizeof(int));
              *x = 1;
              while (*x > 0) { }
              return 0;
            }
            """;
        var result = TerminationAnalyzer.Analyze(Parse(text), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

        var down = result.Functions.Single(f => f.Name == "down").Verdict;
        Assert.That(down, Is.InstanceOf<Yes>());
        Assert.That(((Yes)down).Certificate.Loops.Single().Ranking, Has.Some.Contains("*x"));
        Assert.That(result.Functions.Single(f => f.Name == "stuck").Verdict, Is.InstanceOf<No>());
    }
}
