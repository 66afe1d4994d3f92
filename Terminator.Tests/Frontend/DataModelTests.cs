using System.Numerics;
using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.Json;
using Terminator.Tests.Cli;

namespace Terminator.Tests.Frontend;

/// <summary>ILP32 and LP64: the width of <c>long</c>, <c>unsigned long</c> and <c>size_t</c>, chosen by an option and stated in the answer.</summary>
[TestFixture]
public sealed class DataModelTests : TempFolderFixture
{
    private const string Declarations = """
        long l; unsigned long ul; size_t s; long long ll; long int li; unsigned long int uli;
        long max = LONG_MAX; unsigned long umax = ULONG_MAX;
        int f(void) { long n = __VERIFIER_nondet_long(); unsigned long u = __VERIFIER_nondet_ulong(); size_t z = __VERIFIER_nondet_size_t(); return 0; }
        """;

    private static ScalarType Long(int bits) => new(TypeKind.Signed, bits);

    private static ScalarType ULong(int bits) => new(TypeKind.Unsigned, bits);

    [TestCase(DataModel.Ilp32, 32)]
    [TestCase(DataModel.Lp64, 64)]
    public void LongAndSizeTFollowTheModelAndLongLongDoesNot(DataModel model, int bits)
    {
        var program = CFrontend.Parse(Declarations, "t.c", model);
        var globals = program.Globals.ToDictionary(g => g.Name);
        var nondet = Terminator.Core.Ir.IrWalker.Expressions(program.Find("f")!.Body).OfType<NondetExpr>().Select(n => n.Type).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(program.DataModel, Is.EqualTo(model));
            Assert.That(globals["l"].Type, Is.EqualTo(Long(bits)));
            Assert.That(globals["li"].Type, Is.EqualTo(Long(bits)));
            Assert.That(globals["ul"].Type, Is.EqualTo(ULong(bits)));
            Assert.That(globals["uli"].Type, Is.EqualTo(ULong(bits)));
            Assert.That(globals["s"].Type, Is.EqualTo(ULong(bits)));
            Assert.That(globals["ll"].Type, Is.EqualTo(ScalarType.LongLong));
            Assert.That(((IntLiteral)globals["max"].Initializer!).Value, Is.EqualTo((BigInteger.One << (bits - 1)) - 1));
            Assert.That(((IntLiteral)globals["umax"].Initializer!).Value, Is.EqualTo((BigInteger.One << bits) - 1));
            Assert.That(nondet, Is.EqualTo(new[] { Long(bits), ULong(bits), ULong(bits) }));
        });
    }

    [TestCase("1L", DataModel.Ilp32, 32, TypeKind.Signed)]
    [TestCase("1L", DataModel.Lp64, 64, TypeKind.Signed)]
    [TestCase("1UL", DataModel.Ilp32, 32, TypeKind.Unsigned)]
    [TestCase("1UL", DataModel.Lp64, 64, TypeKind.Unsigned)]
    [TestCase("0xffffffffL", DataModel.Ilp32, 32, TypeKind.Unsigned)]
    [TestCase("0xffffffffL", DataModel.Lp64, 64, TypeKind.Signed)]
    [TestCase("2147483648L", DataModel.Ilp32, 64, TypeKind.Signed)]
    [TestCase("1", DataModel.Lp64, 32, TypeKind.Signed)]
    [TestCase("1LL", DataModel.Ilp32, 64, TypeKind.Signed)]
    public void LiteralsWithAnLSuffixAreLongUnderTheModel(string literal, DataModel model, int bits, TypeKind kind)
    {
        var program = CFrontend.Parse($"int f(void) {{ return {literal} > 0; }}", "t.c", model);
        var literals = Terminator.Core.Ir.IrWalker.Expressions(program.Find("f")!.Body).OfType<IntLiteral>();

        Assert.That(literals.First().Type, Is.EqualTo(new ScalarType(kind, bits)));
    }

    [Test]
    public void TheUsualArithmeticConversionsFollowTheModel()
    {
        // -1L < 1U: under ILP32 long cannot hold every unsigned int, so both become unsigned long and the test is false;
        // under LP64 long holds them all and the test is true.
        const string text = "int f(void) { while (-1L < 1U) { } return 0; }";

        var ilp32 = Termination.Analyze(text, SourceLanguage.C, new AnalysisOptions { DataModel = DataModel.Ilp32 });
        var lp64 = Termination.Analyze(text, SourceLanguage.C, new AnalysisOptions { DataModel = DataModel.Lp64 });

        Assert.Multiple(() =>
        {
            Assert.That(ilp32.Functions.Single().Verdict, Is.InstanceOf<Yes>());
            Assert.That(lp64.Functions.Single().Verdict, Is.InstanceOf<No>());
            Assert.That(ilp32.DataModel, Is.EqualTo(DataModel.Ilp32));
            Assert.That(lp64.DataModel, Is.EqualTo(DataModel.Lp64));
        });
    }

    [Test]
    public void TheLp64ExampleGetsTheOppositeAnswersUnderIlp32()
    {
        // The example's header holds its LP64 answers; the golden test checks those.
        var result = Termination.AnalyzeFile(Path.Combine(RepoPaths.Examples, "data_model_lp64.c"), new AnalysisOptions { DataModel = DataModel.Ilp32 });
        var lp64 = Examples.ExampleHeader.Parse(File.ReadAllText(Path.Combine(RepoPaths.Examples, "data_model_lp64.c")), "data_model_lp64.c");

        Assert.Multiple(() =>
        {
            Assert.That(result.DataModel, Is.EqualTo(DataModel.Ilp32));
            foreach (var function in result.Functions)
            {
                var expected = lp64.Expectations.Single(e => e.Function == function.Name).Expected;
                Assert.That(function.Verdict.Name, Is.EqualTo(expected == "Yes" ? "No" : "Yes"), function.Name);
            }
        });
    }

    [Test]
    public void AnOptionThatDiffersFromTheProgramsModelIsRefused()
    {
        var program = CFrontend.Parse("int f(void) { return 0; }", "t.c", DataModel.Ilp32);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => TerminationAnalyzer.Analyze(program, new AnalysisOptions { DataModel = DataModel.Lp64 }));
            Assert.Throws<ArgumentException>(() => Termination.Analyze("int f(void) { return 0; }", SourceLanguage.C, new AnalysisOptions { DataModel = (DataModel)7 }));
            Assert.That(TerminationAnalyzer.Analyze(program, new AnalysisOptions()).DataModel, Is.EqualTo(DataModel.Ilp32));
        });
    }

    [Test]
    public void EveryOutputStatesTheModel()
    {
        var file = Path.Combine(Dir, "wide.c");
        File.WriteAllText(file, "int f(void) { long x = 2147483647; x = x + 1; return 0; }");

        var text = CliHarness.Run(["analyze", file, "--data-model", "lp64"]);
        var json = CliHarness.Run(["analyze", file, "--data-model", "lp64", "--format", "json"]);
        var sarif = CliHarness.Run(["analyze", file, "--data-model", "lp64", "--format", "sarif"]);
        var byDefault = CliHarness.Run(["analyze", file, "--format", "json"]);

        Assert.Multiple(() =>
        {
            Assert.That(text.Stdout, Does.Contain("data model LP64"));
            Assert.That(text.Stdout, Does.Contain("f: Yes"), "x + 1 fits a 64-bit long");
            Assert.That(TerminationJson.Deserialize(json.Stdout).DataModel, Is.EqualTo("lp64"));
            Assert.That(sarif.Stdout, Does.Contain("\"dataModel\": \"lp64\""));
            Assert.That(TerminationJson.Deserialize(byDefault.Stdout).DataModel, Is.EqualTo("ilp32"));
            Assert.That(TerminationJson.Deserialize(byDefault.Stdout).Functions.Single().Verdict, Is.EqualTo("No"), "x + 1 overflows a 32-bit long");
        });
    }
}
