using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Frontend;

/// <summary>
/// <c>printf</c>, <c>fprintf</c>, <c>puts</c>, <c>fputs</c>, <c>putchar</c>, <c>fputc</c> and <c>putc</c> as
/// statements: read when C defines the call from the text, refused otherwise.
/// </summary>
[TestFixture]
public sealed class OutputCallTests
{
    private const string Declarations = """
        typedef struct _IO_FILE FILE;
        extern FILE *stdout;
        extern FILE *stderr;
        int printf(const char *format, ...);
        int fprintf(FILE *stream, const char *format, ...);
        int puts(const char *s);
        int fputs(const char *s, FILE *stream);
        int putchar(int c);
        int fputc(int c, FILE *stream);
        int putc(int c, FILE *stream);

        """;

    private static Verdict Verdict(string body, string function) =>
        Termination.Analyze(Declarations + body, SourceLanguage.C, new AnalysisOptions { Function = function }).Functions.Single().Verdict;

    /// <summary>How a run of <c>f</c> on <paramref name="inputs"/> ends, with the nondeterministic values <paramref name="choices"/>.</summary>
    private static Core.Interpretation.RunOutcome Run(string body, int[] inputs, params int[] choices) =>
        Core.Interpretation.Interpreter.Run(
            CProgram.Accepted(Declarations + body),
            "f",
            [.. inputs.Select(i => (System.Numerics.BigInteger)i)],
            [.. choices.Select(c => (System.Numerics.BigInteger)c)],
            new Core.Interpretation.InterpreterOptions()).Outcome;

    /// <summary>How a run of <c>f()</c> ends.</summary>
    private static Core.Interpretation.RunOutcome Run(string body) => Run(body, []);

    [Test]
    public void APrintInALoopChangesNothingTheAnalysisFollows()
    {
        const string body = """
            int f(void) {
              int a[3] = {1, 2, 3};
              unsigned u = 7; long l = 4; char c = 'x';
              for (int i = 0; i < 3; i++) { printf("%d %5.2d%% %c\n", a[i], i * 2 + 1, c); }
              printf("%u %ld %x %s %d\n", u + 1u, l, u, "done", u > 3);
              puts("bye");
              return 0;
            }
            """;

        var verdict = Verdict(body, "f");

        Assert.That(verdict, Is.InstanceOf<Yes>(), verdict.ToString());
    }

    [Test]
    public void ALoopThatOnlyPrintsRunsForever()
    {
        var verdict = Verdict("int f(int x) { while (x > 0) { printf(\"%d\\n\", x); } return 0; }", "f");

        Assert.That(verdict, Is.InstanceOf<No>(), verdict.ToString());
        Assert.That(((No)verdict).Witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
    }

    [Test]
    public void AnArgumentIsEvaluatedWithItsUndefinedBehaviour()
    {
        var verdict = Verdict("int f(int x) { printf(\"%d\\n\", x + 1); return 0; }", "f");

        Assert.That(verdict, Is.InstanceOf<No>(), verdict.ToString());
        Assert.That(((No)verdict).Witness.Explanation, Does.Contain("signed overflow"));
    }

    [TestCase("int f(int x) { int r = printf(\"%d\", x); return r; }", "the result of 'printf' used as a value")]
    [TestCase("int f(int x) { printf(\"%n\", &x); return 0; }", "the conversion '%n' of a printf format")]
    [TestCase("int f(int x) { printf(\"%f\", x); return 0; }", "the conversion '%f' of a printf format")]
    [TestCase("int f(int x) { printf(\"%*d\", 3, x); return 0; }", "the conversion '%*' of a printf format")]
    [TestCase("int f(int x) { printf(\"%d %d\", x); return 0; }", "more conversions than arguments")]
    [TestCase("int f(unsigned x) { printf(\"%d\", x + 1); return 0; }", "a printf argument of another type than '%d' takes")]
    [TestCase("int f(int x) { long long y = x; printf(\"%d\", y); return 0; }", "a printf argument of another type than '%d' takes")]
    [TestCase("int f(int x) { if (x > 0) printf(\"%d\", f(x - 1)); return 0; }", "a printf argument whose type the text does not show")]
    [TestCase("int f(int x) { char s[] = \"ab\"; printf(\"%d\", strlen(s)); return 0; }", "a printf argument of another type than '%d' takes")]
    [TestCase("int g(char *s) { s[0] = 'x'; return 1; } int f(int x) { char s[] = \"ab\"; printf(\"%s %d\", s, g(s)); return 0; }", "a call of 'printf' that prints a string through a pointer and has arguments with side effects")]
    [TestCase("int f(int x) { printf(\"%s\", x); return 0; }", "a '%s' argument of 'printf' other than a string literal or a pointer into an array of characters")]
    [TestCase("int f(int x) { int a[2] = {1, 0}; puts(a); return 0; }", "the string argument of 'puts' that points to 'int' in an array of 'int', not to characters")]
    [TestCase("int f(int x) { char s[3] = \"%d\"; printf(s, x); return 0; }", "'printf' with a format other than a string literal")]
    [TestCase("int f(int x) { char s[3] = \"%d\"; fprintf(stderr, s, x); return 0; }", "'fprintf' with a format other than a string literal")]
    [TestCase("int f(int x) { int stdout = 1; fputc(x, stdout); return 0; }", "a stream argument of 'fputc' other than stdout or stderr")]
    [TestCase("int f(int x) { return putchar(x++); }", "the result of 'putchar' used as a value, of a character with side effects")]
    [TestCase("int f(int x) { return puts(\"a\"); }", "the result of 'puts' used as a value")]
    [TestCase("int f(int x) { return fputs(\"a\", stderr) < 0; }", "the result of 'fputs' used as a value")]
    [TestCase("int f(int x) { char s[] = \"ab\"; char *p = s; printf(\"%s\", p++); return 0; }", "a call of 'printf' that prints a string through a pointer and has arguments with side effects")]
    [TestCase("int f(int x) { char s[] = \"ab\"; printf(\"%s %c\", s, s[x++ % 2]); return 0; }", "a call of 'printf' that prints a string through a pointer and has arguments with side effects")]
    public void WhatTheTextDoesNotSettleIsRefused(string body, string reason)
    {
        var refusal = CProgram.Refusal(Declarations + body);

        Assert.That(refusal, Does.Contain(reason));
    }

    [Test]
    public void OutputToAStreamChangesNothingTheAnalysisFollows()
    {
        const string body = """
            int f(int n) {
              char word[] = "loop";
              if (n < 0) { fprintf(stderr, "negative: %d\n", n); return 1; }
              for (int i = 0; i < n && i < 100; i++) {
                fprintf(stdout, "%d: ", i);
                putchar('a' + i % 26);
                fputc('\n', stdout);
                putc(word[i % 4], stderr);
              }
              fprintf(stdout, "%s %.2s\n", word, word + 1);
              fputs(word, stderr);
              return 0;
            }
            """;

        var verdict = CProgram.Analyze(CProgram.Accepted(Declarations + body), "f").Verdict;

        Assert.That(verdict, Terminator.NUnit.Proved.Terminates);
    }

    // putchar, fputc and putc return the character written, as unsigned char, or EOF on an output error.
    [TestCase("int f(int c) { return putchar(c); }", 300, 1, 300 - 256)]
    [TestCase("int f(int c) { return fputc(c, stdout) * 1000 + putc(c, stderr); }", -1, 1, 255 * 1000 + 255)]
    [TestCase("int f(int c) { if (putchar(c) == EOF) return 1; return 0; }", 97, 0, 1)]
    [TestCase("int f(int c) { if (putchar(c) == EOF) return 1; return 0; }", 97, 1, 0)]
    public void ACharacterOutputReturnsTheCharacterOrEndOfFile(string body, int character, int written, int expected)
    {
        var text = "#define EOF (-1)\n" + body;

        Assert.That(Run(text, [character], written, written), Is.EqualTo(new Core.Interpretation.Returned(expected)));
    }

    [Test]
    public void ACallThatOnlyReadsMayBePrintedBesideAString()
    {
        const string body = """
            int twice(int x) { return 2 * x; }
            int f(void) {
              char s[] = "hello";
              printf("%s has %zu characters, %lu without the first; %d\n", s, strlen(s), strlen(s + 1), strcmp(s, "a") > 0);
              printf("%d\n", twice(3));
              return 0;
            }
            """;

        var verdict = CProgram.Analyze(CProgram.Accepted(Declarations + body), "f").Verdict;

        Assert.That(verdict, Terminator.NUnit.Proved.Terminates);
    }

    [Test]
    public void AnOutputCallInAForStepOrAConditionalStatementDiscardsItsResult()
    {
        const string body = "int f(int n) { for (int i = 0; i < n; i++, putchar('.')) ; n > 0 ? printf(\"%d\\n\", n) : puts(\"none\"); return n; }";

        Assert.That(Run(body, [3]), Is.EqualTo(new Core.Interpretation.Returned(3)));
    }

    [TestCase("int f(void) { char s[3] = {'a', 'b', 'c'}; puts(s); return 0; }", "out-of-bounds read of '*s[3]'")]
    [TestCase("int f(void) { char s[3] = {'a', 'b', 'c'}; printf(\"[%s]\\n\", s); return 0; }", "out-of-bounds read of '*s[3]'")]
    [TestCase("int f(void) { char s[3] = {'a', 'b', 'c'}; fputs(s + 1, stderr); return 0; }", "out-of-bounds read of '*s[3]'")]
    [TestCase("int f(void) { char s[3] = {'a', 'b', 'c'}; fprintf(stderr, \"%.4s\", s); return 0; }", "out-of-bounds read of '*s[3]'")]
    [TestCase("int f(void) { char s[] = \"abc\"; char *p = strchr(s, 'z'); printf(\"%s\", p); return 0; }", "null pointer")]
    public void PrintingAStringReadsItUpToItsTerminator(string body, string what)
    {
        var outcome = Run(body);

        Assert.That(outcome, Is.TypeOf<Core.Interpretation.UndefinedBehaviour>());
        Assert.That(((Core.Interpretation.UndefinedBehaviour)outcome).What, Does.Contain(what));
    }

    [TestCase("int f(void) { char s[3] = {'a', 'b', 'c'}; printf(\"%.3s|%.2s|%.0s|%.s\\n\", s, s + 1, s + 3, s); return 0; }")]
    [TestCase("int f(void) { char s[8] = \"ab\"; printf(\"%s%s\", s, s + 2); puts(s + 1); fputs(\"x\", stdout); return 0; }")]
    public void PrintingAStringReadsNothingBeyondItsTerminatorOrPrecision(string body)
    {
        Assert.That(Run(body), Is.EqualTo(new Core.Interpretation.Returned(0)));
    }

    [Test]
    public void AnArgumentStringOfMainThatMayBeMissingIsProvedToReachANullPointer()
    {
        var (witness, replayed) = CProgram.ReplayedNo(Declarations + "int main(int argc, char **argv) {\n  puts(argv[1]);\n  return 0;\n}", "main");

        Assert.That(replayed.What, Does.Contain("null pointer"));
        Assert.That(witness.UndefinedBehaviourAt?.ToString(), Does.Contain("t.c:12:8"));
    }

    [Test]
    public void PrintingEveryArgumentOfMainIsProved()
    {
        var program = CProgram.Accepted(Declarations + "int main(int argc, char **argv) {\n  for (int i = 1; i < argc; i++) printf(\"%d: %s\\n\", i, argv[i]);\n  return 0;\n}");

        Assert.That(CProgram.Analyze(program, "main").Verdict, Terminator.NUnit.Proved.Terminates);
    }
}
