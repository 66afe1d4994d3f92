using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Terminator.Cli;
using Terminator.Fuzz;

// terminator-fuzz: generates cases (see CaseGenerator) and runs each through the terminator command in-process. A case
// fails when the command exits 70 (internal error) or with a code the README does not list, prints a stack trace, or
// takes longer than its budget per analyzed function plus the slack. Cases run in worker processes, a batch each, so
// that a crash of the process (a stack overflow) is caught and names its case.
//
//   dotnet run -c Release --project Terminator.Fuzz -- --cases 20000 --seed 1 [--first 0] [--batch 400] [--slack 2]
//   dotnet run -c Release --project Terminator.Fuzz -- --seed 1 --first K --cases 1 --show    (print case K)
//   dotnet run -c Release --project Terminator.Fuzz -- --latency --cases 40    (cancellation latency of the library)
var options = FuzzOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: terminator-fuzz [--cases N] [--seed S] [--first K] [--batch B] [--slack SECONDS] [--show] [--latency] [--examples DIR]");
    return 2;
}

if (!Directory.Exists(options.Examples))
{
    Console.Error.WriteLine($"terminator-fuzz: no examples folder at '{options.Examples}' (give one with --examples)");
    return 2;
}

var examples = Directory.EnumerateFiles(options.Examples)
    .Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".py", StringComparison.Ordinal))
    .Order(StringComparer.Ordinal)
    .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
    .ToList();
if (examples.Count == 0)
{
    Console.Error.WriteLine($"terminator-fuzz: no .c or .py files in '{options.Examples}'");
    return 2;
}

var generator = new CaseGenerator(examples);

if (options.Show)
{
    var shown = generator.Generate(options.Seed, options.First);
    Console.WriteLine($"shape: {shown.Shape}; arguments: {string.Join(' ', shown.Arguments)}");
    foreach (var (name, bytes) in shown.Files)
        Console.WriteLine($"--- {name} ({bytes.Length} bytes)\n{System.Text.Encoding.UTF8.GetString(bytes)}");
    return 0;
}

if (options.Latency)
{
    return Latency.Run(generator, options);
}

return options.Worker ? Worker.Run(generator, options) : Driver.Run(options);

/// <summary>The command line of the fuzzer.</summary>
internal sealed record FuzzOptions(int Cases, int Seed, int First, int Batch, double Slack, bool Show, bool Worker, string Examples, bool Latency = false)
{
    public static FuzzOptions? Parse(string[] args)
    {
        var options = new FuzzOptions(1000, 1, 0, 400, 2, false, false, FindExamples());
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : "";
            int Int() => int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : -1;
            options = args[i] switch
            {
                "--cases" => options with { Cases = Int() },
                "--seed" => options with { Seed = Int() },
                "--first" => options with { First = Int() },
                "--batch" => options with { Batch = Int() },
                "--slack" => options with { Slack = double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : -1 },
                "--show" => options with { Show = true },
                "--worker" => options with { Worker = true },
                "--latency" => options with { Latency = true },
                "--examples" => options with { Examples = Next() },
                _ => null,
            };
            if (options is null || options.Cases < 0 || options.Seed < 0 || options.First < 0 || options.Batch < 1 || options.Slack < 0)
                return null;
        }

        return options;
    }

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "examples")) && File.Exists(Path.Combine(dir.FullName, "Terminator.sln")))
                return Path.Combine(dir.FullName, "examples");
        }

        return "examples";
    }
}

/// <summary>Runs cases in this process and prints one line per case: <c>start K</c>, then <c>done K shape outcome</c>.</summary>
internal static partial class Worker
{
    private static readonly int[] ListedExitCodes = [0, 1, 2, 3, 4, 69, 130];

    public static int Run(CaseGenerator generator, FuzzOptions options)
    {
        var root = Directory.CreateTempSubdirectory("terminator-fuzz-");
        try
        {
            WarmUp(root.FullName);
            for (var k = options.First; k < options.First + options.Cases; k++)
            {
                Console.WriteLine($"start {k}");
                Console.Out.Flush();
                var fuzzCase = generator.Generate(options.Seed, k);
                var (verdict, detail) = RunCase(fuzzCase, root.FullName, k, options.Slack);
                Console.WriteLine($"done {k} {fuzzCase.Shape} {verdict} {detail}");
                Console.Out.Flush();
                if (verdict == "hang")
                {
                    // The analysis still runs somewhere in this process: a fresh one for the next cases.
                    return 3;
                }
            }

            return 0;
        }
        finally
        {
            try { root.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// One analysis before the cases, so that loading Z3 and compiling the analysis's code (seconds, once per process)
    /// is not counted against the first case's budget.
    /// </summary>
    private static void WarmUp(string root)
    {
        var file = Path.Combine(root, "warm-up.c");
        File.WriteAllText(file, "int f(int x) { while (x > 0) x = x - 1; return x; }\n");
        CliApp.Run(["analyze", file], TextWriter.Null, TextWriter.Null);
        File.Delete(file);
    }

    /// <summary>Runs one case in a folder of its own under <paramref name="root"/>: <c>ok</c> or what went wrong, with a detail.</summary>
    internal static (string Verdict, string Detail) RunCase(FuzzCase fuzzCase, string root, int index, double slack)
    {
        var dir = Path.Combine(root, index.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        foreach (var (name, bytes) in fuzzCase.Files)
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        var args = fuzzCase.Arguments.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal)).ToArray();

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => CliApp.Run(args, stdout, stderr));
        // Generous here: the real limit is checked below; this only keeps a stuck case from stopping the run.
        var waitSeconds = 120 + fuzzCase.BudgetSeconds * 20;
        if (!run.Wait(TimeSpan.FromSeconds(waitSeconds)))
            return ("hang", $"no return within {waitSeconds} s");
        var elapsed = clock.Elapsed.TotalSeconds;

        // The budget holds per analyzed function: the text report has one "name: Verdict (N ms)" line for each. JSON and
        // SARIF reports do not list every function (SARIF has no result for a Yes), so when such a case took longer
        // than one function's budget, the same command with a text report counts them (untimed).
        var functions = FunctionLine().Count(stdout.ToString());
        if (functions == 0 && fuzzCase.BudgetSeconds > 0 && elapsed > fuzzCase.BudgetSeconds + slack && args.Contains("--format"))
        {
            var asText = args.Select((a, i) => i > 0 && args[i - 1] == "--format" ? "text" : a).ToArray();
            using var textReport = new StringWriter();
            CliApp.Run(asText, textReport, TextWriter.Null);
            functions = FunctionLine().Count(textReport.ToString());
        }

        functions = Math.Max(1, functions);
        Directory.Delete(dir, recursive: true);

        var exitCode = run.Result;
        var output = stdout.ToString() + stderr.ToString();
        if (exitCode == ExitCodes.InternalError)
            return ("internal-error", OneLine(stderr.ToString()));
        if (!ListedExitCodes.Contains(exitCode))
            return ("bad-exit-code", exitCode.ToString(CultureInfo.InvariantCulture));
        if (StackTrace().IsMatch(output))
            return ("stack-trace", OneLine(output[..Math.Min(output.Length, 300)]));

        var limit = fuzzCase.BudgetSeconds > 0 ? fuzzCase.BudgetSeconds * functions + slack : double.PositiveInfinity;
        if (args.Contains("bench"))
            limit = fuzzCase.BudgetSeconds * Math.Max(1, fuzzCase.Files.Count) * 2 + slack;
        if (elapsed > limit)
            return ("slow", $"{elapsed:0.00} s for {functions} function(s) with a budget of {fuzzCase.BudgetSeconds} s");
        return ("ok", $"exit={exitCode} {elapsed:0.00}s");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"^\s+at \S+.*\)|--- End of (inner exception )?stack trace|Unhandled exception", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"^\S+: (Yes|No|DontKnow) \(\d+ ms\)", RegexOptions.Multiline)]
    private static partial Regex FunctionLine();
}

/// <summary>Starts workers for batches of cases, follows their lines, and counts the outcomes.</summary>
internal static class Driver
{
    public static int Run(FuzzOptions options)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var shapes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var next = options.First;
        var end = options.First + options.Cases;
        while (next < end)
        {
            var count = Math.Min(options.Batch, end - next);
            var started = -1;
            var finished = next - 1;
            using var worker = Process.Start(WorkerStart(options, next, count))!;
            string? line;
            while ((line = worker.StandardOutput.ReadLine()) is not null)
            {
                var parts = line.Split(' ', 5);
                if (parts[0] == "start")
                {
                    started = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    continue;
                }

                if (parts[0] != "done" || parts.Length < 4)
                    continue;
                finished = int.Parse(parts[1], CultureInfo.InvariantCulture);
                var verdict = parts[3];
                counts[verdict] = counts.GetValueOrDefault(verdict) + 1;
                shapes[parts[2]] = shapes.GetValueOrDefault(parts[2]) + 1;
                if (verdict != "ok")
                {
                    failures.Add($"case {finished} ({parts[2]}): {verdict}: {(parts.Length > 4 ? parts[4] : "")}");
                    Console.WriteLine(failures[^1]);
                }
            }

            worker.WaitForExit();
            if (started > finished)
            {
                // The process died inside a case: a crash (a hang already printed its line).
                counts["crash"] = counts.GetValueOrDefault("crash") + 1;
                failures.Add($"case {started}: crash: the process ended with {worker.ExitCode}");
                Console.WriteLine(failures[^1]);
                finished = started;
            }

            next = Math.Max(next + 1, finished + 1);
            Console.Error.WriteLine($"[{next - options.First}/{options.Cases}] {clock.Elapsed:hh\\:mm\\:ss} " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        }

        Console.WriteLine($"seed {options.Seed}, cases {options.First}..{end - 1}: {options.Cases} cases in {clock.Elapsed:hh\\:mm\\:ss}");
        Console.WriteLine("outcomes: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        Console.WriteLine("shapes: " + string.Join(", ", shapes.Select(c => $"{c.Key} {c.Value}")));
        return failures.Count == 0 ? 0 : 1;
    }

    private static ProcessStartInfo WorkerStart(FuzzOptions options, int first, int count)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(Driver).Assembly.Location);
        foreach (var arg in new[] { "--worker", "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--first", first.ToString(CultureInfo.InvariantCulture),
            "--cases", count.ToString(CultureInfo.InvariantCulture), "--slack", options.Slack.ToString(CultureInfo.InvariantCulture), "--examples", options.Examples })
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
