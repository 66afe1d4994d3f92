using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Terminator.Differential.Generation;

namespace Terminator.Differential.Oracle;

/// <summary>
/// A batch of cases compiled into one executable (one compiler call for many cases), with the lines the compiler
/// reported as unsequenced modifications. Runs a case on inputs; the executable is deleted on disposal unless kept.
/// </summary>
internal sealed class CompiledBatch : IDisposable
{
    private readonly Dictionary<int, int> _positions;
    private readonly string _directory;
    private readonly bool _keep;
    private readonly int _runSeconds;

    private CompiledBatch(IReadOnlyList<GeneratedCase> cases, string directory, string executable, bool keep, int runSeconds,
        IReadOnlyDictionary<string, IReadOnlySet<int>> unsequenced)
    {
        _positions = cases.Select((c, i) => (c.Index, i)).ToDictionary(p => p.Index, p => p.i);
        _directory = directory;
        Executable = executable;
        _keep = keep;
        _runSeconds = runSeconds;
        UnsequencedLines = cases.ToDictionary(
            c => c.Index, c => unsequenced.TryGetValue(c.LineFileName, out var lines) ? lines : new HashSet<int>());
    }

    /// <summary>The compiled driver.</summary>
    public string Executable { get; }

    /// <summary>Per case number, the lines with an unsequenced modification.</summary>
    public IReadOnlyDictionary<int, IReadOnlySet<int>> UnsequencedLines { get; }

    /// <summary>
    /// Writes and compiles the batch's C file in <paramref name="keepDirectory"/> (kept) or a fresh temporary folder
    /// (deleted on disposal).
    /// </summary>
    public static CompiledBatch Compile(CCompiler compiler, IReadOnlyList<GeneratedCase> cases, string? keepDirectory, int runSeconds,
        CancellationToken cancellationToken)
    {
        var keep = keepDirectory is not null;
        var directory = keepDirectory ?? Directory.CreateTempSubdirectory("terminator-differential-").FullName;
        Directory.CreateDirectory(directory);
        var name = $"batch_{cases[0].Index.ToString(CultureInfo.InvariantCulture)}";
        var source = Path.Combine(directory, name + ".c");
        var executable = Path.Combine(directory, name);
        File.WriteAllText(source, BatchSource.Build(cases));
        var diagnostics = compiler.Compile(source, executable, cancellationToken);
        return new CompiledBatch(cases, directory, executable, keep, runSeconds, CCompiler.UnsequencedLines(diagnostics));
    }

    /// <summary>Runs one case of the batch on each input (the arguments in parameter order) with a cap on loop-head visits.</summary>
    public IReadOnlyList<RunOutcome> Run(GeneratedCase testCase, IReadOnlyList<IReadOnlyList<BigInteger>> inputs, long stepCap)
    {
        if (inputs.Count == 0)
            return [];
        var unsequenced = UnsequencedLines[testCase.Index];
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(_positions[testCase.Index].ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(stepCap.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(unsequenced.Count == 0 ? "-" : string.Join(',', unsequenced.Order()));
        start.ArgumentList.Add(_runSeconds.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Executable}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        foreach (var input in inputs)
            process.StandardInput.WriteLine(string.Join(' ', input.Select(v => v.ToString(CultureInfo.InvariantCulture))));
        process.StandardInput.Close();
        process.WaitForExit();
        var lines = output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (process.ExitCode != 0 || lines.Length != inputs.Count)
        {
            var message = $"driver exit code {process.ExitCode}, {lines.Length} results for {inputs.Count} inputs: {errors.GetAwaiter().GetResult().Trim()}";
            return [.. inputs.Select((_, i) => i < lines.Length ? RunOutcome.Parse(lines[i]) : new RunOutcome(RunKind.Crash, Detail: message))];
        }

        return [.. lines.Select(RunOutcome.Parse)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_keep)
            Directory.Delete(_directory, recursive: true);
    }
}
