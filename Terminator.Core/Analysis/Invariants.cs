using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>
/// Supporting invariants by Houdini-style candidate elimination: start from a pool of candidate atoms at each target
/// cutpoint and drop every candidate that some transition from an invariant state can falsify, until what remains is
/// inductive. Each round is an SMT query; an unknown answer drops all candidates at that cutpoint, which is sound.
/// </summary>
internal static class Invariants
{
    /// <summary>Candidate atoms over the non-temporary state variables.</summary>
    public static ImmutableArray<Formula> Candidates(TransitionSystem ts, IntegerRules rules, int pairLimit)
    {
        var names = ProgramVariables(ts).ToHashSet();
        var result = new List<Formula>();
        var seen = new HashSet<Formula>();
        void Add(Formula f)
        {
            if (f is not BoolConst && seen.Add(f))
            {
                result.Add(f);
            }
        }

        foreach (var condition in ts.Transitions.Select(t => t.Relation).Concat(ts.SourceConditions))
        {
            foreach (var atom in Atoms(condition))
            {
                if (LogicOps.Vars(atom).All(v => names.Contains(v.Name)) && LogicOps.Vars(atom).Count > 0)
                {
                    Add(atom);
                    Add(atom.Negate());
                }
            }
        }

        // Guarded facts such as "b == 0 || x >= -2147483647": a flag tested against a constant, or any source
        // condition. They capture loops whose exit depends on a flag set in the body.
        var sourceAtoms = ts.SourceConditions.SelectMany(Atoms)
            .Where(a => LogicOps.Vars(a).Count > 0 && LogicOps.Vars(a).All(v => names.Contains(v.Name)))
            .Distinct().ToList();
        var flags = sourceAtoms.Where(a => a is Cmp { Op: CmpOp.Eq or CmpOp.Ne, Left: Var, Right: Const }).ToList();
        foreach (var flag in flags.Concat(flags.Select(f => f.Negate())).Distinct())
        {
            foreach (var fact in sourceAtoms.Concat(sourceAtoms.Select(a => a.Negate())).Distinct())
            {
                if (!LogicOps.Vars(fact).SetEquals(LogicOps.Vars(flag)))
                {
                    Add(Formula.Or(flag, fact));
                }
            }
        }

        var typed = ts.Variables.Where(v => names.Contains(v.Name)).ToList();
        foreach (var v in typed)
        {
            var x = new Var(v.Name);
            foreach (var part in Conjuncts(rules.Range(x, v.Type)))
            {
                Add(part);
            }

            Add(Formula.Ge(x, new Const(0)));
            Add(Formula.Ge(x, new Const(1)));
            Add(Formula.Le(x, new Const(0)));
            Add(Formula.Le(x, new Const(-1)));

            // Parity: unsigned wraparound and steps of two preserve it (for example x = x - 2 from an odd x).
            Add(Formula.Eq(new Arith(ArithOp.ModFloor, x, new Const(2)), new Const(0)));
            Add(Formula.Eq(new Arith(ArithOp.ModFloor, x, new Const(2)), new Const(1)));
        }

        var paired = typed.Take(pairLimit).Select(v => new Var(v.Name)).ToList();
        for (var i = 0; i < paired.Count; i++)
        {
            for (var j = i + 1; j < paired.Count; j++)
            {
                Add(Formula.Le(paired[i], paired[j]));
                Add(Formula.Ge(paired[i], paired[j]));
                Add(Formula.Lt(paired[i], paired[j]));
                Add(Formula.Gt(paired[i], paired[j]));
            }
        }

        return [.. result];
    }

    /// <summary>
    /// Orderings that hold whenever a source condition does, as candidates "¬condition ∨ x &lt; y": a counter that
    /// stays below a variable only once a loop's guard is true (c &lt; x under x &gt; 1, while c starts at 0 for every
    /// x) is invariant in this form, though neither ordering alone is.
    /// </summary>
    public static ImmutableArray<Formula> GuardedOrderings(TransitionSystem ts, int variableLimit)
    {
        var names = ProgramVariables(ts).ToHashSet();
        var variables = ts.Variables.Where(v => names.Contains(v.Name)).Take(variableLimit).Select(v => new Var(v.Name)).ToList();
        var orderings = new List<Formula>();
        for (var i = 0; i < variables.Count; i++)
        {
            for (var j = 0; j < variables.Count; j++)
            {
                if (i != j)
                {
                    orderings.Add(Formula.Lt(variables[i], variables[j]));
                    orderings.Add(Formula.Le(variables[i], variables[j]));
                }
            }
        }

        var conditions = ts.SourceConditions
            .Where(c => c is not BoolConst && LogicOps.Vars(c).All(v => names.Contains(v.Name)) && Atoms(c).Count() <= 3)
            .Distinct();
        return [.. conditions.SelectMany(c => orderings.Select(o => Formula.Or(c.Negate(), o))).Distinct()];
    }

    /// <summary>
    /// Candidate bounds on octagonal expressions (±x, x + y, x − y) at loop heads: the tightest bounds that hold on
    /// entry to each loop, read off a box where the entry is one (see <see cref="BoxOptima(Formula, IReadOnlyList{Term})"/>) and computed by optimization
    /// otherwise. Houdini then keeps those the loop preserves.
    /// </summary>
    public static ImmutableArray<Formula> EntryBounds(TransitionSystem ts, SmtContext smt, Func<TimeSpan> timeout, int variableLimit, int stepDirectionLoopLimit)
    {
        var names = ProgramVariables(ts).Take(variableLimit).Select(n => new Var(n)).ToList();
        var templates = new List<Term>();
        foreach (var v in names)
        {
            templates.Add(v);
        }

        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                templates.Add(new Arith(ArithOp.Add, names[i], names[j]));
                templates.Add(new Arith(ArithOp.Sub, names[i], names[j]));
            }
        }

        templates.AddRange(StepDirections(ts, names, smt, timeout, stepDirectionLoopLimit));
        var result = new HashSet<Formula>();
        foreach (var t in ts.Transitions.Where(t => t.From == ts.Entry && ts.IsLoopHead(t.To)))
        {
            var objectives = templates.Select(ts.Primed).ToList();
            if (BoxOptima(Formula.And(ts.Initial, t.Relation), objectives) is { } optima)
            {
                for (var i = 0; i < templates.Count; i++)
                {
                    if (optima[i].Max is { } max)
                    {
                        result.Add(Formula.Le(templates[i], new Const(max.Floor())));
                    }

                    if (optima[i].Min is { } min)
                    {
                        result.Add(Formula.Ge(templates[i], new Const(min.Ceiling())));
                    }
                }

                continue;
            }

            using var optimizer = smt.OpenSolver(timeout());
            optimizer.Assert(ts.Initial);
            optimizer.Assert(t.Relation);
            for (var i = 0; i < templates.Count; i++)
            {
                foreach (var maximize in new[] { true, false })
                {
                    var (status, optimum) = optimizer.Optimum(objectives[i], maximize);

                    // The other objectives are as hard as this one (typically a non-linear entry): stop rather than
                    // spend a timeout on each.
                    if (status == SatResult.Unknown)
                    {
                        return [.. result];
                    }

                    // Houdini proves each bound on entry again before keeping it.
                    if (optimum is { IsInteger: true } bound)
                    {
                        result.Add(maximize ? Formula.Le(templates[i], new Const(bound)) : Formula.Ge(templates[i], new Const(bound)));
                    }
                }
            }
        }

        return [.. result];
    }

    /// <summary>
    /// The maximum and minimum of each objective (null where unbounded) over the integer points of a relation whose
    /// linear abstraction, once its equalities are solved, bounds each remaining variable on its own: over such a box
    /// an objective Σ cᵢ·zᵢ + c₀ attains its maximum at zᵢ = uᵢ where cᵢ &gt; 0 and zᵢ = lᵢ where cᵢ &lt; 0. The
    /// bounds are those of a superset of the relation (the abstraction), so they hold on it. Null when some disjunct
    /// keeps a constraint over two or more variables, or an objective is not linear: then an optimizer is needed.
    /// </summary>
    internal static List<(Rational? Max, Rational? Min)>? BoxOptima(Formula relation, IReadOnlyList<Term> objectives) =>
        BoxOptima(relation, objectives, out _);

    /// <summary>As <see cref="BoxOptima(Formula, IReadOnlyList{Term})"/>; <paramref name="empty"/> tells whether no integer point satisfies the relation.</summary>
    internal static List<(Rational? Max, Rational? Min)>? BoxOptima(Formula relation, IReadOnlyList<Term> objectives, out bool empty)
    {
        empty = false;
        var linear = objectives.Select(AsLinear).ToList();
        if (linear.Any(o => o is null))
        {
            return null;
        }

        List<ImmutableList<LinearConstraint>> disjuncts;
        try
        {
            disjuncts = new Linearizer("box").Dnf(relation);
        }
        catch (NotLinearizableException)
        {
            return null;
        }

        var result = objectives.Select(_ => ((Rational? Max, Rational? Min, bool Any))(null, null, false)).ToList();
        foreach (var disjunct in disjuncts)
        {
            var box = Box.Of(disjunct);
            if (box is null)
            {
                return null;
            }

            if (box.IsEmpty)
            {
                continue;
            }

            for (var i = 0; i < linear.Count; i++)
            {
                var max = box.Maximum(linear[i]!);
                var min = box.Maximum(new Rational(-1, 1) * linear[i]!) is { } m ? -m : (Rational?)null;
                var (oldMax, oldMin, any) = result[i];
                result[i] = (
                    !any ? max : oldMax is { } a && max is { } b ? (a > b ? a : b) : null,
                    !any ? min : oldMin is { } c && min is { } d ? (c < d ? c : d) : null,
                    true);
            }
        }

        // No disjunct has a point: the relation is empty, and bounds nothing.
        empty = result.All(r => !r.Any);
        return [.. result.Select(r => r.Any ? (r.Max, r.Min) : ((Rational?)null, (Rational?)null))];
    }

    // A term built from variables, constants, sums, differences and products with a constant, as a linear expression.
    private static LinearExpr? AsLinear(Term t) => t switch
    {
        Var v => LinearExpr.Of(v.Name),
        Const c => LinearExpr.Of(c.Value),
        Arith { Op: ArithOp.Add } a when AsLinear(a.Left) is { } l && AsLinear(a.Right) is { } r => l + r,
        Arith { Op: ArithOp.Sub } a when AsLinear(a.Left) is { } l && AsLinear(a.Right) is { } r => l - r,
        Arith { Op: ArithOp.Mul, Left: Const k } a when AsLinear(a.Right) is { } r => k.Value * r,
        Arith { Op: ArithOp.Mul, Right: Const k } a when AsLinear(a.Left) is { } l => k.Value * l,
        _ => null,
    };

    /// <summary>
    /// Combinations a·x + b·y that no loop iteration increases, for pairs of variables that every iteration changes by
    /// constants: with steps (Δx, Δy), the candidates are ±(Δy·x − Δx·y), kept when non-increasing on every step.
    /// McCarthy's 91 loop (c − 1, n − 10 or c + 1, n + 11) never increases 11·c − n, which bounds the counter c.
    /// </summary>
    private static IEnumerable<Term> StepDirections(TransitionSystem ts, List<Var> variables, SmtContext smt, Func<TimeSpan> timeout, int loopLimit)
    {
        var loops = ts.Transitions.Where(t => t.From == t.To && ts.IsLoopHead(t.From)).ToList();
        if (loops.Count == 0 || loops.Count > loopLimit)
        {
            return [];
        }

        // The constant step of each variable on each loop transition, where there is one.
        var steps = loops.Select(t => ConstantSteps(ts, t, variables, smt, timeout)).ToList();
        var result = new List<Term>();
        for (var i = 0; i < variables.Count; i++)
        {
            for (var j = i + 1; j < variables.Count; j++)
            {
                var (x, y) = (variables[i].Name, variables[j].Name);
                if (steps.Any(s => !s.ContainsKey(x) || !s.ContainsKey(y)))
                {
                    continue;
                }

                var deltas = steps.Select(s => (Dx: s[x], Dy: s[y])).Where(d => !d.Dx.IsZero || !d.Dy.IsZero).Distinct().ToList();
                foreach (var (dx, dy) in deltas)
                {
                    // a·Δx' + b·Δy' ≤ 0 on every step, for (a, b) = ±(Δy, −Δx)
                    foreach (var sign in new[] { BigInteger.One, BigInteger.MinusOne })
                    {
                        var (a, b) = (sign * dy, -sign * dx);
                        if (deltas.All(d => a * d.Dx + b * d.Dy <= 0) && !(a.IsZero || b.IsZero))
                        {
                            result.Add(new Arith(ArithOp.Add, new Arith(ArithOp.Mul, new Const(a), variables[i]), new Arith(ArithOp.Mul, new Const(b), variables[j])));
                        }
                    }
                }
            }
        }

        return result.Distinct();
    }


    /// <summary>
    /// Orderings between a combination ±(a·x + b·y) that no iteration of a loop changes and each variable the loop
    /// leaves alone, as candidates "a·x + b·y ≤ z", "a·x + b·y ≥ z" and the same for −(a·x + b·y): with steps
    /// (Δx, Δy) on every self-loop of the head, (a, b) = (Δy, −Δx) keeps the combination where it was on entry, and
    /// the entry often ties it to a variable that the loop does not move. A copy loop that moves an offset c up and the count n down keeps c + n at the length
    /// it started from, which keeps c within the buffer of that length.
    /// </summary>
    /// <remarks><paramref name="known"/> holds invariants already proved at some heads: the steps are those of the
    /// states they allow (a count that the loop's guard keeps at 1 or more moves by −1 without wrapping).</remarks>
    public static ImmutableArray<Formula> ConservedCombinations(TransitionSystem ts, IntegerRules rules, SmtContext smt, Func<TimeSpan> timeout, int loopLimit, IReadOnlyDictionary<int, Formula>? known = null)
    {
        var loops = ts.Transitions.Where(t => t.From == t.To && ts.IsLoopHead(t.From)).ToList();
        if (loops.Count == 0 || loops.Count > loopLimit)
        {
            return [];
        }

        var variables = ProgramVariables(ts).Select(n => new Var(n)).ToList();

        // Every value a variable holds is one of its type: under that, a count decremented only while it is not 0
        // moves by −1 (no wraparound), though the transition alone does not say so.
        var typed = ts.Variables.Where(v => !v.IsTemporary).ToList();
        var ranges = Formula.And(typed.Select(v => rules.Range(new Var(v.Name), v.Type)));
        var result = new HashSet<Formula>();
        foreach (var head in loops.GroupBy(t => t.From))
        {
            var assumed = Formula.And(ranges, known?.GetValueOrDefault(head.Key) ?? Formula.True);
            var steps = head.Select(t => ConstantStepsCheaply(ts, t, variables, smt, timeout, assumed)).ToList();
            bool Stepped(Var v) => steps.All(s => s.ContainsKey(v.Name));
            var moving = variables.Where(v => Stepped(v) && steps.Any(s => !s[v.Name].IsZero)).ToList();
            var still = variables.Where(v => Stepped(v) && steps.All(s => s[v.Name].IsZero)).ToList();
            for (var i = 0; i < moving.Count; i++)
            {
                for (var j = i + 1; j < moving.Count; j++)
                {
                    var (x, y) = (moving[i], moving[j]);
                    var first = steps.First(s => !s[x.Name].IsZero || !s[y.Name].IsZero);
                    var divisor = BigInteger.GreatestCommonDivisor(first[x.Name], first[y.Name]);
                    var (a, b) = (first[y.Name] / divisor, -first[x.Name] / divisor);
                    if (a.IsZero || b.IsZero || steps.Any(s => a * s[x.Name] + b * s[y.Name] != 0))
                    {
                        continue;
                    }

                    // The combination and its negation: c + n ≤ len and n − c ≤ len are different candidates.
                    foreach (var sign in new[] { BigInteger.One, BigInteger.MinusOne })
                    {
                        var combination = new Arith(ArithOp.Add, new Arith(ArithOp.Mul, new Const(sign * a), x), new Arith(ArithOp.Mul, new Const(sign * b), y));
                        foreach (var z in still)
                        {
                            result.Add(Formula.Le(combination, z));
                            result.Add(Formula.Ge(combination, z));
                        }
                    }
                }
            }
        }

        return [.. result];
    }

    /// <summary>
    /// As <see cref="ConstantSteps"/>, read off the relation's own conjuncts x′ == x and x′ == x ± c where it has them;
    /// the solver is asked about the other variables only on a linear relation (on a non-linear one each question can
    /// take a whole query limit).
    /// </summary>
    private static Dictionary<string, BigInteger> ConstantStepsCheaply(TransitionSystem ts, Transition t, List<Var> variables, SmtContext smt, Func<TimeSpan> timeout, Formula assumed)
    {
        var names = variables.Select(v => v.Name).ToHashSet();
        var result = new Dictionary<string, BigInteger>();
        foreach (var conjunct in Conjuncts(t.Relation))
        {
            if (conjunct is Cmp { Op: CmpOp.Eq, Left: Var post } c && post.Name.EndsWith('\'') && names.Contains(post.Name[..^1]))
            {
                var name = post.Name[..^1];
                BigInteger? step = c.Right switch
                {
                    Var v when v.Name == name => BigInteger.Zero,
                    Arith { Op: ArithOp.Add, Left: Var v, Right: Const { Value.IsInteger: true } k } when v.Name == name => k.Value.Numerator,
                    Arith { Op: ArithOp.Sub, Left: Var v, Right: Const { Value.IsInteger: true } k } when v.Name == name => -k.Value.Numerator,
                    _ => null,
                };
                if (step is { } known)
                {
                    result[name] = known;
                }
            }
        }

        var rest = variables.Where(v => !result.ContainsKey(v.Name)).ToList();
        if (rest.Count > 0 && !LogicOps.IsNonlinear(t.Relation))
        {
            foreach (var (name, step) in ConstantSteps(ts, t, rest, smt, timeout, assumed))
            {
                result[name] = step;
            }
        }

        return result;
    }

    /// <summary>
    /// x′ − x for each variable that transition <paramref name="t"/> always changes by the same constant (where
    /// <paramref name="assumed"/> holds, if given).
    /// </summary>
    private static Dictionary<string, BigInteger> ConstantSteps(TransitionSystem ts, Transition t, List<Var> variables, SmtContext smt, Func<TimeSpan> timeout, Formula? assumed = null)
    {
        var result = new Dictionary<string, BigInteger>();
        using var session = smt.OpenSolver(timeout());
        session.Assert(t.Relation);
        if (assumed is not null)
        {
            session.Assert(assumed);
        }

        if (session.Check() != SatResult.Sat)
        {
            return result;
        }

        var model = session.GetModel();
        var differences = variables.Select(v => (v.Name, Step: new Arith(ArithOp.Sub, ts.Primed(v), v))).ToList();
        var values = differences.Select(d => model.Evaluate(d.Step)).ToList();
        for (var i = 0; i < differences.Count; i++)
        {
            if (values[i].IsInteger && session.Check(Formula.Ne(differences[i].Step, new Const(values[i]))) == SatResult.Unsat)
            {
                result[differences[i].Name] = values[i].Numerator;
            }
        }

        return result;
    }

    /// <summary>State variables that belong to the source program (not temporaries of the encoding).</summary>
    public static IEnumerable<string> ProgramVariables(TransitionSystem ts) =>
        ts.Variables.Where(v => !v.IsTemporary).Select(v => v.Name);

    /// <summary>A comparison other than ≠ between sums of variables times constants.</summary>
    public static bool IsPlainLinear(Formula f) =>
        f is Cmp { Op: not CmpOp.Ne } c && IsPlainLinear(c.Left) && IsPlainLinear(c.Right);

    private static bool IsPlainLinear(Term t) => t switch
    {
        Const or Var => true,
        Arith { Op: ArithOp.Add or ArithOp.Sub } a => IsPlainLinear(a.Left) && IsPlainLinear(a.Right),
        Arith { Op: ArithOp.Mul } a => (a.Left is Const && IsPlainLinear(a.Right)) || (a.Right is Const && IsPlainLinear(a.Left)),
        _ => false,
    };

    public static IEnumerable<Formula> Conjuncts(Formula f) => f switch
    {
        AndF a => a.Parts,
        BoolConst { Value: true } => [],
        _ => [f],
    };

    /// <summary>The comparisons inside a formula, through conjunctions, disjunctions and negations.</summary>
    public static IEnumerable<Formula> Atoms(Formula f) => f switch
    {
        Cmp c => [c],
        AndF a => a.Parts.SelectMany(Atoms),
        OrF o => o.Parts.SelectMany(Atoms),
        NotF n => Atoms(n.Inner),
        _ => [],
    };

    /// <summary>
    /// The largest inductive subset of <paramref name="candidates"/> at each of <paramref name="targets"/>, given
    /// <see cref="TransitionSystem.Initial"/> at entry.
    /// </summary>
    /// <remarks><paramref name="background"/> holds invariants already proved at some targets: they are assumed there,
    /// before and after each transition, and never dropped. <paramref name="reached"/> holds reachable states at some
    /// targets, from concrete runs.</remarks>
    public static Dictionary<int, Formula> Infer(
        TransitionSystem ts,
        IEnumerable<int> targets,
        ImmutableArray<Formula> candidates,
        SmtContext smt,
        Func<TimeSpan> timeout,
        IReadOnlyDictionary<int, Formula>? background = null,
        IReadOnlyDictionary<int, List<IReadOnlyDictionary<string, BigInteger>>>? reached = null)
    {
        // A candidate that a reachable state falsifies is in no inductive invariant: it goes without a solver round.
        bool Refuted(int target, Formula candidate) =>
            reached?.GetValueOrDefault(target) is { } states && states.Any(state => LogicOps.Evaluate(candidate, state) == false);
        var pool = targets.ToDictionary(t => t, t => candidates.Where(c => !Refuted(t, c)).ToList());
        var primed = candidates.ToDictionary(c => c, ts.Primed);
        Formula Known(int cutpoint) => background?.GetValueOrDefault(cutpoint) ?? Formula.True;
        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : Formula.And(Known(cutpoint), Formula.And(pool[cutpoint]));

        var relevant = ts.Transitions.Where(t => pool.ContainsKey(t.To) && (t.From == ts.Entry || pool.ContainsKey(t.From))).ToList();
        var changed = true;

        // A transition needs checking again only when the candidates at its source have changed since its last check:
        // a smaller set at the target is still implied. Each cutpoint's set has a version for that; the entry's
        // precondition never changes.
        var version = pool.Keys.ToDictionary(c => c, _ => 0);
        var checkedUnder = new Dictionary<int, int>();
        int SourceVersion(Transition t) => version.GetValueOrDefault(t.From);

        // One solver for the whole elimination: each transition is checked inside its own push/pop scope.
        using var session = smt.OpenSolver(timeout());
        while (changed)
        {
            changed = false;
            foreach (var t in relevant)
            {
                var target = pool[t.To];
                if (target.Count == 0 || (checkedUnder.TryGetValue(t.Id, out var seen) && seen == SourceVersion(t)))
                {
                    continue;
                }

                checkedUnder[t.Id] = SourceVersion(t);
                var before = target.Count;
                session.Push();
                session.Assert(Pre(t.From));
                session.Assert(t.Relation);
                session.Assert(ts.Primed(Known(t.To)));
                while (target.Count > 0)
                {
                    var result = session.Check(Formula.And(target.Select(c => primed[c])).Negate());
                    if (result == SatResult.Unsat)
                    {
                        break;
                    }

                    changed = true;
                    if (result == SatResult.Unknown)
                    {
                        // Non-linear candidates are what usually leaves the solver undecided: give them up first,
                        // and the rest only if the query stays open without them. The next round checks this
                        // transition again (with them gone from the assumptions too), even when its source's
                        // candidates have not changed, as at the entry: the rest are not yet shown to hold.
                        if (target.RemoveAll(LogicOps.IsNonlinear) == 0)
                        {
                            target.Clear();
                        }
                        else
                        {
                            checkedUnder.Remove(t.Id);
                        }

                        break;
                    }

                    var model = session.GetModel();
                    var removed = target.RemoveAll(c => !model.Evaluate(primed[c]));
                    if (removed == 0)
                    {
                        // The model does not separate any candidate: be safe and give up on this cutpoint.
                        target.Clear();
                    }
                }

                session.Pop();
                if (target.Count != before)
                {
                    version[t.To]++;
                }
            }
        }

        return pool.ToDictionary(p => p.Key, p => Formula.And(p.Value));
    }
}
