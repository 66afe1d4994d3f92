using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Terminator.Core.Logic;

/// <summary>Substitution, free variables and concrete evaluation of terms and formulas.</summary>
internal static class LogicOps
{
    public static Term Substitute(Term t, Func<Var, Term?> map)
    {
        // Terms nest as deep as the straight-line code they come from: running out of stack must be an exception.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return t switch
        {
            Var v => map(v) ?? v,
            Arith a => SimplifyArith(a.Op, Substitute(a.Left, map), Substitute(a.Right, map)),
            Ite i => new Ite(Substitute(i.Condition, map), Substitute(i.Then, map), Substitute(i.Else, map)),
            _ => t,
        };
    }

    public static Formula Substitute(Formula f, Func<Var, Term?> map) => f switch
    {
        Cmp c => new Cmp(c.Op, Substitute(c.Left, map), Substitute(c.Right, map)),
        NotF n => new NotF(Substitute(n.Inner, map)),
        AndF a => Formula.And(a.Parts.Select(p => Substitute(p, map))),
        OrF o => Formula.Or(o.Parts.Select(p => Substitute(p, map))),
        Quantified q => new Quantified(q.IsExists, q.Vars, Substitute(q.Body, v => q.Vars.Contains(v) ? null : map(v))),
        _ => f,
    };

    /// <summary>Builds an arithmetic term, folding constants so that straight-line code stays small.</summary>
    public static Term SimplifyArith(ArithOp op, Term left, Term right)
    {
        if (left is Const a && right is Const b && a.Value.IsInteger && b.Value.IsInteger)
        {
            var x = a.Value.Numerator;
            var y = b.Value.Numerator;
            switch (op)
            {
                case ArithOp.Add: return new Const(x + y);
                case ArithOp.Sub: return new Const(x - y);
                case ArithOp.Mul: return new Const(x * y);
                case ArithOp.DivTrunc when !y.IsZero: return new Const(BigInteger.Divide(x, y));
                case ArithOp.RemTrunc when !y.IsZero: return new Const(BigInteger.Remainder(x, y));
                case ArithOp.DivFloor when !y.IsZero: return new Const(FloorDiv(x, y));
                case ArithOp.ModFloor when !y.IsZero: return new Const(x - y * FloorDiv(x, y));
            }
        }

        // (c·u mod c·m) / c = u mod m for integers c, m > 0: the remainder of c·u by c·m is c times that of u by m,
        // and it is not negative, so truncating and floor division agree. An allocation of n * sizeof(T) bytes has
        // n mod 2^30 elements of 4 bytes (ILP32) instead of a quotient of a remainder of a product.
        if (op is ArithOp.DivTrunc or ArithOp.DivFloor
            && PositiveInteger(right) is { } c
            && left is Arith { Op: ArithOp.ModFloor } remainder
            && PositiveInteger(remainder.Right) is { } cm
            && (cm % c).IsZero
            && Unscaled(remainder.Left, c) is { } u)
        {
            return SimplifyArith(ArithOp.ModFloor, u, new Const(cm / c));
        }

        // (t + k·m) mod m = t mod m, also when the two cases of a choice differ only by a multiple of m (C's conversion
        // of a signed value to unsigned adds 2^w to negative values).
        if (op is ArithOp.ModFloor && PositiveInteger(right) is { } m)
        {
            var reduced = WithoutMultipleOf(left, m);
            if (reduced is Ite choice && WithoutMultipleOf(choice.Then, m) is var then && then.Equals(WithoutMultipleOf(choice.Else, m)))
            {
                reduced = then;
            }

            if (!ReferenceEquals(reduced, left))
            {
                return SimplifyArith(ArithOp.ModFloor, reduced, right);
            }
        }

        if (op is ArithOp.Add && right is Const { Value.Sign: 0 })
        {
            return left;
        }

        if (op is ArithOp.Add && left is Const { Value.Sign: 0 })
        {
            return right;
        }

        if (op is ArithOp.Sub && right is Const { Value.Sign: 0 })
        {
            return left;
        }

        if (op is ArithOp.Mul && (left is Const { Value.Sign: 0 } || right is Const { Value.Sign: 0 }))
        {
            return new Const(0);
        }

        if (op is ArithOp.Mul && left is Const l1 && l1.Value == Rational.One)
        {
            return right;
        }

        if (op is ArithOp.Mul && right is Const r1 && r1.Value == Rational.One)
        {
            return left;
        }

        return new Arith(op, left, right);
    }

    private static BigInteger? PositiveInteger(Term t) =>
        t is Const { Value: { IsInteger: true } v } && v.Numerator.Sign > 0 ? v.Numerator : null;

    /// <summary>u when <paramref name="t"/> is c·u or u·c; null otherwise.</summary>
    private static Term? Unscaled(Term t, BigInteger c) => t switch
    {
        Arith { Op: ArithOp.Mul, Left: var l, Right: var r } when PositiveInteger(l) == c => r,
        Arith { Op: ArithOp.Mul, Left: var l, Right: var r } when PositiveInteger(r) == c => l,
        _ => null,
    };

    /// <summary><paramref name="t"/> without an added constant that is a multiple of <paramref name="m"/> (t itself when there is none).</summary>
    private static Term WithoutMultipleOf(Term t, BigInteger m) => t switch
    {
        Arith { Op: ArithOp.Add or ArithOp.Sub, Left: var l, Right: Const { Value: { IsInteger: true } k } } when (k.Numerator % m).IsZero => l,
        Arith { Op: ArithOp.Add, Left: Const { Value: { IsInteger: true } k }, Right: var r } when (k.Numerator % m).IsZero => r,
        _ => t,
    };

    public static BigInteger FloorDiv(BigInteger x, BigInteger y)
    {
        var q = BigInteger.DivRem(x, y, out var r);
        return !r.IsZero && (r.Sign < 0) != (y.Sign < 0) ? q - 1 : q;
    }

    public static void CollectVars(Term t, ISet<Var> into) => CollectVarsOf(t, into);

    public static void CollectVars(Formula f, ISet<Var> into) => CollectVarsOf(f, into);

    /// <summary>
    /// The direct subterms and subformulas of a term or formula (none for quantifiers, whose bound variables need
    /// care of their own).
    /// </summary>
    private static void PushChildren(object node, Stack<object> pending)
    {
        switch (node)
        {
            case Arith a: pending.Push(a.Right); pending.Push(a.Left); break;
            case Ite i: pending.Push(i.Else); pending.Push(i.Then); pending.Push(i.Condition); break;
            case Cmp c: pending.Push(c.Right); pending.Push(c.Left); break;
            case NotF n: pending.Push(n.Inner); break;
            case AndF a: foreach (var p in a.Parts) { pending.Push(p); } break;
            case OrF o: foreach (var p in o.Parts) { pending.Push(p); } break;
        }
    }

    /// <summary>
    /// Walks a term or formula as the graph it is: straight-line code shares each value among the terms that use it,
    /// so visiting every shared node once keeps the walk linear where a walk of the tree would be exponential.
    /// </summary>
    private static IEnumerable<object> Nodes(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is Arith or Ite or Cmp or NotF or AndF or OrF && !seen.Add(node))
            {
                continue;
            }

            yield return node;
            PushChildren(node, pending);
        }
    }

    private static void CollectVarsOf(object root, ISet<Var> into)
    {
        foreach (var node in Nodes(root))
        {
            switch (node)
            {
                case Var v:
                    into.Add(v);
                    break;
                case Quantified q:
                    var inner = new HashSet<Var>();
                    CollectVars(q.Body, inner);
                    inner.ExceptWith(q.Vars);
                    into.UnionWith(inner);
                    break;
            }
        }
    }

    public static ImmutableHashSet<Var> Vars(Formula f)
    {
        var set = new HashSet<Var>();
        CollectVars(f, set);
        return [.. set];
    }

    /// <summary>Exact evaluation over integers; null when a variable is unbound or a division by zero occurs.</summary>
    public static BigInteger? Evaluate(Term t, IReadOnlyDictionary<string, BigInteger> env)
    {
        switch (t)
        {
            case Const c: return c.Value.IsInteger ? c.Value.Numerator : null;
            case Var v: return env.TryGetValue(v.Name, out var value) ? value : null;
            case Ite i:
                var cond = Evaluate(i.Condition, env);
                return cond is null ? null : Evaluate(cond.Value ? i.Then : i.Else, env);
            case Arith a:
                var x = Evaluate(a.Left, env);
                var y = Evaluate(a.Right, env);
                if (x is null || y is null)
                {
                    return null;
                }

                var (p, q) = (x.Value, y.Value);
                return a.Op switch
                {
                    ArithOp.Add => p + q,
                    ArithOp.Sub => p - q,
                    ArithOp.Mul => p * q,
                    _ when q.IsZero => null,
                    ArithOp.DivTrunc => BigInteger.Divide(p, q),
                    ArithOp.RemTrunc => BigInteger.Remainder(p, q),
                    ArithOp.DivFloor => FloorDiv(p, q),
                    ArithOp.ModFloor => p - q * FloorDiv(p, q),
                    _ => null,
                };
            default: return null;
        }
    }

    /// <summary>Exact evaluation of a quantifier-free formula; null when it cannot be decided from <paramref name="env"/>.</summary>
    public static bool? Evaluate(Formula f, IReadOnlyDictionary<string, BigInteger> env)
    {
        switch (f)
        {
            case BoolConst b: return b.Value;
            case Cmp c:
                var l = Evaluate(c.Left, env);
                var r = Evaluate(c.Right, env);
                if (l is null || r is null)
                {
                    return null;
                }

                var cmp = l.Value.CompareTo(r.Value);
                return c.Op switch
                {
                    CmpOp.Le => cmp <= 0,
                    CmpOp.Lt => cmp < 0,
                    CmpOp.Ge => cmp >= 0,
                    CmpOp.Gt => cmp > 0,
                    CmpOp.Eq => cmp == 0,
                    _ => cmp != 0,
                };
            case NotF n: return !Evaluate(n.Inner, env);
            case AndF a:
                var allTrue = true;
                foreach (var p in a.Parts)
                {
                    var v = Evaluate(p, env);
                    if (v == false)
                    {
                        return false;
                    }

                    allTrue &= v == true;
                }

                return allTrue ? true : null;
            case OrF o:
                var allFalse = true;
                foreach (var p in o.Parts)
                {
                    var v = Evaluate(p, env);
                    if (v == true)
                    {
                        return true;
                    }

                    allFalse &= v == false;
                }

                return allFalse ? false : null;
            default: return null;
        }
    }

    /// <summary>Whether a formula multiplies two non-constant terms, or divides or takes a remainder by one.</summary>
    public static bool IsNonlinear(Formula f) => Nodes(f).Any(node => node switch
    {
        Arith { Op: ArithOp.Mul } a => a.Left is not Const && a.Right is not Const,
        Arith { Op: not (ArithOp.Add or ArithOp.Sub) } a => a.Right is not Const,
        _ => false,
    });
}
