using System.Text.RegularExpressions;
using NUnit.Framework.Internal;
using Terminator.NUnit;
using Terminator.Tests.Cli;

namespace Terminator.Tests.Docs;

/// <summary>
/// Every sample output in the README and <c>examples/README.md</c> is what the tool prints. A sample is a fenced block
/// right after a marker line that names the command:
/// <c>&lt;!-- sample: terminator analyze examples/g.c --&gt;</c> (the block is the whole output) or
/// <c>&lt;!-- excerpt: terminator ... --&gt;</c> (each line of the block is part of an output line, in order). Times are
/// compared as "some number of milliseconds". Every other fenced block must be code or a command line, so that no
/// output is shown unchecked.
/// </summary>
[TestFixture]
public sealed partial class DocSampleTests
{
    private static readonly string[] Documents = ["README.md", "examples/README.md"];

    /// <summary>One marked block: where it is, how it is compared, the command line and the text.</summary>
    public sealed record Sample(string Document, int Line, bool Whole, string[] Arguments, string Text)
    {
        public override string ToString() => $"{Document}:{Line}";
    }

    private static IEnumerable<Sample> Samples() => Documents.SelectMany(SamplesOf);

    private static IEnumerable<Sample> SamplesOf(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, document));
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (Marker().Match(lines[i]) is not { Success: true } marker || !lines[i + 1].StartsWith("```", StringComparison.Ordinal))
                continue;
            var end = Array.FindIndex(lines, i + 2, l => l.StartsWith("```", StringComparison.Ordinal));
            yield return new Sample(
                document,
                i + 1,
                marker.Groups[1].Value == "sample",
                marker.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                string.Join("\n", lines[(i + 2)..end]));
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void TheSampleIsWhatTheToolPrints(Sample sample)
    {
        var printed = Normalize(Run(sample.Arguments));
        var shown = Normalize(sample.Text);

        if (sample.Whole)
        {
            Assert.That(shown, Is.EqualTo(printed), $"{sample}: the output of '{string.Join(' ', sample.Arguments)}'");
            return;
        }

        var remaining = printed.Split('\n').AsEnumerable();
        foreach (var line in shown.Split('\n').Where(l => l.Length > 0))
        {
            remaining = remaining.SkipWhile(l => !l.Contains(line, StringComparison.Ordinal));
            Assert.That(remaining.Any(), Is.True, $"{sample}: '{line}' is not (in this order) in the output of '{string.Join(' ', sample.Arguments)}':\n{printed}");
            remaining = remaining.Skip(1);
        }
    }

    [Test]
    public void EveryOtherBlockIsCodeOrACommand()
    {
        var unverified = new List<string>();
        foreach (var document in Documents)
        {
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, document));
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("```", StringComparison.Ordinal))
                    continue;
                var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
                var language = lines[i][3..].Trim();
                var body = lines[(i + 1)..end].Where(l => l.Trim().Length > 0).ToList();
                var marked = i > 0 && Marker().IsMatch(lines[i - 1]);
                var commands = body.All(l => l.StartsWith("dotnet ", StringComparison.Ordinal) || l.StartsWith("terminator ", StringComparison.Ordinal) || l.StartsWith(' '));
                var headerFormat = body.All(l => l.StartsWith("// ", StringComparison.Ordinal));
                if (!marked && language != "csharp" && !commands && !headerFormat)
                    unverified.Add($"{document}:{i + 1}");
                i = end;
            }
        }

        Assert.That(unverified, Is.Empty, "blocks that look like output but are not marked as samples");
    }

    [Test]
    public void TheDocumentsHoldSamples()
    {
        Assert.That(Samples().Count(), Is.GreaterThanOrEqualTo(5));
    }

    /// <summary>
    /// The output of <c>terminator</c> (after the word itself), run in-process from the repository's root; or, for
    /// <c>nunit &lt;constraint&gt; &lt;file&gt; &lt;function&gt;</c>, the failure message of that <c>Proved</c> constraint on the
    /// function of the file's text, named by its file name alone.
    /// </summary>
    private static string Run(string[] arguments)
    {
        if (arguments is ["nunit", var name, var file, var function])
            return NUnitMessage(name, file, function);
        Assert.That(arguments.FirstOrDefault(), Is.EqualTo("terminator"), "a sample's command starts with 'terminator' or 'nunit'");
        var args = arguments.Skip(1).Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(RepoPaths.Root, a) : a).ToArray();
        var run = CliHarness.Run(args);
        return (run.Stdout + run.Stderr).Replace(RepoPaths.Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
    }

    private static string NUnitMessage(string constraintName, string file, string function)
    {
        var constraint = constraintName switch
        {
            "Terminates" => Proved.Terminates,
            "DoesNotTerminate" => Proved.DoesNotTerminate,
            _ => Proved.Nothing,
        };
        var subject = Source.C(File.ReadAllText(Path.Combine(RepoPaths.Root, file)), Path.GetFileName(file)).Function(function);
        var result = constraint.ApplyTo(subject);
        Assert.That(result.IsSuccess, Is.False, "a sample of a failure message needs a failing constraint");
        var writer = new TextMessageWriter();
        result.WriteMessageTo(writer);
        return writer.ToString();
    }

    private static string Normalize(string text) =>
        TimeMs().Replace(Milliseconds().Replace(text.ReplaceLineEndings("\n").TrimEnd(), "(N ms)"), "\"timeMs\": N");

    [GeneratedRegex(@"^<!-- (sample|excerpt): (.+) -->$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\(\d+ ms\)")]
    private static partial Regex Milliseconds();

    [GeneratedRegex(@"""timeMs"": \d+")]
    private static partial Regex TimeMs();
}
