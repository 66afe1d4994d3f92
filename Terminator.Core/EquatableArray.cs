using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Terminator.Core;

/// <summary>
/// An immutable array with value equality: two are equal when they hold equal items in the same order (a default
/// array equals an empty one). Records that hold one compare by value without an Equals of their own, and print
/// their items: <c>[a, b]</c>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> items;

    /// <summary>An array of <paramref name="items"/>.</summary>
    public EquatableArray(ImmutableArray<T> items) => this.items = items;

    private ImmutableArray<T> Items => items.IsDefault ? ImmutableArray<T>.Empty : items;

    /// <summary>The number of items.</summary>
    public int Length => Items.Length;

    /// <inheritdoc />
    public int Count => Items.Length;

    /// <summary>Whether there are no items.</summary>
    public bool IsEmpty => Items.IsEmpty;

    /// <summary>Whether the array was made from a default <see cref="ImmutableArray{T}"/>; it then holds no items.</summary>
    public bool IsDefault => items.IsDefault;

    /// <summary>Whether there are no items (a default array has none).</summary>
    public bool IsDefaultOrEmpty => Items.IsEmpty;

    /// <inheritdoc />
    public T this[int index] => Items[index];

    /// <summary>The items as an <see cref="ImmutableArray{T}"/>.</summary>
    public ImmutableArray<T> AsImmutableArray() => Items;

    /// <summary>The array of <paramref name="items"/>.</summary>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>The items as an <see cref="ImmutableArray{T}"/>.</summary>
    public static implicit operator ImmutableArray<T>(EquatableArray<T> array) => array.Items;

    /// <summary>Whether both hold equal items in the same order.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Whether the items differ.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other) => Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items, comma-separated in brackets.</summary>
    public override string ToString() => $"[{string.Join(", ", Items)}]";

    /// <summary>An enumerator over the items.</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();
}

/// <summary>Builds <see cref="EquatableArray{T}"/> values, for collection expressions.</summary>
public static class EquatableArray
{
    /// <summary>An array of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);
}
