using System.Collections.Immutable;

namespace Terminator.Core.Logic;

/// <summary>∃ vars. body, or ∀ vars. body.</summary>
internal sealed record Quantified(bool IsExists, ImmutableArray<Var> Vars, Formula Body) : Formula
{
    /// <inheritdoc />
    public override Formula Negate() => new Quantified(!IsExists, Vars, Body.Negate());
    /// <inheritdoc />
    public bool Equals(Quantified? other) =>
        other is not null && IsExists == other.IsExists && Vars.SequenceEqual(other.Vars) && Body == other.Body;
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsExists, Vars.Length, Body);
    /// <inheritdoc />
    public override string ToString() => $"{(IsExists ? "exists" : "forall")} {string.Join(", ", Vars)}. ({Body})";
}
