using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Cfg;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>A concrete run prefix found by bounded model checking: the inputs, the nondeterministic values and the cutpoints visited.</summary>
internal sealed record FoundRun(ImmutableArray<BigInteger> Inputs, ImmutableArray<BigInteger> Draws, ImmutableArray<int> DrawsPerStep, ImmutableArray<int> Cutpoints, ImmutableArray<ImmutableDictionary<string, BigInteger>> States)
{
    // Only the inputs, the draws and the cutpoints, which determine the rest (the states are dictionaries, equal only by reference).
    public bool Equals(FoundRun? other) =>
        other is not null && Inputs.SequenceEqual(other.Inputs) && Draws.SequenceEqual(other.Draws) && Cutpoints.SequenceEqual(other.Cutpoints);

    public override int GetHashCode() => HashCode.Combine(Inputs.Length, Draws.Length, Cutpoints.Length);

    /// <summary>The draws of the first <paramref name="steps"/> transitions.</summary>
    public ImmutableArray<BigInteger> DrawsOfFirst(int steps) => [.. Draws.Take(DrawsPerStep.Take(steps).Sum())];
}

/// <summary>
/// Bounded unrolling of a transition system: step i has its own copy of every state variable (<c>x@i</c>), a
/// program counter <c>pc@i</c> and a selector <c>sel@i</c> naming the transition taken.
/// </summary>
internal sealed class Unrolling
{
    private readonly TransitionSystem ts;
    private readonly HashSet<string> stateNames;

    public Unrolling(TransitionSystem ts)
    {
        this.ts = ts;
        stateNames = ts.Variables.Select(v => v.Name).ToHashSet();
    }

    public static Var Pc(int step) => new($"pc@{step}");

    public static Var Selector(int step) => new($"sel@{step}");

    public static Var At(string variable, int step) => new($"{variable}@{step}");

    public Formula Initial => Formula.And(Formula.Eq(Pc(0), new Const(ts.Entry)), Rename(ts.Initial, 0));

    public Formula Rename(Formula f, int step, ImmutableArray<Var> draws = default)
    {
        var drawNames = draws.IsDefault ? [] : draws.Select(d => d.Name).ToHashSet();
        return LogicOps.Substitute(f, v =>
        {
            if (stateNames.Contains(v.Name))
            {
                return At(v.Name, step);
            }

            if (v.Name.EndsWith('\'') && stateNames.Contains(v.Name[..^1]))
            {
                return At(v.Name[..^1], step + 1);
            }

            return drawNames.Contains(v.Name) ? At(v.Name, step) : null;
        });
    }

    public Formula Step(int step, Func<Transition, bool>? allowed = null) =>
        Formula.Or(ts.Transitions.Where(t => allowed?.Invoke(t) ?? true).Select(t => Formula.And(
            Formula.Eq(Pc(step), new Const(t.From)),
            Formula.Eq(Pc(step + 1), new Const(t.To)),
            Formula.Eq(Selector(step), new Const(t.Id)),
            Rename(t.Relation, step, t.Draws))));

    public Formula StateEquals(int a, int b, IEnumerable<string> variables) =>
        Formula.And(variables.Select(v => Formula.Eq(At(v, a), At(v, b))));

    /// <summary>Reads the run of the first <paramref name="steps"/> steps from a model.</summary>
    public FoundRun Extract(SmtModel model, int steps)
    {
        var inputs = ts.Parameters.Select(p => model.Evaluate(At(p.Name, 0)).Numerator).ToImmutableArray();
        var draws = ImmutableArray.CreateBuilder<BigInteger>();
        var perStep = ImmutableArray.CreateBuilder<int>();
        var cutpoints = ImmutableArray.CreateBuilder<int>();
        var states = ImmutableArray.CreateBuilder<ImmutableDictionary<string, BigInteger>>();
        for (var i = 0; i <= steps; i++)
        {
            cutpoints.Add((int)model.Evaluate(Pc(i)).Numerator);
            states.Add(ts.Variables.ToImmutableDictionary(v => v.Name, v => model.Evaluate(At(v.Name, i)).Numerator));
            if (i == steps)
            {
                break;
            }

            var taken = ts.Transitions[(int)model.Evaluate(Selector(i)).Numerator];
            // Abstracted values are no inputs of the run: the interpreter computes them.
            var programDraws = taken.ProgramDraws.ToList();
            draws.AddRange(programDraws.Select(d => model.Evaluate(At(d.Name, i)).Numerator));
            perStep.Add(programDraws.Count);
        }

        return new FoundRun(inputs, draws.ToImmutable(), perStep.ToImmutable(), cutpoints.ToImmutable(), states.ToImmutable());
    }
}

/// <summary>Searches for runs with bounded model checking.</summary>
internal static class RunSearch
{
    /// <summary>The shortest run (up to <paramref name="maxSteps"/> transitions) that ends in a cutpoint satisfying <paramref name="goal"/>.</summary>
    public static FoundRun? Reach(TransitionSystem ts, Func<int, Formula> goal, int maxSteps, SmtContext smt, Func<TimeSpan> timeout, Func<bool> outOfTime)
    {
        var unrolling = new Unrolling(ts);
        using var session = smt.OpenSolver(timeout());
        session.Assert(unrolling.Initial);
        for (var k = 1; k <= maxSteps && !outOfTime(); k++)
        {
            session.Assert(unrolling.Step(k - 1));
            var result = session.Check(goal(k));
            if (result == SatResult.Sat)
            {
                return unrolling.Extract(session.GetModel(), k);
            }

            // Deeper unrollings only get harder: stop at the first query the solver cannot answer.
            if (result == SatResult.Unknown)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// A lasso: a run that reaches a loop head and comes back to it in the same program state after one to
    /// <paramref name="maxPeriod"/> transitions. Repeating the cycle (with the same nondeterministic values) runs forever.
    /// </summary>
    /// <remarks>Runs shorter than <paramref name="minSteps"/> are not looked at (a search that continues an earlier one).</remarks>
    public static (FoundRun Run, int LoopHead, int StemSteps, int Period)? Lasso(TransitionSystem ts, IReadOnlyCollection<int> loopHeads, int maxSteps, int maxPeriod, SmtContext smt, Func<TimeSpan> timeout, Func<bool> outOfTime, int minSteps = 1)
    {
        var unrolling = new Unrolling(ts);
        var compared = Invariants.ProgramVariables(ts).Where(v => !v.Contains('@', StringComparison.Ordinal)).ToList();

        // At the head of an inlined recursive callee, the callee's own variables are the state that must repeat.
        var everything = Invariants.ProgramVariables(ts).ToList();
        List<string> ComparedAt(int head) => ts.Cutpoint(head) is { IsRecursionHead: true, InAnalyzedFunction: false } ? everything : compared;
        using var session = smt.OpenSolver(timeout());
        session.Assert(unrolling.Initial);
        for (var n = 1; n <= maxSteps && !outOfTime(); n++)
        {
            session.Assert(unrolling.Step(n - 1));
            if (n < minSteps)
            {
                continue;
            }

            // One query per length asks for every period and loop head at once; the model tells which one it found,
            // shortest period first. Most searches find nothing, and then one query per length is all they cost.
            var shapes = new List<(int Period, int Head, Formula Goal)>();
            for (var period = 1; period <= Math.Min(maxPeriod, n - 1); period++)
            {
                foreach (var head in loopHeads)
                {
                    var stem = n - period;
                    shapes.Add((period, head, Formula.And(
                        Formula.Eq(Unrolling.Pc(stem), new Const(head)),
                        Formula.Eq(Unrolling.Pc(n), new Const(head)),
                        unrolling.StateEquals(stem, n, ComparedAt(head)))));
                }
            }

            if (shapes.Count == 0)
            {
                continue;
            }

            var result = session.Check(Formula.Or(shapes.Select(s => s.Goal)));
            if (result == SatResult.Unknown)
            {
                return null;
            }

            if (result == SatResult.Sat)
            {
                var model = session.GetModel();
                var (period, head, _) = shapes.First(s => model.Evaluate(s.Goal));
                return (unrolling.Extract(model, n), head, n - period, period);
            }
        }

        return null;
    }

    /// <summary>
    /// A run that reaches <paramref name="head"/> after at least one step and then stays for <paramref name="stay"/>
    /// more transitions among <paramref name="component"/>; optionally with every variable within ±<paramref name="bound"/>.
    /// </summary>
    public static (FoundRun Run, int StemSteps)? DeepRun(TransitionSystem ts, int head, IReadOnlySet<int> component, int stay, int maxStem, BigInteger? bound, SmtContext smt, Func<TimeSpan> timeout, Func<bool> outOfTime)
    {
        var unrolling = new Unrolling(ts);
        using var session = smt.OpenSolver(timeout());
        session.Assert(unrolling.Initial);
        if (bound is { } b)
        {
            session.Assert(Formula.And(ts.Parameters.Select(p => Formula.And(
                Formula.Le(Unrolling.At(p.Name, 0), new Const(b)),
                Formula.Ge(Unrolling.At(p.Name, 0), new Const(-b))))));
        }

        for (var i = 0; i < stay; i++)
        {
            session.Assert(unrolling.Step(i));
        }

        for (var stem = 1; stem <= maxStem && !outOfTime(); stem++)
        {
            session.Assert(unrolling.Step(stem + stay - 1));
            var staysInside = Formula.And(Enumerable.Range(stem, stay + 1).Select(j =>
                Formula.Or(component.Select(c => Formula.Eq(Unrolling.Pc(j), new Const(c))))));
            var result = session.Check(Formula.And(Formula.Eq(Unrolling.Pc(stem), new Const(head)), staysInside));
            if (result == SatResult.Sat)
            {
                return (unrolling.Extract(session.GetModel(), stem + stay), stem);
            }

            if (result == SatResult.Unknown)
            {
                return null;
            }
        }

        return null;
    }
}
