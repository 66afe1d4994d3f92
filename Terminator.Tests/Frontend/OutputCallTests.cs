using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Frontend;

/// <summary><c>printf</c> and <c>puts</c> as statements: read when C defines the call from the text, refused otherwise.</summary>
[TestFixture]
public sealed class OutputCallTests
{
    private const string Declarations = "int printf(const char *format, ...);\nint puts(const char *s);\n";

    private static Verdict Verdict(string body, string function) =>
        Termination.Analyze(Declarations + body, SourceLanguage.C, new AnalysisOptions { Function = function }).Functions.Single().Verdict;

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
    [TestCase("int g(int x) { return x; } int f(int x) { printf(\"%d\", g(x)); return 0; }", "a printf argument whose type the text does not show")]
    [TestCase("int f(int x) { char s[2] = \"a\"; printf(\"%s\", s); return 0; }", "a '%s' argument of printf other than a string literal")]
    [TestCase("int f(int x) { char s[3] = \"%d\"; printf(s, x); return 0; }", "'printf' with a first argument other than a string literal")]
    public void WhatTheTextDoesNotSettleIsRefused(string body, string reason)
    {
        var refusal = CProgram.Refusal(Declarations + body);

        Assert.That(refusal, Does.Contain(reason));
    }
}
