using System.Collections;

namespace Ekuiper.Domain.Sql.Ast;

/// <summary>
/// An immutable list that compares by its items, so that AST records holding lists compare by value
/// (record equality would otherwise compare the list references).
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    public ValueList(IEnumerable<T> items) => this.items = items.ToArray();

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && items.SequenceEqual(other.items);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode() =>
        items.Aggregate(items.Length, (hash, item) => HashCode.Combine(hash, item));

    public override string ToString() => $"[{string.Join(", ", items)}]";
}

internal static class ValueList
{
    /// <summary>Wraps <paramref name="items"/> unless it already is a <see cref="ValueList{T}"/>.</summary>
    public static ValueList<T> From<T>(IEnumerable<T>? items) =>
        items switch
        {
            null => ValueList<T>.Empty,
            ValueList<T> list => list,
            _ => new ValueList<T>(items),
        };
}
