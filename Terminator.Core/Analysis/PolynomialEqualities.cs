using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// Polynomial equalities guessed from concrete states: every polynomial of degree at most two that vanishes on all
/// the sampled states at a loop head, as the null space of the matrix whose rows are the states and whose columns
/// are the monomials (the equation-solving step of dynamic invariant generation, Nguyen, Kapur, Weimer and Forrest,
/// "Using dynamic analysis to discover polynomial and array invariants", ICSE 2012).
/// </summary>
/// <remarks>
/// The result is a set of candidates, nothing more: samples only show what some runs do, so each equality must still
/// be proved inductive before anything relies on it. A basis of the null space is returned in reduced echelon form,
/// so that each equality names one monomial the others determine.
/// </remarks>
internal static class PolynomialEqualities
{
    /// <summary>
    /// A basis of the polynomials of degree ≤ <paramref name="degree"/> over <paramref name="variables"/> that vanish
    /// on every sample, each as <c>p == q</c> with integer coefficients. Samples that lack one of the variables are
    /// ignored. When there are too few distinct samples for the monomials, most of the null space would be accidental,
    /// so nothing is returned.
    /// </summary>
    public static ImmutableArray<Formula> Guess(IReadOnlyList<string> variables, IEnumerable<IReadOnlyDictionary<string, BigInteger>> samples, int degree = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degree);
        var states = samples.Where(s => variables.All(s.ContainsKey)).ToList();

        // Linear equalities first. Each determines its pivot variable from the others, so higher degrees need only the
        // variables left free: products of a determined variable would only restate the linear equalities.
        var linear = Vanishing(variables, states, 1);
        if (linear is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<Formula>();
        result.AddRange(linear.Value.Equalities);
        if (degree > 1)
        {
            var free = variables.Where(v => !linear.Value.Determined.Contains(v)).ToList();
            if (free.Count > 0 && Vanishing(free, states, degree) is { } higher)
            {
                result.AddRange(higher.Equalities.Where(LogicOps.IsNonlinear));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The null space of the states against the monomials of degree ≤ <paramref name="degree"/>, as equalities, with
    /// the variables that some equality determines (those at non-pivot columns); null when the states are too few.
    /// </summary>
    private static (List<Formula> Equalities, HashSet<string> Determined)? Vanishing(IReadOnlyList<string> variables, List<IReadOnlyDictionary<string, BigInteger>> states, int degree)
    {
        var monomials = Monomials(variables, degree);
        var rows = new List<Rational[]>();
        var seen = new HashSet<string>();
        foreach (var state in states)
        {
            var row = monomials.Select(m => (Rational)m.Aggregate(BigInteger.One, (p, v) => p * state[v])).ToArray();
            if (seen.Add(string.Join(",", row)))
            {
                rows.Add(row);
            }
        }

        // More states than monomials, with some to spare, before a vanishing polynomial means anything.
        if (rows.Count < monomials.Count + 2)
        {
            return null;
        }

        var (basis, pivotColumns) = NullSpace(rows, monomials.Count);

        // Each basis vector expresses one non-pivot monomial through the pivot ones.
        var pivots = pivotColumns.ToHashSet();
        var determined = Enumerable.Range(0, monomials.Count).Where(c => !pivots.Contains(c) && monomials[c].Length == 1)
            .Select(c => monomials[c][0]).ToHashSet();
        return (basis.Select(v => ToEquality(v, monomials)).ToList(), determined);
    }

    /// <summary>The monomials of degree ≤ <paramref name="degree"/>, the constant 1 (no factors) first, factors in ordinal order.</summary>
    private static List<ImmutableArray<string>> Monomials(IReadOnlyList<string> variables, int degree)
    {
        var sorted = variables.Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
        var result = new List<ImmutableArray<string>> { ImmutableArray<string>.Empty };
        var previous = new List<ImmutableArray<string>> { ImmutableArray<string>.Empty };
        for (var d = 1; d <= degree; d++)
        {
            var next = new List<ImmutableArray<string>>();
            foreach (var m in previous)
            {
                // Non-decreasing factor order: each monomial once.
                var start = m.IsEmpty ? 0 : sorted.IndexOf(m[^1]);
                for (var i = start; i < sorted.Count; i++)
                {
                    next.Add(m.Add(sorted[i]));
                }
            }

            result.AddRange(next);
            previous = next;
        }

        return result;
    }

    /// <summary>
    /// A basis of { c | A·c = 0 } by Gauss–Jordan elimination over the rationals: one vector per free column, with a 1
    /// there and the negated reduced entries at the pivot columns.
    /// </summary>
    private static (List<Rational[]> Basis, List<int> PivotColumns) NullSpace(List<Rational[]> rows, int columns)
    {
        var a = rows.Select(r => (Rational[])r.Clone()).ToList();
        var pivotColumns = new List<int>();
        var rank = 0;
        for (var column = 0; column < columns && rank < a.Count; column++)
        {
            var pivot = a.FindIndex(rank, r => r[column] != Rational.Zero);
            if (pivot < 0)
            {
                continue;
            }

            (a[rank], a[pivot]) = (a[pivot], a[rank]);
            var scale = a[rank][column];
            for (var j = 0; j < columns; j++)
            {
                a[rank][j] /= scale;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (i != rank && a[i][column] != Rational.Zero)
                {
                    var factor = a[i][column];
                    for (var j = 0; j < columns; j++)
                    {
                        a[i][j] -= factor * a[rank][j];
                    }
                }
            }

            pivotColumns.Add(column);
            rank++;
        }

        var pivots = pivotColumns.ToHashSet();
        var basis = new List<Rational[]>();
        for (var free = 0; free < columns; free++)
        {
            if (pivots.Contains(free))
            {
                continue;
            }

            var vector = new Rational[columns];
            vector[free] = Rational.One;
            for (var r = 0; r < pivotColumns.Count; r++)
            {
                vector[pivotColumns[r]] = -a[r][free];
            }

            basis.Add(vector);
        }

        return (basis, pivotColumns);
    }

    /// <summary>Σ cᵢ·mᵢ = 0 with integer coefficients, positive terms on the left and negative ones on the right.</summary>
    private static Formula ToEquality(Rational[] coefficients, List<ImmutableArray<string>> monomials)
    {
        var lcm = coefficients.Aggregate(BigInteger.One, (l, c) => l / BigInteger.GreatestCommonDivisor(l, c.Denominator) * c.Denominator);
        var integers = coefficients.Select(c => c.Numerator * (lcm / c.Denominator)).ToArray();
        var gcd = integers.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
        Term? left = null;
        Term? right = null;
        for (var i = 0; i < monomials.Count; i++)
        {
            var c = gcd.IsZero ? integers[i] : integers[i] / gcd;
            if (c.IsZero)
            {
                continue;
            }

            var term = Scaled(BigInteger.Abs(c), monomials[i]);
            if (c.Sign > 0)
            {
                left = left is null ? term : left + term;
            }
            else
            {
                right = right is null ? term : right + term;
            }
        }

        return Formula.Eq(left ?? new Const(Rational.Zero), right ?? new Const(Rational.Zero));
    }

    private static Term Scaled(BigInteger coefficient, ImmutableArray<string> monomial)
    {
        if (monomial.IsEmpty)
        {
            return new Const(coefficient);
        }

        Term product = new Var(monomial[0]);
        foreach (var factor in monomial.Skip(1))
        {
            product *= new Var(factor);
        }

        return coefficient.IsOne ? product : new Const(coefficient) * product;
    }
}
