using Terminator.Core.Ir;

namespace Terminator.Core;

/// <summary>
/// A bug in Terminator: the analysis of a function (or the reading of a file) failed in a way that no input should
/// cause. It is never turned into an answer, since DontKnow would hide it. <see cref="Exception.Message"/> is one
/// line that names the function and the failure; <see cref="Exception.InnerException"/> holds the failure itself.
/// </summary>
public sealed class InternalErrorException : Exception
{
    /// <summary>Creates the exception for a failure while analyzing <paramref name="function"/>, defined at <paramref name="at"/>.</summary>
    /// <param name="function">The function being analyzed.</param>
    /// <param name="at">Where the function is defined.</param>
    /// <param name="innerException">The failure.</param>
    public InternalErrorException(string function, SourceSpan at, Exception innerException)
        : base($"analyzing {function} ({at}): {Describe(innerException)}", innerException)
    {
        Function = function;
    }

    /// <summary>Creates the exception with a message.</summary>
    public InternalErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure.</summary>
    public InternalErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public InternalErrorException()
        : base("internal error")
    {
    }

    /// <summary>The function whose analysis failed, when the failure happened in one.</summary>
    public string? Function { get; }

    /// <summary>The type and message of <paramref name="failure"/>, on one line.</summary>
    private static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return $"{failure.GetType().Name}: {failure.Message}".ReplaceLineEndings(" ");
    }
}
