using System.Globalization;
using System.Text.RegularExpressions;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Tests.Examples;

/// <summary>What an example expects for one function's termination.</summary>
/// <param name="Function">The function.</param>
/// <param name="Expected">What the tool must answer now: "Yes", "No" or "DontKnow".</param>
/// <param name="Truth">The true verdict ("Yes" or "No"), or null when unknown.</param>
internal sealed record TerminationExpectation(string Function, string Expected, string? Truth);

/// <summary>What an example expects for "can <paramref name="Function"/> return <paramref name="Value"/>?".</summary>
internal sealed record CanReturnExpectation(string Function, string Value, string Expected);

/// <summary>
/// The header of an example file: its leading <c>//</c> comment lines (<c>#</c> lines in Python files) with <c>expect</c>, <c>truth</c>, <c>options</c> and
/// <c>expect-can-return</c> directives (the format is documented in examples/README.md).
/// </summary>
internal sealed partial record ExampleHeader(
    IReadOnlyList<TerminationExpectation> Expectations,
    IReadOnlyList<CanReturnExpectation> CanReturnExpectations,
    AnalysisOptions Options)
{
    /// <summary>The per-function budget when the header sets none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads the header of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">A directive is malformed; the message starts with <c>file:line:</c>.</exception>
    public static ExampleHeader Parse(string text, string fileName)
    {
        var expected = new Dictionary<string, (string Verdict, int Line)>(StringComparer.Ordinal);
        var truths = new Dictionary<string, (string? Truth, int Line)>(StringComparer.Ordinal);
        var canReturn = new List<CanReturnExpectation>();
        var options = new AnalysisOptions { Timeout = DefaultTimeout };

        var comment = fileName.EndsWith(".py", StringComparison.OrdinalIgnoreCase) ? "#" : "//";
        var lineNumber = 0;
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
                continue;
            if (!line.StartsWith(comment, StringComparison.Ordinal))
                break;
            var content = line[comment.Length..].Trim();
            string Where() => $"{fileName}:{lineNumber}";

            if (content.StartsWith("expect-can-return", StringComparison.Ordinal))
            {
                var m = CanReturnPattern().Match(content);
                if (!m.Success)
                    throw new FormatException($"{Where()}: expected '// expect-can-return <function> <value>: Yes|No|DontKnow'");
                canReturn.Add(new CanReturnExpectation(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
            }
            else if (content.StartsWith("expect", StringComparison.Ordinal))
            {
                var m = ExpectPattern().Match(content);
                if (!m.Success)
                    throw new FormatException($"{Where()}: expected '// expect <function>: Yes|No|DontKnow'");
                if (!expected.TryAdd(m.Groups[1].Value, (m.Groups[2].Value, lineNumber)))
                    throw new FormatException($"{Where()}: a second 'expect' for {m.Groups[1].Value}");
            }
            else if (content.StartsWith("truth", StringComparison.Ordinal))
            {
                var m = TruthPattern().Match(content);
                if (!m.Success)
                    throw new FormatException($"{Where()}: expected '// truth <function>: Yes|No|unknown'");
                var truth = m.Groups[2].Value == "unknown" ? null : m.Groups[2].Value;
                if (!truths.TryAdd(m.Groups[1].Value, (truth, lineNumber)))
                    throw new FormatException($"{Where()}: a second 'truth' for {m.Groups[1].Value}");
            }
            else if (content.StartsWith("options:", StringComparison.Ordinal))
            {
                options = ApplyOptions(options, content["options:".Length..], Where());
            }
        }

        foreach (var (function, (_, line)) in truths)
        {
            if (!expected.ContainsKey(function))
                throw new FormatException($"{fileName}:{line}: 'truth' for {function}, which has no 'expect'");
        }

        var expectations = expected
            .OrderBy(e => e.Value.Line)
            .Select(e => new TerminationExpectation(e.Key, e.Value.Verdict, TruthOf(e.Key, e.Value.Verdict, truths, fileName)))
            .ToList();

        foreach (var c in canReturn)
        {
            if (c.Value != options.CanReturn)
                throw new FormatException($"{fileName}: 'expect-can-return {c.Function} {c.Value}' needs '// options: --can-return {c.Value}'");
        }

        return new ExampleHeader(expectations, canReturn, options);
    }

    private static string? TruthOf(string function, string verdict, Dictionary<string, (string? Truth, int Line)> truths, string fileName)
    {
        if (!truths.TryGetValue(function, out var truth))
            return verdict == "DontKnow" ? null : verdict;
        if (verdict != "DontKnow" && truth.Truth != verdict)
            throw new FormatException($"{fileName}:{truth.Line}: truth {truth.Truth ?? "unknown"} contradicts 'expect {function}: {verdict}'");
        return truth.Truth;
    }

    private static AnalysisOptions ApplyOptions(AnalysisOptions options, string text, string where)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i += 2)
        {
            if (i + 1 >= tokens.Length)
                throw new FormatException($"{where}: option {tokens[i]} needs a value");
            var value = tokens[i + 1];
            options = tokens[i] switch
            {
                "--semantics" => options with
                {
                    Semantics = value switch
                    {
                        "c" => IntegerSemantics.C,
                        "math" => IntegerSemantics.Math,
                        _ => throw new FormatException($"{where}: --semantics takes c or math, not '{value}'"),
                    },
                },
                "--data-model" => options with
                {
                    DataModel = value switch
                    {
                        "ilp32" => DataModel.Ilp32,
                        "lp64" => DataModel.Lp64,
                        _ => throw new FormatException($"{where}: --data-model takes ilp32 or lp64, not '{value}'"),
                    },
                },
                "--uninitialized-reads" => options with
                {
                    UninitializedReads = value switch
                    {
                        "arbitrary" => UninitializedReads.ArbitraryValue,
                        "undefined" => UninitializedReads.Undefined,
                        _ => throw new FormatException($"{where}: --uninitialized-reads takes arbitrary or undefined, not '{value}'"),
                    },
                },
                "--function" => options with { Function = value },
                "--can-return" => options with { CanReturn = value },
                "--timeout" => options with
                {
                    Timeout = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new FormatException($"{where}: --timeout takes seconds, not '{value}'"),
                },
                _ => throw new FormatException($"{where}: unknown option '{tokens[i]}'"),
            };
        }

        return options;
    }

    // A trailing "(comment)" is allowed after a verdict so that files can say why.
    [GeneratedRegex(@"^expect\s+([A-Za-z_]\w*)\s*:\s*(Yes|No|DontKnow)\s*(\(.*\))?$")]
    private static partial Regex ExpectPattern();

    [GeneratedRegex(@"^expect-can-return\s+([A-Za-z_]\w*)\s+(\S+?)\s*:\s*(Yes|No|DontKnow)\s*(\(.*\))?$")]
    private static partial Regex CanReturnPattern();

    [GeneratedRegex(@"^truth\s+([A-Za-z_]\w*)\s*:\s*(Yes|No|unknown)\s*(\(.*\))?$")]
    private static partial Regex TruthPattern();
}
