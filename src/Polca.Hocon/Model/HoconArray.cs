namespace Polca.Hocon;

/// <summary>A HOCON array.</summary>
public sealed class HoconArray : HoconValue
{
    private readonly List<HoconValue> _items;

    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    public HoconArray(IEnumerable<HoconValue> items, HoconOrigin? origin = null)
        : base(origin ?? HoconOrigin.Code)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Array;

    /// <summary>The elements in order.</summary>
    public IReadOnlyList<HoconValue> Items => _items;

    /// <summary>The number of elements.</summary>
    public int Count => _items.Count;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public HoconValue this[int index] => _items[index];

    /// <summary>Equal when both have equal elements in the same order.</summary>
    public override bool Equals(object? obj) =>
        obj is HoconArray other && other._items.Count == _items.Count && _items.SequenceEqual(other._items);

    /// <summary>A hash consistent with <see cref="Equals(object?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(HoconValueType.Array);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
