using System.Collections.Immutable;

namespace Terminator.Core.Logic;

/// <summary>∃ vars. body, or ∀ vars. body.</summary>
internal sealed record Quantified(bool IsExists, ImmutableArray<Var> Vars, Formula Body) : Formula
{
    /// <inheritdoc />
    public override Formula Negate() => new Quantified(!IsExists, Vars, Body.Negate());
    // The hash is computed once and kept: hashing a term is linear in its size, however often it is asked for.
    private int hash;

    private Quantified(Quantified original)
        : base(original)
    {
        IsExists = original.IsExists; Vars = original.Vars; Body = original.Body;
    }

    /// <inheritdoc />
    public bool Equals(Quantified? other) =>
        ReferenceEquals(this, other) || (other is not null && GetHashCode() == other.GetHashCode() && IsExists == other.IsExists && Vars.SequenceEqual(other.Vars) && Body.Equals(other.Body));

    /// <inheritdoc />
    public override int GetHashCode() => hash != 0 ? hash : hash = TermHash.NonZero(HashCode.Combine(IsExists, Vars.Length, Body));
    /// <inheritdoc />
    public override string ToString() => $"{(IsExists ? "exists" : "forall")} {string.Join(", ", Vars)}. ({Body})";
}
