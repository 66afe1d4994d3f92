using System.Text.RegularExpressions;
using Terminator.Core.Cfg;

namespace Terminator.Core.Analysis;

/// <summary>
/// Replaces the names the lowering gives the variables of inlined calls in rendered answers by readable ones. The
/// lowering names the variable <c>x</c> of the k-th call it inlines, to <c>f</c>, <c>x@f#k</c> (k counts all inlined
/// calls of the function), and that call's return value <c>$ret@f#k</c>. Answers show <c>f.x</c> and <c>f.result</c>,
/// and <c>f#2.x</c> for the variables of the second inlined call to <c>f</c>, and so on. The value of a parameter <c>x</c>
/// when the call began, which the lowering keeps for a callee with a return-value summary as <c>x.entry@f#k</c>, is
/// shown as <c>f.x.entry</c>, a member <c>s.m</c> of a struct variable as <c>f.s.m</c>, and the length and tracked
/// element of an array the call allocates as <c>f.len(a)</c>, <c>f.cell(a)</c> and <c>f.a[cell(a)]</c>.
/// </summary>
internal sealed partial class ReadableNames
{
    private readonly Dictionary<(string Callee, int Instance), int> ordinals = [];

    /// <summary>Readable names for the inlined calls whose variables <paramref name="ts"/> has.</summary>
    public ReadableNames(TransitionSystem ts)
    {
        var instances = ts.Variables
            .Select(v => InlinedName().Match(v.Name))
            .Where(m => m.Success)
            .Select(m => (Callee: m.Groups["callee"].Value, Instance: int.Parse(m.Groups["instance"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()
            .OrderBy(i => i.Instance);
        foreach (var group in instances.GroupBy(i => i.Callee))
        {
            var ordinal = 0;
            foreach (var instance in group)
            {
                ordinals[instance] = ++ordinal;
            }
        }
    }

    /// <summary><paramref name="text"/> (a variable's name, or text that names variables) with each inlined call's variable named readably.</summary>
    public string Apply(string text) => ordinals.Count == 0
        ? text
        : InlinedName().Replace(text, m =>
        {
            var callee = m.Groups["callee"].Value;
            var instance = int.Parse(m.Groups["instance"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var call = ordinals.TryGetValue((callee, instance), out var ordinal) && ordinal > 1 ? $"{callee}#{ordinal}" : callee;
            var name = m.Groups["name"].Value;
            return $"{call}.{(name == "$ret" ? "result" : name)}";
        });

    [GeneratedRegex(@"(?<name>\$ret|(?:len|cell)\([A-Za-z0-9_#*()]+?\)|[A-Za-z_][A-Za-z0-9_#]*\[cell\([A-Za-z0-9_#]+\)\]|[A-Za-z_][A-Za-z0-9_]*(?:@[0-9]+(?::[0-9]+)?\.[a-z]+|(?:\.[A-Za-z_][A-Za-z0-9_]*)+)?)@(?<callee>[A-Za-z_][A-Za-z0-9_]*)#(?<instance>[0-9]+)")]
    private static partial Regex InlinedName();
}
