namespace Terminator.Core.Smt;

/// <summary>The outcome of a satisfiability check.</summary>
internal enum SatResult
{
    /// <summary>Satisfiable: a model is available.</summary>
    Sat,
    /// <summary>Unsatisfiable: proven.</summary>
    Unsat,
    /// <summary>No answer (timeout, resource limit, incompleteness, solver error). Never to be read as Unsat.</summary>
    Unknown,
}
