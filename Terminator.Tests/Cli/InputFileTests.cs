using System.Diagnostics;
using Terminator.Cli;
using Terminator.Core.Ir;

namespace Terminator.Tests.Cli;

/// <summary>Paths that name no readable program: FIFOs, unreadable files and folders. Each is said to be what it is.</summary>
[TestFixture]
public sealed class InputFileTests : TempFolderFixture
{
    private const string Source = "int f(int x) { while (x > 0) x--; return x; }\n";

    private string Fifo()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "FIFOs are a Unix thing");
        var path = Path.Combine(Dir, "x.c");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assume.That(mkfifo.ExitCode, Is.Zero, "mkfifo failed");
        return path;
    }

    [Test]
    public void AFifoIsRefusedWithoutWaitingForAWriter()
    {
        var path = Fifo();

        // Was a read that waited forever for a process to open the FIFO for writing.
        var run = Task.Run(() => CliHarness.Run(["analyze", path]));

        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the command did not return");
        Assert.That(run.Result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Result.Stderr, Is.EqualTo($"{path}:1:1: not a regular file (a FIFO, socket or device cannot be analyzed){Environment.NewLine}"));
    }

    [Test]
    public void TheLibraryRefusesAFifoToo()
    {
        var path = Fifo();

        var load = Task.Run(() => Assert.Throws<SourceException>(() => Termination.AnalyzeFile(path)));

        Assert.That(load.Wait(TimeSpan.FromSeconds(60)), Is.True, "the call did not return");
        Assert.That(load.Result!.Message, Does.StartWith($"{path}:1:1: not a regular file"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void UnreadableFilesAndFoldersAreReportedAsSuch()
    {
        var readable = Touch("ok.c", Source);
        var secret = Touch("secret.c", Source);
        var locked = Path.Combine(Dir, "locked");
        Touch("locked/inside.c", Source);
        File.SetUnixFileMode(secret, UnixFileMode.None);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            // Was "locked:1:1: no .c, .i or .py files in this folder" for the folder alone, and nothing at all for it
            // inside a folder; the file said "cannot read file: Access to the path ... is denied."
            var (exitCode, stdout, stderr) = RunAsAnOrdinaryUser("analyze", Dir, locked, secret);

            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), stderr);
            Assert.That(stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
            {
                $"{locked}:1:1: permission denied: this folder cannot be read",
                $"{secret}:1:1: permission denied: the file cannot be read",
                $"{locked}:1:1: permission denied: this folder cannot be read",
                $"{secret}:1:1: permission denied: the file cannot be read",
            }));
            Assert.That(stdout, Does.Contain($"==> {readable} <=="));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static readonly string[] AsNobody = ["--reuid=65534", "--regid=65534", "--clear-groups"];

    private static bool Succeeds(string program, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnUnreadableCorpusIsReportedAsSuch()
    {
        var locked = Path.Combine(Dir, "corpus");
        Touch("corpus/main.c", "int main(void) { return 0; }\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            // Was "terminator: internal error: UnauthorizedAccessException: ..." with exit 70.
            var (exitCode, _, stderr) = RunAsAnOrdinaryUser("bench", locked);

            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput), stderr);
            Assert.That(stderr, Is.EqualTo($"{locked}:1:1: permission denied: the corpus cannot be read{Environment.NewLine}"));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Runs <c>terminator</c> in a process of its own as an ordinary user: the superuser may read every file, so a
    /// test run by it runs the command as <c>nobody</c>.
    /// </summary>
    private static (int ExitCode, string Stdout, string Stderr) RunAsAnOrdinaryUser(params string[] args)
    {
        var privileged = Environment.IsPrivilegedProcess;
        Assume.That(!privileged || File.Exists("/usr/bin/setpriv"), "running as the superuser without setpriv");
        var command = Path.Combine(AppContext.BaseDirectory, "terminator.dll");
        Assume.That(!privileged || Succeeds("/usr/bin/setpriv", [.. AsNobody, "/usr/bin/test", "-r", command]), "nobody cannot read the built command here");
        var start = new ProcessStartInfo(privileged ? "/usr/bin/setpriv" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (privileged)
        {
            foreach (var arg in AsNobody.Append("dotnet"))
                start.ArgumentList.Add(arg);
            start.Environment["HOME"] = Path.GetTempPath();
        }

        start.ArgumentList.Add(command);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
