using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Terminator.Frontend.C;

/// <summary>
/// Runs the system C preprocessor (<c>cpp</c>, else <c>gcc -E</c>) over a C text, so that <c>#include</c>d headers,
/// object-like and function-like macros and conditional compilation work. The text goes in and the output comes out
/// through pipes: nothing is written next to the user's file. The output carries line markers (see
/// <see cref="LineMap"/>) naming the text <c>&lt;stdin&gt;</c>. When no preprocessor is installed, or it fails, the
/// frontend's built-in handling of <c>#define NAME value</c> and ignored <c>#include</c>s applies.
/// </summary>
internal static partial class Preprocessor
{
    /// <summary>The name the preprocessor's line markers give the text it read from standard input.</summary>
    public const string StandardInputName = "<stdin>";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private static readonly Lazy<(string Program, string[] Arguments)?> Command = new(FindCommand);

    /// <summary>True when a preprocessor is installed.</summary>
    public static bool IsAvailable => Command.Value is not null;

    [GeneratedRegex(@"^[ \t]*#[ \t]*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error|warning)\b", RegexOptions.Multiline)]
    private static partial Regex Directive();

    /// <summary>True when <paramref name="text"/> has a directive that the preprocessor would act on.</summary>
    public static bool IsNeeded(string text) => Directive().IsMatch(text);

    /// <summary>
    /// The preprocessed text, or null when no preprocessor is installed or it failed (a missing header, <c>#error</c>).
    /// Quoted includes are looked up beside <paramref name="fileName"/>.
    /// </summary>
    public static string? Run(string text, string fileName)
    {
        if (Command.Value is not { } command)
        {
            return null;
        }

        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };

        // Strict C11: glibc's assert then expands to '(c) ? (void) 0 : __assert_fail (...)', and no 'linux' or 'unix' macro
        // takes a user's names.
        foreach (var argument in command.Arguments.Concat(["-std=c11", "-x", "c", "-"]))
        {
            start.ArgumentList.Add(argument);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(fileName));
        if (folder is not null && Directory.Exists(folder))
        {
            start.ArgumentList.Insert(0, folder);
            start.ArgumentList.Insert(0, "-iquote");
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(text);
            process.StandardInput.Close();
            if (!process.WaitForExit(Budget))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            _ = errors.GetAwaiter().GetResult();
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static (string, string[])? FindCommand()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        string? Find(string name) => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

        if (Find("cpp") is { } cpp)
        {
            return (cpp, []);
        }

        return Find("gcc") is { } gcc ? (gcc, ["-E"]) : null;
    }
}
