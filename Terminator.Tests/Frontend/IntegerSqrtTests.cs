using System.Numerics;
using NUnit.Framework;
using Terminator.Core;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>
/// C's <c>sqrt</c> of an integer converted straight back to an integer type is the integer square root
/// (<see cref="IntegerSqrtExpr"/>): the claim that the rounded double square root truncates to ⌊√n⌋ for every 32-bit
/// operand, the places the frontend reads it, and the uses it refuses.
/// </summary>
[TestFixture]
public sealed class IntegerSqrtTests
{
    private const string Prototype = "extern double sqrt(double);\n";

    private static ProgramIr Parse(string text) => CFrontend.Parse(Prototype + text, "t.c", usePreprocessor: false);

    private static string RefusalOf(string body)
    {
        var program = Parse($"int f(unsigned n, long long w) {{ {body} }}");
        Assert.That(program.RefusedFunctions, Has.Length.EqualTo(1), "one refused function");
        return program.RefusedFunctions[0].Reason;
    }

    [Test]
    public void TheDoubleSquareRootOfEvery32BitIntegerTruncatesToItsIntegerSquareRoot()
    {
        // The values where truncation could go wrong are next to the squares: k² - 1 (just below the next root) and k².
        var checkedValues = 0;
        for (long k = 1; k <= 65536; k++)
        {
            foreach (var n in new[] { (k * k) - 1, k * k, (k * k) + 1 })
            {
                if (n > uint.MaxValue)
                    continue;
                Assert.That(new BigInteger((ulong)Math.Sqrt(n)), Is.EqualTo(IntegerType.SquareRoot(n)), $"n = {n}");
                checkedValues++;
            }
        }

        Assert.That(IntegerType.SquareRoot(uint.MaxValue), Is.EqualTo(new BigInteger(65535)));
        Assert.That(checkedValues, Is.GreaterThan(196_000));
    }

    [Test]
    public void TheIntegerSquareRootIsExactForLargeValues()
    {
        var big = BigInteger.Pow(10, 40) + 12345;
        var root = IntegerType.SquareRoot(big);
        Assert.That(root * root <= big && (root + 1) * (root + 1) > big, Is.True);
        Assert.That(IntegerType.SquareRoot(0), Is.EqualTo(BigInteger.Zero));
        Assert.That(IntegerType.SquareRoot(3), Is.EqualTo(BigInteger.One));
    }

    [Test]
    public void AnAssignmentAnInitializerAndACastReadTheSquareRoot()
    {
        var program = Parse("unsigned f(unsigned n) { unsigned s = sqrt(n); s = sqrt(n + 1); return (int)sqrt(s); }");
        Assert.That(
            IrText.Of(program.Find("f")!.Body),
            Is.EqualTo("{ (decl uint s (sqrt uint n)) (= s (sqrt uint (+ n 1))) (return (cast int (sqrt int s))) }"));
    }

    [TestCase("return sqrt(n) + 1;", "sqrt other than converted straight to an integer type")]
    [TestCase("if (sqrt(n) > 2) return 1; return 0;", "sqrt other than converted straight to an integer type")]
    [TestCase("signed char c = sqrt(n); return c;", "sqrt converted to signed char, which may not hold its value")]
    [TestCase("unsigned char c; c = sqrt(n); return c;", "sqrt converted to unsigned char, which may not hold its value")]
    public void OtherUsesOfTheDoubleAreRefused(string body, string reason)
    {
        Assert.That(RefusalOf(body), Does.Contain(reason));
    }

    [Test]
    public void ASqrtThatIsNotTheLibrarysIsAnOrdinaryCall()
    {
        // Defined in the file, it is the program's own function.
        var program = CFrontend.Parse("int sqrt(int x) { return x; }\nint f(int n) { int s = sqrt(n); return s; }", "t.c", usePreprocessor: false);
        Assert.That(IrText.Of(program.Find("f")!.Body), Does.Contain("(call sqrt n)"));
    }

    [Test]
    public void AnOperandWiderThan32BitsIsRefusedWhenAnalyzed()
    {
        var program = Parse("int f(long long w) { int s = sqrt(w); return s; }");
        var result = TerminationAnalyzer.Analyze(program, new AnalysisOptions { Timeout = TimeSpan.FromSeconds(10) });
        var verdict = result.Functions.Single().Verdict;
        Assert.That(verdict, Is.InstanceOf<DontKnow>());
        Assert.That(((DontKnow)verdict).Reason, Does.Contain("sqrt of a long long value (its conversion to double may round)"));
    }

    [Test]
    public void TheInterpreterComputesTheRootAndStopsAtANegativeOperand()
    {
        var program = Parse("int f(int x) { int s = sqrt(x); return s; }");
        var root = Interpreter.Run(program, "f", [99], [], new InterpreterOptions());
        Assert.That(root.Outcome, Is.EqualTo(new Returned(9)));
        var negative = Interpreter.Run(program, "f", [-4], [], new InterpreterOptions());
        Assert.That(negative.Outcome, Is.InstanceOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.What)).Contains("sqrt of the negative value -4"));
    }
}
