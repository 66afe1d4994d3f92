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
    [TestCase("int f(void) { char a[] = \"abc\"; char b[8]; char *r = strcpy(b, a); return (r == b) * 100 + strlen(b) * 10 + (b[3] == 0); }", 131)]
    [TestCase("int f(void) { char b[8] = \"ab\"; strcat(b, \"cde\"); return strlen(b) * 10 + (b[4] == 'e'); }", 51)]
    [TestCase("int f(void) { char b[8] = \"xyz\"; strncat(b, \"abcdef\", 2); return strlen(b) * 10 + (b[4] == 'b'); }", 51)]
    [TestCase("int f(void) { char b[6]; strncpy(b, \"ab\", 6); return b[0] * 0 + (b[1] == 'b') * 100 + (b[2] == 0) * 10 + (b[5] == 0); }", 111)]
    [TestCase("int f(void) { char b[3]; strncpy(b, \"abcdef\", 3); return (b[2] == 'c'); }", 1)]
    [TestCase("int f(void) { char a[] = \"hey\"; char b[4]; memcpy(b, a, 4); return strcmp(a, b) == 0; }", 1)]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memmove(a + 2, a, 3); return strcmp(a, \"ababcf\") == 0; }", 1)]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memmove(a, a + 2, 3); return strcmp(a, \"cdedef\") == 0; }", 1)]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memcpy(a, a + 3, 3); return strcmp(a, \"defdef\") == 0; }", 1)]
    [TestCase("int f(void) { char a[] = \"abc\"; char b[] = \"abd\"; return memcmp(a, b, 2) * 10 + memcmp(a, b, 3); }", -1)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = memchr(s, 'l', 5); return p - s; }", 2)]
    [TestCase("int f(void) { char s[] = \"hello\"; return memchr(s, 'z', 5) == 0; }", 1)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = strrchr(s, 'l'); return (p - s) * 10 + (strrchr(s, 'z') == 0); }", 31)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = strrchr(s, 0); return p - s; }", 5)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = strstr(s, \"llo\"); return (p - s) * 10 + (strstr(s, \"lol\") == 0); }", 21)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = strstr(s, \"\"); return p - s; }", 0)]
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

    [TestCase("int f(void) { char a[3] = {'x', 'y', 'z'}; char b[8]; strcpy(b, a); return 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char b[4] = {'a', 'b', 'c', 'd'}; strcat(b, \"x\"); return 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char b[4] = \"ab\"; strcat(b, \"xy\"); return 0; }", "out-of-bounds write")]
    [TestCase("int f(void) { char b[7] = \"abcde\"; strncat(b, \"xyz\", 2); return 0; }", "out-of-bounds write")]
    [TestCase("int f(void) { char b[4]; strncpy(b, \"a\", 5); return 0; }", "out-of-bounds write")]
    [TestCase("int f(void) { char a[3] = \"ab\"; char b[8]; memcpy(b, a, 4); return 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = \"ab\"; char b[8]; memmove(b, a, 4); return 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = \"ab\"; char b[3] = \"xy\"; return memcmp(a, b, 4); }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = \"ab\"; return memchr(a, 'z', 4) == 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = {'x', 'y', 'z'}; return strrchr(a, 'x') == 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = {'x', 'y', 'z'}; return strstr(a, \"x\") == 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = {'x', 'y', 'z'}; return strpbrk(\"x\", a) == 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[3] = {'x', 'y', 'z'}; return strpbrk(a, \"q\") == 0; }", "out-of-bounds read")]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memcpy(a + 1, a, 3); return 0; }", "copying between overlapping objects")]
    [TestCase("int f(void) { char a[8] = \"abc\"; strcpy(a + 3, a); return 0; }", "copying between overlapping objects")]
    [TestCase("int f(void) { char a[16] = \"abc\"; strcat(a, a); return 0; }", "copying between overlapping objects")]
    [TestCase("int f(void) { char a[16] = \"abcd\"; strncat(a, a, 2); return 0; }", "copying between overlapping objects")]
    [TestCase("int f(void) { char a[16] = \"ab\"; a[5] = 'x'; a[6] = 0; strncpy(a, a + 5, 8); return 0; }", "copying between overlapping objects")]
    [TestCase("void copy(char *d, const char *s) { strcpy(d, s); }\nint f(void) { char a[8] = \"abc\"; copy(a + 1, a); return 0; }", "copying between overlapping objects")]
    public void LibraryFunctionsHaveTheUndefinedBehaviourOfC(string text, string what)
    {
        var outcome = Run(text);
        Assert.That(outcome, Is.TypeOf<UndefinedBehaviour>());
        var ub = (UndefinedBehaviour)outcome;
        Assert.That(ub.What, Does.Contain(what).And.Contain(FunctionDecl.LibraryFile), "the position inside the library function");
        Assert.That(ub.At.File, Is.EqualTo("t.c"), "placed at the call");
    }

    [TestCase("int f(void) { char a[] = \"abcdef\"; memcpy(a, a + 3, 3); return a[0]; }", 'd')]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memcpy(a + 1, a, 0); return a[1]; }", 'b')]
    [TestCase("int f(void) { char a[16] = \"ab\"; char *e = a + 8; e[0] = 'x'; e[1] = 0; strcpy(a + 3, e); return a[3]; }", 'x')]
    [TestCase("int f(void) { char a[16] = \"ab\"; char *e = a + 8; e[0] = 'x'; e[1] = 0; strcat(a, e); return a[2]; }", 'x')]
    [TestCase("int f(void) { char a[16] = \"abcd\"; a[8] = 'x'; a[9] = 0; strncpy(a, a + 8, 4); return a[0]; }", 'x')]
    [TestCase("void copy(char *d, const char *s) { strcpy(d, s); }\nint f(void) { char a[8] = \"abc\"; char b[8]; copy(b, a); return b[2]; }", 'c')]
    public void CopiesBetweenDisjointRangesOfOneArrayAreDefined(string text, int expected)
    {
        Assert.That(Run(text), Is.EqualTo(new Returned(expected)));
    }

    [Test]
    public void AnOverlappingCopyIsProvedToReachUndefinedBehaviourAtItsCall()
    {
        var result = Analyze("int f(void) {\n  char a[] = \"abcdef\";\n  memcpy(a + 1, a, 3);\n  return 0;\n}").Function("f");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("copying between overlapping objects").And.Contain("t.c:3:3"));
    }

    [Test]
    public void ACopyIntoATooSmallDestinationIsProvedToReachUndefinedBehaviour()
    {
        var result = Analyze("int f(void) { char a[] = \"hello\"; char b[4]; strcpy(b, a); return b[0]; }").Function("f");
        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(result.Verdict.ToString(), Does.Contain("out-of-bounds write").And.Contain("strcpy"));
    }

    [TestCase("int f(void) { char a[] = \"abc\"; char b[8]; strcpy(b, a); return b[0]; }")]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memmove(a + 1, a, 3); return a[0]; }")]
    [TestCase("int f(void) { char a[] = \"abcdef\"; memcpy(a, a + 3, 3); return a[0]; }")]
    public void CopiesThatFitAndDoNotOverlapAreProved(string text)
    {
        Assert.That(Analyze(text).Function("f").Verdict, Proved.Terminates);
    }

    [Test]
    public void MemcpyOfAnIntArrayIsRefused()
    {
        var program = CFrontend.Parse("int f(void) { int a[2] = {1, 2}; int b[2]; memcpy(b, a, sizeof a); return b[0]; }", "t.c", usePreprocessor: false);
        Assert.That(program.RefusedFunctions.Single().Reason, Does.Contain("argument 1 of 'memcpy' points to 'int'"));
    }

    [TestCase("int strlen(const char *s) { return 42; }\nint f(void) { char s[] = \"a\"; return strlen(s); }", 42)]
    [TestCase("char *strcpy(char *d, const char *s) { d[0] = 'z'; return d; }\nint f(void) { char a[] = \"abc\"; strcpy(a + 1, a); return a[1]; }", 'z')]
    public void AFunctionTheFileDefinesIsItsOwn(string text, int expected)
    {
        var program = Parse(text);
        Assert.That(program.Functions.Select(f => f.Span.File).Distinct(), Is.EqualTo(OnlyTheFile));
        Assert.That(Interpreter.Run(program, "f", [], [], new InterpreterOptions()).Outcome, Is.EqualTo(new Returned(expected)));
    }

    [TestCase("int f(void) { char s[] = \"hello\"; int c = 0; for (char *p = s; *p; p++) if (strchr(\"aeiou\", *p)) c++; return c; }", 2)]
    [TestCase("int f(void) { char s[] = \"hello\"; return (strchr(s, 'l') ? 10 : 0) + (strchr(s, 'z') ? 1 : 0); }", 10)]
    [TestCase("int f(void) { char s[] = \"hello\"; return (strstr(s, \"ll\") && !memchr(s, 'z', 5)) * 10 + (strrchr(s, 'q') || strchr(s, 'h')); }", 11)]
    [TestCase("int f(void) { char s[] = \"aab\"; int n = 0; while (strchr(s + n, 'a')) n++; return n; }", 2)]
    [TestCase("int f(void) { char s[] = \"aab\"; int n = 0; do n++; while (memchr(s + n, 'b', 3 - n)); return n; }", 3)]
    [TestCase("int f(void) { char s[] = \"hello\"; char *p = strchr(s, 'z'); char *q = strchr(s, 'e'); return (p ? 10 : 0) + (q ? 1 : 0); }", 1)]
    [TestCase("int f(void) { char s[] = \"hello, world\"; char *p = strpbrk(s, \" ,\"); return (p - s) * 10 + (strpbrk(s, \"xyz\") ? 1 : 0); }", 50)]
    [TestCase("int f(void) { char s[] = \"a-b+c\"; int n = 0; for (int i = 0; s[i]; i++) if (!strpbrk(s + i, \"+-\")) n++; return n; }", 1)]
    public void APointerThatALibraryFunctionReturnsIsTrueWhenItIsNotNull(string text, int expected)
    {
        Assert.That(Run(text), Is.EqualTo(new Returned(expected)));
    }

    [Test]
    public void ABeginnersVowelCountIsProved()
    {
        var result = Analyze("int f(void) { char s[] = \"hello world\"; int c = 0; for (char *p = s; *p; p++) if (strchr(\"aeiou\", *p)) c++; return c; }");
        Assert.That(result.Function("f").Verdict, Proved.Terminates);
    }

    [Test]
    public void ATestOfAPointerThatMayBeNullMovesNothing()
    {
        // The test compares with the null pointer; moving a null pointer would be undefined behaviour.
        var outcome = Run("int f(void) { char s[] = \"ab\"; char *p = strchr(s, 'z'); if (p) p++; return p == 0; }");
        Assert.That(outcome, Is.EqualTo(new Returned(1)));
    }
}
