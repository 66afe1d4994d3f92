namespace Terminator.Core.Smt;

/// <summary>
/// Thrown when Z3 fails a call that has no answer to degrade to <see cref="SatResult.Unknown"/> (a model, an
/// evaluation): an analysis that meets it has no answer from the solver, so it answers DontKnow.
/// </summary>
internal sealed class SolverFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
