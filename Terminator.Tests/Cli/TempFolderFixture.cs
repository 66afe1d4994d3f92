namespace Terminator.Tests.Cli;

/// <summary>A fixture whose every test gets a fresh temporary folder, deleted afterwards.</summary>
public abstract class TempFolderFixture
{
    /// <summary>The test's folder.</summary>
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateTempFolder()
    {
        Dir = Path.Combine(Path.GetTempPath(), $"terminator-{GetType().Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void DeleteTempFolder() => Directory.Delete(Dir, recursive: true);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> in the folder (making its folders) and returns the path.</summary>
    protected string Touch(string relative, string text = "")
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
