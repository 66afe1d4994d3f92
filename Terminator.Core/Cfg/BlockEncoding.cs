using System.Collections.Immutable;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>Raised when straight-line code between two cutpoints has too many paths to enumerate.</summary>
internal sealed class TooManyPathsException(int limit) : Exception($"more than {limit} paths between two cutpoints");

/// <summary>
/// Large-block encoding: compresses the small-step graph into transitions between cutpoints (entry, loop heads,
/// exit and sinks). Each loop-free path becomes its own transition, so the encoding is path-sensitive.
/// </summary>
internal static class BlockEncoding
{
    public const int PathLimit = 4096;

    public static TransitionSystem Encode(SmallStepGraph graph, IntegerRules rules)
    {
        var reachable = Reachable(graph);
        var cutpoints = graph.Nodes
            .Where(n => reachable.Contains(n.Id) && n.Kind != NodeKind.Plain)
            .Select(n => new Cutpoint(n.Id, n.Kind, n.Span, n.Description, n.InAnalyzedFunction))
            .ToImmutableArray();
        var isCutpoint = cutpoints.Select(c => c.Id).ToHashSet();
        var outgoing = graph.Edges.ToLookup(e => e.From);
        var types = graph.Variables.ToDictionary(v => v.Name, v => v.Type);
        var transitions = new List<Transition>();
        var drawCounter = 0;

        foreach (var start in cutpoints.Where(c => c.Kind is NodeKind.Entry or NodeKind.LoopHead))
        {
            var pathsFromHere = 0;
            var state = graph.Variables.ToImmutableDictionary(v => v.Name, v => (Term)new Var(v.Name));
            Walk(start.Id, state, [], [], false, true);

            void Walk(int node, ImmutableDictionary<string, Term> values, ImmutableList<Formula> guards, ImmutableList<Var> draws, bool hasAssume, bool first)
            {
                if (!first && isCutpoint.Contains(node))
                {
                    if (++pathsFromHere > PathLimit)
                    {
                        throw new TooManyPathsException(PathLimit);
                    }

                    var frame = graph.Variables.Select(v => Formula.Eq(TransitionSystem.Post(v.Name), values[v.Name]));
                    var relation = Formula.And(guards.Concat(frame));
                    transitions.Add(new Transition(transitions.Count, start.Id, node, relation, [.. draws], hasAssume));
                    return;
                }

                foreach (var edge in outgoing[node])
                {
                    switch (edge.Action)
                    {
                        case null:
                            Walk(edge.To, values, guards, draws, hasAssume, false);
                            break;
                        case AssumeAction a:
                        {
                            var guard = LogicOps.Substitute(a.Condition, v => values.GetValueOrDefault(v.Name));
                            if (guard is BoolConst { Value: false })
                            {
                                break;
                            }

                            Walk(edge.To, values, guard is BoolConst ? guards : guards.Add(guard), draws, hasAssume || a.FromAssumeStatement, false);
                            break;
                        }

                        case AssignAction a:
                            Walk(edge.To, values.SetItem(a.Variable, LogicOps.Substitute(a.Value, v => values.GetValueOrDefault(v.Name))), guards, draws, hasAssume, false);
                            break;
                        case HavocAction h:
                        {
                            var draw = new Var($"{h.Variable}!{++drawCounter}");
                            var range = rules.DrawRange(draw, types[h.Variable]);
                            Walk(edge.To, values.SetItem(h.Variable, draw), range is BoolConst ? guards : guards.Add(range), draws.Add(draw), hasAssume, false);
                            break;
                        }
                    }
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
            Initial = initial,
            SourceConditions = [.. graph.Edges.Where(e => reachable.Contains(e.From)).Select(e => e.Action).OfType<AssumeAction>().Select(a => a.Condition).Distinct()],
        };
    }

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
