using System.Numerics;
using Terminator.Differential.Generation;

namespace Terminator.Differential;

/// <summary>The inputs that attack a Yes: every parameter at each edge value together, then seeded mixes of edge, small and random values.</summary>
internal static class Inputs
{
    private static readonly BigInteger[] SmallEdges = [0, 1, -1, 2, -2];

    /// <summary>The edge values of a type: 0, ±1, ±2, its extremes and their neighbours, and the 32-bit extremes for 64-bit types.</summary>
    public static IReadOnlyList<BigInteger> Edges(CType type)
    {
        BigInteger[] extremes = [type.Max(), type.Max() - 1, type.Min(), type.Min() + 1, int.MaxValue, (BigInteger)int.MaxValue + 1, int.MinValue, uint.MaxValue];
        return [.. SmallEdges.Concat(extremes).Where(v => v >= type.Min() && v <= type.Max()).Distinct()];
    }

    /// <summary><paramref name="count"/> inputs for the parameters, the same for the same <paramref name="seed"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<BigInteger>> For(IReadOnlyList<Variable> parameters, int count, int seed)
    {
        var random = new Random(seed);
        var edges = parameters.Select(p => Edges(p.Type)).ToList();
        var inputs = new List<IReadOnlyList<BigInteger>>();
        var rounds = edges.Count == 0 ? 0 : edges.Max(e => e.Count);
        for (var i = 0; i < rounds && inputs.Count < count; i++)
            inputs.Add([.. edges.Select(e => e[i % e.Count])]);
        while (inputs.Count < count)
        {
            inputs.Add([.. parameters.Select((p, i) => random.Next(4) switch
            {
                0 or 1 => edges[i][random.Next(edges[i].Count)],
                2 => p.Type.Wrap(random.Next(-20, 21)),
                _ => p.Type.Wrap(new BigInteger(random.NextInt64()) * random.Next(1, 5)),
            })]);
        }

        return inputs;
    }
}
