using System.Collections.Immutable;

namespace Terminator.Core.Cfg;

/// <summary>Strongly connected components of a set of transitions between cutpoints.</summary>
internal static class Scc
{
    /// <summary>The transitions of each non-trivial component (one that contains a cycle), as sets of transition ids.</summary>
    public static List<ImmutableSortedSet<int>> Components(IEnumerable<Transition> transitions)
    {
        var list = transitions.ToList();
        var successors = list.GroupBy(t => t.From).ToDictionary(g => g.Key, g => g.Select(t => t.To).Distinct().ToList());
        var nodes = list.SelectMany(t => new[] { t.From, t.To }).Distinct().ToList();
        var index = new Dictionary<int, int>();
        var low = new Dictionary<int, int>();
        var onStack = new HashSet<int>();
        var stack = new Stack<int>();
        var component = new Dictionary<int, int>();
        var counter = 0;
        var components = 0;

        // Iterative Tarjan, so deep graphs cannot overflow the call stack.
        foreach (var root in nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(int Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var succ = successors.GetValueOrDefault(node) ?? [];
                if (next < succ.Count)
                {
                    work.Push((node, next + 1));
                    var w = succ[next];
                    if (!index.TryGetValue(w, out var wIndex))
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack.Add(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w))
                    {
                        low[node] = Math.Min(low[node], wIndex);
                    }

                    continue;
                }

                if (low[node] == index[node])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack.Remove(w);
                        component[w] = components;
                    }
                    while (w != node);
                    components++;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return list
            .Where(t => component[t.From] == component[t.To])
            .GroupBy(t => component[t.From])
            .Select(g => g.Select(t => t.Id).ToImmutableSortedSet())
            .ToList();
    }
}
