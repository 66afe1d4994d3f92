using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// One function's return-value summary: a formula over its parameters (by their source names) and
/// <see cref="ReturnSummaries.Result"/> that holds of every call of the function that returns.
/// </summary>
internal sealed record ReturnSummary(string Function, Formula Relation);

/// <summary>
/// Return-value summaries of recursive functions. The lowering assumes a function's summary, instantiated with the
/// arguments and the returned value, on the edge where a recursive call of it returns, instead of leaving the value
/// free (see <see cref="Lowering"/>).
/// </summary>
/// <remarks>
/// A set of summaries is sound when, for each of its functions, no path of the function's summary-check graph
/// (<see cref="Lowering.LowerSummaryCheck"/>) returns a value outside the summary of the parameters it was called
/// with. In that graph a recursive call only returns (the descent is left out), with a value that satisfies the
/// callee's summary. By induction on the height of the finite tree of calls below an activation that returns, every
/// such activation follows a path of that graph in which each nested call that returned satisfied its summary, so the
/// summaries hold of all returning calls together. A call that never returns contributes no value.
/// </remarks>
internal sealed record ReturnSummaries(EquatableArray<ReturnSummary> Items)
{
    /// <summary>The name that stands for the returned value in a summary.</summary>
    public const string Result = "$result";

    /// <summary>No summaries: every recursive call returns any value of its type.</summary>
    public static readonly ReturnSummaries None = new([]);

    /// <summary>The ghost variable of a summary-check graph that keeps <paramref name="parameter"/>'s value at entry.</summary>
    public static string EntryValue(string parameter) => "$entry." + parameter;

    /// <summary>
    /// The variable that keeps the argument of <paramref name="parameter"/> of an inlined call of a summarized function
    /// (<paramref name="suffix"/> names the call, as in <c>x@f#2</c>), so the call's value can be checked against it.
    /// </summary>
    public static string KeptArgument(string parameter, string suffix) => $"{parameter}.entry{suffix}";

    /// <summary>Whether <paramref name="variable"/> is one that <see cref="KeptArgument"/> names.</summary>
    public static bool IsKeptArgument(string variable) => variable.Contains(".entry@", StringComparison.Ordinal);

    /// <summary>The summary of <paramref name="function"/>, or null.</summary>
    public Formula? Of(string function) => Items.FirstOrDefault(s => s.Function == function)?.Relation;

    /// <summary>
    /// <paramref name="relation"/> with each parameter replaced by its value in <paramref name="arguments"/> and the
    /// result by <paramref name="result"/>.
    /// </summary>
    public static Formula Instantiate(Formula relation, IReadOnlyList<string> parameters, IReadOnlyList<Term> arguments, Term result)
    {
        var map = new Dictionary<string, Term> { [Result] = result };
        for (var i = 0; i < parameters.Count; i++)
        {
            map[parameters[i]] = arguments[i];
        }

        return LogicOps.Substitute(relation, v => map.GetValueOrDefault(v.Name));
    }
}
