using System.Globalization;
using System.Numerics;

namespace Terminator.Differential.Oracle;

/// <summary>How one compiled run of a case ended.</summary>
internal enum RunKind
{
    /// <summary>The function returned.</summary>
    Returned,
    /// <summary>The sanitizer trapped (or the processor raised SIGFPE): undefined behaviour at <see cref="RunOutcome.Line"/>.</summary>
    UndefinedBehaviour,
    /// <summary>The run reached a line that the compiler reports as an unsequenced modification: undefined behaviour there.</summary>
    Unsequenced,
    /// <summary>A loop head saw the same full state twice: the run never ends.</summary>
    Cycle,
    /// <summary>The run passed more loop heads than the step cap allows, without repeating a state.</summary>
    StepCap,
    /// <summary>The run took longer than its time limit.</summary>
    Timeout,
    /// <summary>The run ended in a way the driver does not expect (another signal, or a driver error).</summary>
    Crash,
}

/// <summary>One compiled run: how it ended, the line of its undefined behaviour, the returned value, or what went wrong.</summary>
internal sealed record RunOutcome(RunKind Kind, int Line = 0, BigInteger Value = default, string Detail = "")
{
    /// <summary>Reads a line the driver printed.</summary>
    public static RunOutcome Parse(string line)
    {
        var parts = line.Split(' ', 2);
        var argument = parts.Length > 1 ? parts[1] : "";
        return parts[0] switch
        {
            "return" => new RunOutcome(RunKind.Returned, Value: BigInteger.Parse(argument, CultureInfo.InvariantCulture)),
            "ub" => new RunOutcome(RunKind.UndefinedBehaviour, Line: int.Parse(argument, CultureInfo.InvariantCulture)),
            "unsequenced" => new RunOutcome(RunKind.Unsequenced, Line: int.Parse(argument, CultureInfo.InvariantCulture)),
            "cycle" => new RunOutcome(RunKind.Cycle, Detail: $"loop head {argument}"),
            "cap" => new RunOutcome(RunKind.StepCap),
            "timeout" => new RunOutcome(RunKind.Timeout),
            _ => new RunOutcome(RunKind.Crash, Detail: line),
        };
    }

    /// <summary>Undefined behaviour of either kind.</summary>
    public bool IsUndefined => Kind is RunKind.UndefinedBehaviour or RunKind.Unsequenced;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RunKind.Returned => $"returns {Value}",
        RunKind.UndefinedBehaviour => $"undefined behaviour (sanitizer trap) at line {Line}",
        RunKind.Unsequenced => $"undefined behaviour (unsequenced modification) at line {Line}",
        RunKind.Cycle => $"repeats a state at {Detail}: runs forever",
        RunKind.StepCap => "still running at the step cap",
        RunKind.Timeout => "still running at the time limit",
        _ => $"crashed: {Detail}",
    };
}
