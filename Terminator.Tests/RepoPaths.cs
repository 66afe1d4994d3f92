namespace Terminator.Tests;

/// <summary>Where the repository and its neighbours are, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds Terminator.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The examples folder.</summary>
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>The shared corpus, a sibling of the repository (<c>../shared/corpus</c>).</summary>
    public static string SharedCorpus => Path.Combine(Path.GetDirectoryName(Root) ?? Root, "shared", "corpus");

    // Walk up rather than hard-code bin/Debug/net10.0 depths: the output layout differs between configurations.
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Terminator.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no Terminator.sln above {TestContext.CurrentContext.TestDirectory}");
    }
}
