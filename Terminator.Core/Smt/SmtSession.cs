using Microsoft.Z3;
using Terminator.Core.Logic;

namespace Terminator.Core.Smt;

/// <summary>
/// One query: a fresh Z3 solver or optimizer with its own timeout. Dispose it when done; models obtained from it
/// are valid until then.
/// </summary>
internal sealed class SmtSession : IDisposable
{
    private readonly SmtContext owner;
    private readonly Context ctx;
    private readonly Solver? solver;
    private readonly Optimize? optimizer;
    private readonly Z3Translator translator;
    private SatResult? lastResult;
    private SmtModel? model;
    private bool disposed;
    private readonly TimeSpan? timeout;

    /// <summary>
    /// Set once Z3 has refused a call because an interrupt reached the context after a check had returned: from then
    /// on the session's scopes are no longer what its caller pushed, so every later check answers
    /// <see cref="SatResult.Unknown"/> without asking Z3, and scope and assertion calls do nothing.
    /// </summary>
    private bool refused;

    internal SmtSession(SmtContext owner, Context ctx, bool optimize, TimeSpan timeout, bool coreSolverOnly)
    {
        this.owner = owner;
        this.ctx = ctx;
        translator = new Z3Translator(ctx);
        if (optimize)
        {
            optimizer = translator.Own(ctx.MkOptimize());

            // Z3's optimizer catches SIGINT during a check by default, which takes Ctrl-C away from the process.
            using var parameters = ctx.MkParams();
            optimizer.Parameters = parameters.Add("ctrl_c", false);
        }
        else
        {
            solver = translator.Own(coreSolverOnly ? ctx.MkSimpleSolver() : ctx.MkSolver());

            // As the optimizer's below: Ctrl-C stays with the process.
            using var parameters = ctx.MkParams();
            solver.Parameters = parameters.Add("ctrl_c", false);
        }

        // The limit is enforced here, by interrupting the check, rather than with Z3's "timeout" parameter: the timer
        // threads behind that parameter can deadlock in the Z3 4.8 releases that Linux distributions ship.
        // Beyond what a timer can wait (about 49 days) is no limit, as an infinite or non-positive timeout is.
        this.timeout = timeout > TimeSpan.Zero && timeout.TotalMilliseconds < uint.MaxValue - 1 ? timeout : null;
    }

    /// <summary>Z3's explanation of the last <see cref="SatResult.Unknown"/> (e.g. "timeout", "canceled"), else null.</summary>
    public string? ReasonUnknown { get; private set; }

    /// <summary>True for sessions opened with <see cref="SmtContext.OpenOptimizer"/>.</summary>
    public bool IsOptimizer => optimizer is not null;

    /// <summary>Adds a formula to the current scope.</summary>
    public void Assert(Formula f)
    {
        ThrowIfDisposed();
        Guarded(() =>
        {
            var e = translator.Translate(f);
            if (solver is not null)
            {
                solver.Assert(e);
            }
            else
            {
                optimizer!.Assert(e);
            }
        });
    }

    /// <summary>
    /// Runs a Z3 call that has no answer to degrade to Unknown: once the context is interrupted Z3 refuses every call,
    /// and that must surface as cancellation, not as a solver error.
    /// </summary>
    private void Guarded(Action call)
    {
        if (refused)
        {
            owner.CancellationToken.ThrowIfCancellationRequested();
            return;
        }

        try
        {
            call();
        }
        catch (Z3Exception e) when (owner.CancellationToken.IsCancellationRequested || owner.Interrupted)
        {
            // Cancellation, or an interrupt that landed after its check had returned: Z3 keeps it and refuses the
            // call, and the session answers Unknown from now on (Failed marks it).
            if (Failed(e) is OperationCanceledException canceled)
            {
                throw canceled;
            }
        }
    }

    /// <summary>Why a session that Z3 refused answers <see cref="SatResult.Unknown"/>.</summary>
    private const string RefusedReason = "interrupted after a check had returned";

    /// <summary>Opens a backtracking scope.</summary>
    public void Push()
    {
        ThrowIfDisposed();
        Guarded(() =>
        {
            if (solver is not null)
            {
                solver.Push();
            }
            else
            {
                optimizer!.Push();
            }
        });
    }

    /// <summary>Closes the innermost scope, dropping its assertions (and objectives, for optimizers).</summary>
    public void Pop()
    {
        ThrowIfDisposed();
        Guarded(() =>
        {
            if (solver is not null)
            {
                solver.Pop();
            }
            else
            {
                optimizer!.Pop();
            }
        });
    }

    /// <summary>
    /// Whether premise ∧ relation ⇒ goal holds, decided in a scope of its own (nothing stays asserted); an unknown
    /// answer counts as not valid.
    /// </summary>
    public bool Implies(Formula premise, Formula relation, Formula goal)
    {
        Push();
        try
        {
            Assert(premise);
            Assert(relation);
            return Check(goal.Negate()) == SatResult.Unsat;
        }
        finally
        {
            Pop();
        }
    }

    /// <summary>
    /// Checks the assertions together with the given assumptions (which are not kept). Solver errors, timeouts and
    /// interrupts give <see cref="SatResult.Unknown"/>, never <see cref="SatResult.Unsat"/>; if the context's token is
    /// cancelled the check throws <see cref="OperationCanceledException"/> instead.
    /// </summary>
    public SatResult Check(params Formula[] assumptions)
    {
        ThrowIfDisposed();
        var token = owner.CancellationToken;
        token.ThrowIfCancellationRequested();
        lastResult = null;
        model = null;
        ReasonUnknown = null;
        if (refused)
        {
            ReasonUnknown = RefusedReason;
            lastResult = SatResult.Unknown;
            return SatResult.Unknown;
        }

        // Z3 wants assumptions to be literals; a fresh proxy p with p ⇒ f keeps arbitrary formulas, and since p is
        // never assumed again the implication is harmless afterwards.
        var literals = new Expr[assumptions.Length];
        for (var i = 0; i < assumptions.Length; i++)
        {
            var proxy = (BoolExpr)translator.Own(ctx.MkFreshConst("assume", ctx.BoolSort));
            var implication = translator.Own(ctx.MkImplies(proxy, translator.Translate(assumptions[i])));
            if (solver is not null)
            {
                solver.Assert(implication);
            }
            else
            {
                optimizer!.Assert(implication);
            }

            literals[i] = proxy;
        }

        var status = owner.RunCheck(timeout, () => solver is not null ? solver.Check(literals) : optimizer!.Check(literals), out var timedOut, out var error);
        ReasonUnknown = error;

        // An interrupted check answers unknown; report it as the cancellation it is.
        token.ThrowIfCancellationRequested();

        var result = status switch
        {
            Status.SATISFIABLE => SatResult.Sat,
            Status.UNSATISFIABLE => SatResult.Unsat,
            _ => SatResult.Unknown,
        };
        if (timedOut && result == SatResult.Sat)
        {
            // The limit's interrupt reached the context as the check returned: Z3 keeps it and refuses the model
            // ("there is no current model"), so the satisfiable answer has no model to show and counts as a timeout.
            result = SatResult.Unknown;
        }

        if (result == SatResult.Unknown && timedOut)
        {
            ReasonUnknown = "timeout";
        }

        if (result == SatResult.Unknown && ReasonUnknown is null)
        {
            try
            {
                ReasonUnknown = solver is not null ? solver.ReasonUnknown : optimizer!.ReasonUnknown;
            }
            catch (Z3Exception e)
            {
                ReasonUnknown = e.Message;
            }
        }

        lastResult = result;
        return result;
    }

    /// <summary>Adds an objective to maximize (optimizer sessions only); objectives are lexicographic in order of addition.</summary>
    public void Maximize(Term objective)
    {
        ThrowIfDisposed();
        RequireOptimizer().MkMaximize(translator.Translate(objective));
    }

    /// <summary>Adds an objective to minimize (optimizer sessions only); objectives are lexicographic in order of addition.</summary>
    public void Minimize(Term objective)
    {
        ThrowIfDisposed();
        RequireOptimizer().MkMinimize(translator.Translate(objective));
    }

    /// <summary>
    /// The optimum of one objective under the assertions, in a scope of its own: the value (found by Z3's optimizer in
    /// optimizer sessions, by <see cref="SearchOptimum"/> in solver sessions) where the check returns <see cref="SatResult.Sat"/> and the objective is bounded, null where it is unbounded.
    /// </summary>
    public (SatResult Result, Rational? Optimum) Optimum(Term objective, bool maximize)
    {
        ThrowIfDisposed();
        if (solver is not null)
        {
            return SearchOptimum(objective, maximize);
        }

        var opt = RequireOptimizer();
        Push();
        try
        {
            var goal = translator.Translate(objective);
            var handle = maximize ? opt.MkMaximize(goal) : opt.MkMinimize(goal);
            var result = Check();
            if (result != SatResult.Sat)
            {
                return (result, null);
            }

            // The bound that an optimum attains: a numeral when finite, a term with an infinity when unbounded.
            return (result, translator.Own(maximize ? handle.Upper : handle.Lower) switch
            {
                IntNum i => new Rational(i.BigInteger, 1),
                RatNum r => new Rational(r.BigIntNumerator, r.BigIntDenominator),
                _ => null,
            });
        }
        finally
        {
            Pop();
        }
    }

    /// <summary>How many times the search of <see cref="SearchOptimum"/> doubles its step before it calls an objective unbounded.</summary>
    private const int MaxDoublings = 80;

    /// <summary>
    /// The optimum of an integer objective found with the solver alone, in a scope of its own: a model gives a value
    /// v, then checks of objective ≥ v + 1, v + 2, v + 4, … raise it until one is unsatisfiable, and bisection closes the
    /// last gap. An objective that still grows after <see cref="MaxDoublings"/> doublings counts as unbounded (null), as
    /// does one whose model value is not an integer. Z3's optimizer is not used for this: in the Z3 4.8 releases
    /// that Linux distributions ship it has crashed the process on some of these queries.
    /// </summary>
    private (SatResult Result, Rational? Optimum) SearchOptimum(Term objective, bool maximize)
    {
        var goal = maximize ? objective : new Arith(ArithOp.Sub, new Const(0), objective);
        Push();
        try
        {
            var first = Check();
            if (first != SatResult.Sat)
            {
                return (first, null);
            }

            var best = GetModel().Evaluate(goal);
            if (!best.IsInteger)
            {
                return (SatResult.Sat, null);
            }

            // Raise the value until objective ≥ value + step has no model: the optimum is below value + step.
            var low = best.Numerator;
            var step = System.Numerics.BigInteger.One;
            for (var doublings = 0; ; doublings++)
            {
                if (doublings == MaxDoublings)
                {
                    return (SatResult.Sat, null);
                }

                var result = Check(Formula.Ge(goal, new Const(low + step)));
                if (result == SatResult.Unsat)
                {
                    break;
                }

                if (result != SatResult.Sat || GetModel().Evaluate(goal) is not { IsInteger: true } higher)
                {
                    return (result == SatResult.Sat ? SatResult.Sat : result, null);
                }

                low = higher.Numerator;
                step *= 2;
            }

            // low is attained and low + step is not: bisect between them.
            var high = low + step - 1;
            while (low < high)
            {
                var middle = low + ((high - low + 1) / 2);
                var result = Check(Formula.Ge(goal, new Const(middle)));
                if (result == SatResult.Unsat)
                {
                    high = middle - 1;
                }
                else if (result == SatResult.Sat && GetModel().Evaluate(goal) is { IsInteger: true } reached)
                {
                    low = reached.Numerator;
                }
                else
                {
                    return (result, null);
                }
            }

            return (SatResult.Sat, new Rational(maximize ? low : -low, 1));
        }
        finally
        {
            Pop();
        }
    }

    /// <summary>The model of the last check, which must have returned <see cref="SatResult.Sat"/>.</summary>
    public SmtModel GetModel()
    {
        ThrowIfDisposed();
        if (lastResult != SatResult.Sat)
        {
            throw new InvalidOperationException($"GetModel needs a preceding Check that returned Sat (last: {lastResult?.ToString() ?? "none"}).");
        }

        if (refused)
        {
            throw new SolverFailedException($"the solver gave no model: it was {RefusedReason}");
        }

        try
        {
            return model ??= new SmtModel(translator, translator.Own(solver is not null ? solver.Model : optimizer!.Model), Failed);
        }
        catch (Z3Exception e)
        {
            throw Failed(e);
        }
    }

    /// <summary>Turns a Z3 failure outside a check into cancellation, or into a solver failure that the analysis answers with DontKnow.</summary>
    private Exception Failed(Z3Exception e)
    {
        if (owner.CancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(owner.CancellationToken);
        }

        if (owner.Interrupted)
        {
            refused = true;
        }

        return new SolverFailedException($"the solver failed ({e.Message})", e);
    }

    private Optimize RequireOptimizer() =>
        optimizer ?? throw new InvalidOperationException("Maximize/Minimize need a session from SmtContext.OpenOptimizer.");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        model = null;
        translator.Dispose();
        owner.SessionClosed();
    }
}
