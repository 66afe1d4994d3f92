using System.Collections.Immutable;
using System.Diagnostics;
using Terminator.Core.Analysis;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;

namespace Terminator.Core;

/// <summary>The entry point of the analysis: decides termination of each function of a program.</summary>
public static class TerminationAnalyzer
{
    /// <summary>Analyzes the functions of <paramref name="program"/> selected by <paramref name="options"/>.</summary>
    /// <exception cref="SourceException">The program uses something outside the supported subset, or names an unknown function.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ProgramResult Analyze(ProgramIr program, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        var semantics = program.Language == SourceLanguage.Python
            ? IntegerSemantics.Math
            : options.Semantics ?? IntegerSemantics.C;
        if (options.Function is { } wanted && program.Find(wanted) is null && program.FindRefused(wanted) is null)
        {
            throw new SourceException(new SourceSpan(program.File, 1, 1), $"unknown function '{wanted}'");
        }

        var session = new Session(program, semantics, options, cancellationToken);
        var analyzed = program.Functions
            .Where(f => options.Function is null || f.Name == options.Function)
            .Select(f => (f.Span, Result: (Func<FunctionResult>)(() => session.Result(f))));
        var refused = program.RefusedFunctions
            .Where(f => options.Function is null || f.Name == options.Function)
            .Select(f => (f.Span, Result: (Func<FunctionResult>)(() => Refused(f, options))));

        // Source order; OrderBy is stable, so functions at the same position keep the order of their lists.
        var functions = analyzed.Concat(refused)
            .OrderBy(entry => (entry.Span.Line, entry.Span.Column))
            .Select(entry => entry.Result())
            .ToImmutableArray();
        return new ProgramResult(program.File, program.Language, semantics, functions);
    }

    /// <summary>The answer for a function outside the supported subset: DontKnow, saying what and where.</summary>
    private static FunctionResult Refused(RefusedFunction function, AnalysisOptions options)
    {
        var reason = UnsupportedReason(function.Reason, function.At);
        return new FunctionResult(function.Name, function.Span, new DontKnow(reason), TimeSpan.Zero, Session.Unanswered(options.CanReturn, reason));
    }

    private static string UnsupportedReason(string detail, SourceSpan at) => $"{detail} at {at}";

    private static bool IsUnsupported(SourceException e) => e.Detail.StartsWith("unsupported:", StringComparison.Ordinal);

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
                        return new FunctionOutcome(new DontKnow(reason, ["resolution of terminates(...)"]), Unanswered(canReturn, reason), []);
                    }

                    var callee = program.Find(name) ?? throw new SourceException(span, $"unknown function '{name}'");
                    switch (VerdictOf(callee))
                    {
                        case Yes: facts[name] = true; break;
                        case No: facts[name] = false; break;
                        case DontKnow d:
                            var reason = $"depends on terminates({name}), which is unknown: {d.Reason}";
                            return new FunctionOutcome(new DontKnow(reason, ["resolution of terminates(...)"]), Unanswered(canReturn, reason), []);
                    }
                }

                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (options.Timeout > TimeSpan.Zero)
                {
                    budget.CancelAfter(options.Timeout);
                }

                try
                {
                    var analysis = new FunctionAnalysis(program, function, semantics, facts, options.Timeout, budget.Token) { SolverClock = solverClock };
                    var outcome = analysis.Run(canReturn);

                    // The budget token also carries the caller's, and the analysis reports either as a spent budget:
                    // a caller who cancelled gets OperationCanceledException, not a DontKnow nobody asked for.
                    cancellationToken.ThrowIfCancellationRequested();
                    return outcome;
                }
                catch (TooManyPathsException e)
                {
                    return new FunctionOutcome(new DontKnow(e.Message), Unanswered(canReturn, e.Message), []);
                }
                catch (SourceException e) when (IsUnsupported(e))
                {
                    // Something the lowering does not support (recursion): this function's answer, not the file's.
                    var reason = UnsupportedReason(e.Detail, e.Span);
                    return new FunctionOutcome(new DontKnow(reason), Unanswered(canReturn, reason), []);
                }
                catch (Exception e) when (e is not SourceException and not OperationCanceledException and not Smt.SolverUnavailableException)
                {
                    // Whatever a cancelled analysis ran into on its way out, the caller who cancelled is told so.
                    cancellationToken.ThrowIfCancellationRequested();

                    // DontKnow is always a sound answer; a failure inside one analysis must not take down the others.
                    var reason = $"internal error in the analysis ({e.GetType().Name}: {e.Message})";
                    return new FunctionOutcome(new DontKnow(reason), Unanswered(canReturn, reason), []);
                }
            }
            finally
            {
                inProgress.Pop();
            }
        }

        internal static CanReturnResult? Unanswered(string? value, string reason) =>
            value is null ? null : new CanReturnResult(value, "DontKnow", [], [], reason);

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
