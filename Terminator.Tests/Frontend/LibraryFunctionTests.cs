using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// C library functions that a file calls without defining them (<c>strlen</c>, <c>strcmp</c>, ...) run definitions
/// the frontend supplies, read as the file <see cref="FunctionDecl.LibraryFile"/>, whose functions are not answered.
/// </summary>
[TestFixture]
public sealed class LibraryFunctionTests
{
    private static readonly string[] OnlyF = ["f"];

    private static readonly string[] OnlyTheFile = ["t.c"];

    private static ProgramIr Parse(string text) => CProgram.Accepted(text);

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(Parse(text), "f", inputs);

    private static ProgramResult Analyze(string text) =>
        TerminationAnalyzer.Analyze(Parse(text), new AnalysisOptions { Timeout = TimeSpan.FromSeconds(20) });

    [TestCase("int f(void) { char s[] = \"hello\"; return strlen(s); }", 5)]
    [TestCase("int f(void) { char s[8] = \"ab\"; return strnlen(s, 1) * 10 + strnlen(s, 8); }", 12)]
    [TestCase("int f(void) { char a[] = \"abc\"; char b[] = \"abd\"; return strcmp(a, b); }", -1)]
    [TestCase("int f(void) { char a[] = \"ab\"; char b[] = \"abc\"; return strcmp(b, a); }", 'c')]
    [TestCase("int f(void) { char a[] = \"abc\"; char b[] = \"abd\"; return strncmp(a, b, 2) * 10 + strncmp(a, b, 0); }", 0)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = strchr(s, 'l'); return p - s; }", 2)]
    [TestCase("int f(void) { char s[] = \"hello\"; return strchr(s, 'z') == 0; }", 1)]
    [TestCase("int f(void) { char s[4]; memset(s, 'x', 3); s[3] = 0; return strlen(s) * 1000 + s[2]; }", 3000 + 'x')]
    [TestCase("int f(void) { char s[] = \"abc\"; return (strcmp(s, \"abc\") == 0) * 10 + strlen(\"hello\"); }", 15)]
    public void LibraryFunctionsComputeWhatCSays(string text, int expected)
    {
        Assert.That(Run(text), Is.EqualTo(new Returned(expected)));
    }

    [Test]
    public void StrlenOfABufferWithoutTerminatorReadsPastItsEnd()
    {
        var result = Analyze("int f(void) { char s[3]; s[0] = 'a'; s[1] = 'b'; s[2] = 'c'; return strlen(s); }").Function("f");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("out-of-bounds read").And.Contain(FunctionDecl.LibraryFile));
    }

    [Test]
    public void StrlenOfATerminatedBufferIsProvedAndTheLibraryFunctionIsNotAnswered()
    {
        var result = Analyze("int f(int n) { char s[] = \"abc\"; int k = 0; for (unsigned long i = 0; i < strlen(s); i++) k++; return k; }");
        Assert.That(result.Functions.Select(f => f.Name), Is.EqualTo(OnlyF));
        Assert.That(result.Function("f").Verdict, Proved.Terminates);
    }

    [Test]
    public void AStringLiteralPassedToAFunctionIsReadOnly()
    {
        var result = Analyze("int f(void) { memset(\"xy\", 0, 1); return 0; }").Function("f");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("store into the string literal"));
    }

    [Test]
    public void AFunctionTheFileDefinesIsItsOwn()
    {
        var program = Parse("int strlen(const char *s) { return 42; }\nint f(void) { char s[] = \"a\"; return strlen(s); }");
        Assert.That(program.Functions.Select(f => f.Span.File).Distinct(), Is.EqualTo(OnlyTheFile));
        Assert.That(Interpreter.Run(program, "f", [], [], new InterpreterOptions()).Outcome, Is.EqualTo(new Returned(42)));
    }
}
