using System.Diagnostics;
using NUnit.Framework;
using Terminator.Cli;
using Terminator.Core.Smt;

namespace Terminator.Tests.Smt;

/// <summary>
/// Which libz3 is loaded, and the refusal of one that cannot serve. A process loads one library, so the override
/// cases run the <c>terminator</c> command in a process of its own.
/// </summary>
[TestFixture]
public sealed class Z3LoadingTests
{
    private static (int ExitCode, string Stdout, string Stderr) Terminator(string? library, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "terminator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[SmtDiagnostics.Z3LibraryVariable] = library ?? "";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static readonly string[] DebianLibc = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6"];

    private static string Example => Path.Combine(RepoPaths.Examples, "g.c");

    [Test]
    public void OnMacOsAndWindowsThePackagesLibraryComesFirstThenThePlatformsPlaces()
    {
        var app = Path.Combine(Path.GetTempPath(), "app");
        var appleSilicon = Z3Loader.BundledCandidates("osx", System.Runtime.InteropServices.Architecture.Arm64, [app]);
        var intelMac = Z3Loader.BundledCandidates("osx", System.Runtime.InteropServices.Architecture.X64, [app]);
        var windows = Z3Loader.BundledCandidates("win", System.Runtime.InteropServices.Architecture.X64, [app]);
        Assert.Multiple(() =>
        {
            Assert.That(appleSilicon, Is.EqualTo(new[]
            {
                Path.Combine(app, "runtimes", "osx-arm64", "native", "libz3.dylib"), Path.Combine(app, "libz3.dylib"),
                "/opt/homebrew/lib/libz3.dylib", "/usr/local/lib/libz3.dylib", "libz3.dylib",
            }));
            Assert.That(intelMac.Take(3), Is.EqualTo(new[]
            {
                Path.Combine(app, "runtimes", "osx-x64", "native", "libz3.dylib"), Path.Combine(app, "libz3.dylib"), "/usr/local/lib/libz3.dylib",
            }));
            Assert.That(windows, Is.EqualTo(new[] { Path.Combine(app, "runtimes", "win-x64", "native", "libz3.dll"), Path.Combine(app, "libz3.dll"), "libz3.dll" }));
        });
    }

    [Test]
    public void TheBuildPlacesThePackagesMacOsAndWindowsLibrariesWhereTheSearchLooks()
    {
        // The Microsoft.Z3 package carries osx-x64 and win-x64 libraries; the build copies them beside the application.
        var folder = AppContext.BaseDirectory;
        foreach (var (os, file) in new[] { ("osx", "libz3.dylib"), ("win", "libz3.dll") })
        {
            var first = Z3Loader.BundledCandidates(os, System.Runtime.InteropServices.Architecture.X64, [folder])[0];
            Assert.That(File.Exists(first), Is.True, $"{first} is missing: the package's {os} library is not where the search looks for {file}");
        }
    }

    [Test]
    public void TheLoadedLibraryIsNewEnoughAndSaysWhereItCameFrom()
    {
        SmtDiagnostics.EnsureAvailable();
        Assert.Multiple(() =>
        {
            Assert.That(Z3Loader.LoadedVersion, Is.GreaterThanOrEqualTo(SmtDiagnostics.MinimumZ3Version));
            Assert.That(SmtDiagnostics.NativeLibrarySource, Is.Not.Null.And.Not.Empty);
            Assert.That(SmtDiagnostics.Z3Version, Does.StartWith(Z3Loader.LoadedVersion!.ToString(3)));
        });
    }

    [Test]
    public void ALibraryNamedByTheEnvironmentThatIsMissingIsRefusedWithItsOwnExitCode()
    {
        var (exitCode, stdout, stderr) = Terminator("/nonexistent/libz3.so", "analyze", Example);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.SolverUnavailable));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.Trim(), Does.StartWith("terminator: The Z3 SMT solver could not be loaded from /nonexistent/libz3.so"));
            Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void TheCommandLineOptionOverridesTheEnvironment()
    {
        var (exitCode, _, stderr) = Terminator("/nonexistent/from-environment.so", "analyze", Example, "--z3-library", "/nonexistent/from-option.so");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.SolverUnavailable));
            Assert.That(stderr, Does.Contain("/nonexistent/from-option.so").And.Not.Contain("from-environment"));
        });
    }

    [Test]
    public void ALibraryThatIsNotZ3IsRefused()
    {
        var notZ3 = DebianLibc.FirstOrDefault(File.Exists);
        if (notZ3 is null)
        {
            Assert.Ignore("no libc.so.6 at the Debian paths of this machine");
        }

        var (exitCode, _, stderr) = Terminator(notZ3, "analyze", Example);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.SolverUnavailable));
            Assert.That(stderr, Does.Contain($"The Z3 library {notZ3} is older than 4.12"));
        });
    }

    [Test]
    public void VersionSaysWhereTheLibraryCameFrom()
    {
        var (exitCode, stdout, _) = Terminator(null, "--version");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.AllYes));
            Assert.That(stdout, Does.Match(@"Z3 \d+\.\d+\.\d+\.\d+ \(.+\)"));
        });
    }

    [Test]
    public void TheShimNeedsNoGlibcNewerThanTheOldestItsArchitectureHas()
    {
        var shim = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runtimes"), "libz3shim.so", SearchOption.AllDirectories).FirstOrDefault();
        if (!OperatingSystem.IsLinux() || shim is null || !File.Exists("/usr/bin/objdump"))
        {
            Assert.Ignore("the shim is built on Linux with gcc, and read here with objdump");
        }

        var start = new ProcessStartInfo("/usr/bin/objdump", ["-T", shim]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var symbols = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var versions = System.Text.RegularExpressions.Regex.Matches(symbols, @"GLIBC_(\d+(?:\.\d+)+)").Select(m => Version.Parse(m.Groups[1].Value)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(versions, Is.Not.Empty, "objdump listed the shim's glibc symbols");
            Assert.That(versions, Has.All.LessThanOrEqualTo(new Version(2, 17)));
        });
    }

    [TestCase(4, 8, 11, false)]
    [TestCase(4, 8, 12, true)]
    [TestCase(4, 13, 0, true)]
    public void OnlyLibrariesFromTheMinimumOnAreAccepted(int major, int minor, int build, bool accepted)
    {
        var version = new Version(major, minor, build, 0);
        Assert.That(version >= SmtDiagnostics.MinimumZ3Version, Is.EqualTo(accepted));
        if (!accepted)
        {
            Assert.That(
                Z3Loader.TooOldMessage("/opt/z3/libz3.so", version),
                Does.StartWith($"The Z3 library /opt/z3/libz3.so is version {major}.{minor}.{build}, older than 4.8.12"));
        }
    }
}
