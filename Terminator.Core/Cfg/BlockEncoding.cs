using System.Collections.Immutable;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// Raised when a function is too large to analyze: too many paths between two cutpoints, or paths too long to encode.
/// The message says which limit was reached; the analysis answers DontKnow with it.
/// </summary>
internal sealed class ResourceLimitException(string message) : Exception(message);

/// <summary>
/// Large-block encoding: compresses the small-step graph into transitions between cutpoints (entry, loop heads,
/// exit and sinks). Each loop-free path becomes its own transition, so the encoding is path-sensitive.
/// </summary>
internal static class BlockEncoding
{
    /// <summary>The most paths from one cutpoint to the next ones.</summary>
    public const int PathLimit = 4096;

    /// <summary>The most conditions (branches and range checks) that all paths from one cutpoint carry together.</summary>
    public const int ConditionLimit = 1_000_000;

    public static TransitionSystem Encode(SmallStepGraph graph, IntegerRules rules, CancellationToken cancellationToken = default)
    {
        var reachable = Reachable(graph);
        var cutpoints = graph.Nodes
            .Where(n => reachable.Contains(n.Id) && n.Kind != NodeKind.Plain)
            .Select(n => new Cutpoint(n.Id, n.Kind, n.Span, n.Description, n.InAnalyzedFunction, n.IsRecursionHead))
            .ToImmutableArray();
        var isCutpoint = cutpoints.Select(c => c.Id).ToHashSet();
        var outgoing = graph.Edges.ToLookup(e => e.From);
        var types = graph.Variables.ToDictionary(v => v.Name, v => v.Type);
        var transitions = new List<Transition>();
        var drawCounter = 0;

        foreach (var start in cutpoints.Where(c => c.Kind is NodeKind.Entry or NodeKind.LoopHead))
        {
            var pathsFromHere = 0;
            var conditionsFromHere = 0;

            // A depth-first walk over the paths, with an explicit stack since a path may be as long as the function:
            // each entry is an edge still to take from the state reached before it. Edges are pushed in reverse, so
            // they are taken in their order, and an edge's action is applied when it is taken, so draws are numbered
            // along the walk.
            var pending = new Stack<(CfgEdge Edge, PathState State)>();
            var atStart = new PathState(graph.Variables.ToImmutableDictionary(v => v.Name, v => (Term)new Var(v.Name)), [], [], false, []);
            PushEdges(start.Id, atStart);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (edge, state) = pending.Pop();
                var (values, guards, draws, hasAssume, _) = state;
                switch (edge.Action)
                {
                    case AssumeAction a:
                    {
                        var guard = LogicOps.Substitute(a.Condition, v => values.GetValueOrDefault(v.Name));
                        if (guard is BoolConst { Value: false })
                        {
                            continue;
                        }

                        state = state with { Guards = guard is BoolConst ? guards : guards.Add(guard), HasAssume = hasAssume || a.FromAssumeStatement };
                        break;
                    }

                    case AssignAction a:
                        state = state with { Values = values.SetItem(a.Variable, LogicOps.Substitute(a.Value, v => values.GetValueOrDefault(v.Name))) };
                        break;
                    case HavocAction h:
                    {
                        var draw = new Var($"{h.Variable}!{++drawCounter}");
                        var range = rules.DrawRange(draw, types[h.Variable]);
                        state = state with
                        {
                            Values = values.SetItem(h.Variable, draw),
                            Guards = range is BoolConst ? guards : guards.Add(range),
                            Draws = draws.Add(draw),
                            Abstracted = h.Abstraction ? state.Abstracted.Add(draw) : state.Abstracted,
                        };
                        break;
                    }
                }

                if (!isCutpoint.Contains(edge.To))
                {
                    PushEdges(edge.To, state);
                    continue;
                }

                if (++pathsFromHere > PathLimit)
                {
                    throw new ResourceLimitException($"more than {PathLimit} paths between two cutpoints");
                }

                conditionsFromHere += state.Guards.Count;
                if (conditionsFromHere > ConditionLimit)
                {
                    throw new ResourceLimitException($"the paths between two cutpoints carry more than {ConditionLimit} conditions");
                }

                var frame = graph.Variables.Select(v => Formula.Eq(TransitionSystem.Post(v.Name), state.Values[v.Name]));
                var relation = Formula.And(state.Guards.Concat(frame));
                transitions.Add(new Transition(transitions.Count, start.Id, edge.To, relation, [.. state.Draws], state.HasAssume) { Abstracted = [.. state.Abstracted] });
            }

            void PushEdges(int node, PathState state)
            {
                foreach (var edge in outgoing[node].Reverse())
                {
                    pending.Push((edge, state));
                }
            }
        }

        var initial = Formula.And(graph.Parameters.Select(p => rules.DrawRange(new Var(p.Name), p.Type)));
        return new TransitionSystem
        {
            Cutpoints = cutpoints,
            Transitions = [.. transitions],
            Variables = graph.Variables,
            Parameters = graph.Parameters,
            Entry = graph.Entry,
            Exit = graph.Exit,
            ReturnVariable = graph.ReturnVariable,
            Semantics = graph.Semantics,
            SharedObjects = graph.SharedObjects,
            Initial = initial,
            SourceConditions = [.. graph.Edges.Where(e => reachable.Contains(e.From)).Select(e => e.Action).OfType<AssumeAction>().Select(a => a.Condition).Distinct()],
        };
    }

    /// <summary>What a path has gathered so far: the variables' values, its conditions and draws, whether it assumed, which draws are abstractions.</summary>
    private sealed record PathState(ImmutableDictionary<string, Term> Values, ImmutableList<Formula> Guards, ImmutableList<Var> Draws, bool HasAssume, ImmutableList<Var> Abstracted);

    private static HashSet<int> Reachable(SmallStepGraph graph)
    {
        var outgoing = graph.Edges.ToLookup(e => e.From);
        var seen = new HashSet<int> { graph.Entry };
        var work = new Stack<int>();
        work.Push(graph.Entry);
        while (work.Count > 0)
        {
            foreach (var e in outgoing[work.Pop()])
            {
                if (seen.Add(e.To))
                {
                    work.Push(e.To);
                }
            }
        }

        return seen;
    }
}
