using System.Globalization;

namespace Terminator.Differential.Generation;

/// <summary>
/// One program of a run: the function, its C text as the analyzer reads it (a comment header naming the seed and
/// case number, then the function, one statement per line) and its instrumented rendering for the compiled oracle.
/// </summary>
/// <param name="Index">The case number within the run; with <paramref name="RunSeed"/> it regenerates the case.</param>
/// <param name="RunSeed">The seed of the run.</param>
/// <param name="Function">The generated function.</param>
/// <param name="Text">The program the analyzer reads.</param>
/// <param name="Rendered">The plain and instrumented lines of the function.</param>
internal sealed record GeneratedCase(int Index, int RunSeed, FunctionDef Function, string Text, RenderedFunction Rendered)
{
    /// <summary>The name of the compiled copy of the function in the batch's C file.</summary>
    public string CompiledName => CompiledNameOf(Index);

    /// <summary>The file name <c>#line</c> gives the case in the batch's C file, so that diagnostics name the case.</summary>
    public string LineFileName => $"case_{Index.ToString(CultureInfo.InvariantCulture)}.c";

    /// <summary>Generates case <paramref name="index"/> of the run with seed <paramref name="runSeed"/>.</summary>
    public static GeneratedCase Generate(int runSeed, int index, GeneratorOptions options)
    {
        var function = new ProgramGenerator(options).Generate(CaseSeed(runSeed, index), "f");
        var header = new[]
        {
            $"// Terminator.Differential: case {index} of seed {runSeed}",
            $"// reproduce: dotnet run -c Release --project Terminator.Differential -- --seed {runSeed} --first {index} --cases 1",
        };
        return FromFunction(function, index, runSeed, header);
    }

    /// <summary>A case made of a given function (for hand-written programs), under a comment header of its own.</summary>
    public static GeneratedCase FromFunction(FunctionDef function, int index, int runSeed, IReadOnlyList<string> header)
    {
        var rendered = CRenderer.Render(function, header.Count + 1, CompiledNameOf(index));
        var text = string.Join('\n', header.Concat(rendered.Plain)) + "\n";
        return new GeneratedCase(index, runSeed, function, text, rendered);
    }

    /// <summary>The generator's seed for one case: a mix of the run's seed and the case number (SplitMix64's finalizer).</summary>
    public static int CaseSeed(int runSeed, int index)
    {
        var z = ((ulong)(uint)runSeed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    private static string CompiledNameOf(int index) => $"case_{index.ToString(CultureInfo.InvariantCulture)}";
}
