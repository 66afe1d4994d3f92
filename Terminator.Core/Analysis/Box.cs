using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>
/// A conjunction of linear constraints over integer variables that, once its equalities are solved
/// (<see cref="Farkas.EliminateEqualities"/>), bounds each remaining variable on its own: a box, and the substitutions
/// that give the eliminated variables. Questions about such a conjunction (is it empty, what is the largest value of
/// a linear term on it) are answered without a solver.
/// </summary>
internal sealed class Box
{
    private readonly ReducedPremises reduced;
    private readonly Dictionary<string, Rational> upper;
    private readonly Dictionary<string, Rational> lower;

    private Box(ReducedPremises reduced, Dictionary<string, Rational> upper, Dictionary<string, Rational> lower, bool isEmpty)
    {
        this.reduced = reduced;
        this.upper = upper;
        this.lower = lower;
        IsEmpty = isEmpty;
    }

    /// <summary>True when no integer point satisfies the constraints.</summary>
    public bool IsEmpty { get; }

    /// <summary>
    /// The box of the constraints, or null when some constraint over two or more variables remains after the
    /// equalities are solved.
    /// </summary>
    public static Box? Of(IReadOnlyList<LinearConstraint> constraints) => Of(Farkas.EliminateEqualities(constraints));

    /// <summary>The box of constraints whose equalities are already solved, or null as above.</summary>
    public static Box? Of(ReducedPremises reduced)
    {
        var upper = new Dictionary<string, Rational>();
        var lower = new Dictionary<string, Rational>();
        var empty = false;
        foreach (var row in reduced.Rows.Select(r => r.Expr))
        {
            switch (row.Coefficients.Count)
            {
                case 0:
                    // c ≤ 0 with c > 0: no point
                    empty |= row.Constant.Sign > 0;
                    break;
                case 1:
                {
                    // a·z + β ≤ 0 bounds z by −β / a, rounded inward: z is an integer
                    var (z, a) = row.Coefficients.First();
                    var bound = -row.Constant / a;
                    if (a.Sign > 0)
                    {
                        var u = new Rational(bound.Floor(), 1);
                        upper[z] = upper.TryGetValue(z, out var old) && old < u ? old : u;
                    }
                    else
                    {
                        var l = new Rational(bound.Ceiling(), 1);
                        lower[z] = lower.TryGetValue(z, out var old) && old > l ? old : l;
                    }

                    break;
                }

                default:
                    return null;
            }
        }

        empty |= upper.Any(u => lower.TryGetValue(u.Key, out var l) && l > u.Value);
        return new Box(reduced, upper, lower, empty);
    }

    /// <summary>
    /// Whether the constraints have an integer solution: false when the box is empty; true when it is not and every
    /// eliminated variable is an integer combination of the others (so any integer point of the box extends to one);
    /// null otherwise (2·x = y, for one, needs y even), and when the constraints are not a box.
    /// </summary>
    public static bool? HasIntegerPoint(IReadOnlyList<LinearConstraint> constraints) =>
        HasIntegerPoint(Farkas.EliminateEqualities(constraints));

    /// <summary>As <see cref="HasIntegerPoint(IReadOnlyList{LinearConstraint})"/>, for constraints whose equalities are already solved.</summary>
    public static bool? HasIntegerPoint(ReducedPremises reduced) =>
        Of(reduced) switch
        {
            null => null,
            { IsEmpty: true } => false,
            var box when box.reduced.Substitutions.All(s => s.Value.Constant.IsInteger && s.Value.Coefficients.Values.All(c => c.IsInteger)) => true,
            _ => null,
        };

    /// <summary>
    /// The largest value of <paramref name="objective"/> over the box (with the eliminated variables substituted),
    /// or null when it is unbounded: Σ cᵢ·zᵢ + c₀ is largest at zᵢ = uᵢ where cᵢ &gt; 0 and zᵢ = lᵢ where cᵢ &lt; 0.
    /// </summary>
    public Rational? Maximum(LinearExpr objective)
    {
        var substituted = reduced.Apply(objective);
        var value = substituted.Constant;
        foreach (var (z, c) in substituted.Coefficients)
        {
            if (!(c.Sign > 0 ? upper : lower).TryGetValue(z, out var bound))
            {
                return null;
            }

            value += c * bound;
        }

        return value;
    }
}
