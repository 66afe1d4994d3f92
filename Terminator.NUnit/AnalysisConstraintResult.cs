using NUnit.Framework.Constraints;

namespace Terminator.NUnit;

/// <summary>One function's answer as shown in a message, and whether it satisfied the constraint.</summary>
internal sealed record ShownAnswer(string Text, bool Holds);

/// <summary>
/// The outcome of an <see cref="AnalysisConstraint"/>. A failure's "But was:" line shows the evidence of each function
/// that did not satisfy it: the witness (inputs, loop), the certificate's loops, or the reason for DontKnow.
/// </summary>
public sealed class AnalysisConstraintResult : ConstraintResult
{
    // "  But was:  " is twelve characters wide; later lines line up under the first answer.
    private static readonly string Continuation = Environment.NewLine + new string(' ', 12);

    private readonly IReadOnlyList<ShownAnswer> answers;

    internal AnalysisConstraintResult(IConstraint constraint, IReadOnlyList<ShownAnswer> answers)
        : base(constraint, new AnswerList(answers), answers.All(a => a.Holds))
    {
        this.answers = answers;
    }

    /// <summary>Every function's answer as shown in messages, one line each, in the order of the results.</summary>
    public IReadOnlyList<string> Answers => [.. answers.Select(a => a.Text)];

    /// <summary>Writes the answers that did not satisfy the constraint (all of them when it passed), one per line.</summary>
    public override void WriteActualValueTo(MessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var shown = IsSuccess ? answers : answers.Where(a => !a.Holds);
        writer.Write(string.Join(Continuation, shown.Select(a => a.Text)));
    }

    /// <summary>
    /// The actual value as composed constraints (<c>!</c>, <c>Is.Not</c>, <c>&amp;</c>) print it through NUnit's own
    /// formatting: every function's answer on one line.
    /// </summary>
    private sealed class AnswerList(IReadOnlyList<ShownAnswer> answers)
    {
        public override string ToString() => string.Join("; ", answers.Select(a => a.Text));
    }
}
