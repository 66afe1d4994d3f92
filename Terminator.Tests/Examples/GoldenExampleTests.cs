using Terminator.Core;
using Terminator.Frontend;

namespace Terminator.Tests.Examples;

/// <summary>Runs every examples/*.c and examples/*.py through the frontend and analyzer and checks the answers its header promises.</summary>
[TestFixture]
public sealed class GoldenExampleTests
{
    /// <summary>One case per example file, named by the file.</summary>
    public static IEnumerable<TestCaseData> ExampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Examples, "*.c").Concat(Directory.EnumerateFiles(RepoPaths.Examples, "*.py"))
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    /// <summary>Analyzes one example with the options of its header and compares with its expectations.</summary>
    [TestCaseSource(nameof(ExampleFiles))]
    public void Example(string fileName)
    {
        var path = Path.Combine(RepoPaths.Examples, fileName);
        var header = ExampleHeader.Parse(File.ReadAllText(path), fileName);
        Assert.That(header.Expectations, Is.Not.Empty, $"{fileName} has no '// expect' line");

        // A hard stop well past the per-function budget, so that a hung analysis fails the test instead of the run.
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var program = SourceLoader.Load(path);
        var result = TerminationAnalyzer.Analyze(program, header.Options, cancellation.Token);

        var outcome = ExpectationCheck.Check(header, result);
        foreach (var note in outcome.Notes)
            TestContext.Out.WriteLine($"{fileName}: {note}");
        Assert.That(outcome.Failures, Is.Empty, $"{fileName}:{Environment.NewLine}{string.Join(Environment.NewLine, outcome.Failures)}");
    }
}
