using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// Readable forms of invariants, sets and ranking functions for answers: the internal logic turned into the public
/// <see cref="Condition"/> and <see cref="Expression"/> records, each variable named by the caller's naming (see
/// <see cref="ReadableNames"/>).
/// </summary>
internal static class Display
{
    /// <summary>
    /// A conjunction of atoms, short and readable: per linear expression only the tightest bounds are kept (an
    /// equivalent conjunction), and the atoms that <paramref name="hide"/> selects (bounds that only restate a
    /// variable's type) are left out.
    /// </summary>
    public static AndCondition Conjunction(Formula f, Func<string, string> name, Func<Formula, bool>? hide = null)
    {
        var bounds = new Dictionary<LinearExpr, BigInteger>();
        var order = new List<LinearExpr>();
        var others = new List<Condition>();
        foreach (var atom in Invariants.Conjuncts(f))
        {
            if (hide?.Invoke(atom) == true)
            {
                continue;
            }

            List<System.Collections.Immutable.ImmutableList<LinearConstraint>> dnf;
            try
            {
                dnf = new Linearizer("$display").Dnf(atom);
            }
            catch (NotLinearizableException)
            {
                others.Add(Of(atom, name));
                continue;
            }

            if (dnf.Count != 1 || dnf[0].Any(c => c.Expr.Coefficients.Keys.Any(k => k.StartsWith("$display", StringComparison.Ordinal))))
            {
                others.Add(Of(atom, name));
                continue;
            }

            foreach (var c in dnf[0])
            {
                // c: e + k ≤ 0 with integer coefficients; keep the largest k per e (the tightest e ≤ −k).
                var e = c.Expr with { Constant = Rational.Zero };
                var k = c.Expr.Constant.Numerator;
                if (!bounds.TryGetValue(e, out var existing))
                {
                    order.Add(e);
                    bounds[e] = k;
                }
                else if (k > existing)
                {
                    bounds[e] = k;
                }
            }
        }

        var parts = new List<Condition>();
        var done = new HashSet<LinearExpr>();
        foreach (var e in order)
        {
            if (!done.Add(e))
            {
                continue;
            }

            var negated = new Rational(-1, 1) * e;
            var upper = -bounds[e];
            if (bounds.TryGetValue(negated, out var k2) && done.Add(negated))
            {
                var lower = k2;
                if (lower == upper)
                {
                    parts.Add(Bound(e, ComparisonOperator.Equal, upper, name));
                    continue;
                }

                parts.Add(Bound(e, ComparisonOperator.LessOrEqual, upper, name));
                parts.Add(Bound(negated, ComparisonOperator.LessOrEqual, -lower, name));
                continue;
            }

            parts.Add(Bound(e, ComparisonOperator.LessOrEqual, upper, name));
        }

        parts.AddRange(others);
        return new AndCondition([.. parts]);
    }

    /// <summary>e op bound, written with positive terms on the left where possible (y &gt;= 1 rather than -y &lt;= -1).</summary>
    private static ComparisonCondition Bound(LinearExpr e, ComparisonOperator op, BigInteger bound, Func<string, string> name)
    {
        if (e.Coefficients.Values.All(c => c.Sign < 0))
        {
            e = new Rational(-1, 1) * e;
            bound = -bound;
            op = op == ComparisonOperator.LessOrEqual ? ComparisonOperator.GreaterOrEqual : op;
        }

        ComparisonCondition Compare(LinearExpr left, ComparisonOperator comparison, LinearExpr right) =>
            new(Linear(left, name), comparison, Linear(right, name));

        // Integer strictness reads better: x <= y - 1 is x < y.
        var positives = new LinearExpr(e.Coefficients.Where(p => p.Value.Sign > 0).ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), Rational.Zero);
        var negatives = new LinearExpr(e.Coefficients.Where(p => p.Value.Sign < 0).ToImmutableSortedDictionary(p => p.Key, p => -p.Value, StringComparer.Ordinal), Rational.Zero);
        var constant = LinearExpr.Of(new Rational(bound, 1));
        if (!negatives.IsConstant && bound.IsZero)
        {
            return Compare(positives, op, negatives);
        }

        if (!negatives.IsConstant && op != ComparisonOperator.Equal && (op == ComparisonOperator.LessOrEqual ? bound == -1 : bound == 1))
        {
            return Compare(positives, op == ComparisonOperator.LessOrEqual ? ComparisonOperator.Less : ComparisonOperator.Greater, negatives);
        }

        if (negatives.IsConstant && op == ComparisonOperator.GreaterOrEqual && bound == 1 && e.Coefficients.Count == 1)
        {
            return Compare(e, ComparisonOperator.Greater, LinearExpr.Zero);
        }

        return Compare(e, op, constant);
    }

    /// <summary>An affine expression with its variables named by <paramref name="name"/>.</summary>
    public static LinearFunction Linear(LinearExpr e, Func<string, string> name) => new(
        [.. e.Coefficients.Select(p => new LinearTerm(Of(p.Value), name(p.Key)))],
        Of(e.Constant));

    /// <summary>A term of the logic as an expression, with its variables named by <paramref name="name"/>.</summary>
    public static Expression Of(Term term, Func<string, string> name) => term switch
    {
        Const c => new NumberExpression(Of(c.Value)),
        Var v => new VariableExpression(name(v.Name)),
        Arith a => new ArithmeticExpression(a.Op switch
        {
            ArithOp.Add => ArithmeticOperator.Add,
            ArithOp.Sub => ArithmeticOperator.Subtract,
            ArithOp.Mul => ArithmeticOperator.Multiply,
            ArithOp.DivTrunc => ArithmeticOperator.TruncatedDivide,
            ArithOp.RemTrunc => ArithmeticOperator.TruncatedRemainder,
            ArithOp.DivFloor => ArithmeticOperator.FloorDivide,
            _ => ArithmeticOperator.FloorModulo,
        }, Of(a.Left, name), Of(a.Right, name)),
        Ite ite => new ConditionalExpression(Of(ite.Condition, name), Of(ite.Then, name), Of(ite.Else, name)),
        _ => throw new ArgumentOutOfRangeException(nameof(term), term.GetType().Name, "unknown kind of term"),
    };

    /// <summary>A formula of the logic as a condition, with its variables named by <paramref name="name"/>.</summary>
    public static Condition Of(Formula formula, Func<string, string> name) => formula switch
    {
        BoolConst b => new BooleanCondition(b.Value),
        Cmp c => new ComparisonCondition(Of(c.Left, name), c.Op switch
        {
            CmpOp.Le => ComparisonOperator.LessOrEqual,
            CmpOp.Lt => ComparisonOperator.Less,
            CmpOp.Ge => ComparisonOperator.GreaterOrEqual,
            CmpOp.Gt => ComparisonOperator.Greater,
            CmpOp.Eq => ComparisonOperator.Equal,
            _ => ComparisonOperator.NotEqual,
        }, Of(c.Right, name)),
        NotF n => new NotCondition(Of(n.Inner, name)),
        AndF a => new AndCondition([.. a.Parts.Select(p => Of(p, name))]),
        OrF o => new OrCondition([.. o.Parts.Select(p => Of(p, name))]),
        Quantified q => new QuantifiedCondition(q.IsExists, [.. q.Vars.Select(v => name(v.Name))], Of(q.Body, name)),
        _ => throw new ArgumentOutOfRangeException(nameof(formula), formula.GetType().Name, "unknown kind of formula"),
    };

    private static Fraction Of(Rational value) => new(value.Numerator, value.Denominator);
}
