using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.Frontend.C;

namespace Terminator.Tests.Frontend;

/// <summary>C as real files write it: preprocessing, GCC's extensions, libc declarations, and one refused function at a time.</summary>
[TestFixture]
public sealed class RealCTests
{
    private static ProgramResult Analyze(string text, string fileName = "t.c") =>
        TerminationAnalyzer.Analyze(CFrontend.Parse(text, fileName), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

    [Test]
    public void ARefusedFunctionIsDontKnowAndTheOthersAreAnalyzed()
    {
        var result = Analyze("int g(int x) { int a[2] = {[1] = 0}; return x; }\nint f(int x) { while (x > 0) x--; return x; }");

        Assert.That(result.Functions.Select(f => f.Name), Is.EqualTo(GAndF));
        Assert.That(result.Functions[0].Verdict, Is.EqualTo(new DontKnow("unsupported: initializer of array 'a' other than a list of values (designators, nested braces) at t.c:1:27") { Kind = DontKnowKind.UnsupportedConstruct }));
        Assert.That(result.Functions[1].Verdict, Is.InstanceOf<Yes>());
    }

    [Test]
    public void AGlobalWhoseInitializerIsOutsideTheSubsetRefusesItsUsers()
    {
        var result = Analyze("int s = sizeof (s + 1.0) * 8 - 1;\nint f(void) { s--; return s; }\nint g(void) { return 1; }");

        Assert.That(((DontKnow)result.Functions[0].Verdict).Reason, Does.StartWith("unsupported: 's', whose declaration at t.c:1:21 is outside the subset (floating point literal)"));
        Assert.That(result.Functions[1].Verdict, Is.InstanceOf<Yes>());
    }

    [Test]
    public void RecursionIsAnalyzed()
    {
        var result = Analyze("int r(int n) { if (n <= 0) return 0; return r(n - 1); }\nint f(void) { return 1; }");

        Assert.That(result.Functions[0].Verdict, Is.InstanceOf<Yes>());
        Assert.That(result.Functions[1].Verdict, Is.InstanceOf<Yes>());
    }

    [Test]
    public void AnExternalCallReturnsAnyValueAndTheAnswerSaysSo()
    {
        var result = Analyze("extern unsigned int pick(int);\nint f(int n) { while (pick(n) > 7u) { } return 0; }");

        var f = result.Functions.Single();
        Assert.That(f.Verdict, Is.Not.InstanceOf<Yes>(), "pick may return 8 at every call");
        Assert.That(f.Assumptions.Single(), Is.EqualTo(
            "'pick' (declared at t.c:1:21) is not defined: each call is assumed to return, with any value of its type (unsigned int)"));
    }

    [Test]
    public void AssertFailEndsTheRun()
    {
        const string text = """
            extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__ ((__noreturn__));
            void reach_error() { __assert_fail("0", "t.c", 3, "reach_error"); }
            int f(int x) { while (x != 0) { if (x < 0) reach_error(); x--; } return x; }
            """;

        Assert.That(Analyze(text).Functions.Single(f => f.Name == "f").Verdict, Is.InstanceOf<Yes>());
    }

    [Test]
    public void SignedCharArithmeticIsDoneInInt()
    {
        var program = CFrontend.Parse("signed char f(signed char c) { c = c + 1; return c; }", "t.c");
        var result = TerminationAnalyzer.Analyze(program, new AnalysisOptions { CanReturn = "-128" });

        Assert.That(result.Functions.Single().Verdict, Is.InstanceOf<Yes>(), "127 + 1 is computed in int: no overflow");
        Assert.That(result.Functions.Single().CanReturn!.Verdict, Is.EqualTo(CanReturnVerdict.Yes));
    }

    /// <summary>A character constant is an <c>int</c> holding its one <c>char</c>, which is signed.</summary>
    [TestCase("'a'", 97)]
    [TestCase("'0'", 48)]
    [TestCase("'\\0'", 0)]
    [TestCase("'\\n'", 10)]
    [TestCase("'\\t'", 9)]
    [TestCase("'\\\\'", 92)]
    [TestCase("'\\''", 39)]
    [TestCase("'\"'", 34)]
    [TestCase("'\\x41'", 65)]
    [TestCase("'\\101'", 65)]
    [TestCase("'\\377'", -1)]
    [TestCase("'\\xff'", -1)]
    [TestCase("'\\x7f'", 127)]
    public void CharacterConstantsAreInts(string constant, int value)
    {
        var program = CFrontend.Parse($"int f(void) {{ return {constant}; }}", "t.c", usePreprocessor: false);
        var run = Interpreter.Run(program, "f", [], [], new InterpreterOptions { Semantics = IntegerSemantics.C, StepLimit = 100 });

        Assert.That(run.Outcome, Is.EqualTo(new Returned(value)));
        var literal = (IntLiteral)((ReturnStmt)program.Functions.Single().Body.Statements.Single()).Value!;
        Assert.That((literal.Value, literal.Type), Is.EqualTo(((System.Numerics.BigInteger)value, ScalarType.Int)));
    }

    [TestCase("char", 8, TypeKind.Signed)]
    [TestCase("unsigned char", 8, TypeKind.Unsigned)]
    [TestCase("short", 16, TypeKind.Signed)]
    [TestCase("unsigned short int", 16, TypeKind.Unsigned)]
    [TestCase("long", 32, TypeKind.Signed)]
    [TestCase("unsigned long", 32, TypeKind.Unsigned)]
    [TestCase("size_t", 32, TypeKind.Unsigned)]
    [TestCase("__signed__ long long", 64, TypeKind.Signed)]
    public void IntegerTypesHaveTheirIlp32Widths(string type, int bits, TypeKind kind)
    {
        var program = CFrontend.Parse($"int f({type} x) {{ return 0; }}", "t.c");

        Assert.That(program.Functions.Single().Parameters.Single().Type, Is.EqualTo(new ScalarType(kind, bits)));
    }

    [Test]
    public void GccExtensionsOfPreprocessedFilesAreRead()
    {
        const string text = """
            typedef long unsigned int size_t;
            __extension__ typedef struct { long long int quot; long long int rem; } lldiv_t;
            typedef void *_LOCK_T;
            struct _reent;
            extern struct _reent *_impure_ptr;
              struct _reent * __attribute__((__cdecl__)) __getreent (void);
            extern int atoi (const char *__restrict __nptr) __asm__ ("" "__isoc99_atoi") __attribute__ ((__pure__));
            static __inline unsigned int __bswap_32 (unsigned int __bsx) { return __builtin_bswap32 (__bsx); }
            int main(void) { int x = 3; while (__builtin_expect(x > 0, 1)) { x--; } return __extension__ x; }
            """;

        var program = CFrontend.Parse(text, "t.i");

        Assert.That(program.Functions.Select(f => f.Name), Is.EqualTo(Main));
        Assert.That(program.RefusedFunctions.Single().Reason, Is.EqualTo("unsupported: builtin '__builtin_bswap32'"));
    }

    [Test]
    public void LineMarkersMapPositionsAndHideSystemHeaderFunctions()
    {
        const string text = "# 1 \"user.c\"\n# 1 \"/usr/include/x.h\" 1 3 4\nstatic __inline int helper(int a) { return a & 1; }\n# 3 \"user.c\" 2\nint f(int ***p) { return 0; }\n";

        var program = CFrontend.Parse(text, "t.i");

        Assert.That(program.Functions, Is.Empty);
        Assert.That(program.RefusedFunctions.Single(), Is.EqualTo(
            new RefusedFunction("f", new SourceSpan("user.c", 3, 5), new SourceSpan("user.c", 3, 11), "unsupported: pointer")));
    }

    [Test]
    public void PreprocessedIFilesAreReadAsC()
    {
        Assert.That(SourceLoader.Parse("int f(void) { return 0; }", "t.i").Language, Is.EqualTo(SourceLanguage.C));
    }

    [Test]
    public void TheSystemPreprocessorExpandsMacrosAndHeaders()
    {
        Assume.That(Preprocessor.IsAvailable, "no C preprocessor installed");
        const string text = "#include <limits.h>\n#include <stdlib.h>\n#define DEC(x) ((x) - 1)\nint f(int n) {\n  while (n > 0 && n < INT_MAX) n = DEC(n);\n  return (int) 2.5;\n}\n";

        var program = CFrontend.Parse(text, "t.c");

        Assert.That(program.RefusedFunctions.Single(), Is.EqualTo(
            new RefusedFunction("f", new SourceSpan("t.c", 4, 5), new SourceSpan("t.c", 6, 16), "unsupported: floating point literal")),
            "positions point into the user's text, not into the preprocessed one");
    }

    [Test]
    public void WithoutThePreprocessorTheBuiltInHandlingApplies()
    {
        var program = CFrontend.Parse("#include <limits.h>\n#define N 10\nint f(void) { return N + INT_MAX - 2147483647; }", "t.c", usePreprocessor: false);

        Assert.That(program.Functions.Single().Name, Is.EqualTo("f"));
    }

    private static readonly string[] GAndF = ["g", "f"];
    private static readonly string[] Main = ["main"];
}
