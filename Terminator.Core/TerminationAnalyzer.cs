using System.Collections.Immutable;
using Terminator.Core.Ir;

namespace Terminator.Core;

/// <summary>The entry point of the analysis: decides termination of each function of a program.</summary>
public static class TerminationAnalyzer
{
    /// <summary>Analyzes the functions of <paramref name="program"/> selected by <paramref name="options"/>.</summary>
    /// <exception cref="SourceException">The program uses something outside the supported subset, or names an unknown function.</exception>
    public static ProgramResult Analyze(ProgramIr program, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        var semantics = options.Semantics ?? (program.Language == SourceLanguage.C ? IntegerSemantics.C : IntegerSemantics.Math);
        var functions = program.Functions
            .Where(f => options.Function is null || f.Name == options.Function)
            .Select(f => new FunctionResult(f.Name, f.Span, new DontKnow("not implemented yet"), TimeSpan.Zero, null))
            .ToImmutableArray();
        return new ProgramResult(program.File, program.Language, semantics, functions);
    }
}
