using Terminator.Core;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Examples;

/// <summary>Runs every examples/*.c, examples/*.i and examples/*.py through the frontend and analyzer and checks the answers its header promises.</summary>
[TestFixture]
public sealed class GoldenExampleTests
{
    /// <summary>One case per example file, named by the file.</summary>
    public static IEnumerable<TestCaseData> ExampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Examples, "*.c").Concat(Directory.EnumerateFiles(RepoPaths.Examples, "*.i")).Concat(Directory.EnumerateFiles(RepoPaths.Examples, "*.py"))
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    /// <summary>Analyzes one example with the options of its header and asserts its expectations with the Terminator.NUnit constraints.</summary>
    [TestCaseSource(nameof(ExampleFiles))]
    public void Example(string fileName)
    {
        var path = Path.Combine(RepoPaths.Examples, fileName);
        var header = ExampleHeader.Parse(File.ReadAllText(path), fileName);
        Assert.That(header.Expectations, Is.Not.Empty, $"{fileName} has no '// expect' line");

        // A hard stop well past the per-function budget, so that a hung analysis fails the test instead of the run.
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var program = SourceLoader.Load(path, header.Options.DataModel ?? DataModel.Ilp32);
        var result = TerminationAnalyzer.Analyze(program, header.Options, cancellation.Token);

        // Every function's failure is reported, not only the first.
        using (Assert.EnterMultipleScope())
            ExpectationCheck.Verify(header, result, note => TestContext.Out.WriteLine($"{fileName}: {note}"));
    }
}
