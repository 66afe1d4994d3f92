using NUnit.Framework;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>Every program of the shared benchmark corpus must read into the IR unchanged.</summary>
[TestFixture]
public sealed class CorpusTests
{
    private static readonly string? CorpusFiles = FindCorpusFiles();

    /// <summary>The corpus files, one test case each; none when the corpus is not beside the repository.</summary>
    public static IEnumerable<TestCaseData> CorpusCases() =>
        CorpusFiles is null
            ? [new TestCaseData(null).SetName("Corpus absent")]
            : Directory.EnumerateFiles(CorpusFiles, "*.c").Order(StringComparer.Ordinal)
                .Select(path => new TestCaseData(path).SetName(Path.GetFileName(path)));

    [TestCaseSource(nameof(CorpusCases))]
    public void ParsesIntoTheIr(string? path)
    {
        if (path is null)
        {
            Assert.Ignore("shared/corpus is not next to the repository");
        }

        var program = SourceLoader.Load(path);

        Assert.That(program.Functions, Is.Not.Empty);
        Assert.That(program.Language, Is.EqualTo(SourceLanguage.C));
    }

    /// <summary>Walks up from the test directory to the folder that holds shared/corpus/manifest.tsv.</summary>
    private static string? FindCorpusFiles()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var shared = Path.Combine(directory.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(shared, "manifest.tsv")))
            {
                return Path.Combine(shared, "files");
            }
        }

        return null;
    }
}
