using NUnit.Framework;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>Small C programs and the IR they must become.</summary>
[TestFixture]
public sealed class CFrontendTests
{
    private const string File = "t.c";

    private static SourceSpan At(int line, int column) => new(File, line, column);

    private static ProgramIr Parse(string text) => CFrontend.Parse(text, File, usePreprocessor: false);

    /// <summary>The IR of a program with a single function, printed without positions.</summary>
    private static string Function(string text)
    {
        var program = Parse(text);
        Assert.That(program.Functions, Has.Length.EqualTo(1));
        return IrText.Of(program.Functions[0]);
    }

    /// <summary>The printed IR of the body of <c>int f(void) { body }</c>.</summary>
    private static string Body(string body, string prelude = "") =>
        IrText.Of(Parse($"{prelude}\nint f(void) {{ {body} }}").Find("f")!.Body);

    [Test]
    public void NestedLoopFunctionBecomesTheExactIr()
    {
        const string text = """
            int g(int x, int y) {
              if (y > 0) {
                while (x > y) {
                  x = x - y;
                }
              }
              return 0;
            }
            """;
        var loop = new LoopStmt(
            LoopKind.While,
            new BinaryExpr(BinaryOp.Gt, new VarRef("x", At(3, 12)), new VarRef("y", At(3, 16)), At(3, 12)),
            new BlockStmt(
                [
                    new ExprStmt(
                        new AssignExpr(
                            "x",
                            new BinaryExpr(BinaryOp.Sub, new VarRef("x", At(4, 11)), new VarRef("y", At(4, 15)), At(4, 11)),
                            false,
                            At(4, 7)),
                        At(4, 7)),
                ],
                At(3, 19)),
            null,
            null,
            At(3, 5));
        var expected = new FunctionDecl(
            "g",
            ScalarType.Int,
            [new Parameter("x", ScalarType.Int, At(1, 11)), new Parameter("y", ScalarType.Int, At(1, 18))],
            new BlockStmt(
                [
                    new IfStmt(
                        new BinaryExpr(BinaryOp.Gt, new VarRef("y", At(2, 7)), new IntLiteral(0, ScalarType.Int, At(2, 11)), At(2, 7)),
                        new BlockStmt([loop], At(2, 14)),
                        null,
                        At(2, 3)),
                    new ReturnStmt(new IntLiteral(0, ScalarType.Int, At(7, 10)), At(7, 3)),
                ],
                At(1, 21)),
            At(1, 5));

        var program = Parse(text);

        Assert.That(program, Is.EqualTo(new ProgramIr(File, SourceLanguage.C, [expected], [])));
    }

    [Test]
    public void ForLoopBecomesBlockWithInitThenLoop()
    {
        var ir = Function("int f(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }");

        Assert.That(ir, Is.EqualTo(
            "(fn int f (int n) { (decl int s 0) { (decl int i 0) (for (< i n) (=post i (+ i 1)) (= s (+ s i))) } (return s) })"));
    }

    [Test]
    public void ForLoopPartsMayBeEmptyAndInitMayBeACommaList()
    {
        Assert.That(Body("int i, j; for (;;) break; for (i = 0, j = 1; i < j; ) { continue; }"), Is.EqualTo(
            "{ (decl int i) (decl int j) { (for _ _ break) } { (= i 0) (= j 1) (for (< i j) _ { continue }) } }"));
    }

    [Test]
    public void CompoundAssignmentsAndIncrementsSpellOutTheArithmetic()
    {
        Assert.That(Body("int x = 1, y = 2; x += y; x -= 1; x *= 2; x /= 3; x %= 4; ++x; --x; x++; y = x--;"), Is.EqualTo(
            "{ (decl int x 1) (decl int y 2) (= x (+ x y)) (= x (- x 1)) (= x (* x 2)) (= x (/ x 3)) (= x (% x 4))"
            + " (= x (+ x 1)) (= x (- x 1)) (=post x (+ x 1)) (= y (=post x (- x 1))) }"));
    }

    [Test]
    public void StatementFormsBecomeTheirIr()
    {
        Assert.That(Body("int x = 0; L: if (!x) x = 1; else { ; } do x--; while (x > 0 && x != 5 || x <= -3); return x >= 1 ? x : -x;"),
            Is.EqualTo("{ (decl int x 0) (label L (if (! x) (= x 1) {})) (do (=post x (- x 1)) (|| (&& (> x 0) (!= x 5)) (<= x -3))) (return (? (>= x 1) x (- x))) }"));
    }

    [Test]
    public void TypedefEnumBoolIsAnIntWithConstantsZeroAndOne()
    {
        var ir = Body("bool b = true; while (b) { b = false; } return b;", "typedef enum {false, true} bool;");

        Assert.That(ir, Is.EqualTo("{ (decl int b 1) (while b { (= b 0) }) (return b) }"));
    }

    [Test]
    public void EnumeratorsCountOnFromExplicitValues()
    {
        var ir = Body("name v = C; return A + B;", "typedef enum {A, B = 5, C} name;");

        Assert.That(ir, Is.EqualTo("{ (decl int v 6) (return (+ 0 5)) }"));
    }

    [Test]
    public void BoolWithoutTypedefIsUnderscoreBool()
    {
        Assert.That(Body("bool b = true; _Bool c = 0; return b;"), Is.EqualTo("{ (decl bool b 1) (decl bool c 0) (return b) }"));
    }

    [Test]
    public void DefinedConstantsAndLimitsBecomeLiterals()
    {
        var ir = Body("return N + M + INT_MAX + UINT_MAX + INT_MIN + K;", "#include <limits.h>\n#define N 10\n#define M (-5)\n#define K (N * 2)");

        Assert.That(ir, Is.EqualTo("{ (return (+ (+ (+ (+ (+ 10 -5) 2147483647) 4294967295u) -2147483648) 20)) }"));
    }

    [TestCase("0", "0")]
    [TestCase("2147483647", "2147483647")]
    [TestCase("2147483648", "2147483648ll")]
    [TestCase("0x7fffffff", "2147483647")]
    [TestCase("0x80000000", "2147483648u")]
    [TestCase("017", "15")]
    [TestCase("10u", "10u")]
    [TestCase("10U", "10u")]
    [TestCase("10l", "10")]
    [TestCase("10L", "10")]
    [TestCase("10ul", "10u")]
    [TestCase("10ll", "10ll")]
    [TestCase("10LLU", "10ull")]
    [TestCase("4294967295u", "4294967295u")]
    [TestCase("4294967296u", "4294967296ull")]
    [TestCase("0xFFFFFFFFFFFFFFFF", "18446744073709551615ull")]
    [TestCase("-2147483648", "-2147483648ll")]
    [TestCase("-1u", "(- 1u)")]
    public void IntegerLiteralsGetTheirCType(string literal, string expected)
    {
        Assert.That(Body($"return {literal};"), Is.EqualTo($"{{ (return {expected}) }}"));
    }

    [Test]
    public void ShadowingVariablesGetUniqueNames()
    {
        var ir = Function("int f(int x) { int y = x; { int x = 1; y = x; } { int x = 2; y = y + x; } return x + y; }");

        Assert.That(ir, Is.EqualTo(
            "(fn int f (int x) { (decl int y x) { (decl int x#2 1) (= y x#2) } { (decl int x#3 2) (= y (+ y x#3)) } (return (+ x y)) })"));
    }

    [Test]
    public void LocalsNeverTakeTheNameOfAGlobal()
    {
        var program = Parse("int f(void) { int g = 1; return g; } int g = 3 + 4;");

        Assert.That(IrText.Of(program), Is.EqualTo("(global int g 7) (fn int f { (decl int g#2 1) (return g#2) })"));
    }

    [Test]
    public void TypesOfDeclarationsAndCasts()
    {
        var ir = Function(
            "unsigned long long f(unsigned a, unsigned int b, long c, long long d, unsigned long e, signed int g) { return (unsigned long long) a + (int) d; }");

        Assert.That(ir, Is.EqualTo(
            "(fn ull f (uint a) (uint b) (int c) (ll d) (uint e) (int g) { (return (+ (cast ull a) (cast int d))) })"));
    }

    [Test]
    public void VerifierBuiltinsBecomeTheirIr()
    {
        const string prelude = """
            extern int __VERIFIER_nondet_int(void);
            extern unsigned __VERIFIER_nondet_uint();
            extern void __VERIFIER_error() __attribute__((__noreturn__));
            extern double __VERIFIER_nondet_double(void);
            extern void __VERIFIER_assume(int expression);
            int h(void) { return 0; }
            """;
        var ir = Body(
            "int x = __VERIFIER_nondet_int(); unsigned u = __VERIFIER_nondet_uint() + __VERIFIER_nondet_unsigned_int();"
            + " _Bool b = __VERIFIER_nondet_bool(); long l = __VERIFIER_nondet_long(); x = nondet();"
            + " __VERIFIER_assume(x > 0); assert(x > 0); __VERIFIER_assert(x); if (x) __VERIFIER_error();"
            + " if (x) reach_error(); if (x) abort(); if (x) exit(1); (void) h(); return terminates(h);",
            prelude);

        Assert.That(ir, Is.EqualTo(
            "{ (decl int x (nondet int)) (decl uint u (+ (nondet uint) (nondet uint))) (decl bool b (nondet bool)) (decl int l (nondet int))"
            + " (= x (nondet int)) (assume (> x 0)) (assert (> x 0)) (assert x) (if x (halt __VERIFIER_error))"
            + " (if x (halt reach_error)) (if x (halt abort)) (if x (halt exit)) (call h) (return (terminates h)) }"));
    }

    [Test]
    public void AFunctionDefinedInTheFileWinsOverTheBuiltinOfTheSameName()
    {
        var program = Parse("void __VERIFIER_assert(int cond) { if (!(cond)) { ERROR: __VERIFIER_error(); } return; } int main() { __VERIFIER_assert(1); return 0; }");

        Assert.That(IrText.Of(program.Find("main")!), Is.EqualTo("(fn int main { (call __VERIFIER_assert 1) (return 0) })"));
        Assert.That(IrText.Of(program.Find("__VERIFIER_assert")!), Is.EqualTo(
            "(fn void __VERIFIER_assert (int cond) { (if (! cond) { (label ERROR (halt __VERIFIER_error)) }) (return) })"));
    }

    [Test]
    public void CallsMayPrecedeTheCalleesDefinition()
    {
        var program = Parse("int f(int a) { return g(a, 1); } static int g(int a, int b) { return a - b; }");

        Assert.That(IrText.Of(program.Find("f")!), Is.EqualTo("(fn int f (int a) { (return (call g a 1)) })"));
    }

    [Test]
    public void GlobalsKeepConstantInitializersConvertedToTheirType()
    {
        var program = Parse("int a; unsigned b = -1; long long c = 1, d; _Bool e = 7; int main() { a = b; return 0; }");

        Assert.That(IrText.Of(program), Is.EqualTo(
            "(global int a) (global uint b 4294967295u) (global ll c 1ll) (global ll d) (global bool e 1b) (fn int main { (= a b) (return 0) })"));
    }

    [Test]
    public void StatementLevelCommaBecomesASequence()
    {
        Assert.That(Body("int a, b; a = 1, b = 2; return a;"), Is.EqualTo("{ (decl int a) (decl int b) { (= a 1) (= b 2) } (return a) }"));
    }

    [Test]
    public void SourceLoaderReadsCFilesByExtension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"terminator-{Guid.NewGuid():N}.c");
        System.IO.File.WriteAllText(path, "int main() { return 0; }");
        try
        {
            var program = SourceLoader.Load(path);

            Assert.That(program.File, Is.EqualTo(path));
            Assert.That(program.Functions.Single().Span, Is.EqualTo(new SourceSpan(path, 1, 5)));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
