using Terminator.Differential.Generation;

namespace Terminator.Differential;

/// <summary>The settings of one differential run; every limit of the harness is here.</summary>
internal sealed record DifferentialOptions
{
    /// <summary>How many programs to generate and check.</summary>
    public int Cases { get; init; } = 300;

    /// <summary>The seed of the run: the same seed, first case and generator options give the same programs.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The number of the first case (to reproduce one case of a larger run).</summary>
    public int First { get; init; }

    /// <summary>How many cases are analyzed (and run) at the same time.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>How many cases are compiled together into one executable.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>The analyzer's time budget per function; a DontKnow is never a discrepancy.</summary>
    public TimeSpan AnalysisTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>When an analysis is abandoned as hung (cancelled), far past its budget; counted, not a wrong answer.</summary>
    public TimeSpan AnalysisHardLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many inputs (edge values first, then seeded random ones) attack each Yes.</summary>
    public int InputsPerYes { get; init; } = 50;

    /// <summary>The most loop-head visits of one run that attacks a Yes; a run that reaches it is inconclusive.</summary>
    public long AttackStepCap { get; init; } = 1_000_000;

    /// <summary>The most loop-head visits of the replay of a No's witness; still running there confirms a non-termination witness.</summary>
    public long ReplayStepCap { get; init; } = 10_000_000;

    /// <summary>The wall-clock limit of one compiled run, in seconds (a guard: the step cap ends every run first).</summary>
    public int RunSeconds { get; init; } = 20;

    /// <summary>Where to keep the generated programs and the batches' C files and executables; null keeps nothing.</summary>
    public string? KeepDirectory { get; init; }

    /// <summary>The mix of constructs the generator produces.</summary>
    public GeneratorOptions Generator { get; init; } = new();
}
