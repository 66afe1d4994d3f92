namespace Terminator.Cli.Sarif;

/// <summary>
/// The rules of Terminator's SARIF results. Every log lists all of them in this order, so that a rule's index is the
/// same in every log.
/// </summary>
public static class SarifRules
{
    /// <summary>A function runs forever from some input.</summary>
    public static SarifRule Nontermination { get; } = Rule(
        "nontermination",
        "Nontermination",
        "The function does not always terminate.",
        "From the input in the message the function runs forever. The run was replayed on a concrete interpreter.",
        "error");

    /// <summary>A function reaches undefined behaviour (C semantics) from some input.</summary>
    public static SarifRule UndefinedBehaviour { get; } = Rule(
        "undefined-behaviour",
        "UndefinedBehaviour",
        "The function reaches undefined behaviour, so its termination is not guaranteed.",
        "From the input in the message the function reaches undefined behaviour (signed overflow or division by zero "
        + "under C semantics) at the reported position. The run was replayed on a concrete interpreter.",
        "error");

    /// <summary>From some input, a function either runs forever or reaches undefined behaviour.</summary>
    public static SarifRule NonterminationOrUndefinedBehaviour { get; } = Rule(
        "nontermination-or-undefined-behaviour",
        "NonterminationOrUndefinedBehaviour",
        "The function runs forever or reaches undefined behaviour.",
        "From the input in the message the function either runs forever or reaches undefined behaviour; either way it "
        + "is not guaranteed to terminate.",
        "error");

    /// <summary>Neither termination nor non-termination could be proved.</summary>
    public static SarifRule TerminationUnknown { get; } = Rule(
        "termination-unknown",
        "TerminationUnknown",
        "Terminator could not prove whether the function always terminates.",
        "No termination proof and no non-terminating input was found; the message says why and what was tried. The "
        + "function may or may not terminate.",
        "warning");

    /// <summary>An assertion fails from some input.</summary>
    public static SarifRule AssertionFailure { get; } = Rule(
        "assertion-failure",
        "AssertionFailure",
        "An assertion can fail.",
        "From the input in the message the assertion fails. The run was replayed on a concrete interpreter.",
        "error");

    /// <summary>An assertion could be neither proved nor refuted.</summary>
    public static SarifRule AssertionUnknown { get; } = Rule(
        "assertion-unknown",
        "AssertionUnknown",
        "Terminator could not prove whether an assertion holds.",
        "The assertion was neither proved for all inputs nor shown to fail; the message says why.",
        "note");

    /// <summary>The answer to <c>--can-return</c> when it is not a proved No.</summary>
    public static SarifRule CanReturn { get; } = Rule(
        "can-return",
        "CanReturn",
        "The function can return the value asked about, or that could not be decided.",
        "The answer to --can-return: either an input from which the function returns the value, or why the question "
        + "could not be decided. A proved No gives no result.",
        "note");

    /// <summary>All rules, in their index order.</summary>
    public static IReadOnlyList<SarifRule> All { get; } =
    [
        Nontermination,
        UndefinedBehaviour,
        NonterminationOrUndefinedBehaviour,
        TerminationUnknown,
        AssertionFailure,
        AssertionUnknown,
        CanReturn,
    ];

    /// <summary>The index of <paramref name="rule"/> in <see cref="All"/>.</summary>
    public static int IndexOf(SarifRule rule)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], rule))
                return i;
        }

        throw new ArgumentException($"'{rule.Id}' is not one of Terminator's rules", nameof(rule));
    }

    private static SarifRule Rule(string id, string name, string summary, string description, string level) =>
        new(id, name, new SarifMessage(summary), new SarifMessage(description), new SarifRuleConfiguration(level));
}
