using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core;
using Terminator.Differential;
using Terminator.Differential.Generation;
using Terminator.Differential.Oracle;

namespace Terminator.Tests.Differential;

/// <summary>
/// The differential harness against compiled C (issue 17): generated programs are analyzed and every Yes and No is
/// compared with the program compiled with the trapping undefined-behaviour sanitizer. Skipped without a C compiler.
/// </summary>
[TestFixture]
public sealed class DifferentialTests
{
    /// <summary>The run CI makes: 300 programs of a fixed seed, with a short budget per function so that it stays quick.</summary>
    private static readonly DifferentialOptions CiRun = new()
    {
        Cases = 300,
        Seed = 17,
        AnalysisTimeout = TimeSpan.FromSeconds(1),
    };

    private static CCompiler Compiler() =>
        CCompiler.Find() ?? throw new IgnoreException("no C compiler (clang or gcc) on the PATH: the differential harness needs one");

    [Test]
    public void GeneratedProgramsAgreeWithCompiledC()
    {
        var harness = new DifferentialHarness(CiRun, Compiler(), DifferentialHarness.Terminator(CiRun));
        var summary = harness.Run();

        var text = new StringWriter();
        SummaryWriter.Write(summary, CiRun, text);
        TestContext.Out.WriteLine(text.ToString());
        Assert.That(summary.Reports, Has.Count.EqualTo(CiRun.Cases));
        Assert.That(summary.Discrepancies, Has.Count.Zero, text.ToString());
    }

    [Test]
    public void TheSameSeedGivesTheSameProgramsAndAnotherSeedOthers()
    {
        var options = new GeneratorOptions();
        var first = Enumerable.Range(0, 20).Select(i => GeneratedCase.Generate(5, i, options).Text).ToList();
        var again = Enumerable.Range(0, 20).Select(i => GeneratedCase.Generate(5, i, options).Text).ToList();
        var other = Enumerable.Range(0, 20).Select(i => GeneratedCase.Generate(6, i, options).Text).ToList();

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other.Intersect(first), Is.Empty);
        Assert.That(first[3], Does.StartWith("// Terminator.Differential: case 3 of seed 5\n"));
    }

    [Test]
    public void GeneratedProgramsUseTheTrapsTheHarnessLooksFor()
    {
        var texts = string.Join('\n', Enumerable.Range(0, 300).Select(i => GeneratedCase.Generate(17, i, new GeneratorOptions()).Text));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Does.Contain(" / (-2)").Or.Contain(" /= -2"), "division by a negative constant");
            Assert.That(texts, Does.Match(@"\w+ / [a-z]\b"), "division by a variable");
            Assert.That(texts, Does.Match(@"% \(?-?\d"), "remainder by a constant");
            Assert.That(texts, Does.Contain("unsigned"));
            Assert.That(texts, Does.Contain("-2147483647 - 1"), "INT_MIN");
            Assert.That(texts, Does.Contain("4294967295u"), "UINT_MAX");
            Assert.That(texts, Does.Match(@"[a-z]\+\+ [-+*] "), "a step inside an expression");
        }
    }

    [TestCaseSource(nameof(Compilers))]
    public void UnsequencedModificationsAreGeneratedAndTheCompilerFindsThem(string compilerName)
    {
        var options = new GeneratorOptions { UnsequencedRate = 0.5 };
        var cases = Enumerable.Range(0, 20).Select(i => GeneratedCase.Generate(3, i, options)).ToList();
        using var batch = CompiledBatch.Compile(Named(compilerName), cases, null, 10, CancellationToken.None);

        Assert.That(batch.UnsequencedLines.Values.Count(lines => lines.Count > 0), Is.GreaterThan(5));
    }

    // ------------------------------------------------------------------ the oracle on hand-written programs

    /// <summary>Each C compiler on the PATH (clang, gcc), for the tests of the compiled oracle itself.</summary>
    public static IEnumerable<TestCaseData> Compilers()
    {
        var compilers = CCompiler.FindAll();
        return compilers.Count == 0
            ? [new TestCaseData("none").Ignore("no C compiler (clang or gcc) on the PATH: the differential harness needs one")]
            : compilers.Select(c => new TestCaseData(Path.GetFileName(c.Executable)));
    }

    private static CCompiler Named(string name) => CCompiler.FindAll().Single(c => Path.GetFileName(c.Executable) == name);

    [TestCaseSource(nameof(Compilers))]
    public void TheCompiledProgramTruncatesDivisionAndReportsWhereUndefinedBehaviourHappens(string compilerName)
    {
        // int f(int a) { int x = a / 2; int y = a % 2; return x * 10 + y; } with a line for the overflow of x * 10.
        var function = new FunctionDef("f", [new Variable("a", CType.Int)],
            [new Declaration(new Variable("x", CType.Int), Bin("/", V("a"), C(2))), new Declaration(new Variable("y", CType.Int), Bin("%", V("a"), C(2)))],
            [new ReturnStmt(Bin("+", Bin("*", V("x"), C(10)), V("y")))]);
        var testCase = Case(function);
        using var batch = CompiledBatch.Compile(Named(compilerName), [testCase], null, 10, CancellationToken.None);

        var runs = batch.Run(testCase, [[-7], [7], [int.MaxValue], [int.MinValue]], 1000);

        Assert.That(runs, Is.EqualTo(new[]
        {
            new RunOutcome(RunKind.Returned, Value: -31),
            new RunOutcome(RunKind.Returned, Value: 31),
            new RunOutcome(RunKind.UndefinedBehaviour, Line: 6),
            new RunOutcome(RunKind.UndefinedBehaviour, Line: 6),
        }));
    }

    [TestCaseSource(nameof(Compilers))]
    public void TheCompiledProgramFindsARepeatedStateAndStopsAtTheCap(string compilerName)
    {
        var testCase = Case(Cycling());
        using var batch = CompiledBatch.Compile(Named(compilerName), [testCase], null, 10, CancellationToken.None);

        var runs = batch.Run(testCase, [[0], [1], [5]], 1000);

        Assert.That(runs.Select(r => r.Kind), Is.EqualTo(new[] { RunKind.Returned, RunKind.Cycle, RunKind.Cycle }));
        Assert.That(batch.Run(testCase, [[1]], 2).Single().Kind, Is.EqualTo(RunKind.StepCap));
    }

    // ------------------------------------------------------------------ the harness can fail

    [Test]
    public void AYesForAProgramThatLoopsForeverIsReported()
    {
        var report = Check(Cycling(), (_, _) => new Yes(new TerminationCertificate([], [])));

        Assert.That(report.Outcome, Is.EqualTo(Outcome.WrongYes), report.Detail);
        Assert.That(report.Detail, Does.Contain("repeats a state"));
    }

    [Test]
    public void AYesForAProgramThatOverflowsIsReported()
    {
        // int f(int a) { return a + 1; }: a = INT_MAX overflows.
        var function = new FunctionDef("f", [new Variable("a", CType.Int)], [], [new ReturnStmt(Bin("+", V("a"), C(1)))]);

        var report = Check(function, (_, _) => new Yes(new TerminationCertificate([], [])));

        Assert.That(report.Outcome, Is.EqualTo(Outcome.WrongYes), report.Detail);
        Assert.That(report.Detail, Does.Contain("a = 2147483647: undefined behaviour (sanitizer trap) at line 4"));
    }

    [Test]
    public void AYesForAnUnsequencedModificationIsReported()
    {
        // int f(int a) { int y = 0; y = a++ + a; return y; }
        var function = new FunctionDef("f", [new Variable("a", CType.Int)], [new Declaration(new Variable("y", CType.Int), C(0))],
            [new AssignStmt("y", "=", Bin("+", new StepExpr("a", true, false), V("a"))), new ReturnStmt(V("y"))]);

        var report = Check(function, (_, _) => new Yes(new TerminationCertificate([], [])));

        Assert.That(report.Outcome, Is.EqualTo(Outcome.WrongYes), report.Detail);
        Assert.That(report.UnsequencedLines.Single(), Is.EqualTo(5));
        Assert.That(report.Detail, Does.Contain("unsequenced modification) at line 5"));
    }

    [Test]
    public void ANoWhoseWitnessTerminatesIsReported()
    {
        var witness = new NonterminationWitness(WitnessKind.Nontermination, [new InputValue("a", 0)], [], null, null, null, "made up");

        var report = Check(Cycling(), (_, _) => new No(witness));

        Assert.That(report.Outcome, Is.EqualTo(Outcome.WrongNo), report.Detail);
        Assert.That(report.Detail, Does.Contain("compiled run: returns 0"));
    }

    [Test]
    public void ANoWithUndefinedBehaviourOnAnotherLineIsReported()
    {
        // The cycling program reaches no undefined behaviour; a witness claiming some at line 6 is wrong.
        var at = new Terminator.Core.Ir.SourceSpan("<source>.c", 6, 5);
        var witness = new NonterminationWitness(WitnessKind.UndefinedBehaviour, [new InputValue("a", 1)], [], null, null, at, "made up");

        var report = Check(Cycling(), (_, _) => new No(witness));

        Assert.That(report.Outcome, Is.EqualTo(Outcome.WrongNo), report.Detail);
    }

    [Test]
    public void TheAnalyzersOwnAnswersOnTheseProgramsAreConfirmed()
    {
        var options = new DifferentialOptions { AnalysisTimeout = TimeSpan.FromSeconds(10) };
        var loops = Check(Cycling(), DifferentialHarness.Terminator(options));
        var overflow = Check(new FunctionDef("f", [new Variable("a", CType.Int)], [], [new ReturnStmt(Bin("+", V("a"), C(1)))]),
            DifferentialHarness.Terminator(options));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(loops.Verdict, Is.TypeOf<No>());
            Assert.That(loops.Outcome, Is.EqualTo(Outcome.Confirmed), loops.Detail);
            Assert.That(overflow.Verdict, Is.TypeOf<No>());
            Assert.That(overflow.Outcome, Is.EqualTo(Outcome.Confirmed), overflow.Detail);
        }
    }

    /// <summary><c>int f(int a) { int i = 0; while (a &gt; 0) { i = (i + 1) % 3; } return i; }</c>: runs forever for every positive a.</summary>
    private static FunctionDef Cycling() =>
        new("f", [new Variable("a", CType.Int)], [new Declaration(new Variable("i", CType.Int), C(0))],
            [new WhileStmt(Bin(">", V("a"), C(0)), [new AssignStmt("i", "=", Bin("%", Bin("+", V("i"), C(1)), C(3)))]), new ReturnStmt(V("i"))]);

    private static CaseReport Check(FunctionDef function, CaseAnalyzer analyzer)
    {
        var options = new DifferentialOptions { Jobs = 1 };
        var summary = new DifferentialHarness(options, Compiler(), analyzer).Run([Case(function)]);
        return summary.Reports.Single();
    }

    private static GeneratedCase Case(FunctionDef function) => GeneratedCase.FromFunction(function, 0, 0, ["// hand-written", "// case"]);

    private static VarExpr V(string name) => new(name);

    private static ConstExpr C(BigInteger value) => new(value, CType.Int);

    private static BinaryExpr Bin(string op, Expr left, Expr right) => new(op, left, right);
}
