using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>C's sequencing rules: unsequenced accesses to one object become undefined expressions, or are refused.</summary>
[TestFixture]
public sealed class SequencingTests
{
    private const string File = "t.c";

    /// <summary>The printed IR of the body of <c>int f(int x, int c) { body }</c>.</summary>
    private static string Body(string body, string prelude = "") =>
        IrText.Of(CFrontend.Parse($"{prelude}\nint f(int x, int c) {{ {body} }}", File).Find("f")!.Body);

    /// <summary>Why <c>f</c> is refused, as <c>file:line:col: unsupported: ...</c>; the rest of the file is still read.</summary>
    private static string Refusal(string body, string prelude = "")
    {
        var program = CFrontend.Parse($"{prelude}\nint f(int x, int c) {{\n{body}\n}}", File);
        Assert.That(program.Find("f"), Is.Null, "f is refused");
        var refused = program.FindRefused("f")!;
        return $"{refused.At}: {refused.Reason}";
    }

    [TestCase("return x++ + x++;", "{ (return (undefined (+ (=post x (+ x 1)) (=post x (+ x 1))))) }")]
    [TestCase("return x++ + x;", "{ (return (undefined (+ (=post x (+ x 1)) x))) }")]
    [TestCase("x = x++;", "{ (undefined (= x (=post x (+ x 1)))) }")]
    [TestCase("x += x++;", "{ (= x (undefined (+ x (=post x (+ x 1))))) }")]
    [TestCase("x = (x = 1) + 1;", "{ (undefined (= x (+ (= x 1) 1))) }")]
    [TestCase("return (x = 1) + x;", "{ (return (undefined (+ (= x 1) x))) }")]
    [TestCase("return -(x++) * (x + 1);", "{ (return (undefined (* (- (=post x (+ x 1))) (+ x 1)))) }")]
    public void UnsequencedAccessesAlwaysEvaluatedMakeTheWholeOperationUndefined(string body, string expected) =>
        Assert.That(Body(body), Is.EqualTo(expected));

    [TestCase("return (c ? x++ : 0) + x;", "{ (return (+ (? c (undefined (=post x (+ x 1))) 0) x)) }")]
    [TestCase("return x + (c && x++);", "{ (return (+ x (&& c (undefined (=post x (+ x 1)))))) }")]
    [TestCase("x = c || x++;", "{ (= x (|| c (undefined (=post x (+ x 1))))) }")]
    [TestCase("x = c ? (c ? x++ : 1) : 2;", "{ (= x (? c (? c (undefined (=post x (+ x 1))) 1) 2)) }")]
    public void AConflictUnderAConditionMakesOnlyTheConditionalOperandUndefined(string body, string expected) =>
        Assert.That(Body(body), Is.EqualTo(expected));

    [TestCase("x = x + 1;")]
    [TestCase("x++;")]
    [TestCase("x = x++ ? x + 1 : 2;")]
    [TestCase("return x && x++;")]
    [TestCase("return x++ || x;")]
    [TestCase("return c ? x++ : x--;")]
    [TestCase("int y = x++; return y + x;")]
    [TestCase("int y = 0; y = x++ + c++; return y;")]
    [TestCase("return x + x;")]
    [TestCase("return g(x++) + c;", "int g(int a) { return a; }")]
    [TestCase("x = g(x++);", "int g(int a) { return a; }")]
    [TestCase("return h() + x++;", "int n; int h(void) { return n; }")]
    public void SequencedOrDisjointAccessesAreLeftAsTheyAre(string body, string prelude = "") =>
        Assert.That(Body(body, prelude), Does.Not.Contain("undefined"));

    [Test]
    public void ArgumentsOfOneCallAreUnsequenced() =>
        Assert.That(
            Body("return g(x, x++);", "int g(int a, int b) { return a; }"),
            Is.EqualTo("{ (return (undefined (call g x (=post x (+ x 1))))) }"));

    [Test]
    public void AShadowingVariableIsNamedAsInTheSource()
    {
        var program = CFrontend.Parse("int f(int x) { { int x = 1; return x++ + x++; } }", File);
        var undefined = IrWalker.Expressions(program.Functions[0].Body).OfType<UndefinedExpr>().Single();
        Assert.That(undefined.Reason, Is.EqualTo("unsequenced modifications of 'x'"));
    }

    [TestCase("return (c ? x++ : 0) + (c ? x : 1);", "t.c:3:8: unsupported: unsequenced modification and read of 'x' in operands that are each evaluated only under a condition")]
    [TestCase("return x++ + g() + x++;", "t.c:3:8: unsupported: unsequenced modifications of 'x' next to a function call")]
    [TestCase("return (x++ + x++) * stop(x);", "t.c:3:8: unsupported: a call that may stop the program next to an operand that may fail or not end (C leaves their order open)")]
    [TestCase("return n + h();", "t.c:3:8: unsupported: an expression whose value depends on whether a called function reads or changes 'n' before or after the rest of it")]
    [TestCase("return h() - h();", "t.c:3:8: unsupported: an expression whose value depends on whether a called function reads or changes 'n' before or after the rest of it")]
    [TestCase("x = x++ && c;", "t.c:3:1: unsupported: a change of 'x' in the left operand of '&&' or '||' whose value is assigned to it")]
    [TestCase("return stop(x) + (c + 1);", "t.c:3:8: unsupported: a call that may stop the program next to an operand that may fail or not end (C leaves their order open)")]
    [TestCase("return g() - stop(x);", "t.c:3:8: unsupported: a call that may stop the program next to an operand that may fail or not end (C leaves their order open)")]
    public void AMeaningThatDependsOnAnOpenOrderIsRefused(string body, string expected) =>
        Assert.That(Refusal(body, Prelude), Is.EqualTo(expected));

    [TestCase("return stop(x) + c;")]
    [TestCase("return stop(x) && 100 / c;")]
    [TestCase("return stop(stop(x) + 1);")]
    public void ACallThatMayStopIsAcceptedWhereNoOtherOperandCanFail(string body) =>
        Assert.That(Body(body, Prelude), Does.Not.Contain("undefined"));

    private const string Prelude =
        "int n; int g(void) { return 0; } int h(void) { n++; return n; } int stop(int v) { if (v < 0) abort(); return v; }";

    [Test]
    public void TheProgramOfTheReportAnswersNoAtLineFour()
    {
        const string text = """
            int f(int x) {
              int y = 0;
              if (x < 0 || x > 100) return 0;
              y = x++ + x++;
              while (y > 0) y--;
              return y;
            }
            """;
        var verdict = TerminationAnalyzer.Analyze(CFrontend.Parse(text, File), new AnalysisOptions()).Functions.Single().Verdict;
        Assert.That(verdict, Is.TypeOf<No>());
        Assert.That(((No)verdict).Witness.UndefinedBehaviourAt, Is.EqualTo(new SourceSpan(File, 4, 7)));
    }

    [Test]
    public void TheExampleAnswersNoWithTheUndefinedBehaviourAtTheExpression()
    {
        var path = Path.Combine(RepoPaths.Examples, "unsequenced.c");
        var result = TerminationAnalyzer.Analyze(SourceLoader.Load(path), new AnalysisOptions { Function = "f" });
        var no = (No)result.Functions.Single().Verdict;
        Assert.Multiple(() =>
        {
            Assert.That(no.Witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
            Assert.That(no.Witness.UndefinedBehaviourAt, Is.EqualTo(new SourceSpan(path, 11, 7)));
            Assert.That(no.Witness.Explanation, Does.Contain("unsequenced modifications of 'x'"));
            Assert.That(no.Witness.Inputs.Single().Value, Is.InRange(0, 100));
        });
    }
}
