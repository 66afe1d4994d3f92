using Terminator.Core;

namespace Terminator.NUnit;

/// <summary>Picks one function's result out of a program's, for assertions on that function alone.</summary>
public static class ProgramResultExtensions
{
    /// <summary>The result of the function named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No function of that name was analyzed.</exception>
    public static FunctionResult Function(this ProgramResult result, string name)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Functions.FirstOrDefault(f => f.Name == name)
            ?? throw new ArgumentException(
                $"{name} is not among the analyzed functions of {result.File} ({string.Join(", ", result.Functions.Select(f => f.Name))})",
                nameof(name));
    }
}
