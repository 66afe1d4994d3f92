using System.Diagnostics;
using System.Collections.Immutable;
using Microsoft.Z3;
using Terminator.Core.Logic;

namespace Terminator.Core.Smt;

/// <summary>An unknown predicate of a Horn problem, over integer arguments named by <paramref name="Parameters"/>.</summary>
/// <param name="Id">The predicate's key (a cutpoint, for transition systems).</param>
/// <param name="Parameters">The names its interpretation is stated over.</param>
internal sealed record HornPredicate(int Id, ImmutableArray<string> Parameters);

/// <summary>
/// One constrained Horn clause <c>P(source args) ∧ constraint ⇒ Q(target args)</c>: without a source it is a fact
/// (constraint ⇒ Q), without a target a query clause (P ∧ constraint ⇒ false). Every variable is universally quantified.
/// </summary>
internal sealed record HornClause(int? Source, ImmutableArray<Var> SourceArguments, Formula Constraint, int? Target, ImmutableArray<Var> TargetArguments);

/// <summary>What Spacer said of a Horn problem.</summary>
internal enum HornStatus
{
    /// <summary>The query clauses are never triggered: the interpretations are a solution.</summary>
    Solved,

    /// <summary>Some query clause is triggered: the error is derivable.</summary>
    Refuted,

    /// <summary>Timeout, interrupt, solver error, or an answer that could not be read.</summary>
    Unknown,
}

/// <summary>
/// Spacer's answer: for <see cref="HornStatus.Solved"/> an interpretation of each predicate over its parameters' names
/// (true where Spacer's formula could not be read back); a claim, not a proof — callers re-verify what they use.
/// </summary>
internal sealed record HornAnswer(HornStatus Status, IReadOnlyDictionary<int, Formula> Interpretations, string? Reason);

/// <summary>
/// One Horn query to Z3's fixed-point engine with the Spacer (IC3/PDR over constrained Horn clauses) back end, in a Z3
/// context of its own: Spacer's search depends on the numbering of the terms it is given, so a fresh context makes its
/// answer depend on the query alone, not on what the analysis asked before; and whatever state an interrupted query
/// leaves behind goes with that context. The time limit is enforced by interrupting the query, as
/// <see cref="SmtSession"/> does for checks. Z3 failures and interrupts become <see cref="HornStatus.Unknown"/>; a
/// cancelled token of the owning <see cref="SmtContext"/> becomes <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class HornSession : IDisposable
{
    private readonly SmtContext owner;
    private readonly Context ctx;
    private readonly Z3Translator translator;
    private readonly TimeSpan? timeout;
    private bool disposed;

    /// <summary>How often the query's timer looks whether its limit has passed or the analysis was cancelled.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    internal HornSession(SmtContext owner, TimeSpan timeout)
    {
        this.owner = owner;
        ctx = FreshContexts.Take();
        translator = new Z3Translator(ctx);
        this.timeout = timeout > TimeSpan.Zero && timeout.TotalMilliseconds < uint.MaxValue - 1 ? timeout : null;
    }

    /// <summary>Solves the clauses over <paramref name="predicates"/>; <paramref name="readBack"/> says which interpretations to return.</summary>
    public HornAnswer Solve(IReadOnlyList<HornPredicate> predicates, IReadOnlyList<HornClause> clauses, IEnumerable<int> readBack)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var token = owner.CancellationToken;
        token.ThrowIfCancellationRequested();
        Dictionary<int, FuncDecl> relations;
        Fixedpoint fp;
        FuncDecl error;
        try
        {
            fp = translator.Own(ctx.MkFixedpoint());
            using (var parameters = ctx.MkParams())
            {
                // Spacer, with the transformations that inline or slice predicates away turned off: every cutpoint
                // keeps a predicate of its own, whose interpretation is the invariant read back below.
                fp.Parameters = parameters
                    .Add("engine", "spacer")
                    .Add("xform.slice", false)
                    .Add("xform.inline_linear", false)
                    .Add("xform.inline_eager", false)
                    .Add("ctrl_c", false);
            }

            var intSort = translator.Own(ctx.MkIntSort());
            relations = predicates.ToDictionary(
                p => p.Id,
                p => translator.Own(ctx.MkFuncDecl($"P{p.Id}", [.. p.Parameters.Select(_ => (Microsoft.Z3.Sort)intSort)], translator.Own(ctx.MkBoolSort()))));
            error = translator.Own(ctx.MkFuncDecl("error", Array.Empty<Microsoft.Z3.Sort>(), translator.Own(ctx.MkBoolSort())));
            foreach (var relation in relations.Values.Append(error))
            {
                fp.RegisterRelation(relation);
            }

            foreach (var clause in clauses)
            {
                fp.AddRule(Rule(clause, relations, error));
            }
        }
        catch (Z3Exception e) when (!token.IsCancellationRequested)
        {
            return new HornAnswer(HornStatus.Unknown, new Dictionary<int, Formula>(), e.Message);
        }
        catch (Z3Exception)
        {
            throw new OperationCanceledException(token);
        }

        var status = Query(fp, error, token, out var timedOut, out var reason);

        token.ThrowIfCancellationRequested();
        if (status == Status.SATISFIABLE)
        {
            return new HornAnswer(HornStatus.Refuted, new Dictionary<int, Formula>(), null);
        }

        if (status != Status.UNSATISFIABLE)
        {
            if (reason is null && !timedOut)
            {
                try
                {
                    reason = fp.GetReasonUnknown();
                }
                catch (Z3Exception e)
                {
                    reason = e.Message;
                }
            }

            return new HornAnswer(HornStatus.Unknown, new Dictionary<int, Formula>(), timedOut ? "timeout" : reason);
        }

        var interpretations = new Dictionary<int, Formula>();
        var byId = predicates.ToDictionary(p => p.Id);
        foreach (var id in readBack)
        {
            try
            {
                var cover = translator.Own(fp.GetCoverDelta(-1, relations[id]));
                interpretations[id] = Z3Reader.Formula(cover, byId[id].Parameters);
            }
            catch (Exception e) when (e is Z3Exception or NotSupportedException)
            {
                interpretations[id] = Formula.True;
            }
        }

        return new HornAnswer(HornStatus.Solved, interpretations, null);
    }

    /// <summary>
    /// Runs the query, interrupted once the limit has passed or the token is cancelled. The interrupt repeats until the
    /// query returns, since one that lands before the query has entered the engine is lost.
    /// </summary>
    private Status Query(Fixedpoint fp, FuncDecl error, CancellationToken token, out bool timedOut, out string? reason)
    {
        var gate = new Lock();
        var running = true;
        var overLimit = false;
        var started = Stopwatch.GetTimestamp();
        reason = null;
        using var timer = new Timer(
            _ =>
            {
                lock (gate)
                {
                    var late = timeout is { } limit && Stopwatch.GetElapsedTime(started) >= limit;
                    if (!running || !(late || token.IsCancellationRequested))
                    {
                        return;
                    }

                    overLimit |= late;
                    try
                    {
                        ctx.Interrupt();
                    }
                    catch (Z3Exception)
                    {
                        // The binding reports the context's last error after the call: "canceled" from the query itself.
                    }
                }
            },
            null,
            Poll,
            Poll);
        Status status;
        try
        {
            status = fp.Query([error]);
        }
        catch (Z3Exception e)
        {
            status = Status.UNKNOWN;
            reason = e.Message;
        }
        finally
        {
            lock (gate)
            {
                running = false;
            }

            owner.Clock.AddSince(started);
        }

        timedOut = overLimit;
        return status;
    }

    private BoolExpr Rule(HornClause clause, Dictionary<int, FuncDecl> relations, FuncDecl error)
    {
        BoolExpr Apply(int id, ImmutableArray<Var> arguments) =>
            (BoolExpr)translator.Own(ctx.MkApp(relations[id], [.. arguments.Select(a => (Expr)translator.VarConst(a))]));

        var body = translator.Translate(clause.Constraint);
        if (clause.Source is { } source)
        {
            body = translator.Own(ctx.MkAnd(Apply(source, clause.SourceArguments), body));
        }

        var head = clause.Target is { } target ? Apply(target, clause.TargetArguments) : (BoolExpr)translator.Own(ctx.MkApp(error));
        var vars = new HashSet<Var>();
        LogicOps.CollectVars(clause.Constraint, vars);
        vars.UnionWith(clause.SourceArguments);
        vars.UnionWith(clause.TargetArguments);
        var implication = translator.Own(ctx.MkImplies(body, head));
        return vars.Count == 0
            ? implication
            : translator.Own(ctx.MkForall([.. vars.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => (Expr)translator.VarConst(v))], implication));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        translator.Dispose();
        FreshContexts.Retire(ctx);
    }
}

/// <summary>
/// Reads Z3 expressions back into the solver-neutral logic: linear and polynomial integer arithmetic, Euclidean
/// division and remainder by a positive constant (which are the flooring ones there), comparisons and connectives.
/// De Bruijn variable <c>i</c> stands for the <c>i</c>-th of the given parameters. Anything else throws
/// <see cref="NotSupportedException"/>.
/// </summary>
internal static class Z3Reader
{
    public static Formula Formula(Expr e, ImmutableArray<string> parameters)
    {
        if (e.IsTrue)
        {
            return Logic.Formula.True;
        }

        if (e.IsFalse)
        {
            return Logic.Formula.False;
        }

        if (e.IsAnd)
        {
            return Logic.Formula.And(e.Args.Select(a => Formula(a, parameters)));
        }

        if (e.IsOr)
        {
            return Logic.Formula.Or(e.Args.Select(a => Formula(a, parameters)));
        }

        if (e.IsNot)
        {
            return Formula(e.Args[0], parameters).Negate();
        }

        if (e.IsImplies)
        {
            return Logic.Formula.Implies(Formula(e.Args[0], parameters), Formula(e.Args[1], parameters));
        }

        if (e.IsEq && e.Args[0].IsBool)
        {
            var (a, b) = (Formula(e.Args[0], parameters), Formula(e.Args[1], parameters));
            return Logic.Formula.Or(Logic.Formula.And(a, b), Logic.Formula.And(a.Negate(), b.Negate()));
        }

        if (e.IsITE && e.IsBool)
        {
            var c = Formula(e.Args[0], parameters);
            return Logic.Formula.Or(Logic.Formula.And(c, Formula(e.Args[1], parameters)), Logic.Formula.And(c.Negate(), Formula(e.Args[2], parameters)));
        }

        CmpOp? op = e.IsEq ? CmpOp.Eq : e.IsLE ? CmpOp.Le : e.IsGE ? CmpOp.Ge : e.IsLT ? CmpOp.Lt : e.IsGT ? CmpOp.Gt : null;
        if (op is { } cmp && e.NumArgs == 2)
        {
            return new Cmp(cmp, Term(e.Args[0], parameters), Term(e.Args[1], parameters));
        }

        throw new NotSupportedException($"Z3 expression not read back: {e}");
    }

    public static Term Term(Expr e, ImmutableArray<string> parameters)
    {
        if (e is IntNum n)
        {
            return new Const(new Rational(n.BigInteger, 1));
        }

        if (e.IsVar)
        {
            var index = (int)e.Index;
            if (index >= parameters.Length)
            {
                throw new NotSupportedException($"Z3 variable out of range: {e}");
            }

            // A cover is stated over the predicate's arguments: variable i is the i-th argument (as Z3_substitute_vars reads it).
            return new Var(parameters[index]);
        }

        if (e.IsAdd || e.IsMul || e.IsSub)
        {
            var op = e.IsAdd ? ArithOp.Add : e.IsMul ? ArithOp.Mul : ArithOp.Sub;
            return e.Args.Select(a => Term(a, parameters)).Aggregate((l, r) => new Arith(op, l, r));
        }

        if (e.IsUMinus)
        {
            return new Arith(ArithOp.Sub, new Const(0), Term(e.Args[0], parameters));
        }

        if ((e.IsIDiv || e.IsModulus) && e.Args[1] is IntNum { BigInteger.Sign: > 0 } divisor)
        {
            return new Arith(e.IsIDiv ? ArithOp.DivFloor : ArithOp.ModFloor, Term(e.Args[0], parameters), new Const(new Rational(divisor.BigInteger, 1)));
        }

        if (e.IsITE)
        {
            return new Ite(Formula(e.Args[0], parameters), Term(e.Args[1], parameters), Term(e.Args[2], parameters));
        }

        throw new NotSupportedException($"Z3 term not read back: {e}");
    }
}
