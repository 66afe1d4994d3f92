using System.Diagnostics;
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
        try
        {
            call();
        }
        catch (Z3Exception) when (owner.CancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(owner.CancellationToken);
        }
    }

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

        Status status;
        var timedOut = false;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var limit = owner.LimitCheck(timeout, () => timedOut = true);
            owner.CheckStarting?.Invoke();
            status = solver is not null ? solver.Check(literals) : optimizer!.Check(literals);
        }
        catch (Z3Exception e)
        {
            status = Status.UNKNOWN;
            ReasonUnknown = e.Message;
        }
        finally
        {
            owner.Clock.AddSince(started);
        }

        // An interrupted check answers unknown; report it as the cancellation it is.
        token.ThrowIfCancellationRequested();

        var result = status switch
        {
            Status.SATISFIABLE => SatResult.Sat,
            Status.UNSATISFIABLE => SatResult.Unsat,
            _ => SatResult.Unknown,
        };
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
    /// The optimum of one objective under the assertions, in a scope of its own (optimizer sessions only): the value
    /// where the check returns <see cref="SatResult.Sat"/> and the objective is bounded, null where it is unbounded.
    /// </summary>
    public (SatResult Result, Rational? Optimum) Optimum(Term objective, bool maximize)
    {
        ThrowIfDisposed();
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

    /// <summary>The model of the last check, which must have returned <see cref="SatResult.Sat"/>.</summary>
    public SmtModel GetModel()
    {
        ThrowIfDisposed();
        if (lastResult != SatResult.Sat)
        {
            throw new InvalidOperationException($"GetModel needs a preceding Check that returned Sat (last: {lastResult?.ToString() ?? "none"}).");
        }

        return model ??= new SmtModel(translator, translator.Own(solver is not null ? solver.Model : optimizer!.Model));
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
