using System.Collections.Immutable;
using Terminator.Core.Ir;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>What one function analysis found.</summary>
internal sealed record FunctionOutcome(Verdict Verdict, CanReturnResult? CanReturn, EquatableArray<AssertionResult> Assertions)
{
    /// <summary>For C, the two properties the verdict combines; null when they were not answered (Python, or no analysis ran).</summary>
    public UndefinedBehaviourAnswers? UndefinedBehaviour { get; init; }
}

/// <summary>
/// Decides termination (and optionally "can it return V?", and every reachable assertion) for one function within a
/// time budget: builds the <see cref="AnalysisContext"/>, runs the <see cref="TerminationStrategy"/>, then the
/// can-return and assertion analyses.
/// </summary>
internal sealed class FunctionAnalysis
{
    private readonly ProgramIr program;
    private readonly FunctionDecl function;
    private readonly IntegerSemantics semantics;
    private readonly IReadOnlyDictionary<string, bool> facts;
    private readonly TimeSpan budget;
    private readonly CancellationToken budgetToken;
    /// <summary>An analysis of <paramref name="function"/> within <paramref name="budget"/> (zero: no limit).</summary>
    public FunctionAnalysis(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, TimeSpan budget, CancellationToken budgetToken)
    {
        this.program = program;
        this.function = function;
        this.semantics = semantics;
        this.facts = facts;
        this.budget = budget;
        this.budgetToken = budgetToken;
    }

    /// <summary>Where the time inside Z3 is added up, for the prover's context and every checker's.</summary>
    public SolverClock SolverClock { get; init; } = new();

    /// <summary>The budgets, caps and depths of the prover's stages.</summary>
    public ProverTuning Tuning { get; init; } = ProverTuning.Default;

    /// <summary>
    /// A ranking template to try alone, without the other ranking templates and without the provers that do not test a
    /// template on its own, so that tests see what it proves by itself; null tries everything.
    /// </summary>
    public IRankingTemplate? RankingTemplate { get; init; }

    /// <summary>The steps that decide termination, in order.</summary>
    public TerminationStrategy Strategy { get; init; } = TerminationStrategy.Default;

    /// <summary>The reason of a DontKnow for a spent time budget.</summary>
    public static string BudgetSpent(TimeSpan budget) =>
        $"the time budget of {budget.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s ran out";

    public FunctionOutcome Run(string? canReturn)
    {
        // Summaries of recursive functions come first: the transition system assumes them at recursive calls. Their
        // time counts against the budget.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var summaries = ReturnSummaryInference.Infer(program, function, semantics, facts, Tuning, SolverClock, budget, budgetToken);
        var left = budget <= TimeSpan.Zero ? budget : budget - started.Elapsed;
        using var context = new AnalysisContext(program, function, semantics, facts, left > TimeSpan.Zero || budget <= TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), Tuning, SolverClock, budgetToken, summaries);
        var invariants = new InvariantSupply(context);
        IReadOnlyList<IRankingTemplate> templates = RankingTemplate is { } alone ? [alone] : [new AffineRankingTemplate(), new SingleTransitionRankingTemplate()];
        var run = new StrategyRun(context, invariants, new ProofSearch(context, invariants, templates, allTechniques: RankingTemplate is null));

        Verdict verdict;
        var outOfTime = false;
        try
        {
            verdict = Strategy.Decide(run);
        }
        catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
        {
            verdict = (Verdict?)run.FoundUndefinedBehaviour ?? new DontKnow(BudgetSpent(budget), [.. context.Techniques]) { Kind = DontKnowKind.Timeout };
            outOfTime = true;
        }

        UndefinedBehaviourAnswers? undefinedBehaviour = null;
        if (program.Language == SourceLanguage.C)
        {
            try
            {
                undefinedBehaviour = UndefinedBehaviourAnswering.Answer(run, verdict, outOfTime);
            }
            catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
            {
                undefinedBehaviour = UndefinedBehaviourAnswering.Answer(run, verdict, outOfTime: true);
            }
        }

        CanReturnResult? canReturnResult = null;
        if (canReturn is not null)
        {
            try
            {
                canReturnResult = new CanReturnAnalysis(context, invariants).Decide(canReturn);
            }
            catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
            {
                canReturnResult = new CanReturnResult(canReturn, CanReturnVerdict.DontKnow, [], [], "the time budget ran out");
            }
        }

        var assertionAnalysis = new AssertionAnalysis(context, invariants);
        ImmutableArray<AssertionResult> assertions;
        try
        {
            assertions = assertionAnalysis.Decide();
        }
        catch (OperationCanceledException) when (budgetToken.IsCancellationRequested)
        {
            assertions = [.. assertionAnalysis.Sinks().Select(s => new AssertionResult(s.Span, AssertionVerdict.DontKnow, [], [], "the time budget ran out"))];
        }

        return new FunctionOutcome(verdict, canReturnResult, assertions) { UndefinedBehaviour = undefinedBehaviour };
    }
}
