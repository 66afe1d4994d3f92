using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Terminator.Core;

/// <summary>
/// An immutable dictionary with value equality: two are equal when they map the same keys to equal values (a default
/// dictionary equals an empty one). Records that hold one compare by value without an Equals of their own.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal readonly struct EquatableDictionary<TKey, TValue> : IEquatable<EquatableDictionary<TKey, TValue>>, IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly ImmutableDictionary<TKey, TValue>? items;

    /// <summary>A dictionary of <paramref name="items"/>.</summary>
    public EquatableDictionary(ImmutableDictionary<TKey, TValue> items) => this.items = items;

    private ImmutableDictionary<TKey, TValue> Items => items ?? ImmutableDictionary<TKey, TValue>.Empty;

    /// <inheritdoc />
    public int Count => Items.Count;

    /// <inheritdoc />
    public IEnumerable<TKey> Keys => Items.Keys;

    /// <inheritdoc />
    public IEnumerable<TValue> Values => Items.Values;

    /// <inheritdoc />
    public TValue this[TKey key] => Items[key];

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => Items.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => Items.TryGetValue(key, out value);

    /// <summary>The entries as an <see cref="ImmutableDictionary{TKey, TValue}"/>.</summary>
    public ImmutableDictionary<TKey, TValue> AsImmutableDictionary() => Items;

    /// <summary>The dictionary of <paramref name="items"/>.</summary>
    public static implicit operator EquatableDictionary<TKey, TValue>(ImmutableDictionary<TKey, TValue> items) => new(items);

    /// <summary>The entries as an <see cref="ImmutableDictionary{TKey, TValue}"/>.</summary>
    public static implicit operator ImmutableDictionary<TKey, TValue>(EquatableDictionary<TKey, TValue> dictionary) => dictionary.Items;

    /// <summary>Whether both map the same keys to equal values.</summary>
    public static bool operator ==(EquatableDictionary<TKey, TValue> left, EquatableDictionary<TKey, TValue> right) => left.Equals(right);

    /// <summary>Whether the entries differ.</summary>
    public static bool operator !=(EquatableDictionary<TKey, TValue> left, EquatableDictionary<TKey, TValue> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EquatableDictionary<TKey, TValue> other)
    {
        var theirs = other.Items;
        return Items.Count == theirs.Count
            && Items.All(p => theirs.TryGetValue(p.Key, out var value) && EqualityComparer<TValue>.Default.Equals(p.Value, value));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableDictionary<TKey, TValue> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // A sum, so that the order in which the entries are stored does not matter.
        var hash = Items.Count;
        foreach (var (key, value) in Items)
        {
            hash += HashCode.Combine(key, value);
        }

        return hash;
    }

    /// <summary>The entries, comma-separated in braces: <c>{k: v, ...}</c>.</summary>
    public override string ToString() => $"{{{string.Join(", ", Items.Select(p => $"{p.Key}: {p.Value}"))}}}";

    /// <summary>An enumerator over the entries.</summary>
    public ImmutableDictionary<TKey, TValue>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
