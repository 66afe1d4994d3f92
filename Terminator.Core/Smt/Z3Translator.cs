using System.Runtime.CompilerServices;
using Microsoft.Z3;
using Terminator.Core.Logic;
using LogicSort = Terminator.Core.Logic.Sort;

namespace Terminator.Core.Smt;

/// <summary>
/// Translates the solver-neutral logic to Z3 expressions for one session. Every Z3 object it creates is recorded
/// so the session can dispose them deterministically instead of leaving them to finalizers.
/// </summary>
internal sealed class Z3Translator : IDisposable
{
    private readonly Context ctx;
    private readonly List<Z3Object> owned = [];
    private readonly Dictionary<(string Name, LogicSort Sort), ArithExpr> vars = [];

    // Keyed by reference: terms are immutable and often shared, and structural hashing of deep records is O(size).
    private readonly Dictionary<object, Expr> memo = new(ReferenceEqualityComparer.Instance);

    internal Z3Translator(Context ctx) => this.ctx = ctx;

    /// <summary>Records a Z3 object for disposal with the session.</summary>
    internal T Own<T>(T obj)
        where T : Z3Object
    {
        owned.Add(obj);
        return obj;
    }

    /// <summary>The Z3 boolean expression for a formula.</summary>
    internal BoolExpr Translate(Formula f)
    {
        if (memo.TryGetValue(f, out var cached))
        {
            return (BoolExpr)cached;
        }

        BoolExpr result = f switch
        {
            BoolConst b => Own(ctx.MkBool(b.Value)),
            Cmp c => TranslateCmp(c),
            NotF n => Own(ctx.MkNot(Translate(n.Inner))),
            AndF a => Own(ctx.MkAnd(a.Parts.Select(Translate))),
            OrF o => Own(ctx.MkOr(o.Parts.Select(Translate))),
            Quantified q => TranslateQuantified(q),
            _ => throw new NotSupportedException($"Formula kind {f.GetType().Name} is not supported by the Z3 translation."),
        };
        memo[f] = result;
        return result;
    }

    /// <summary>The Z3 arithmetic expression for a term: Real-sorted when a Real variable or non-integer constant occurs in it.</summary>
    internal ArithExpr Translate(Term t)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (memo.TryGetValue(t, out var cached))
        {
            return (ArithExpr)cached;
        }

        ArithExpr result = t switch
        {
            Const c => Numeral(c.Value, !c.Value.IsInteger),
            Var v => VarConst(v),
            Arith a => TranslateArith(a),
            Ite i => TranslateIte(i),
            _ => throw new NotSupportedException($"Term kind {t.GetType().Name} is not supported by the Z3 translation."),
        };
        memo[t] = result;
        return result;
    }

    /// <summary>The Z3 constant of a variable (one per name and sort within the session).</summary>
    internal ArithExpr VarConst(Var v)
    {
        if (!vars.TryGetValue((v.Name, v.Sort), out var c))
        {
            c = v.Sort == LogicSort.Real ? Own(ctx.MkRealConst(v.Name)) : Own(ctx.MkIntConst(v.Name));
            vars[(v.Name, v.Sort)] = c;
        }

        return c;
    }

    private static bool IsReal(ArithExpr e) => e is RealExpr;

    // Machine-sized values go in as numbers; Z3 would otherwise parse a decimal string for each.
    private ArithExpr Numeral(Rational value, bool real)
    {
        if (!real)
        {
            return Own(value.Numerator >= long.MinValue && value.Numerator <= long.MaxValue ? ctx.MkInt((long)value.Numerator) : ctx.MkInt(value.Numerator.ToString()));
        }

        return Own(value.Numerator >= int.MinValue && value.Numerator <= int.MaxValue && value.Denominator <= int.MaxValue
            ? ctx.MkReal((int)value.Numerator, (int)value.Denominator)
            : ctx.MkReal(value.ToString()));
    }

    private ArithExpr ToReal(ArithExpr e) => IsReal(e) ? e : Own(ctx.MkInt2Real((IntExpr)e));

    /// <summary>
    /// Translates two operands to a common sort. Constants take the sort of the other side directly (2 rather than
    /// to_real(2)); otherwise an Int side next to a Real side is coerced with to_real.
    /// </summary>
    private (ArithExpr Left, ArithExpr Right) Operands(Term left, Term right)
    {
        var l = left is Const ? null : Translate(left);
        var r = right is Const ? null : Translate(right);
        var real = (l is not null && IsReal(l)) || (r is not null && IsReal(r))
            || (left is Const lc && !lc.Value.IsInteger) || (right is Const rc && !rc.Value.IsInteger);
        l ??= Numeral(((Const)left).Value, real);
        r ??= Numeral(((Const)right).Value, real);
        return real ? (ToReal(l), ToReal(r)) : (l, r);
    }

    private BoolExpr TranslateCmp(Cmp c)
    {
        var (l, r) = Operands(c.Left, c.Right);
        return c.Op switch
        {
            CmpOp.Le => Own(ctx.MkLe(l, r)),
            CmpOp.Lt => Own(ctx.MkLt(l, r)),
            CmpOp.Ge => Own(ctx.MkGe(l, r)),
            CmpOp.Gt => Own(ctx.MkGt(l, r)),
            CmpOp.Eq => Own(ctx.MkEq(l, r)),
            _ => Own(ctx.MkNot(Own(ctx.MkEq(l, r)))),
        };
    }

    private BoolExpr TranslateQuantified(Quantified q)
    {
        var body = Translate(q.Body);
        if (q.Vars.IsEmpty)
        {
            return body;
        }

        Expr[] bound = [.. q.Vars.Select(VarConst)];
        return q.IsExists ? Own(ctx.MkExists(bound, body)) : Own(ctx.MkForall(bound, body));
    }

    private ArithExpr TranslateIte(Ite i)
    {
        var cond = Translate(i.Condition);
        var (t, e) = Operands(i.Then, i.Else);
        return (ArithExpr)Own(ctx.MkITE(cond, t, e));
    }

    private ArithExpr TranslateArith(Arith a)
    {
        switch (a.Op)
        {
            case ArithOp.Add:
            case ArithOp.Sub:
            case ArithOp.Mul:
            {
                var (l, r) = Operands(a.Left, a.Right);
                return a.Op switch
                {
                    ArithOp.Add => Own(ctx.MkAdd(l, r)),
                    ArithOp.Sub => Own(ctx.MkSub(l, r)),
                    _ => Own(ctx.MkMul(l, r)),
                };
            }

            default:
                return TranslateDivision(a);
        }
    }

    /// <summary>
    /// Integer division and remainder with C (truncating) or Python (flooring) semantics, built from Z3's Euclidean
    /// div/mod (a = b·div(a,b) + mod(a,b), 0 ≤ mod(a,b) &lt; |b|). Identities, for b ≠ 0:
    /// <list type="bullet">
    /// <item>trunc: a / b = a ≥ 0 ? div(a,b) : −div(−a,b);  a % b = a ≥ 0 ? mod(a,b) : −mod(−a,b)</item>
    /// <item>floor: a // b = b &gt; 0 ? div(a,b) : div(−a,−b);  a mod b = b &gt; 0 ? mod(a,b) : −mod(−a,−b)</item>
    /// </list>
    /// Callers guard against b = 0, but the encoding stays a total function: quotient 0 and remainder a, so that
    /// a = b·q + r still holds. A constant divisor selects its branch at translation time to keep the result linear.
    /// </summary>
    private ArithExpr TranslateDivision(Arith a)
    {
        var x = Translate(a.Left);
        var y = Translate(a.Right);
        if (IsReal(x) || IsReal(y))
        {
            throw new NotSupportedException($"Integer division or remainder on a Real-sorted operand: {a}.");
        }

        var ai = (IntExpr)x;
        var bi = (IntExpr)y;
        var isQuotient = a.Op is ArithOp.DivTrunc or ArithOp.DivFloor;
        int? constSign = a.Right is Const c ? c.Value.Sign : null;
        var zero = Numeral(Rational.Zero, false);

        if (constSign == 0)
        {
            return isQuotient ? zero : ai;
        }

        ArithExpr core;
        if (a.Op is ArithOp.DivTrunc or ArithOp.RemTrunc)
        {
            // The truncating identities hold for either sign of b.
            var negA = Neg(ai);
            var aNonNeg = Own(ctx.MkGe(ai, zero));
            core = isQuotient
                ? (ArithExpr)Own(ctx.MkITE(aNonNeg, Own(ctx.MkDiv(ai, bi)), Neg(Own(ctx.MkDiv(negA, bi)))))
                : (ArithExpr)Own(ctx.MkITE(aNonNeg, Own(ctx.MkMod(ai, bi)), Neg(Own(ctx.MkMod(negA, bi)))));
        }
        else
        {
            ArithExpr Positive() => isQuotient ? Own(ctx.MkDiv(ai, bi)) : Own(ctx.MkMod(ai, bi));
            ArithExpr Negative() => isQuotient ? Own(ctx.MkDiv(Neg(ai), Neg(bi))) : Neg(Own(ctx.MkMod(Neg(ai), Neg(bi))));
            core = constSign switch
            {
                > 0 => Positive(),
                < 0 => Negative(),
                _ => (ArithExpr)Own(ctx.MkITE(Own(ctx.MkGt(bi, zero)), Positive(), Negative())),
            };
        }

        return constSign is null
            ? (ArithExpr)Own(ctx.MkITE(Own(ctx.MkEq(bi, zero)), isQuotient ? zero : ai, core))
            : core;
    }

    private IntExpr Neg(ArithExpr e) => (IntExpr)Own(ctx.MkUnaryMinus(e));

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }

        owned.Clear();
        vars.Clear();
        memo.Clear();
    }
}
