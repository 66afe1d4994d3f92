using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>Readable renderings of invariants and sets for certificates.</summary>
internal static class Display
{
    /// <summary>
    /// A conjunction of atoms as a short readable string: per linear expression only the tightest bounds are kept
    /// (an equivalent conjunction), and bounds that only restate a variable's type are left out.
    /// </summary>
    public static string Conjunction(Formula f, Func<Formula, bool>? hide = null)
    {
        var bounds = new Dictionary<LinearExpr, BigInteger>();
        var order = new List<LinearExpr>();
        var others = new List<string>();
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
                others.Add(atom is OrF ? $"({atom})" : atom.ToString() ?? "");
                continue;
            }

            if (dnf.Count != 1 || dnf[0].Any(c => c.Expr.Coefficients.Keys.Any(k => k.StartsWith("$display", StringComparison.Ordinal))))
            {
                others.Add(atom is OrF ? $"({atom})" : atom.ToString() ?? "");
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

        var parts = new List<string>();
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
                    parts.Add(Render(e, "==", upper));
                    continue;
                }

                parts.Add(Render(e, "<=", upper));
                parts.Add(Render(negated, "<=", -lower));
                continue;
            }

            parts.Add(Render(e, "<=", upper));
        }

        parts.AddRange(others);
        return parts.Count == 0 ? "true" : string.Join(" && ", parts);
    }

    /// <summary>e op bound, written with positive terms on the left where possible (y &gt;= 1 rather than -y &lt;= -1).</summary>
    private static string Render(LinearExpr e, string op, BigInteger bound)
    {
        if (e.Coefficients.Values.All(c => c.Sign < 0))
        {
            e = new Rational(-1, 1) * e;
            bound = -bound;
            op = op == "<=" ? ">=" : op;
        }

        // Integer strictness reads better: x <= y - 1 is x < y.
        var positives = new LinearExpr(e.Coefficients.Where(p => p.Value.Sign > 0).ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), Rational.Zero);
        var negatives = new LinearExpr(e.Coefficients.Where(p => p.Value.Sign < 0).ToImmutableSortedDictionary(p => p.Key, p => -p.Value, StringComparer.Ordinal), Rational.Zero);
        if (!negatives.IsConstant && bound.IsZero)
        {
            return $"{positives} {op} {negatives}";
        }

        if (!negatives.IsConstant && op != "==" && (op == "<=" ? bound == -1 : bound == 1))
        {
            return $"{positives} {(op == "<=" ? "<" : ">")} {negatives}";
        }

        if (!negatives.IsConstant)
        {
            return $"{e} {op} {bound}";
        }

        if (op == ">=" && bound == 1 && e.Coefficients.Count == 1)
        {
            return $"{e} > 0";
        }

        return $"{e} {op} {bound}";
    }
}
