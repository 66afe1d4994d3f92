using System.Numerics;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// <c>scanf</c> with integer conversions into integer variables: the input is unknown, so the call converts the first
/// j items (0 to all), which get arbitrary values, and returns j, or EOF before the first conversion; a number that does
/// not fit its object is undefined behaviour. Each choice is a nondeterministic value of the run.
/// </summary>
[TestFixture]
public sealed class InputCallTests
{
    private const string Declarations = "int scanf(const char *format, ...);\n";

    /// <summary>How a run of <c>f()</c> ends when its nondeterministic values are <paramref name="choices"/>.</summary>
    private static RunOutcome Run(string body, params int[] choices) =>
        Interpreter.Run(CProgram.Accepted(Declarations + body), "f", [], [.. choices.Select(c => (BigInteger)c)], new InterpreterOptions()).Outcome;

    private const string OneItem = "int f(void) { int x = 7; int r = scanf(\"%d\", &x); return r * 1000 + x; }";

    private const string TwoItems = "int f(void) { int a = 1; unsigned b = 2; int r = scanf(\"%d,%u\", &a, &b); return r * 100 + a * 10 + b; }";

    // The choices, in order: whether the next item is converted, then whether its number does not fit, then its value;
    // after a first item that is not converted, whether the input failed (EOF).
    [TestCase(OneItem, new[] { 1, 0, 42 }, 1042)]
    [TestCase(OneItem, new[] { 0, 0 }, 7)]
    [TestCase(OneItem, new[] { 0, 1 }, -1000 + 7)]
    [TestCase(TwoItems, new[] { 1, 0, 5, 0 }, 100 + 50 + 2)]
    [TestCase(TwoItems, new[] { 1, 0, 5, 1, 0, 3 }, 200 + 50 + 3)]
    [TestCase("int f(void) { int x; scanf(\"%d\", &x); return x; }", new[] { 9, 0, 0 }, 9)]
    [TestCase("int f(void) { int n = 0, k = 0; while (scanf(\"%d\", &n) == 1 && n != 0) k++; return k; }", new[] { 1, 0, 4, 1, 0, 0 }, 1)]
    public void ScanfConvertsAPrefixOfItsItemsAndReturnsTheirCount(string body, int[] choices, int expected)
    {
        Assert.That(Run(body, choices), Is.EqualTo(new Returned(expected)));
    }

    [TestCase(OneItem, "does not fit 'x' (int)")]
    [TestCase("int f(void) { short s = 0; long l = 0; scanf(\"%hd %ld\", &s, &l); return 0; }", "does not fit 's' (short)")]
    public void ANumberThatDoesNotFitIsUndefinedBehaviour(string body, string what)
    {
        var outcome = Run(body, 1, 1);

        Assert.That(outcome, Is.TypeOf<UndefinedBehaviour>());
        Assert.That(((UndefinedBehaviour)outcome).What, Does.Contain(what).And.Contain("C11 7.21.6.2p10"));
    }

    [Test]
    public void ALoopCountedByAScannedNumberTerminatesWhenNoNumberOverflows()
    {
        var program = CProgram.Accepted(Declarations + "int f(void) {\n  int n;\n  if (scanf(\"%d\", &n) != 1) return 1;\n  int s = 0;\n  for (int i = 0; i < n; i++) s = s + 1;\n  return s;\n}");

        var result = CProgram.Analyze(program, "f");

        Assert.That(result.Verdict, Proved.DoesNotTerminate);
        Assert.That(((No)result.Verdict).Witness.Explanation, Does.Contain("scanf read a number that does not fit 'n'"));
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Proved.Terminates);
        Assert.That(result.Assumptions, Has.Some.Contain("'scanf'").And.Some.Contain("assumed to return"));
    }

    [Test]
    public void AReadLoopRunsForeverOnEndlessInput()
    {
        var program = CProgram.Accepted(Declarations + "int f(void) {\n  int x, total = 0;\n  while (scanf(\"%d\", &x) == 1) {\n    if (x > 0 && x < 1000) total = total + x;\n    if (total > 100000) break;\n  }\n  return total;\n}");

        var result = CProgram.Analyze(program, "f");

        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Proved.DoesNotTerminate);
    }

    [TestCase("int f(void) { char c; scanf(\"%c\", &c); return 0; }", "the conversion '%c' of a scanf format")]
    [TestCase("int f(void) { char s[8]; scanf(\"%s\", s); return 0; }", "the conversion '%s' of a scanf format")]
    [TestCase("int f(void) { char s[8]; scanf(\"%[a-z]\", s); return 0; }", "the conversion '%[' of a scanf format")]
    [TestCase("int f(void) { int x; scanf(\"%5d\", &x); return 0; }", "a width in the scanf conversion '%5d'")]
    [TestCase("int f(void) { int x; scanf(\"%*d %d\", &x); return 0; }", "assignment suppression in the scanf conversion '%*d'")]
    [TestCase("int f(void) { int x; scanf(\"%d%n\", &x, &x); return 0; }", "the conversion '%n' of a scanf format")]
    [TestCase("int f(void) { unsigned x; scanf(\"%d\", &x); return 0; }", "a scanf argument that points to another type than '%d' stores")]
    [TestCase("int f(void) { long long x; scanf(\"%ld\", &x); return 0; }", "a scanf argument that points to another type than '%ld' stores")]
    [TestCase("int f(void) { int a[2]; scanf(\"%d\", &a[0]); return 0; }", "a scanf argument for '%d' other than the address of an integer variable")]
    [TestCase("int f(void) { int x; int *p = &x; scanf(\"%d\", &x); return *p; }", "a scanf argument '&x' of a variable whose address the function takes elsewhere too")]
    [TestCase("int f(void) { int x; scanf(\"%d %d\", &x); return 0; }", "a scanf format with more conversions than arguments")]
    [TestCase("int f(void) { int x, y; scanf(\"%d\", &x, &y); return 0; }", "a scanf argument beyond the conversions of its format")]
    [TestCase("int f(void) { int x; char s[3] = \"%d\"; scanf(s, &x); return 0; }", "'scanf' with a format other than a string literal")]
    [TestCase("int f(void) { int x = 0; return x + scanf(\"%d\", &x); }", "unsequenced modification and read of 'x' next to a function call")]
    public void WhatTheTextDoesNotSettleIsRefused(string body, string reason)
    {
        Assert.That(CProgram.Refusal(Declarations + body), Does.Contain(reason));
    }
}
