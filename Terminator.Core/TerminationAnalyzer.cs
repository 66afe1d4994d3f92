using System.Collections.Immutable;
using System.Diagnostics;
using Terminator.Core.Analysis;
using Terminator.Core.Cfg;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;

namespace Terminator.Core;

/// <summary>The entry point of the analysis: decides termination of each function of a program.</summary>
public static class TerminationAnalyzer
{
    /// <summary>Analyzes the functions of <paramref name="program"/> selected by <paramref name="options"/>.</summary>
    /// <exception cref="SourceException">The program uses something outside the supported subset, or names an unknown function.</exception>
    /// <exception cref="ArgumentException">
    /// An option has a value it cannot have: a negative <see cref="AnalysisOptions.Timeout"/>, a
    /// <see cref="AnalysisOptions.Semantics"/> that is not defined or is C for a Python program, a
    /// <see cref="AnalysisOptions.CanReturn"/> that is not an integer literal of the program's language, a
    /// <see cref="AnalysisOptions.DataModel"/> that is not defined or differs from a C program's.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InternalErrorException">The analysis failed because of a bug in Terminator.</exception>
    public static ProgramResult Analyze(ProgramIr program, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options, program.Language);
        if (program.Language == SourceLanguage.C && options.DataModel is { } model && model != program.DataModel)
        {
            throw new ArgumentException($"AnalysisOptions.DataModel is {model}, but the program was read under {program.DataModel}: read it with that data model.", nameof(options));
        }
        if (program.Language == SourceLanguage.C && options.UninitializedReads is { } reads)
        {
            program = program with { UninitializedReads = reads };
        }

        var semantics = program.Language == SourceLanguage.Python
            ? IntegerSemantics.Math
            : options.Semantics ?? IntegerSemantics.C;
        if (options.Function is { } wanted && program.Find(wanted) is null && program.FindRefused(wanted) is null)
        {
            throw new SourceException(new SourceSpan(program.File, 1, 1), $"unknown function '{wanted}'");
        }

        var session = new Session(program, semantics, options, cancellationToken);
        var analyzed = program.Functions
            .Where(f => (options.Function is null && f.Span.File != FunctionDecl.LibraryFile) || f.Name == options.Function)
            .Select(f => (f.Span, Result: (Func<FunctionResult>)(() => session.Result(f))));
        var refused = program.RefusedFunctions
            .Where(f => (options.Function is null && f.Span.File != FunctionDecl.LibraryFile) || f.Name == options.Function)
            .Select(f => (f.Span, Result: (Func<FunctionResult>)(() => Refused(f, options, program.Language))));

        // Source order; OrderBy is stable, so functions at the same position keep the order of their lists.
        var functions = analyzed.Concat(refused)
            .OrderBy(entry => (entry.Span.Line, entry.Span.Column))
            .Select(entry => entry.Result())
            .ToImmutableArray();
        return new ProgramResult(program.File, program.Language, semantics, functions) { DataModel = program.DataModel, UninitializedReads = program.UninitializedReads };
    }

    /// <summary>The answer for a function outside the supported subset: DontKnow, saying what and where.</summary>
    private static FunctionResult Refused(RefusedFunction function, AnalysisOptions options, SourceLanguage language)
    {
        var reason = UnsupportedReason(function.Reason, function.At);
        return new FunctionResult(function.Name, function.Span, new DontKnow(reason) { Kind = DontKnowKind.UnsupportedConstruct }, TimeSpan.Zero, Session.Unanswered(options.CanReturn, reason))
        {
            UndefinedBehaviour = language == SourceLanguage.C ? UndefinedBehaviourAnswers.Unknown(reason) : null,
        };
    }

    private static string UnsupportedReason(string detail, SourceSpan at) => $"{detail} at {at}";

    private static bool IsUnsupported(SourceException e) => e.Detail.StartsWith("unsupported:", StringComparison.Ordinal);

    private static void Validate(AnalysisOptions options, SourceLanguage language)
    {
        if (options.Timeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"AnalysisOptions.Timeout must be zero (no limit) or positive, not {options.Timeout}.", nameof(options));
        }

        if (options.DataModel is { } dataModel && !Enum.IsDefined(dataModel))
        {
            throw new ArgumentException($"AnalysisOptions.DataModel: {(int)dataModel} is not a DataModel value.", nameof(options));
        }

        if (options.UninitializedReads is { } reads && !Enum.IsDefined(reads))
        {
            throw new ArgumentException($"AnalysisOptions.UninitializedReads: {(int)reads} is not an UninitializedReads value.", nameof(options));
        }

        if (options.Semantics is { } semantics && !Enum.IsDefined(semantics))
        {
            throw new ArgumentException($"AnalysisOptions.Semantics: {(int)semantics} is not an IntegerSemantics value.", nameof(options));
        }

        if (language == SourceLanguage.Python && options.Semantics == IntegerSemantics.C)
        {
            throw new ArgumentException("AnalysisOptions.Semantics cannot be C for a Python program: Python integers are always unbounded.", nameof(options));
        }

        if (options.Tuning is null)
        {
            throw new ArgumentException("AnalysisOptions.Tuning must not be null.", nameof(options));
        }

        if (options.Tuning.Problem() is { } problem)
        {
            throw new ArgumentException($"AnalysisOptions.Tuning: {problem}.", nameof(options));
        }

        if (options.CanReturn is { } value && ReturnLiteral.Parse(value, language) is null)
        {
            throw new ArgumentException($"AnalysisOptions.CanReturn: '{value}' is not an integer literal of {language}.", nameof(options));
        }
    }

    /// <summary>The stack of the thread that analyzes a function (reserved, committed only as far as it is used).</summary>
    private const long AnalysisStackBytes = 256L << 20;

    /// <summary>
    /// How long the caller waits for an analysis once its budget is spent or its token cancelled. Every stage watches
    /// the token, so an analysis normally returns well within it; one that does not is left to finish on its own.
    /// </summary>
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromMilliseconds(300);

    /// <summary>One run over a program: memoizes verdicts so that <c>terminates(p)</c> is answered by analyzing p once.</summary>
    private sealed class Session(ProgramIr program, IntegerSemantics semantics, AnalysisOptions options, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, Verdict> verdicts = [];
        private readonly Stack<string> inProgress = new();
        private readonly Smt.SolverClock solverClock = new();

        public FunctionResult Result(FunctionDecl function)
        {
            var clock = Stopwatch.StartNew();
            var solverBefore = solverClock.Elapsed;
            var outcome = Decide(function, options.CanReturn);
            return new FunctionResult(function.Name, function.Span, outcome.Verdict, clock.Elapsed, outcome.CanReturn)
            {
                Assertions = outcome.Assertions,
                SolverTime = solverClock.Elapsed - solverBefore,
                Assumptions = Assumptions(function),
                UndefinedBehaviour = program.Language != SourceLanguage.C ? null
                    : outcome.UndefinedBehaviour ?? UndefinedBehaviourAnswers.Unknown((outcome.Verdict as DontKnow)?.Reason ?? "the function was not analyzed"),
            };
        }

        /// <summary>One sentence per external function that <paramref name="function"/> calls, directly or through its callees.</summary>
        private ImmutableArray<string> Assumptions(FunctionDecl function) =>
        [
            .. Reached(function)
                .SelectMany(f => IrWalker.Expressions(f.Body))
                .OfType<CallExpr>()
                .Select(call => program.FindExternal(call.Callee))
                .OfType<ExternalFunction>()
                .Distinct()
                .Select(external => external.ReturnType.Kind == TypeKind.Void
                    ? $"'{external.Name}' (declared at {external.Span}) is not defined: each call is assumed to return"
                    : $"'{external.Name}' (declared at {external.Span}) is not defined: each call is assumed to return, with any value of its type ({external.ReturnType})"),
        ];

        /// <summary><paramref name="function"/> and every function of the program it calls, directly or not.</summary>
        private List<FunctionDecl> Reached(FunctionDecl function)
        {
            var reached = new List<FunctionDecl> { function };
            for (var i = 0; i < reached.Count; i++)
            {
                foreach (var call in IrWalker.Expressions(reached[i].Body).OfType<CallExpr>())
                {
                    if (program.Find(call.Callee) is { } callee && !reached.Contains(callee))
                    {
                        reached.Add(callee);
                    }
                }
            }

            return reached;
        }

        private Verdict VerdictOf(FunctionDecl function)
        {
            if (!verdicts.TryGetValue(function.Name, out var verdict))
            {
                verdict = Decide(function, null).Verdict;
                verdicts[function.Name] = verdict;
            }

            return verdict;
        }

        private FunctionOutcome Decide(FunctionDecl function, string? canReturn)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var facts = new Dictionary<string, bool>();
            inProgress.Push(function.Name);
            try
            {
                foreach (var (name, span) in TerminationQueries(function))
                {
                    if (inProgress.Contains(name))
                    {
                        var reason = name == function.Name
                            ? $"the question refers to itself: {function.Name} asks whether {name} terminates"
                            : $"the question refers to itself: {function.Name} depends on terminates({name}), which depends on {function.Name}";
                        return new FunctionOutcome(new DontKnow(reason, ["resolution of terminates(...)"]) { Kind = DontKnowKind.SelfReference }, Unanswered(canReturn, reason), []);
                    }

                    var callee = program.Find(name) ?? throw new SourceException(span, $"unknown function '{name}'");
                    switch (VerdictOf(callee))
                    {
                        case Yes: facts[name] = true; break;
                        case No: facts[name] = false; break;
                        case DontKnow d:
                            var reason = $"depends on terminates({name}), which is unknown: {d.Reason}";
                            return new FunctionOutcome(new DontKnow(reason, ["resolution of terminates(...)"]) { Kind = DontKnowKind.DependsOnUnknown }, Unanswered(canReturn, reason), []);
                    }
                }

                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // A timer waits at most about 49.7 days; a longer budget is as good as none.
                if (options.Timeout > TimeSpan.Zero && options.Timeout.TotalMilliseconds < uint.MaxValue - 1)
                {
                    budget.CancelAfter(options.Timeout);
                }

                try
                {
                    var analysis = new FunctionAnalysis(program, function, semantics, facts, options.Timeout, budget.Token) { SolverClock = solverClock, Tuning = options.Tuning };
                    // Lowering, encoding and every walk over terms recurse once per nesting level of the function's
                    // code (a long straight-line block nests each assignment in the next), so the analysis runs on a
                    // large stack; a walk that still runs out of stack ends in DontKnow below.
                    var outcome = LargeStack.Run(AnalysisStackBytes, () => analysis.Run(canReturn), AbandonGrace, budget.Token);

                    // The budget token also carries the caller's, and the analysis reports either as a spent budget:
                    // a caller who cancelled gets OperationCanceledException, not a DontKnow nobody asked for.
                    cancellationToken.ThrowIfCancellationRequested();
                    return outcome;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && budget.IsCancellationRequested)
                {
                    // The budget ran out and the analysis did not come back within the grace period.
                    var reason = FunctionAnalysis.BudgetSpent(options.Timeout);
                    return new FunctionOutcome(new DontKnow(reason) { Kind = DontKnowKind.Timeout }, Unanswered(canReturn, reason), []);
                }
                catch (ResourceLimitException e)
                {
                    return new FunctionOutcome(new DontKnow(e.Message) { Kind = DontKnowKind.ResourceLimit }, Unanswered(canReturn, e.Message), []);
                }
                catch (SourceException e) when (IsUnsupported(e))
                {
                    // Something the lowering does not support (recursion): this function's answer, not the file's.
                    var reason = UnsupportedReason(e.Detail, e.Span);
                    return new FunctionOutcome(new DontKnow(reason) { Kind = DontKnowKind.UnsupportedConstruct }, Unanswered(canReturn, reason), []);
                }
                catch (InsufficientExecutionStackException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    const string reason = "the function's code is nested too deeply to analyze";
                    return new FunctionOutcome(new DontKnow(reason) { Kind = DontKnowKind.ResourceLimit }, Unanswered(canReturn, reason), []);
                }
                catch (Exception e) when (e is not SourceException and not OperationCanceledException and not Smt.SolverUnavailableException
                    and not InternalErrorException)
                {
                    // Whatever a cancelled analysis ran into on its way out, the caller who cancelled is told so, and
                    // one whose budget ran out answers as such.
                    cancellationToken.ThrowIfCancellationRequested();
                    if (budget.IsCancellationRequested)
                    {
                        var spent = FunctionAnalysis.BudgetSpent(options.Timeout);
                        return new FunctionOutcome(new DontKnow(spent), Unanswered(canReturn, spent), []);
                    }

                    // A failure of the solver (Z3 refusing a model or an evaluation) leaves the question open.
                    if (e is Smt.SolverFailedException or Microsoft.Z3.Z3Exception)
                    {
                        var failed = e is Smt.SolverFailedException ? e.Message : $"the solver failed ({e.Message})";
                        return new FunctionOutcome(new DontKnow(failed) { Kind = DontKnowKind.SolverUnknown }, Unanswered(canReturn, failed), []);
                    }

                    // A bug, not an answer: a DontKnow would hide it.
                    throw new InternalErrorException(function.Name, function.Span, e);
                }
            }
            finally
            {
                inProgress.Pop();
            }
        }

        internal static CanReturnResult? Unanswered(string? value, string reason) =>
            value is null ? null : new CanReturnResult(value, CanReturnVerdict.DontKnow, [], [], reason);

        /// <summary>The functions whose termination <paramref name="function"/> asks about, directly or through its callees.</summary>
        private List<(string Name, SourceSpan Span)> TerminationQueries(FunctionDecl function)
        {
            var found = new List<(string, SourceSpan)>();
            var visited = new HashSet<string>();
            void Visit(FunctionDecl f)
            {
                if (!visited.Add(f.Name))
                {
                    return;
                }

                foreach (var e in IrWalker.Expressions(f.Body))
                {
                    switch (e)
                    {
                        case TerminatesExpr t when found.All(x => x.Item1 != t.Function):
                            found.Add((t.Function, t.Span));
                            break;
                        case CallExpr c when program.Find(c.Callee) is { } callee:
                            Visit(callee);
                            break;
                    }
                }
            }

            Visit(function);
            return found;
        }
    }
}
