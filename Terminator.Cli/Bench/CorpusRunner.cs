using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Cli.Bench;

/// <summary>One program of a benchmark run, with the verdict it is listed with ("terminating", "nonterminating" or null).</summary>
internal sealed record BenchEntry(string Path, string? Expected)
{
    /// <summary>The data model of a C program from the manifest's <c>data_model</c> column (<c>ilp32</c> or <c>lp64</c>); null when it names none.</summary>
    public Core.Ir.DataModel? DataModel { get; init; }
}

/// <summary>What the analyzer answered for one program.</summary>
/// <param name="Entry">The program.</param>
/// <param name="Answer">"Yes", "No", "DontKnow" or "error".</param>
/// <param name="WitnessKind">For No: which kind of witness.</param>
/// <param name="Elapsed">Wall time for the program, parsing included.</param>
/// <param name="Detail">The reason of a DontKnow, or the error message.</param>
internal sealed record BenchOutcome(BenchEntry Entry, string Answer, WitnessKind? WitnessKind, TimeSpan Elapsed, string? Detail)
{
    /// <summary>For C: "Yes", "No" or "DontKnow" for "every run that avoids undefined behaviour terminates"; null for Python or an error.</summary>
    public string? TerminatesWithoutUndefinedBehaviour { get; init; }

    /// <summary>For C: "Yes", "No" or "DontKnow" for "undefined behaviour is reachable"; null for Python or an error.</summary>
    public string? UndefinedBehaviourReachable { get; init; }

    /// <summary>
    /// Whether the termination property contradicts the listing: a Yes on a program listed as non-terminating (a run
    /// without undefined behaviour runs forever), or a No on one listed as terminating.
    /// </summary>
    public bool TerminationContradicts => (Entry.Expected, TerminatesWithoutUndefinedBehaviour) is ("nonterminating", "Yes") or ("terminating", "No");

    /// <summary>
    /// Whether the reachability property contradicts the listing: a No on a program listed as reaching undefined
    /// behaviour, or a Yes on one listed as terminating (a replayed input: the listing assumed no overflow).
    /// </summary>
    public bool ReachabilityContradicts => (Entry.Expected, UndefinedBehaviourReachable) is ("ub", "No") or ("terminating", "Yes");

    /// <summary>Whether the property's answer is the one its listing implies (see <see cref="BenchReport"/>).</summary>
    public bool TerminationRight => (Entry.Expected, TerminatesWithoutUndefinedBehaviour) is ("terminating", "Yes") or ("nonterminating", "No");

    /// <summary>Whether the reachability answer is the one its listing implies.</summary>
    public bool ReachabilityRight => (Entry.Expected, UndefinedBehaviourReachable) is ("terminating", "No") or ("ub", "Yes");

    /// <summary>
    /// A Yes on a program listed as non-terminating or as reaching undefined behaviour (<c>ub</c>: any No is right), or a
    /// No on one listed as terminating.
    /// </summary>
    public bool Contradicts => (Entry.Expected, Answer) is ("nonterminating", "Yes") or ("ub", "Yes") or ("terminating", "No");

    /// <summary>
    /// The construct for which the frontend refused the program: <c>unsupported: pointer</c> for a refused entry function,
    /// <c>error</c> for a file it rejected; null when the program was analyzed.
    /// </summary>
    public string? Refusal => Answer == "error"
        ? "error"
        : Detail is { } reason && reason.StartsWith("unsupported:", StringComparison.Ordinal) ? RefusalKind(reason) : null;

    /// <summary>The group of a program in the acceptance table: <c>origin/folder</c> of a <c>origin__folder__name</c> file, else its folder.</summary>
    public string Folder => Path.GetFileName(Entry.Path).Split("__") is { Length: >= 3 } parts
        ? $"{parts[0]}/{parts[1]}"
        : Path.GetFileName(Path.GetDirectoryName(Entry.Path)) ?? "";

    /// <summary>
    /// The construct without names and positions: <c>unsupported: bitwise operator 'X'</c> of
    /// <c>unsupported: bitwise operator '&amp;' at f.c:3:7</c>, <c>unsupported: recursion</c> of
    /// <c>unsupported: recursion (main -> f -> f) at f.c:9:3</c>.
    /// </summary>
    private static string RefusalKind(string reason)
    {
        var kind = Regex.Replace(reason, @" at [^ ]+:[0-9]+:[0-9]+", "");
        kind = Regex.Replace(kind, @" \([^()]*->[^()]*\)", "");
        return Regex.Replace(kind, "'[^']*'", "'X'");
    }

    /// <summary>A contradiction whose witness is a replayed undefined behaviour: the listing assumed no overflow.</summary>
    public bool ContradictsByUndefinedBehaviour =>
        Contradicts && Answer == "No" && WitnessKind is not Core.WitnessKind.Nontermination;

    /// <summary>SV-COMP's score: +2 for a correct Yes, +1 for a correct No, −32 for a wrong Yes, −16 for a wrong No.</summary>
    public int Score => (Entry.Expected, Answer) switch
    {
        ("terminating", "Yes") => 2,
        ("nonterminating", "No") => 1,
        ("ub", "No") => 1,
        ("nonterminating" or "ub", "Yes") => -32,
        ("terminating", "No") => -16,
        _ => 0,
    };
}

/// <summary>
/// Runs the analyzer over a corpus: a manifest (<c>manifest.tsv</c> with columns <c>file</c> and <c>expected</c>, the
/// programs in <c>files/</c> beside it) or a folder of programs. Follows the corpus conventions: the entry is
/// <c>foo</c> with math semantics for TPDB programs (<c>tpdb__</c> names), and <c>main</c> with C semantics otherwise.
/// </summary>
internal static class CorpusRunner
{
    public static List<BenchEntry> Entries(string path)
    {
        try
        {
            return EntriesOf(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new SourceException(new SourceSpan(path, 1, 1), "permission denied: the corpus cannot be read");
        }
        catch (IOException e)
        {
            throw new SourceException(new SourceSpan(path, 1, 1), $"cannot read the corpus: {e.Message}");
        }
    }

    private static List<BenchEntry> EntriesOf(string path)
    {
        if (File.Exists(path))
        {
            return ReadManifest(path, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "files"));
        }

        if (!Directory.Exists(path))
        {
            throw new SourceException(new SourceSpan(path, 1, 1), "no such file or folder");
        }

        var manifest = Path.Combine(path, "manifest.tsv");
        if (File.Exists(manifest))
        {
            return ReadManifest(manifest, Directory.Exists(Path.Combine(path, "files")) ? Path.Combine(path, "files") : path);
        }

        return [.. Directory.EnumerateFiles(path)
            .Where(ProgramInputs.IsProgram)
            .Order(StringComparer.Ordinal)
            .Select(f => new BenchEntry(f, null))];
    }

    private static List<BenchEntry> ReadManifest(string manifest, string folder)
    {
        var lines = File.ReadAllLines(manifest);
        var header = lines.Length == 0 ? [] : lines[0].Split('\t');
        var fileColumn = Array.IndexOf(header, "file");
        var expectedColumn = Array.IndexOf(header, "expected");
        var dataModelColumn = Array.IndexOf(header, "data_model");
        if (fileColumn < 0)
        {
            throw new SourceException(new SourceSpan(manifest, 1, 1), "the manifest has no 'file' column");
        }

        return [.. lines.Skip(1)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Split('\t'))
            .Select(cells => new BenchEntry(
                Path.Combine(folder, cells[fileColumn]),
                expectedColumn >= 0 && expectedColumn < cells.Length ? cells[expectedColumn] : null)
            {
                DataModel = dataModelColumn >= 0 && dataModelColumn < cells.Length
                    ? cells[dataModelColumn].Trim() switch { "lp64" => Core.Ir.DataModel.Lp64, "ilp32" => Core.Ir.DataModel.Ilp32, _ => null }
                    : null,
            })];
    }

    /// <summary>Analyzes every entry, <paramref name="jobs"/> at a time, reporting each outcome as it arrives.</summary>
    /// <remarks>A C program is read under its entry's data model, else <paramref name="dataModel"/>, else ILP32.</remarks>
    /// <remarks>A C program's reads of locals before a store mean what <paramref name="uninitializedReads"/> says (null: undefined behaviour).</remarks>
    public static List<BenchOutcome> Run(IReadOnlyList<BenchEntry> entries, TimeSpan budget, string? function, int jobs, AnalysisBackend backend, Action<BenchOutcome> progress, CancellationToken cancellationToken, Core.Ir.DataModel? dataModel = null, Core.Ir.UninitializedReads? uninitializedReads = null)
    {
        var outcomes = new ConcurrentBag<BenchOutcome>();
        Parallel.ForEach(entries, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, entry =>
        {
            var outcome = Analyze(entry with { DataModel = entry.DataModel ?? dataModel }, budget, function, backend, uninitializedReads, cancellationToken);
            outcomes.Add(outcome);
            progress(outcome);
        });
        return [.. outcomes.OrderBy(o => o.Entry.Path, StringComparer.Ordinal)];
    }

    private static BenchOutcome Analyze(BenchEntry entry, TimeSpan budget, string? function, AnalysisBackend backend, Core.Ir.UninitializedReads? uninitializedReads, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var name = Path.GetFileName(entry.Path);
        var isTpdb = name.StartsWith("tpdb__", StringComparison.Ordinal);
        try
        {
            var program = backend.LoadFile(entry.Path, entry.DataModel);
            var entryFunction = function ?? (isTpdb ? "foo" : "main");
            var options = new AnalysisOptions
            {
                Timeout = budget,
                Function = program.Find(entryFunction) is null && program.FindRefused(entryFunction) is null && function is null ? null : entryFunction,
                Semantics = program.Language == SourceLanguage.Python ? null : isTpdb ? IntegerSemantics.Math : IntegerSemantics.C,
                DataModel = program.Language == SourceLanguage.C ? program.DataModel : null,
                UninitializedReads = program.Language == SourceLanguage.C ? uninitializedReads : null,
            };
            var result = backend.Analyze(program, options, cancellationToken);
            var verdicts = result.Functions.Select(f => f.Verdict).ToList();

            // Several functions (no entry point): the program terminates when all do, and does not when one does not.
            Verdict verdict = verdicts.OfType<No>().FirstOrDefault() as Verdict
                ?? verdicts.OfType<DontKnow>().FirstOrDefault() as Verdict
                ?? verdicts.FirstOrDefault() ?? new DontKnow("no functions");
            var answers = result.Functions.Select(f => f.UndefinedBehaviour).ToList();
            var isC = answers.Count > 0 && answers.All(a => a is not null);
            return new BenchOutcome(entry, verdict.Name, (verdict as No)?.Witness.Kind, clock.Elapsed, (verdict as DontKnow)?.Reason)
            {
                // Several functions: every run of the program avoids undefined behaviour and terminates when that holds
                // of each; undefined behaviour is reachable when it is in one.
                TerminatesWithoutUndefinedBehaviour = isC ? Combine([.. answers.Select(a => a!.TerminatesWithoutUndefinedBehaviour.Name)], "No", "Yes") : null,
                UndefinedBehaviourReachable = isC ? Combine([.. answers.Select(a => a!.UndefinedBehaviourReachable.Name)], "Yes", "No") : null,
            };
        }
        catch (SourceException e)
        {
            return new BenchOutcome(entry, "error", null, clock.Elapsed, e.Message);
        }
        catch (InternalErrorException e)
        {
            // A bug stops the run (exit 70); the message says which program found it.
            throw new InternalErrorException($"{entry.Path}: {e.Message}", e.InnerException ?? e);
        }
    }

    /// <summary>The answer for all functions together: <paramref name="any"/> if one says it, else DontKnow if one does, else <paramref name="all"/>.</summary>
    private static string Combine(List<string> names, string any, string all) =>
        names.Contains(any) ? any : names.Contains("DontKnow") ? "DontKnow" : all;
}
