using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Terminator.Core;

/// <summary>
/// An immutable sorted set with value equality: two are equal when they hold the same items (a default set equals an
/// empty one). Records that hold one compare by value without an Equals of their own.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[CollectionBuilder(typeof(EquatableSortedSet), nameof(EquatableSortedSet.Create))]
internal readonly struct EquatableSortedSet<T> : IEquatable<EquatableSortedSet<T>>, IReadOnlySet<T>
{
    private readonly ImmutableSortedSet<T>? items;

    /// <summary>A set of <paramref name="items"/>.</summary>
    public EquatableSortedSet(ImmutableSortedSet<T> items) => this.items = items;

    private ImmutableSortedSet<T> Items => items ?? ImmutableSortedSet<T>.Empty;

    /// <inheritdoc />
    public int Count => Items.Count;

    /// <summary>Whether there are no items.</summary>
    public bool IsEmpty => Items.IsEmpty;

    /// <inheritdoc />
    public bool Contains(T item) => Items.Contains(item);

    /// <inheritdoc />
    public bool IsProperSubsetOf(IEnumerable<T> other) => Items.IsProperSubsetOf(other);

    /// <inheritdoc />
    public bool IsProperSupersetOf(IEnumerable<T> other) => Items.IsProperSupersetOf(other);

    /// <inheritdoc />
    public bool IsSubsetOf(IEnumerable<T> other) => Items.IsSubsetOf(other);

    /// <inheritdoc />
    public bool IsSupersetOf(IEnumerable<T> other) => Items.IsSupersetOf(other);

    /// <inheritdoc />
    public bool Overlaps(IEnumerable<T> other) => Items.Overlaps(other);

    /// <inheritdoc />
    public bool SetEquals(IEnumerable<T> other) => Items.SetEquals(other);

    /// <summary>The items as an <see cref="ImmutableSortedSet{T}"/>.</summary>
    public ImmutableSortedSet<T> AsImmutableSortedSet() => Items;

    /// <summary>The set of <paramref name="items"/>.</summary>
    public static implicit operator EquatableSortedSet<T>(ImmutableSortedSet<T> items) => new(items);

    /// <summary>The items as an <see cref="ImmutableSortedSet{T}"/>.</summary>
    public static implicit operator ImmutableSortedSet<T>(EquatableSortedSet<T> set) => set.Items;

    /// <summary>Whether both hold the same items.</summary>
    public static bool operator ==(EquatableSortedSet<T> left, EquatableSortedSet<T> right) => left.Equals(right);

    /// <summary>Whether the items differ.</summary>
    public static bool operator !=(EquatableSortedSet<T> left, EquatableSortedSet<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EquatableSortedSet<T> other) => Items.SetEquals(other.Items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableSortedSet<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // A sum, so that sets sorted by different comparers hash alike when they hold the same items.
        var hash = Items.Count;
        foreach (var item in Items)
        {
            hash += item?.GetHashCode() ?? 0;
        }

        return hash;
    }

    /// <summary>The items, comma-separated in braces: <c>{a, b}</c>.</summary>
    public override string ToString() => $"{{{string.Join(", ", Items)}}}";

    /// <summary>An enumerator over the items, in order.</summary>
    public ImmutableSortedSet<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Builds <see cref="EquatableSortedSet{T}"/> values, for collection expressions.</summary>
internal static class EquatableSortedSet
{
    /// <summary>A set of <paramref name="items"/>.</summary>
    public static EquatableSortedSet<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);
}
