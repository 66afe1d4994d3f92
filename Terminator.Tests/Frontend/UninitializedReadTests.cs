using System.Numerics;
using Terminator.Cli;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.Tests.Cli;
using Terminator.Json;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Reads of locals before any store: undefined behaviour by default for a scalar local whose address is never taken
/// (C11 6.3.2.1p2), an arbitrary value under <see cref="UninitializedReads.ArbitraryValue"/> (older SV-COMP tasks' convention).
/// </summary>
[TestFixture]
public sealed class UninitializedReadTests : TempFolderFixture
{
    private static readonly string[] ScalarLocals = ["a", "b"];

    private static readonly AnalysisOptions Strict = new();

    private static readonly AnalysisOptions Lenient = new() { UninitializedReads = UninitializedReads.ArbitraryValue };

    private static FunctionResult Analyze(string text, string function, AnalysisOptions? options = null) =>
        Termination.Analyze(text, SourceLanguage.C, (options ?? new AnalysisOptions()) with { Function = function }).Functions.Single();

    private static void AssertReadBeforeStore(FunctionResult result, string variable, int line)
    {
        Assert.That(result.Verdict, Is.InstanceOf<No>(), result.Verdict.ToString());
        var witness = ((No)result.Verdict).Witness;
        Assert.Multiple(() =>
        {
            Assert.That(witness.Kind, Is.EqualTo(WitnessKind.UndefinedBehaviour));
            Assert.That(witness.Explanation, Does.Contain($"read of the uninitialized variable '{variable}'"));
            Assert.That(witness.UndefinedBehaviourAt?.Line, Is.EqualTo(line));
        });
    }

    private const string CountDown = """
        int count(void) {
            int x;
            while (x > 0) x--;
            return x;
        }
        """;

    [Test]
    public void UnderTheArbitraryValueConventionALocalWithoutAValueHoldsOne() =>
        Assert.That(Analyze(CountDown, "count", Lenient).Verdict, Is.InstanceOf<Yes>());

    [Test]
    public void ByDefaultReadingItIsUndefinedBehaviour()
    {
        var result = Analyze(CountDown, "count");

        AssertReadBeforeStore(result, "x", 3);
        // Nothing is drawn for a variable that holds no value.
        Assert.That(((No)result.Verdict).Witness.NondetValues, Is.Empty);
        Assert.That(result.UndefinedBehaviour!.TerminatesWithoutUndefinedBehaviour, Is.InstanceOf<Yes>());
    }

    [Test]
    public void AStoreBeforeEveryReadIsFine()
    {
        const string text = """
            int assigned(int n) {
                int i;
                i = 0;
                while (i < n) i++;
                return i;
            }
            int branches(int c) {
                int y;
                if (c > 0) y = 1; else y = 2;
                return y;
            }
            """;

        Assert.Multiple(() =>
        {
            Assert.That(Analyze(text, "assigned", Strict).Verdict, Is.InstanceOf<Yes>());
            Assert.That(Analyze(text, "branches", Strict).Verdict, Is.InstanceOf<Yes>());
        });
    }

    [Test]
    public void APathWithoutAStoreReachesUndefinedBehaviour()
    {
        const string text = """
            int onepath(int c) {
                int y;
                if (c > 0) y = 1;
                return y;
            }
            """;

        var result = Analyze(text, "onepath", Strict);

        AssertReadBeforeStore(result, "y", 4);
        Assert.That(((No)result.Verdict).Witness.Inputs.Single().Value, Is.LessThanOrEqualTo(BigInteger.Zero));
        Assert.That(Analyze(text, "onepath", Lenient).Verdict, Is.InstanceOf<Yes>());
    }

    [Test]
    public void AGotoPastTheStoreReachesTheReadWithoutIt()
    {
        const string text = """
            int skip(int c) {
                int x;
                if (c) goto out;
                x = 1;
            out:
                return x;
            }
            """;

        var result = Analyze(text, "skip", Strict);

        AssertReadBeforeStore(result, "x", 6);
        Assert.That(((No)result.Verdict).Witness.Inputs.Single().Value, Is.Not.EqualTo(BigInteger.Zero));
    }

    [Test]
    public void ALoopThatMayNotRunLeavesTheVariableWithoutAValue()
    {
        const string text = """
            int last(int n) {
                int s;
                for (int i = 0; i < n; i++) { s = i; }
                return s;
            }
            """;

        var result = Analyze(text, "last", Strict);

        AssertReadBeforeStore(result, "s", 4);
        Assert.That(((No)result.Verdict).Witness.Inputs.Single().Value, Is.LessThanOrEqualTo(BigInteger.Zero));
    }

    [Test]
    public void ADeclarationInALoopBodyHoldsNoValueAgainInEachIteration()
    {
        const string text = """
            int again(void) {
                unsigned s = 0;
                for (int i = 0; i < 4; i++) {
                    int t;
                    if (i == 0) t = 1;
                    s += t;
                }
                return s;
            }
            """;

        AssertReadBeforeStore(Analyze(text, "again", Strict), "t", 6);
    }

    // Each function reads a local that some path leaves without a store; each is No with that path's input.
    [TestCase("int f(int c) { int x; if (c > 0 && (x = 1) > 0) { } return x; }", TestName = "A store in the right operand of && may not run")]
    [TestCase("int f(int c) { int x; int y = c > 0 ? (x = 1) : 0; return x + y; }", TestName = "A store in a branch of ?: may not run")]
    [TestCase("int f(int c) { int x; for (int i = 0; i < 1; i++) { if (i == c) continue; x = i; } return x; }", TestName = "A continue before the store")]
    [TestCase("int f(int c) { int x; do { if (c > 0) break; x = 1; } while (0); return x; }", TestName = "A break out of a do-while before the store")]
    [TestCase("int f(int c) { int x; switch (c) { case 1: x = 1; break; case 2: break; } return x; }", TestName = "A switch case without the store")]
    [TestCase("int f(int c) { int x; switch (c) { case 1: x = 1; case 2: return x; } return 0; }", TestName = "A switch case entered past the store")]
    [TestCase("int f(int c) { unsigned s = 0; for (int i = 0; i < 3; i++) { int t; if (i > c) t = 1; s = s + t; } return s; }", TestName = "A declaration in a loop body holds no value in every iteration")]
    public void APathWithoutAStoreIsFound(string text)
    {
        var result = Analyze(text, "f", Strict);

        AssertReadBeforeStore(result, result.Verdict is No no ? no.Witness.Explanation.Split('\'')[1] : "x", 1);
        Assert.That(Analyze(text, "f", Lenient).Verdict, Is.Not.InstanceOf<No>());
    }

    // Each function stores the local on every path before reading it: Yes, and no flag is needed for it.
    [TestCase("int f(int c) { int x; if (c > 0) x = 1; else x = 2; return x; }", TestName = "Both branches store")]
    [TestCase("int f(int c) { int x; if (c > 0) return 0; x = 1; return x; }", TestName = "A return before the store")]
    [TestCase("int f(int c) { int x; x = c > 0 ? 1 : 2; return x; }", TestName = "A store of a conditional value")]
    [TestCase("int f(int c) { int t; int x = 0; while (x < 10) { t = x; x = t + 1; } return x; }", TestName = "A store at the start of the loop body before the read")]
    [TestCase("int f(int c) { int x; for (x = 0; x < 10; x++) { } return x; }", TestName = "A store in the for initializer")]
    [TestCase("int f(int c) { int x, y; y = (x = c > 0) + 1; return x + y; }", TestName = "A store inside an expression")]
    public void AStoreOnEveryPathIsFound(string text)
    {
        var result = Analyze(text, "f", Strict);

        Assert.That(result.Verdict, Is.InstanceOf<Yes>(), result.Verdict.ToString());
        Assert.That(((Yes)result.Verdict).Certificate.ToString(), Does.Not.Contain("init("));
    }

    [Test]
    public void AnInitializerThatReadsItsOwnVariableIsUndefined()
    {
        const string text = "int self(void) { int j = j + 1; return j; }";

        AssertReadBeforeStore(Analyze(text, "self", Strict), "j", 1);
    }

    [Test]
    public void ACalleesLocalIsWatchedWhereTheCallIsInlined()
    {
        const string text = """
            int g(int c) { int y; if (c) y = 2; return y; }
            int f(void) { return g(1) + g(0); }
            """;

        AssertReadBeforeStore(Analyze(text, "f", Strict), "y", 1);
    }

    [Test]
    public void TwoDeclarationsOfOneNameAreEachWatched()
    {
        const string text = """
            int two(int c) {
                int r = 0;
                if (c) { int x; x = 1; r = x; }
                else { int x; r = x; }
                return r;
            }
            """;

        var result = Analyze(text, "two", Strict);

        AssertReadBeforeStore(result, "x", 4);
        Assert.That(((No)result.Verdict).Witness.Inputs.Single().Value, Is.EqualTo(BigInteger.Zero));
    }

    [Test]
    public void ObjectsOtherThanScalarLocalsWithoutTheirAddressTakenKeepArbitraryValues()
    {
        const string text = """
            struct range { int lo; int hi; };
            int others(void) {
                int x;
                int *p = &x;
                int a[3];
                struct range r;
                return (x > 0) + (*p > 0) + (a[1] > 0) + (r.lo > 0);
            }
            """;

        Assert.That(Analyze(text, "others", Strict).Verdict, Is.InstanceOf<Yes>());
    }

    [Test]
    public void TheFrontendMarksOnlyScalarLocalsWhoseAddressIsNeverTaken()
    {
        var program = CFrontend.Parse("int f(int n) { int a; int b = n; int c; int *p = &c; static int s; return a + b + *p + s; }", "t.c");
        var automatic = IrWalker.Statements(program.Find("f")!.Body).OfType<VarDeclStmt>().Where(d => d.Automatic).Select(d => d.Name);

        Assert.That(automatic, Is.EquivalentTo(ScalarLocals));
    }

    [Test]
    public void TheReportsSayWhichConventionWasUsed()
    {
        var strict = Termination.Analyze(CountDown, SourceLanguage.C);
        var lenient = Termination.Analyze(CountDown, SourceLanguage.C, Lenient);

        Assert.Multiple(() =>
        {
            Assert.That(strict.UninitializedReads, Is.EqualTo(UninitializedReads.Undefined));
            Assert.That(lenient.UninitializedReads, Is.EqualTo(UninitializedReads.ArbitraryValue));
            Assert.That(TerminationJson.Serialize(lenient), Does.Contain("\"uninitializedReads\": \"arbitrary\""));
            Assert.That(TerminationJson.Serialize(strict), Does.Not.Contain("uninitializedReads"));
        });
    }

    [Test]
    public void TheCommandLineTakesTheConventionAndTheTextSaysIt()
    {
        var file = Path.Combine(Dir, "count.c");
        File.WriteAllText(file, CountDown);

        var strict = CliHarness.Run(["analyze", file]);
        var lenient = CliHarness.Run(["analyze", file, "--uninitialized-reads", "arbitrary"]);
        var explicitlyStrict = CliHarness.Run(["analyze", file, "--uninitialized-reads", "undefined"]);
        var wrong = CliHarness.Run(["analyze", file, "--uninitialized-reads", "strict"]);

        Assert.Multiple(() =>
        {
            Assert.That(strict.Stdout, Does.Contain("count: No"));
            Assert.That(strict.Stdout, Does.Contain("read of the uninitialized variable 'x'"));
            Assert.That(strict.Stdout, Does.Not.Contain("arbitrary value"));
            Assert.That(Normalize(explicitlyStrict.Stdout), Is.EqualTo(Normalize(strict.Stdout)));
            Assert.That(lenient.Stdout, Does.Contain("count: Yes"));
            Assert.That(lenient.Stdout, Does.Contain("a local read before any store into it holds an arbitrary value"));
            Assert.That(wrong.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        });
    }

    /// <summary>The text without its times, which differ between runs.</summary>
    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\(\d+ ms\)", "");

    [Test]
    public void AnUndefinedConventionValueIsRefused() =>
        Assert.Throws<ArgumentException>(() => Termination.Analyze(CountDown, SourceLanguage.C, new AnalysisOptions { UninitializedReads = (UninitializedReads)7 }));
}
