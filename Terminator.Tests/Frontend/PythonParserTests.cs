using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>Small Python programs and the IR they must become, the input the Python frontend refuses, and C/Python agreement.</summary>
[TestFixture]
public sealed class PythonParserTests
{
    private const string File = "t.py";

    private static SourceSpan At(int line, int column) => new(File, line, column);

    private static ProgramIr Parse(string text) => PythonFrontend.Parse(text, File);

    /// <summary>The printed IR of the body of the one function in <paramref name="text"/>.</summary>
    private static string Body(string text)
    {
        var program = Parse(text);
        Assert.That(program.Functions, Has.Length.EqualTo(1));
        return IrText.Of(program.Functions[0].Body);
    }

    private static string ErrorOf(string text) => Assert.Throws<SourceException>(() => Parse(text))!.Message;

    [Test]
    public void EssayFunctionBecomesTheExactIr()
    {
        const string text = """
            def g(x, y: int) -> None:
                "Docstring."
                while x > y:
                    x = x - y
            """;
        var loop = new LoopStmt(
            LoopKind.While,
            new BinaryExpr(BinaryOp.Gt, new VarRef("x", At(3, 11)), new VarRef("y", At(3, 15)), At(3, 11)),
            new BlockStmt(
                [
                    new ExprStmt(
                        new AssignExpr("x", new BinaryExpr(BinaryOp.Sub, new VarRef("x", At(4, 13)), new VarRef("y", At(4, 17)), At(4, 13)), false, At(4, 9)),
                        At(4, 9)),
                ],
                At(3, 17)),
            null,
            null,
            At(3, 5));
        var expected = new FunctionDecl(
            "g",
            ScalarType.Unbounded,
            [new Parameter("x", ScalarType.Unbounded, At(1, 7)), new Parameter("y", ScalarType.Unbounded, At(1, 10))],
            new BlockStmt([loop], At(1, 26)),
            At(1, 5));

        var program = Parse(text);

        Assert.That(program, Is.EqualTo(new ProgramIr(File, SourceLanguage.Python, [expected], [])));
    }

    [Test]
    public void RangeLoopCountsOverHiddenTemporaries()
    {
        const string text = """
            def f(n):
                for i in range(n):
                    n = n + 1
            """;

        Assert.That(Body(text), Is.EqualTo(
            "{ (decl z i) { (decl z range@2.stop n) (decl z range@2.next 0) (while (< range@2.next range@2.stop) "
            + "{ (= i range@2.next) (= range@2.next (+ range@2.next 1)) (= n (+ n 1)) }) } }"));
    }

    [Test]
    public void RangeWithAVariableStepStopsOnZeroAndPicksTheDirection()
    {
        const string text = """
            def f(a, b, s):
                for i in range(a, b, s):
                    continue
            """;

        Assert.That(Body(text), Is.EqualTo(
            "{ (decl z i) { (decl z range@2.start a) (decl z range@2.stop b) (decl z range@2.step s) "
            + "(if (== range@2.step 0) (halt ValueError: range() arg 3 must not be zero)) (decl z range@2.next range@2.start) "
            + "(while (? (> range@2.step 0) (< range@2.next range@2.stop) (> range@2.next range@2.stop)) "
            + "{ (= i range@2.next) (= range@2.next (+ range@2.next range@2.step)) continue }) } }"));
    }

    [Test]
    public void RangeWithANegativeConstantStepCountsDownAndKeepsItsElse()
    {
        const string text = """
            def f(n):
                for i in range(10, n, -2):
                    break
                else:
                    return 1
                return 0
            """;

        Assert.That(Body(text), Is.EqualTo(
            "{ (decl z i) { (decl z range@2.stop n) (decl z range@2.next 10) (while (> range@2.next range@2.stop) "
            + "{ (= i range@2.next) (= range@2.next (+ range@2.next (- 2))) break } else { (return 1) }) } (return 0) }"));
    }

    [Test]
    public void TupleAssignmentIsSimultaneous()
    {
        Assert.That(Body("def gcd(a, b):\n    a, b = b, a % b\n"), Is.EqualTo("{ (= (a b) (b (%% a b))) }"));
    }

    [Test]
    public void ChainedComparisonBecomesAConjunction()
    {
        Assert.That(Body("def f(x, y):\n    return 0 < x <= y\n"), Is.EqualTo("{ (return (&& (< 0 x) (<= x y))) }"));
    }

    [Test]
    public void AugmentedAssignmentsSpellOutTheArithmetic()
    {
        Assert.That(
            Body("def f(x):\n    x += 1\n    x -= 2\n    x *= 3\n    x //= 4\n    x %= 5\n"),
            Is.EqualTo("{ (= x (+ x 1)) (= x (- x 2)) (= x (* x 3)) (= x (// x 4)) (= x (%% x 5)) }"));
    }

    [Test]
    public void IsInstanceAssertionBecomesAnAssumption()
    {
        const string text = """
            def f(x, y):
                assert isinstance(x, int) and isinstance(y, int) and y > 0
                assert isinstance(x, int)
                x = 1
                assert x > 0
            """;

        Assert.That(Body(text), Is.EqualTo("{ (assume (> y 0)) {} (= x 1) (assert (> x 0)) }"));
    }

    [Test]
    public void LocalsAreDeclaredAtTheTopInOrderOfFirstAssignment()
    {
        const string text = """
            def f(n):
                if n > 0:
                    b = 1
                    a = 2
                else:
                    a = 3
                    b = 4
                return a + b
            """;

        Assert.That(Body(text), Is.EqualTo(
            "{ (decl z b) (decl z a) (if (> n 0) { (= b 1) (= a 2) } { (= a 3) (= b 4) }) (return (+ a b)) }"));
    }

    [Test]
    public void ExpressionsAndBuiltins()
    {
        const string text = """
            def f(x, y):
                return (abs(-x) if not x else min(x, y, 0x1_0)) or max(x, y) and True

            def g():
                while nondet() == 1:
                    pass
                else:
                    f(1, 2)
                return terminates(f) != False
            """;

        Assert.That(IrText.Of(Parse(text)), Is.EqualTo(
            "(fn z f (z x) (z y) { (return (|| (? (! x) (abs (- x)) (Min (Min x y) 16)) (&& (Max x y) 1b))) }) "
            + "(fn z g { (while (== (nondet z) 1) {} else { (call f 1 2) }) (return (!= (terminates f) 0b)) })"));
    }

    [Test]
    public void ElifChainsNestAndImportsOfTypingAreIgnored()
    {
        const string text = """
            from typing import Optional
            import typing

            def f(x: "int"):
                if x > 0: return 1
                elif x < 0: return -1
                else: pass
            """;

        Assert.That(Body(text), Is.EqualTo("{ (if (> x 0) { (return 1) } (if (< x 0) { (return (- 1)) } {})) }"));
    }

    [TestCase("class C:\n    pass\n", "t.py:1:1: unsupported: class")]
    [TestCase("def f(x):\n    return (lambda y: y)\n", "t.py:2:13: unsupported: lambda")]
    [TestCase("def f(x):\n    return \"a\"\n", "t.py:2:12: unsupported: string")]
    [TestCase("def f(x):\n    x = [1, 2]\n", "t.py:2:9: unsupported: list")]
    [TestCase("def f(x):\n    x = (1, 2)\n", "t.py:2:9: unsupported: tuple")]
    [TestCase("def f(x):\n    x = {}\n", "t.py:2:9: unsupported: dict or set")]
    [TestCase("def f(x):\n    return x[0]\n", "t.py:2:13: unsupported: subscript")]
    [TestCase("def f(x):\n    return x.real\n", "t.py:2:13: unsupported: attribute access")]
    [TestCase("import os\n", "t.py:1:8: unsupported: import of 'os' (only typing may be imported)")]
    [TestCase("from os import path\n", "t.py:1:6: unsupported: import of 'os' (only typing may be imported)")]
    [TestCase("def f():\n    global x\n", "t.py:2:5: unsupported: global")]
    [TestCase("def f():\n    nonlocal x\n", "t.py:2:5: unsupported: nonlocal")]
    [TestCase("def f(x):\n    yield x\n", "t.py:2:5: unsupported: yield (generators)")]
    [TestCase("def f(x):\n    with x:\n        pass\n", "t.py:2:5: unsupported: with")]
    [TestCase("def f(x):\n    try:\n        pass\n    except:\n        pass\n", "t.py:2:5: unsupported: try")]
    [TestCase("def f(x):\n    return 1.5\n", "t.py:2:12: unsupported: floating point number")]
    [TestCase("def f(x):\n    return x / 2\n", "t.py:2:14: unsupported: true division '/' (floats)")]
    [TestCase("def f(x):\n    return x ** 2\n", "t.py:2:14: unsupported: power operator '**'")]
    [TestCase("def f(x):\n    return x & 1\n", "t.py:2:14: unsupported: bitwise operator '&'")]
    [TestCase("def f(x):\n    return ~x\n", "t.py:2:12: unsupported: bitwise operator '~'")]
    [TestCase("def f(x):\n    return f(x=1)\n", "t.py:2:14: unsupported: keyword argument in a call of 'f'")]
    [TestCase("def f(x=1):\n    pass\n", "t.py:1:8: unsupported: default parameter value")]
    [TestCase("def f(*args):\n    pass\n", "t.py:1:7: unsupported: *args")]
    [TestCase("def f(x):\n    def g():\n        pass\n", "t.py:2:5: unsupported: nested function")]
    [TestCase("x = 1\n", "t.py:1:1: unsupported: module-level statements other than def")]
    [TestCase("def f(x):\n    for i in [1, 2]:\n        pass\n", "t.py:2:14: unsupported: for loop over anything but range()")]
    [TestCase("def f(x):\n    return 0 < f(x) < 2\n", "t.py:2:16: unsupported: chained comparison with a call or nondet() in the middle")]
    [TestCase("def f(x):\n    return y\n", "t.py:2:12: unknown name 'y' (globals are not supported)")]
    [TestCase("def f(x):\n    if x:\n        y = 1\n    return y\n", "t.py:4:12: unsupported: 'y' may be read before it is assigned")]
    [TestCase("def f(x):\n    return print(x)\n", "t.py:2:12: unsupported: call of 'print' (neither a function of this file nor a supported builtin)")]
    [TestCase("def f(x):\n    return x is None\n", "t.py:2:14: unsupported: operator 'is'")]
    public void RefusesConstructsOutsideTheSubset(string text, string message)
    {
        Assert.That(ErrorOf(text), Is.EqualTo(message));
    }

    [TestCase("def f(x):\n        x = 1\n    return x\n", "t.py:3:5: inconsistent indentation: this line's indentation matches no enclosing block", TestName = "DedentToAnUnknownLevel")]
    [TestCase("def f(x):\n\tx = 1\n\tif x:\n        \treturn x\n", "t.py:4:10: inconsistent indentation: tabs and spaces are mixed", TestName = "TabsAndSpacesMixed")]
    [TestCase("  def f(x):\n    pass\n", "t.py:1:3: unexpected indentation", TestName = "IndentedFirstLine")]
    public void RefusesBadIndentation(string text, string message)
    {
        Assert.That(ErrorOf(text), Is.EqualTo(message));
    }

    [TestCase("def f(x)\n    return x\n", "t.py:1:9: syntax error: unexpected end of line; expected ':' or '->'", TestName = "MissingColon")]
    [TestCase("def f(x):\nreturn x\n", "t.py:2:1: syntax error: expected an indented block", TestName = "MissingIndentedBlock")]
    [TestCase("def f(x):\n    return x $ 1\n", "t.py:2:14: syntax error: unexpected character '$'", TestName = "StrayCharacter")]
    [TestCase("def f(x):\n    return (x + 1\n", "t.py:3:1: syntax error: expected ')' before the end of the line", TestName = "UnclosedParenthesis")]
    [TestCase("def f(x):\n    break\n", "t.py:2:5: syntax error: 'break' outside loop", TestName = "BreakOutsideLoop")]
    public void SyntaxErrorsArePlainSentencesAtTheirPosition(string text, string message)
    {
        // Were ANTLR's own words: "missing INDENT at 'return'", "mismatched input '<NEWLINE>' expecting {':', '->'}",
        // "token recognition error at: '$'".
        Assert.That(ErrorOf(text), Is.EqualTo(message));
    }

    [Test]
    public void IdentifiersMayUseLettersOfAnyScript()
    {
        // Python allows them (PEP 3131); was "token recognition error at: 'ä'".
        const string text = "def zähle(zähler):\n    while zähler > 0:\n        zähler -= 1\n    return zähler\n";

        Assert.That(Termination.Analyze(text, SourceLanguage.Python).Functions.Single(), Proved.Terminates);
    }

    [Test]
    public void BlankLinesCommentsAndBracketsDoNotDisturbIndentation()
    {
        const string text = "def f(x,\n      y):\n\n    # a comment\n        # an indented comment\n    return min(x,\n  y)  # trailing\n\n";

        Assert.That(Body(text), Is.EqualTo("{ (return (Min x y)) }"));
    }

    [Test]
    public void AnnotatedAssignmentIgnoresTheAnnotation()
    {
        Assert.That(Body("def f():\n    x: int\n    x: int = 1\n    return x\n"), Is.EqualTo("{ (decl z x) (= x 1) (return x) }"));
    }

    [Test]
    public void LoaderSendsPyFilesToThePythonFrontend()
    {
        Assert.That(SourceLoader.Parse("def f():\n    pass\n", "x.py").Language, Is.EqualTo(SourceLanguage.Python));
    }

    /// <summary>The same algorithm in C (unbounded integers) and in Python gets the same verdict.</summary>
    [TestCase(
        "void f(int x) { while (x > 0) x = x - 1; }",
        "def f(x):\n    while x > 0:\n        x = x - 1\n",
        "Yes",
        TestName = "Countdown")]
    [TestCase(
        "void f(int x, int y) { while (x > y) x = x - y; }",
        "def f(x, y):\n    while x > y:\n        x = x - y\n",
        "No",
        TestName = "UnguardedSubtraction")]
    [TestCase(
        "void f(int x, int y) { if (y > 0) while (x > y) x = x - y; }",
        "def f(x, y):\n    assert isinstance(x, int) and isinstance(y, int)\n    if y > 0:\n        while x > y:\n            x = x - y\n",
        "Yes",
        TestName = "GuardedSubtraction")]
    [TestCase(
        "void f(int x) { while (x != 0) x = x - 2; }",
        "def f(x):\n    while x != 0:\n        x -= 2\n",
        "No",
        TestName = "StepOverZero")]
    [TestCase(
        "int f(int n) { int s = 0; for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) s = s + j; return s; }",
        "def f(n):\n    s = 0\n    for i in range(n):\n        for j in range(i):\n            s = s + j\n    return s\n",
        "Yes",
        TestName = "NestedCountingLoops")]
    [TestCase(
        "void f(int x, int y) { while (x > 0) { if (y > 0) y = y - 1; else { x = x - 1; y = x; } } }",
        "def f(x, y):\n    while x > 0:\n        if y > 0:\n            y -= 1\n        else:\n            x, y = x - 1, x - 1\n",
        "Yes",
        TestName = "Lexicographic")]
    public void CAndPythonAgree(string c, string python, string verdict)
    {
        var timeout = TimeSpan.FromSeconds(10);
        var cResult = TerminationAnalyzer.Analyze(
            SourceLoader.Parse(c, "t.c"), new AnalysisOptions { Semantics = IntegerSemantics.Math, Timeout = timeout });
        var pythonResult = TerminationAnalyzer.Analyze(SourceLoader.Parse(python, File), new AnalysisOptions { Timeout = timeout });

        TerminationConstraint Proves() => verdict switch { "Yes" => Proved.Terminates, "No" => Proved.DoesNotTerminate, _ => Proved.Nothing };
        Assert.That(cResult, Proves());
        Assert.That(pythonResult, Proves());
    }
}
