using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Terminator.Core;

namespace Terminator.Cli.Bench;

/// <summary>The score table of a benchmark run, in text or JSON.</summary>
internal static class BenchReport
{
    private static readonly string[] Answers = ["Yes", "No", "DontKnow", "error"];

    public static void WriteText(IReadOnlyList<BenchOutcome> outcomes, TimeSpan budget, TextWriter output)
    {
        output.WriteLine($"{outcomes.Count} programs, budget {budget.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s each");
        output.WriteLine();
        output.WriteLine($"{"expected",-16}{string.Join("", Answers.Select(a => $"{a,10}"))}{"total",10}");
        foreach (var group in outcomes.GroupBy(o => o.Entry.Expected ?? "unlisted").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key,-16}{string.Join("", Answers.Select(a => $"{group.Count(o => o.Answer == a),10}"))}{group.Count(),10}");
        }

        output.WriteLine();
        WriteProperty("terminates whenever no undefined behaviour occurs", outcomes, o => o.TerminatesWithoutUndefinedBehaviour, o => o.TerminationRight, o => o.TerminationContradicts, output);
        output.WriteLine();
        WriteProperty("undefined behaviour reachable", outcomes, o => o.UndefinedBehaviourReachable, o => o.ReachabilityRight, o => o.ReachabilityContradicts, output);

        output.WriteLine();
        WriteAcceptance(outcomes, output);

        output.WriteLine();
        var wrong = outcomes.Where(o => o.Contradicts).ToList();
        output.WriteLine($"answers contradicting the listed verdict: {wrong.Count}");
        foreach (var o in wrong)
        {
            var why = o.ContradictsByUndefinedBehaviour ? " (a replayed witness of undefined behaviour that the listing does not count)" : "";
            output.WriteLine($"  {Path.GetFileName(o.Entry.Path)}: {o.Answer}, listed {o.Entry.Expected}{why}");
        }

        var wrongProperties = outcomes.Where(o => o.TerminationContradicts || o.ReachabilityContradicts).ToList();
        output.WriteLine($"property answers contradicting the listed verdict: {wrongProperties.Count}");
        foreach (var o in wrongProperties)
        {
            var what = o.TerminationContradicts
                ? $"terminates whenever no undefined behaviour occurs: {o.TerminatesWithoutUndefinedBehaviour}"
                : $"undefined behaviour reachable: {o.UndefinedBehaviourReachable}";
            var why = o is { ReachabilityContradicts: true, UndefinedBehaviourReachable: "Yes" } ? " (a replayed witness of undefined behaviour that the listing does not count)" : "";
            output.WriteLine($"  {Path.GetFileName(o.Entry.Path)}: {what}, listed {o.Entry.Expected}{why}");
        }

        foreach (var o in outcomes.Where(o => o.Answer == "error"))
        {
            output.WriteLine($"  error: {o.Detail}");
        }

        output.WriteLine();
        output.WriteLine($"SV-COMP score: {outcomes.Sum(o => o.Score)} (of {MaximumScore(outcomes)} possible)");
        output.WriteLine($"time: total {Seconds(Total(outcomes))} s, median {Seconds(Median(outcomes))} s per program");
    }

    /// <summary>
    /// One property of the C programs per listed verdict: its answers, how many are right (terminating: termination Yes
    /// and reachability No; nonterminating: termination No; ub: reachability Yes) and how many contradict the listing.
    /// A listing that implies nothing about the property (reachability of a non-terminating program) counts neither.
    /// </summary>
    private static void WriteProperty(string name, IReadOnlyList<BenchOutcome> outcomes, Func<BenchOutcome, string?> answer, Func<BenchOutcome, bool> right, Func<BenchOutcome, bool> wrong, TextWriter output)
    {
        string[] answers = ["Yes", "No", "DontKnow"];
        output.WriteLine($"property: {name} (C programs)");
        output.WriteLine($"{"expected",-16}{string.Join("", answers.Select(a => $"{a,10}"))}{"right",10}{"wrong",10}");
        var c = outcomes.Where(o => answer(o) is not null).ToList();
        foreach (var group in c.GroupBy(o => o.Entry.Expected ?? "unlisted").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key,-16}{string.Join("", answers.Select(a => $"{group.Count(o => answer(o) == a),10}"))}{group.Count(right),10}{group.Count(wrong),10}");
        }
    }

    /// <summary>
    /// Per folder: how many programs the frontend accepted (the entry function was analyzed), how many were answered
    /// (Yes or No), and why the others were refused (the entry function is outside the subset) or rejected (the file,
    /// with its error).
    /// </summary>
    private static void WriteAcceptance(IReadOnlyList<BenchOutcome> outcomes, TextWriter output)
    {
        static int Answered(IEnumerable<BenchOutcome> programs) => programs.Count(o => o.Answer is "Yes" or "No");
        output.WriteLine($"{"folder",-44}{"programs",10}{"accepted",10}{"answered",10}  refused or rejected");
        foreach (var folder in outcomes.GroupBy(o => o.Folder).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var refusals = folder.Where(o => o.Refusal is not null)
                .GroupBy(o => o.Refusal!)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()}");
            output.WriteLine($"{folder.Key,-44}{folder.Count(),10}{folder.Count(o => o.Refusal is null),10}{Answered(folder),10}  {string.Join("; ", refusals)}");
        }

        output.WriteLine($"{"all",-44}{outcomes.Count,10}{outcomes.Count(o => o.Refusal is null),10}{Answered(outcomes),10}");
    }

    public static void WriteJson(IReadOnlyList<BenchOutcome> outcomes, TimeSpan budget, TextWriter output)
    {
        var report = new BenchReportDto(
            1,
            budget.TotalSeconds,
            [.. outcomes.Select(o => new BenchProgramDto(
                o.Entry.Path,
                o.Entry.Expected,
                o.Answer,
                o.WitnessKind?.ToString(),
                (long)Math.Round(o.Elapsed.TotalMilliseconds),
                o.Contradicts,
                o.Detail)
            {
                Folder = o.Folder,
                Refusal = o.Refusal,
                TerminatesWithoutUndefinedBehaviour = o.TerminatesWithoutUndefinedBehaviour,
                UndefinedBehaviourReachable = o.UndefinedBehaviourReachable,
                PropertyContradictsListing = o.TerminationContradicts || o.ReachabilityContradicts ? true : null,
            })],
            outcomes.Sum(o => o.Score),
            MaximumScore(outcomes),
            (long)Math.Round(Total(outcomes).TotalMilliseconds),
            (long)Math.Round(Median(outcomes).TotalMilliseconds));
        output.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReportDto));
    }

    /// <summary>
    /// Exit code: 1 when an answer or a property's answer contradicts its listing other than through an
    /// undefined-behaviour witness.
    /// </summary>
    public static int ExitCode(IReadOnlyList<BenchOutcome> outcomes) =>
        outcomes.Any(o => (o.Contradicts && !o.ContradictsByUndefinedBehaviour) || o.TerminationContradicts || o is { ReachabilityContradicts: true, UndefinedBehaviourReachable: "No" })
            ? ExitCodes.SomeNo
            : ExitCodes.AllYes;

    private static int MaximumScore(IEnumerable<BenchOutcome> outcomes) =>
        outcomes.Sum(o => o.Entry.Expected switch { "terminating" => 2, "nonterminating" or "ub" => 1, _ => 0 });

    private static TimeSpan Total(IEnumerable<BenchOutcome> outcomes) => TimeSpan.FromTicks(outcomes.Sum(o => o.Elapsed.Ticks));

    private static TimeSpan Median(IReadOnlyList<BenchOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = outcomes.Select(o => o.Elapsed).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A benchmark run as JSON.</summary>
/// <param name="SchemaVersion">Version of this format.</param>
/// <param name="BudgetSeconds">The time budget per program.</param>
/// <param name="Programs">One entry per program.</param>
/// <param name="Score">SV-COMP's score: +2 correct Yes, +1 correct No, −32 wrong Yes, −16 wrong No.</param>
/// <param name="MaximumScore">The score if every listed program were answered correctly.</param>
/// <param name="TotalMs">Sum of the per-program times.</param>
/// <param name="MedianMs">Median per-program time.</param>
public sealed record BenchReportDto(int SchemaVersion, double BudgetSeconds, IReadOnlyList<BenchProgramDto> Programs, int Score, int MaximumScore, long TotalMs, long MedianMs);

/// <summary>One program of a benchmark run.</summary>
/// <param name="File">The program's path.</param>
/// <param name="Expected">The listed verdict, when there is one.</param>
/// <param name="Answer"><c>Yes</c>, <c>No</c>, <c>DontKnow</c> or <c>error</c>.</param>
/// <param name="WitnessKind">For No: the kind of witness.</param>
/// <param name="TimeMs">Wall time for the program.</param>
/// <param name="ContradictsListing">The answer is the opposite of the listed verdict.</param>
/// <param name="Detail">The reason of a DontKnow or the error.</param>
public sealed record BenchProgramDto(string File, string? Expected, string Answer, string? WitnessKind, long TimeMs, bool ContradictsListing, string? Detail)
{
    /// <summary>The group of the program in the acceptance table (<c>origin/folder</c>, or its folder).</summary>
    public string? Folder { get; init; }

    /// <summary>Why the frontend did not accept the program: the unsupported construct of its entry function, or <c>error</c>; absent when accepted.</summary>
    public string? Refusal { get; init; }

    /// <summary>For C: <c>Yes</c>, <c>No</c> or <c>DontKnow</c> for "every run that avoids undefined behaviour terminates".</summary>
    public string? TerminatesWithoutUndefinedBehaviour { get; init; }

    /// <summary>For C: <c>Yes</c>, <c>No</c> or <c>DontKnow</c> for "undefined behaviour is reachable".</summary>
    public string? UndefinedBehaviourReachable { get; init; }

    /// <summary>True when one of the two properties' answers contradicts the listed verdict; absent otherwise.</summary>
    public bool? PropertyContradictsListing { get; init; }
}

/// <summary>Source-generated serialization for benchmark reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(BenchReportDto))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
