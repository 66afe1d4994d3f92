using NUnit.Framework;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>Input the C frontend must refuse, with the position and wording a user can act on.</summary>
[TestFixture]
public sealed class CFrontendErrorTests
{
    private static readonly string[] FunctionF = ["f"];
    private static readonly string[] FunctionK = ["k"];
    private static readonly string[] FunctionClean = ["clean"];
    private static readonly string[] HAndG =
    [
        "h t.c:1:18: unsupported: call of 'g', which is outside the subset",
        "g t.c:2:22: unsupported: initializer of array 'a' other than a list of values (designators, nested braces)",
    ];

    private static string ErrorOf(string text, string fileName = "t.c") =>
        Assert.Throws<SourceException>(() => CFrontend.Parse(text, fileName, usePreprocessor: false))!.Message;

    /// <summary>The one refused function's position and reason, as an error would read.</summary>
    private static string RefusalOf(string text, string fileName = "t.c")
    {
        var program = CFrontend.Parse(text, fileName, usePreprocessor: false);
        Assert.That(program.RefusedFunctions, Has.Length.EqualTo(1), "one refused function");
        var refused = program.RefusedFunctions[0];
        return $"{refused.At}: {refused.Reason}";
    }

    [Test]
    public void SyntaxErrorNamesItsPosition()
    {
        Assert.That(ErrorOf("int f(int x) {\n  x = ;\n}"), Does.StartWith("t.c:2:7: syntax error: "));
    }

    [Test]
    public void LexicalErrorIsASyntaxError()
    {
        Assert.That(ErrorOf("int f() { return 1 @ 2; }"), Does.StartWith("t.c:1:20: syntax error: "));
    }

    [TestCase("int f(int ***p) { return 0; }", "t.c:1:11: unsupported: pointer")]
    [TestCase("int f() {\n  int **p;\n  return 0;\n}", "t.c:2:7: unsupported: pointer")]
    [TestCase("int f() { int x = 0; return *x; }", "t.c:1:29: unsupported: pointer dereference")]
    [TestCase("int f(int a) { int x = 0; f(&x); return 0; }", "t.c:1:29: unsupported: address-of operator")]
    [TestCase("int f() { int a[3] = {{0}}; return 0; }", "t.c:1:22: unsupported: initializer of array 'a' other than a list of values (designators, nested braces)")]
    [TestCase("int f(int x) { return x[0]; }", "t.c:1:23: unsupported: array subscript")]
    [TestCase("int f() { double d; return 0; }", "t.c:1:11: unsupported: floating point type")]
    [TestCase("int f() { int x = 1.5; return x; }", "t.c:1:19: unsupported: floating point literal")]
    [TestCase("int f(int x) { goto L; while (x) { L: x--; } return 0; }", "t.c:1:16: unsupported: goto 'L' into a nested statement (the label is at t.c:1:36)")]
    [TestCase("int f(int x) { goto L; int y = 1; L: return y; }", "t.c:1:16: unsupported: goto 'L' past the declaration of a variable at t.c:1:28")]
    [TestCase("int f(int x) { switch (x) { case 1: if (x) { case 2: return 1; } } return 0; }", "t.c:1:46: unsupported: 'case' label inside a nested statement of the switch")]
    [TestCase("int f(int x) { switch (x) { int y; case 1: return 1; } return 0; }", "t.c:1:29: unsupported: declaration in the body of a switch")]
    [TestCase("struct s { int a; };\nint f() { struct s v; return v; }", "t.c:2:30: unsupported: struct 'v' used other than through its members (passed, returned, compared or its address taken)")]
    [TestCase("int f() { float c = 0; return c; }", "t.c:1:11: unsupported: floating point type")]
    [TestCase("int f(int a) { f(\"x\"); return 0; }", "t.c:1:18: unsupported: string literal")]
    [TestCase("int f() { int *p = \"x\"; return 0; }", "t.c:1:20: unsupported: a string literal stored into a pointer to int")]
    [TestCase("int f() { return 'ab'; }", "t.c:1:18: unsupported: multi-character constant 'ab'")]
    [TestCase("int f() { return '\\1234'; }", "t.c:1:18: unsupported: multi-character constant '\\1234'")]
    [TestCase("int f() { return 'é'; }", "t.c:1:18: unsupported: character constant 'é' outside ASCII")]
    [TestCase("int f(int (*g)(int)) { return 0; }", "t.c:1:11: unsupported: function pointer or parenthesized declarator")]
    [TestCase("int f(int x, ...) { return 0; }", "t.c:1:14: unsupported: variadic function")]
    [TestCase("int f() { int x = 0; return assert(x); }", "t.c:1:29: unsupported: 'assert' inside an expression")]
    public void UnsupportedConstructsRefuseTheirFunctionWhereTheyAre(string text, string expected)
    {
        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }

    [TestCase("#pragma once\nint f() { return 0; }", "t.c:1:1: unsupported: preprocessor directive '#pragma'")]
    [TestCase("#define F(x) x\nint f() { return 0; }", "t.c:1:1: unsupported: function-like macro 'F'")]
    public void UnsupportedDirectivesRejectTheFile(string text, string expected)
    {
        Assert.That(ErrorOf(text), Is.EqualTo(expected));
    }

    [Test]
    public void OnlyTheFunctionOutsideTheSubsetIsRefused()
    {
        var program = CFrontend.Parse("int g(int ***p) { return 0; }\nint f(int x) { return x + 1; }", "t.c");

        Assert.That(program.Functions.Select(f => f.Name), Is.EqualTo(FunctionF));
        Assert.That(program.RefusedFunctions.Single(), Is.EqualTo(
            new RefusedFunction("g", new SourceSpan("t.c", 1, 5), new SourceSpan("t.c", 1, 11), "unsupported: pointer")));
    }

    [Test]
    public void ACallerOfARefusedFunctionIsRefusedAtTheCall()
    {
        var program = CFrontend.Parse("int h() { return g(); }\nint g() { int a[3] = {[1] = 0}; return 0; }\nint k() { return 1; }", "t.c");

        Assert.That(program.Functions.Select(f => f.Name), Is.EqualTo(FunctionK));
        Assert.That(program.RefusedFunctions.Select(f => $"{f.Name} {f.At}: {f.Reason}"), Is.EqualTo(HAndG));
    }

    [Test]
    public void FileScopeDeclarationsOutsideTheSubsetRefuseOnlyTheirUsers()
    {
        const string text = """
            typedef struct { int a; } pair;
            typedef void *handle;
            extern int *shared;
            int uses(void) { return shared; }
            int clean(int x) { return x; }
            """;

        var program = CFrontend.Parse(text, "t.c");

        Assert.That(program.Functions.Select(f => f.Name), Is.EqualTo(FunctionClean));
        Assert.That(program.RefusedFunctions.Single().Reason,
            Is.EqualTo("unsupported: 'shared', whose declaration at t.c:3:12 is outside the subset (pointer)"));
    }

    [Test]
    public void CallToAnUndeclaredFunctionIsAnError()
    {
        Assert.That(ErrorOf("int f() {\n  return g(1);\n}"), Is.EqualTo("t.c:2:10: unknown function 'g'"));
    }

    [Test]
    public void CallToAFunctionThatIsOnlyDeclaredIsAnExternalCall()
    {
        var program = CFrontend.Parse("extern int g(int);\nint f() { return g(1); }", "t.c");

        Assert.That(program.ExternalFunctions.Single(), Is.EqualTo(new ExternalFunction("g", ScalarType.Int, new SourceSpan("t.c", 1, 12))));
        Assert.That(program.RefusedFunctions, Is.Empty);
    }

    [Test]
    public void CallToADeclaredFunctionWithPointerParametersRefusesTheCaller()
    {
        Assert.That(RefusalOf("extern int g(int *p);\nint f() { return g(0); }"),
            Is.EqualTo("t.c:2:18: unsupported: call of 'g', whose declaration at t.c:1:18 is outside the subset (pointer parameter)"));
    }

    [Test]
    public void UndeclaredVariableIsAnError()
    {
        Assert.That(ErrorOf("int f() { return y; }"), Is.EqualTo("t.c:1:18: undeclared identifier 'y'"));
    }

    [Test]
    public void VariableIsOutOfScopeAfterItsBlock()
    {
        Assert.That(ErrorOf("int f() { { int y = 1; } return y; }"), Is.EqualTo("t.c:1:33: undeclared identifier 'y'"));
    }

    [Test]
    public void WrongArgumentCountIsAnError()
    {
        Assert.That(ErrorOf("int g(int a) { return a; } int f() { return g(1, 2); }"),
            Is.EqualTo("t.c:1:45: 'g' expects 1 argument(s) but gets 2"));
    }

    [Test]
    public void BreakOutsideALoopIsAnError()
    {
        Assert.That(ErrorOf("int f() { break; }"), Is.EqualTo("t.c:1:11: 'break' outside a loop or switch"));
    }

    [Test]
    public void MissingFileIsReportedAtItsFirstLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"terminator-missing-{Guid.NewGuid():N}.c");

        var error = Assert.Throws<SourceException>(() => SourceLoader.Load(path))!;

        Assert.That(error.Message, Is.EqualTo($"{path}:1:1: file not found"));
        Assert.That(error.Span, Is.EqualTo(new SourceSpan(path, 1, 1)));
    }

    [Test]
    public void PythonFilesGoToThePythonFrontend()
    {
        Assert.That(SourceLoader.Parse("def f(): pass", "p.py").Language, Is.EqualTo(SourceLanguage.Python));
    }

    [Test]
    public void OtherExtensionsAreNotSupported()
    {
        Assert.That(Assert.Throws<SourceException>(() => SourceLoader.Parse("", "notes.txt"))!.Message,
            Does.StartWith("notes.txt:1:1: unsupported file type '.txt'"));
    }

    [Test]
    public void DeeplyNestedInputIsRefusedInsteadOfOverflowingTheStack()
    {
        var text = "int f() { return " + new string('(', 10_000) + "1" + new string(')', 10_000) + "; }";

        Assert.That(ErrorOf(text), Does.StartWith("t.c:1:").And.Contain("unsupported: brackets nested deeper than"));
    }

    [Test]
    public void LongOperatorChainsStillParse()
    {
        var text = "int f(int x) { return " + string.Join(" + ", Enumerable.Repeat("x", 2_000)) + "; }";

        Assert.That(CFrontend.Parse(text, "t.c").Functions, Has.Length.EqualTo(1));
    }
}
