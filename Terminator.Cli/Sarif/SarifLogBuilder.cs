using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Cli.Sarif;

/// <summary>
/// Builds one SARIF log with one run from the results of any number of files: a result for each No, DontKnow, failing
/// or undecided assertion and can-return answer other than a proved No; none for Yes. Inputs that could not be analyzed
/// become tool execution notifications and make the run unsuccessful.
/// </summary>
public sealed class SarifLogBuilder
{
    private const string Error = "error";
    private readonly List<SarifArtifact> _artifacts = [];
    private readonly Dictionary<string, int> _artifactIndex = new(StringComparer.Ordinal);
    private readonly List<SarifResult> _results = [];
    private readonly List<SarifNotification> _failures = [];

    /// <summary>Adds the results of one analyzed file.</summary>
    public void Add(ProgramResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_artifactIndex.ContainsKey(result.File))
        {
            _artifactIndex[result.File] = _artifacts.Count;
            _artifacts.Add(new SarifArtifact(
                new SarifArtifactLocation(ToUri(result.File), null),
                result.Language == SourceLanguage.C ? "c" : "python",
                ["analysisTarget"],
                new SarifArtifactProperties(
                    result.Semantics == IntegerSemantics.C ? "c" : "math",
                    result.Language == SourceLanguage.C ? (result.DataModel == DataModel.Lp64 ? "lp64" : "ilp32") : null)));
        }

        foreach (var function in result.Functions.IsDefault ? [] : result.Functions)
            AddFunction(function, result.File);
    }

    /// <summary>Adds an input that could not be analyzed: <paramref name="where"/> and the message without its position.</summary>
    public void AddFailure(SourceSpan where, string message)
    {
        ArgumentNullException.ThrowIfNull(where);
        _failures.Add(new SarifNotification(Error, new SarifMessage(Sentence(message)), [Location(where, where.File, null, null, null)]));
    }

    /// <summary>The log of everything added so far.</summary>
    public SarifLog Build()
    {
        var driver = new SarifToolComponent("Terminator", ToolVersion.Informational, SarifRules.All);
        var invocation = new SarifInvocation(_failures.Count == 0, _failures.Count == 0 ? null : [.. _failures]);
        var run = new SarifRun(new SarifTool(driver), [invocation], [.. _artifacts], [.. _results], "unicodeCodePoints");
        return new SarifLog(SarifLog.SchemaUri, SarifLog.CurrentVersion, [run]);
    }

    private void AddFunction(FunctionResult function, string file)
    {
        var name = function.Name;
        switch (function.Verdict)
        {
            case No no:
                AddWitness(function, no.Witness, file);
                break;
            case DontKnow dontKnow:
                var tried = dontKnow.TechniquesTried.IsDefaultOrEmpty ? "" : $" Tried: {string.Join(", ", dontKnow.TechniquesTried)}.";
                AddResult(
                    SarifRules.TerminationUnknown,
                    $"Could not prove whether {name} always terminates: {Sentence(dontKnow.Reason)}{tried}",
                    Location(function.Location, file, name, null, null),
                    null,
                    new SarifResultProperties(name, dontKnow.Name, null, null, null, null, dontKnow.Reason,
                        dontKnow.TechniquesTried.IsDefaultOrEmpty ? null : dontKnow.TechniquesTried, null));
                break;
        }

        // Undefined behaviour found after a No of another kind: its own result, as for a No that shows it.
        if (function.UndefinedBehaviour?.UndefinedBehaviourReachable is UndefinedBehaviourReachable reachable
            && (function.Verdict as No)?.Witness != reachable.Witness)
        {
            AddWitness(function, reachable.Witness, file);
        }

        foreach (var assertion in function.Assertions.IsDefault ? [] : function.Assertions)
        {
            if (assertion.Verdict == AssertionVerdict.Holds)
                continue;
            var fails = assertion.Verdict == AssertionVerdict.Fails;
            AddAnswer(fails ? SarifRules.AssertionFailure : SarifRules.AssertionUnknown, assertion.Location, file, name, assertion.Verdict.ToString(), null,
                fails ? (assertion.Inputs, assertion.NondetValues) : null, assertion.Reason,
                fails ? $"The assertion in {name} fails" : $"Could not prove whether the assertion in {name} holds");
        }

        if (function.CanReturn is { Verdict: not CanReturnVerdict.No } canReturn)
        {
            var yes = canReturn.Verdict == CanReturnVerdict.Yes;
            AddAnswer(SarifRules.CanReturn, function.Location, file, name, canReturn.Verdict.ToString(), canReturn.Value,
                yes ? (canReturn.Inputs, canReturn.NondetValues) : null, canReturn.Reason,
                yes ? $"{name} can return {canReturn.Value}" : $"Could not decide whether {name} can return {canReturn.Value}");
        }
    }

    /// <summary>
    /// The answer to a question other than termination: with the input that shows it when one was found
    /// (<paramref name="run"/>), else with <paramref name="reason"/>.
    /// </summary>
    private void AddAnswer(SarifRule rule, SourceSpan at, string file, string name, string verdict, string? value,
        (ImmutableArray<InputValue> Inputs, ImmutableArray<BigInteger> NondetValues)? run, string reason, string head)
    {
        var message = run is { } shown ? $"{head}{From(shown.Inputs, shown.NondetValues)}." : $"{head}: {Sentence(reason)}";
        AddResult(rule, message, Location(at, file, name, null, null), null, new SarifResultProperties(
            name, verdict, null, run is { } r ? Inputs(r.Inputs) : null, run is { } n ? OrEmpty(n.NondetValues) : null, null,
            run is null ? reason : null, null, value));
    }

    private void AddWitness(FunctionResult function, NonterminationWitness witness, string file)
    {
        var name = function.Name;
        var from = From(witness.Inputs, witness.NondetValues, witness.NondetValuesRepeatFrom);
        // "never leaves true" says nothing that "runs forever" does not.
        var loop = witness.RecurrentSet is { } set && set is not (AndCondition { Operands.IsEmpty: true } or BooleanCondition { Value: true }) ? $"; the loop never leaves {set}" : "";
        // The explanation is a clause that may start with a variable's name, so it follows a semicolon, never a period.
        var why = string.IsNullOrWhiteSpace(witness.Explanation) ? "" : $"; {witness.Explanation.Trim().TrimEnd('.')}";
        var (rule, kind, message, primary) = witness.Kind switch
        {
            WitnessKind.Nontermination => (SarifRules.Nontermination, "nontermination",
                $"{name} runs forever{from}{loop}", witness.Loop),
            WitnessKind.UndefinedBehaviour => (SarifRules.UndefinedBehaviour, "undefined-behaviour",
                $"{name} reaches undefined behaviour{(witness.UndefinedBehaviourAt is { } at ? $" at {at}" : "")}{from}",
                witness.UndefinedBehaviourAt ?? witness.Loop),
            _ => (SarifRules.NonterminationOrUndefinedBehaviour, "nontermination-or-undefined-behaviour",
                $"{name} runs forever or reaches undefined behaviour{from}{loop}", witness.Loop ?? witness.UndefinedBehaviourAt),
        };

        // The result sits where the problem shows (the loop or the undefined behaviour); the definition and a possible
        // undefined behaviour elsewhere are related places.
        var related = new List<SarifLocation>();
        if (IsKnown(primary))
            related.Add(Location(function.Location, file, name, 1, $"{name} is defined here"));
        if (witness.Kind == WitnessKind.NonterminationOrUndefinedBehaviour && IsKnown(witness.UndefinedBehaviourAt) && IsKnown(witness.Loop))
            related.Add(Location(witness.UndefinedBehaviourAt!, file, name, 2, "undefined behaviour is possible here"));

        AddResult(
            rule,
            $"{message}{why}.",
            Location(IsKnown(primary) ? primary! : function.Location, file, name, null, null),
            related.Count == 0 ? null : related,
            new SarifResultProperties(name, "No", kind, Inputs(witness.Inputs), OrEmpty(witness.NondetValues), witness.RecurrentSet?.ToString(), null, null, null));
    }

    private void AddResult(SarifRule rule, string message, SarifLocation location, IReadOnlyList<SarifLocation>? related, SarifResultProperties properties) =>
        _results.Add(new SarifResult(
            rule.Id,
            SarifRules.IndexOf(rule),
            rule.DefaultConfiguration.Level,
            new SarifMessage(message),
            [location],
            related,
            properties));

    private SarifLocation Location(SourceSpan span, string fallbackFile, string? function, int? id, string? message)
    {
        // Synthesized code has no place in the source: the result then points at the file alone.
        var file = span == SourceSpan.None ? fallbackFile : span.File;
        var region = IsKnown(span) ? new SarifRegion(span.Line, span.Column) : null;
        var artifact = new SarifArtifactLocation(ToUri(file), _artifactIndex.TryGetValue(file, out var index) ? index : null);
        return new SarifLocation(
            id,
            new SarifPhysicalLocation(artifact, region),
            function is null ? null : [new SarifLogicalLocation(function, "function")],
            message is null ? null : new SarifMessage(message));
    }

    private static bool IsKnown(SourceSpan? span) => span is not null && span != SourceSpan.None && span.Line >= 1 && span.Column >= 1;

    /// <summary>
    /// The path as a URI reference: a relative path stays relative (each segment percent-encoded, so that spaces and
    /// such survive), an absolute one becomes a <c>file:</c> URI.
    /// </summary>
    internal static string ToUri(string path)
    {
        if (Path.IsPathRooted(path))
            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        var segments = path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>" from x = 5, y = 0" (and the nondeterministic values), or nothing for a function without inputs.</summary>
    /// <summary>" from x = 1 with the nondeterministic values 7, then 0, -1 for ever, in turn" (each part when there is one).</summary>
    private static string From(ImmutableArray<InputValue> inputs, ImmutableArray<BigInteger> nondetValues, int? repeatFrom = null)
    {
        var text = inputs.IsDefaultOrEmpty
            ? ""
            : " from " + string.Join(", ", inputs.Select(i => i.Describe()));
        if (nondetValues.IsDefaultOrEmpty)
            return text;
        string Numbers(IEnumerable<BigInteger> values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var start = repeatFrom is { } r && r < nondetValues.Length ? r : nondetValues.Length;
        var once = Numbers(nondetValues.Take(start));
        var cycle = start < nondetValues.Length ? $"{Numbers(nondetValues.Skip(start))} for ever, in turn" : "";
        return text + " with the nondeterministic values " + (once.Length == 0 ? cycle : cycle.Length == 0 ? once : $"{once}, then {cycle}");
    }

    private static Dictionary<string, BigInteger> Inputs(ImmutableArray<InputValue> inputs)
    {
        var map = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var input in inputs.IsDefault ? [] : inputs)
            map[input.Name] = input.Value;
        return map;
    }

    private static ImmutableArray<BigInteger> OrEmpty(ImmutableArray<BigInteger> values) => values.IsDefault ? [] : values;

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
