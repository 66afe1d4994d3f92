namespace Terminator.Core.Smt;

/// <summary>
/// Thrown when the native Z3 library cannot be loaded. The message says what to install.
/// </summary>
public sealed class SolverUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SolverUnavailableException()
        : base("The Z3 SMT solver is not available.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public SolverUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    public SolverUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
