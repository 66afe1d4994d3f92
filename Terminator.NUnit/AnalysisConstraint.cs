using NUnit.Framework.Constraints;
using Terminator.Core;

namespace Terminator.NUnit;

/// <summary>
/// A constraint on Terminator's answers. The actual value may be a <see cref="FunctionResult"/>, a
/// <see cref="ProgramResult"/> (every analyzed function must satisfy it), a <see cref="TerminationSubject"/> (analyzed
/// by the constraint; every analyzed function must satisfy it), or the bare answer (<see cref="Verdict"/>,
/// <see cref="CanReturnResult"/>, <see cref="UndefinedBehaviourAnswers"/>). Anything else, or a program with no function, is a misuse and throws
/// <see cref="ArgumentException"/>, so that negating a constraint never turns a misuse into a pass.
/// </summary>
public abstract class AnalysisConstraint : Constraint
{
    private readonly string description;

    private protected AnalysisConstraint(string description, params object?[] arguments)
        : base(arguments)
    {
        this.description = description;
    }

    /// <summary>What the constraint expects, as the "Expected:" line of a failure shows it.</summary>
    public override string Description => description;

    /// <summary>Applies the constraint to every function the actual value holds or, for a subject, yields.</summary>
    /// <exception cref="ArgumentException">The actual value is of another type, holds no function, or lacks the answer asked about.</exception>
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var answers = Answers(actual).Select(a => new ShownAnswer(a.Prefix + Show(a), Holds(a))).ToList();
        return new AnalysisConstraintResult(this, answers);
    }

    /// <summary>Whether one function's answer satisfies the constraint.</summary>
    private protected abstract bool Holds(FunctionAnswer answer);

    /// <summary>The part of the answer this constraint is about, for the "But was:" line.</summary>
    private protected abstract string Show(FunctionAnswer answer);

    /// <summary>Analyzes a subject with what this constraint's question needs.</summary>
    private protected virtual ProgramResult Analyze(TerminationSubject subject) => subject.Analyze();

    private List<FunctionAnswer> Answers<TActual>(TActual actual)
    {
        switch (actual)
        {
            case FunctionResult function:
                return [FunctionAnswer.Of(function)];
            case Verdict verdict:
                return [new FunctionAnswer(null, verdict, null)];
            case UndefinedBehaviourAnswers undefinedBehaviour:
                return [new FunctionAnswer(null, null, null) { UndefinedBehaviour = undefinedBehaviour, FromResult = true }];
            case CanReturnResult canReturn:
                return [new FunctionAnswer(null, null, canReturn)];
            case ProgramResult program:
                return Functions(program);
            case TerminationSubject subject:
                return Functions(Analyze(subject));
            case null:
                throw new ArgumentException($"{DisplayName} needs a Terminator result or a TerminationSubject, not null", nameof(actual));
            default:
                throw new ArgumentException(
                    $"{DisplayName} applies to a FunctionResult, ProgramResult, Verdict, CanReturnResult, UndefinedBehaviourAnswers or TerminationSubject, not {actual.GetType().Name}",
                    nameof(actual));
        }
    }

    private static List<FunctionAnswer> Functions(ProgramResult program)
    {
        // Passing on zero functions would be an assertion that cannot fail.
        if (program.Functions.IsDefaultOrEmpty)
            throw new ArgumentException($"{program.File} has no analyzed function to assert on");
        return [.. program.Functions.Select(FunctionAnswer.Of)];
    }
}

/// <summary>One function's answers as a constraint sees them; <see cref="Function"/> is null for a bare answer.</summary>
internal sealed record FunctionAnswer(string? Function, Verdict? Verdict, CanReturnResult? CanReturn)
{
    public static FunctionAnswer Of(FunctionResult result) =>
        new(result.Name, result.Verdict, result.CanReturn) { UndefinedBehaviour = result.UndefinedBehaviour, FromResult = true };

    /// <summary>The two properties a C function's verdict combines; null for Python or a bare answer.</summary>
    public UndefinedBehaviourAnswers? UndefinedBehaviour { get; init; }

    /// <summary>Whether the answer came from a whole <see cref="FunctionResult"/>, not a bare answer.</summary>
    public bool FromResult { get; init; }

    /// <summary>"g: " before the answer, so that a program's lines say which function they are about.</summary>
    public string Prefix => Function is null ? "" : Function + ": ";

    /// <summary>The name for messages: the function, or "the function" for a bare answer.</summary>
    public string Name => Function ?? "the function";
}

/// <summary>
/// Whether a function terminates, as Terminator proved it: <see cref="Proved.Terminates"/> (Yes),
/// <see cref="Proved.DoesNotTerminate"/> (No) or <see cref="Proved.Nothing"/> (DontKnow). A DontKnow satisfies
/// neither of the first two, so <c>!Proved.Terminates</c> reads "not proved to terminate", not "proved nonterminating".
/// </summary>
public sealed class TerminationConstraint : AnalysisConstraint
{
    private readonly string expected;

    internal TerminationConstraint(string expected, string description)
        : base(description, expected)
    {
        this.expected = expected;
    }

    private protected override bool Holds(FunctionAnswer answer) => VerdictOf(answer).Name == expected;

    private protected override string Show(FunctionAnswer answer) => AnswerText.Of(VerdictOf(answer));

    private static Verdict VerdictOf(FunctionAnswer answer) =>
        answer.Verdict ?? throw new ArgumentException("a can-return answer says nothing about termination; assert on the FunctionResult");
}

/// <summary>
/// The answer to "can the function return <see cref="Value"/>?": <see cref="Proved.CannotReturn"/> (No, proved for
/// all inputs) or <see cref="Proved.CanReturn"/> (Yes, with an input that returns it). A subject is analyzed with
/// <see cref="AnalysisOptions.CanReturn"/> set to the value; a result must hold the answer for that value.
/// </summary>
public sealed class CanReturnConstraint : AnalysisConstraint
{
    private readonly string expected;

    internal CanReturnConstraint(string value, string expected, string description)
        : base(description, value, expected)
    {
        Value = value;
        this.expected = expected;
    }

    /// <summary>The return value asked about, a literal of the source language.</summary>
    public string Value { get; }

    private protected override bool Holds(FunctionAnswer answer) => AnswerOf(answer).Verdict.ToString() == expected;

    private protected override string Show(FunctionAnswer answer) => AnswerText.Of(AnswerOf(answer));

    private protected override ProgramResult Analyze(TerminationSubject subject) => subject.AnalyzeCanReturn(Value);

    private CanReturnResult AnswerOf(FunctionAnswer answer)
    {
        if (answer.CanReturn is { } result && result.Value == Value)
            return result;
        var asked = answer.CanReturn is { } other ? $"it answers 'can return {other.Value}?'" : "it holds no can-return answer";
        throw new ArgumentException(
            $"the result of {answer.Name} cannot say whether it can return {Value}: {asked}; analyze with AnalysisOptions.CanReturn = \"{Value}\"");
    }
}

/// <summary>
/// One of the two properties a C function's verdict combines: <see cref="Proved.TerminatesWithoutUndefinedBehaviour"/>
/// (every run that avoids undefined behaviour terminates), <see cref="Proved.UndefinedBehaviourUnreachable"/> or
/// <see cref="Proved.UndefinedBehaviourReachable"/>. Python has no undefined behaviour: a Python result holds neither
/// property, and asserting on it is a misuse.
/// </summary>
public sealed class UndefinedBehaviourConstraint : AnalysisConstraint
{
    private readonly bool aboutTermination;
    private readonly string expected;

    internal UndefinedBehaviourConstraint(bool aboutTermination, string expected, string description)
        : base(description, aboutTermination, expected)
    {
        this.aboutTermination = aboutTermination;
        this.expected = expected;
    }

    private protected override bool Holds(FunctionAnswer answer) =>
        (aboutTermination ? AnswersOf(answer).TerminatesWithoutUndefinedBehaviour.Name : AnswersOf(answer).UndefinedBehaviourReachable.Name) == expected;

    private protected override string Show(FunctionAnswer answer) => aboutTermination
        ? "terminates whenever no undefined behaviour occurs: " + AnswerText.Of(AnswersOf(answer).TerminatesWithoutUndefinedBehaviour)
        : AnswerText.Of(AnswersOf(answer).UndefinedBehaviourReachable);

    private static UndefinedBehaviourAnswers AnswersOf(FunctionAnswer answer) => answer.UndefinedBehaviour ?? throw new ArgumentException(
        answer.FromResult
            ? $"{answer.Name} holds no answers about undefined behaviour: only C has undefined behaviour; assert Proved.Terminates on a Python function"
            : "a bare verdict says nothing about undefined behaviour; assert on the FunctionResult");
}
