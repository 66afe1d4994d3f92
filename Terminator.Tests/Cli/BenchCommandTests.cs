using System.Text.Json;
using Terminator.Cli;

namespace Terminator.Tests.Cli;

/// <summary><c>terminator bench</c> over a small corpus of its own, with the real frontend and analyzer.</summary>
[TestFixture]
public sealed class BenchCommandTests
{
    private static readonly string[] YesThenNo = ["Yes", "No"];
    private string _dir = "";

    [SetUp]
    public void CreateCorpus()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"terminator-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(_dir, "files"));
        File.WriteAllText(Path.Combine(_dir, "files", "down.c"), "int main() { int i = __VERIFIER_nondet_int(); while (i > 0) { i = i - 1; } return 0; }\n");
        File.WriteAllText(Path.Combine(_dir, "files", "tpdb__spin.c"), "int foo(int x, int y) { while (x > y) { x = x - y; } return 0; }\n");
        File.WriteAllText(Path.Combine(_dir, "manifest.tsv"), "file\texpected\ndown.c\tterminating\ntpdb__spin.c\tnonterminating\n");
    }

    [TearDown]
    public void DeleteCorpus() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void ScoresAManifest()
    {
        var (exit, output, progress) = Run("bench", Path.Combine(_dir, "manifest.tsv"), "--jobs", "1");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.AllYes));
            Assert.That(output, Does.Contain("terminating").And.Contain("SV-COMP score: 3 (of 3 possible)"));
            Assert.That(output, Does.Contain("answers contradicting the listed verdict: 0"));
            Assert.That(progress, Does.Contain("[2/2]"));
        });
    }

    [Test]
    public void ReportsAcceptancePerFolderAndTheUbClass()
    {
        File.WriteAllText(Path.Combine(_dir, "files", "svb__bits__and.c"), "int main() { float f = 0; return 0; }\n");
        File.WriteAllText(Path.Combine(_dir, "files", "svb__bits__wrap.c"), "int main() { int i = __VERIFIER_nondet_int(); while (i > 0) { i = i + 1; } return 0; }\n");
        File.WriteAllText(Path.Combine(_dir, "manifest.tsv"), "file\texpected\nsvb__bits__and.c\tterminating\nsvb__bits__wrap.c\tub\n");

        var (exit, output, _) = Run("bench", Path.Combine(_dir, "manifest.tsv"), "--jobs", "1");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.AllYes));
            Assert.That(output, Does.Match(@"svb/bits\s+2\s+1\s+1\s+unsupported: floating point type 1"), "2 programs, 1 accepted, 1 answered");
            Assert.That(output, Does.Match(@"ub\s+0\s+1\s+0\s+0\s+1"));
            Assert.That(output, Does.Contain("SV-COMP score: 1 (of 3 possible)"));
        });
    }

    [Test]
    public void ScoresTheTwoAnswersForCAgainstTheListing()
    {
        File.WriteAllText(Path.Combine(_dir, "files", "wrap.c"), "int main() { int i = __VERIFIER_nondet_int(); while (i > 0) { i = i + 1; } return 0; }\n");
        File.WriteAllText(Path.Combine(_dir, "manifest.tsv"), "file\texpected\ndown.c\tterminating\nwrap.c\tub\n");

        var (exit, output, _) = Run("bench", Path.Combine(_dir, "manifest.tsv"), "--jobs", "1");

        var termination = output[output.IndexOf("property: terminates whenever", StringComparison.Ordinal)..];
        var reachability = output[output.IndexOf("property: undefined behaviour reachable", StringComparison.Ordinal)..];
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.AllYes));
            // wrap.c ends whenever it does not overflow (Yes, which a ub listing neither confirms nor contradicts), and overflows.
            Assert.That(termination, Does.Match(@"terminating\s+1\s+0\s+0\s+1\s+0"));
            Assert.That(termination, Does.Match(@"ub\s+1\s+0\s+0\s+0\s+0"));
            Assert.That(reachability, Does.Match(@"terminating\s+0\s+1\s+0\s+1\s+0"));
            Assert.That(reachability, Does.Match(@"ub\s+1\s+0\s+0\s+1\s+0"));
            Assert.That(output, Does.Contain("property answers contradicting the listed verdict: 0"));
        });
    }

    [Test]
    public void APropertyAnswerThatContradictsTheListingIsWrong()
    {
        File.WriteAllText(Path.Combine(_dir, "manifest.tsv"), "file\texpected\ndown.c\tnonterminating\n");
        var unknownAnswers = CliHarness.Fake(file => [CliHarness.No(file) with
        {
            Verdict = new Core.DontKnow("no ranking function"),
            UndefinedBehaviour = new Core.UndefinedBehaviourAnswers(CliHarness.Yes(file).Verdict, new Core.UndefinedBehaviourUnknown("not searched")),
        }]);

        var run = CliHarness.Run(["bench", Path.Combine(_dir, "manifest.tsv"), "--jobs", "1"], unknownAnswers);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.SomeNo), "a termination Yes on a non-terminating program is wrong");
            Assert.That(run.Stdout, Does.Contain("property answers contradicting the listed verdict: 1"));
            Assert.That(run.Stdout, Does.Contain("down.c: terminates whenever no undefined behaviour occurs: Yes, listed nonterminating"));
        });
    }

    [Test]
    public void ReadsEachProgramUnderItsDataModel()
    {
        // x + 1 overflows a 32-bit long only: ub under ILP32, terminating under LP64.
        const string wide = "int main() { long x = 2147483647; x = x + 1; return 0; }\n";
        File.WriteAllText(Path.Combine(_dir, "files", "narrow.c"), wide);
        File.WriteAllText(Path.Combine(_dir, "files", "wide.c"), wide);
        File.WriteAllText(Path.Combine(_dir, "manifest.tsv"), "file\texpected\tdata_model\nnarrow.c\tub\tilp32\nwide.c\tterminating\tlp64\n");

        var (_, output, _) = Run("bench", Path.Combine(_dir, "manifest.tsv"), "--jobs", "1");
        File.WriteAllText(Path.Combine(_dir, "manifest.tsv"), "file\texpected\nwide.c\tterminating\n");
        var (_, byOption, _) = Run("bench", Path.Combine(_dir, "manifest.tsv"), "--jobs", "1", "--data-model", "lp64");

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("answers contradicting the listed verdict: 0"));
            Assert.That(output, Does.Contain("SV-COMP score: 3 (of 3 possible)"));
            Assert.That(byOption, Does.Contain("SV-COMP score: 2 (of 2 possible)"));
        });
    }

    [Test]
    public void WritesJsonForAFolder()
    {
        var (exit, output, _) = Run("bench", _dir, "--format", "json", "--jobs", "2");
        using var json = JsonDocument.Parse(output);
        var programs = json.RootElement.GetProperty("programs").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.AllYes));
            Assert.That(json.RootElement.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(programs.Select(p => p.GetProperty("answer").GetString()), Is.EqualTo(YesThenNo));
            Assert.That(json.RootElement.GetProperty("score").GetInt32(), Is.EqualTo(3));
        });
    }

    [Test]
    public void MissingCorpusIsBadInput()
    {
        var (exit, _, error) = Run("bench", Path.Combine(_dir, "absent"));
        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error, Does.Contain("absent:1:1: no such file or folder"));
    }
}
