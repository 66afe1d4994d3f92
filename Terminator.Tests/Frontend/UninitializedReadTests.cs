using System.Numerics;
using Terminator.Cli;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.Tests.Cli;
using Terminator.Json;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Reads of locals before any store: an arbitrary value by default (SV-COMP's convention), undefined behaviour under
/// <see cref="UninitializedReads.Undefined"/> for a scalar local whose address is never taken (C11 6.3.2.1p2).
/// </summary>
[TestFixture]
public sealed class UninitializedReadTests : TempFolderFixture
{
    private static readonly string[] ScalarLocals = ["a", "b"];

    private static readonly AnalysisOptions Strict = new() { UninitializedReads = UninitializedReads.Undefined };

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
    public void ByDefaultALocalWithoutAValueHoldsAnArbitraryValue() =>
        Assert.That(Analyze(CountDown, "count").Verdict, Is.InstanceOf<Yes>());

    [Test]
    public void UnderTheStrictConventionReadingItIsUndefinedBehaviour()
    {
        var result = Analyze(CountDown, "count", Strict);

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
        Assert.That(Analyze(text, "onepath").Verdict, Is.InstanceOf<Yes>());
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
        var strict = Termination.Analyze(CountDown, SourceLanguage.C, Strict);
        var lenient = Termination.Analyze(CountDown, SourceLanguage.C);

        Assert.Multiple(() =>
        {
            Assert.That(strict.UninitializedReads, Is.EqualTo(UninitializedReads.Undefined));
            Assert.That(lenient.UninitializedReads, Is.EqualTo(UninitializedReads.ArbitraryValue));
            Assert.That(TerminationJson.Serialize(strict), Does.Contain("\"uninitializedReads\": \"undefined\""));
            Assert.That(TerminationJson.Serialize(lenient), Does.Not.Contain("uninitializedReads"));
        });
    }

    [Test]
    public void TheCommandLineTakesTheConventionAndTheTextSaysIt()
    {
        var file = Path.Combine(Dir, "count.c");
        File.WriteAllText(file, CountDown);

        var strict = CliHarness.Run(["analyze", file, "--uninitialized-reads", "undefined"]);
        var lenient = CliHarness.Run(["analyze", file, "--uninitialized-reads", "arbitrary"]);
        var wrong = CliHarness.Run(["analyze", file, "--uninitialized-reads", "strict"]);

        Assert.Multiple(() =>
        {
            Assert.That(strict.Stdout, Does.Contain("reading a local before any store into it is undefined behaviour"));
            Assert.That(strict.Stdout, Does.Contain("count: No"));
            Assert.That(strict.Stdout, Does.Contain("read of the uninitialized variable 'x'"));
            Assert.That(lenient.Stdout, Does.Contain("count: Yes"));
            Assert.That(lenient.Stdout, Does.Not.Contain("before any store"));
            Assert.That(wrong.ExitCode, Is.EqualTo(ExitCodes.BadUsage));
        });
    }

    [Test]
    public void AnUndefinedConventionValueIsRefused() =>
        Assert.Throws<ArgumentException>(() => Termination.Analyze(CountDown, SourceLanguage.C, new AnalysisOptions { UninitializedReads = (UninitializedReads)7 }));
}
