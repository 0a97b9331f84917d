namespace Polca.Hocon;

/// <summary>A HOCON object: keys in the order they were first defined, each with a value.</summary>
public sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);

    /// <summary>Creates an object from key/value pairs; a later duplicate key replaces an earlier one.</summary>
    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin? origin = null)
        : base(origin ?? HoconOrigin.Code)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (key, value) in fields)
        {
            _fields[key] = value ?? throw new ArgumentException($"value of key \"{key}\" is null", nameof(fields));
        }
    }

    internal HoconObject(HoconOrigin origin)
        : base(origin)
    {
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Object;

    /// <summary>The number of keys.</summary>
    public int Count => _fields.Count;

    /// <summary>The keys in definition order.</summary>
    public IEnumerable<string> Keys => _fields.Keys;

    /// <summary>The key/value pairs in definition order.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> Items => _fields;

    /// <summary>The value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public HoconValue this[string key] => _fields[key];

    /// <summary>True when the object has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <summary>Gets the value of <paramref name="key"/> when present.</summary>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out HoconValue value) =>
        _fields.TryGetValue(key, out value);

    /// <summary>
    /// True when this object already replaced a non-object value, so it hides anything merged under it later
    /// (the spec merges in pairs: <c>{x:1}</c> over <c>42</c> over <c>{y:2}</c> is <c>{x:1}</c>).
    /// </summary>
    internal bool IgnoresFallbacks { get; set; }

    /// <summary>A shallow copy that hides anything merged under it later.</summary>
    internal HoconObject WithFallbacksIgnored()
    {
        var copy = new HoconObject(Origin) { IgnoresFallbacks = true };
        foreach (var (key, value) in _fields)
        {
            copy._fields[key] = value;
        }

        return copy;
    }

    /// <summary>Sets a field while the object is being built (parser, merger, resolver only).</summary>
    internal void Set(string key, HoconValue value) => _fields[key] = value;

    /// <summary>Equal when both have the same keys (in any order) with equal values.</summary>
    public override bool Equals(object? obj)
    {
        if (obj is not HoconObject other || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _fields)
        {
            if (!other._fields.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash consistent with <see cref="Equals(object?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _fields)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value.GetHashCode());
        }

        return HashCode.Combine(HoconValueType.Object, hash);
    }
}
