using System.Collections.Immutable;

namespace Terminator.Core.Ir;

/// <summary>A function parameter.</summary>
public sealed record Parameter(string Name, ScalarType Type, SourceSpan Span);

/// <summary>A function definition.</summary>
public sealed record FunctionDecl(string Name, ScalarType ReturnType, ImmutableArray<Parameter> Parameters, BlockStmt Body, SourceSpan Span)
{
    /// <inheritdoc />
    public bool Equals(FunctionDecl? other) =>
        other is not null && Name == other.Name && ReturnType == other.ReturnType && Span == other.Span
        && Parameters.SequenceEqual(other.Parameters) && Body == other.Body;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Span);
}

/// <summary>A global variable with an optional constant initializer (zero when absent, as in C).</summary>
public sealed record GlobalDecl(string Name, ScalarType Type, Expr? Initializer, SourceSpan Span);

/// <summary>A whole source file in the core IR.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Language">The source language.</param>
/// <param name="Functions">The function definitions, in source order.</param>
/// <param name="Globals">Global variables, in source order.</param>
public sealed record ProgramIr(string File, SourceLanguage Language, ImmutableArray<FunctionDecl> Functions, ImmutableArray<GlobalDecl> Globals)
{
    /// <summary>The function with the given name, or null.</summary>
    public FunctionDecl? Find(string name) => Functions.FirstOrDefault(f => f.Name == name);

    /// <inheritdoc />
    public bool Equals(ProgramIr? other) =>
        other is not null && File == other.File && Language == other.Language
        && Functions.SequenceEqual(other.Functions) && Globals.SequenceEqual(other.Globals);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(File, Language, Functions.Length);
}
