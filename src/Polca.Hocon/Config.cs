using System.Diagnostics.CodeAnalysis;
using Polca.Hocon.Access;
using Polca.Hocon.Merging;
using Polca.Hocon.Paths;
using Polca.Hocon.Resolution;

namespace Polca.Hocon;

/// <summary>
/// A resolved configuration with Akka.NET's getters. Paths are path expressions (<c>a.b."c.d"</c>).
/// A getter without a default throws a <see cref="HoconException"/> when the path is absent or null; the overload
/// with a default returns the default instead. A value of the wrong type always throws, naming the path, the type
/// found, the type expected and (as the exception's FILE:LINE:COL) where the value was defined.
/// </summary>
/// <remarks>
/// A Config also keeps the unresolved tree it was resolved from. <see cref="WithFallback"/> merges the unresolved
/// trees (the receiver wins, objects merge deeply) and resolves the result again, so a substitution in either
/// config sees the final merged values: <c>${x}</c> in a fallback picks up the receiver's <c>x</c>, and
/// <c>list += 3</c> in the receiver appends to the fallback's list.
/// </remarks>
public sealed class Config
{
    private readonly HoconObject _unresolved;

    /// <summary>Creates a config over an already resolved root object.</summary>
    public Config(HoconObject root)
        : this(root ?? throw new ArgumentNullException(nameof(root)), root)
    {
    }

    internal Config(HoconObject root, HoconObject unresolved)
    {
        Root = root;
        _unresolved = unresolved;
    }

    /// <summary>The empty configuration.</summary>
    public static Config Empty { get; } = new(new HoconObject(new HoconOrigin("<empty>", 1, 1)));

    /// <summary>The resolved root object; its <c>ToString()</c> renders the config as HOCON.</summary>
    public HoconObject Root { get; }

    /// <summary>True when the root object has no keys.</summary>
    public bool IsEmpty => Root.Count == 0;

    /// <summary>Resolves <paramref name="unresolved"/> and wraps it.</summary>
    internal static Config FromUnresolved(HoconObject unresolved) => new(HoconResolver.Resolve(unresolved), unresolved);

    /// <summary>Merges <paramref name="unresolved"/> over the fallback's unresolved tree and resolves the result.</summary>
    internal static Config FromUnresolvedOver(HoconObject unresolved, Config fallback) =>
        FromUnresolved(fallback._unresolved.Count == 0 ? unresolved : HoconMerger.MergeObjects(unresolved, fallback._unresolved));

    /// <summary>
    /// Returns this config with <paramref name="fallback"/> underneath: keys of this config win, objects merge deeply,
    /// and substitutions of both are resolved again against the merged root.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        if (fallback is null || ReferenceEquals(fallback, this) || fallback._unresolved.Count == 0)
        {
            return this;
        }

        if (_unresolved.Count == 0)
        {
            return fallback;
        }

        return FromUnresolved(HoconMerger.MergeObjects(_unresolved, fallback._unresolved));
    }

    /// <summary>True when <paramref name="path"/> has a value that is not null.</summary>
    public bool HasPath(string path) => Find(path).Value is { IsNull: false };

    /// <summary>The value at <paramref name="path"/> (possibly the null value); throws when absent.</summary>
    public HoconValue GetValue(string path) => Find(path).Value ?? throw Missing(path);

    /// <summary>Gets the value at <paramref name="path"/> when present (possibly the null value).</summary>
    public bool TryGetValue(string path, [MaybeNullWhen(false)] out HoconValue value)
    {
        value = Find(path).Value;
        return value is not null;
    }

    /// <summary>The string at <paramref name="path"/> (numbers as written, booleans as true/false).</summary>
    public string GetString(string path) => HoconValueConverter.ToStringValue(Require(path), path);

    /// <summary>The string at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    [return: NotNullIfNotNull(nameof(defaultValue))]
    public string? GetString(string path, string? defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToStringValue(value, path) : defaultValue;

    /// <summary>The 32-bit integer at <paramref name="path"/>.</summary>
    public int GetInt(string path) => HoconValueConverter.ToInt(Require(path), path);

    /// <summary>The 32-bit integer at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public int GetInt(string path, int defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToInt(value, path) : defaultValue;

    /// <summary>The 64-bit integer at <paramref name="path"/>.</summary>
    public long GetLong(string path) => HoconValueConverter.ToLong(Require(path), path);

    /// <summary>The 64-bit integer at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public long GetLong(string path, long defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToLong(value, path) : defaultValue;

    /// <summary>The number at <paramref name="path"/> as a double.</summary>
    public double GetDouble(string path) => HoconValueConverter.ToDouble(Require(path), path);

    /// <summary>The number at <paramref name="path"/> as a double, or <paramref name="defaultValue"/> when absent or null.</summary>
    public double GetDouble(string path, double defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToDouble(value, path) : defaultValue;

    /// <summary>The boolean at <paramref name="path"/>; the strings true/false, yes/no and on/off are accepted.</summary>
    public bool GetBoolean(string path) => HoconValueConverter.ToBoolean(Require(path), path);

    /// <summary>The boolean at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public bool GetBoolean(string path, bool defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToBoolean(value, path) : defaultValue;

    /// <summary>The duration at <paramref name="path"/> ("10s", "250 ms", "2 minutes"; a bare number is milliseconds; "infinite").</summary>
    public TimeSpan GetTimeSpan(string path) => HoconValueConverter.ToTimeSpan(Require(path), path);

    /// <summary>The duration at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToTimeSpan(value, path) : defaultValue;

    /// <summary>The size in bytes at <paramref name="path"/> ("512 KiB", "10MB", "1.5G"; a bare number is bytes).</summary>
    public long? GetByteSize(string path) => HoconValueConverter.ToByteSize(Require(path), path);

    /// <summary>The size in bytes at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public long? GetByteSize(string path, long? defaultValue) =>
        TryGetPresent(path, out var value) ? HoconValueConverter.ToByteSize(value, path) : defaultValue;

    /// <summary>The array at <paramref name="path"/> with each element converted to a string.</summary>
    public IReadOnlyList<string> GetStringList(string path) => ConvertList(path, Require(path), HoconValueConverter.ToStringValue);

    /// <summary>The strings at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        TryGetPresent(path, out var value) ? ConvertList(path, value, HoconValueConverter.ToStringValue) : defaultValue;

    /// <summary>The array at <paramref name="path"/> with each element converted to a 32-bit integer.</summary>
    public IReadOnlyList<int> GetIntList(string path) => ConvertList(path, Require(path), HoconValueConverter.ToInt);

    /// <summary>The integers at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public IReadOnlyList<int> GetIntList(string path, IReadOnlyList<int> defaultValue) =>
        TryGetPresent(path, out var value) ? ConvertList(path, value, HoconValueConverter.ToInt) : defaultValue;

    /// <summary>The array at <paramref name="path"/> with each element converted to a 64-bit integer.</summary>
    public IReadOnlyList<long> GetLongList(string path) => ConvertList(path, Require(path), HoconValueConverter.ToLong);

    /// <summary>The 64-bit integers at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public IReadOnlyList<long> GetLongList(string path, IReadOnlyList<long> defaultValue) =>
        TryGetPresent(path, out var value) ? ConvertList(path, value, HoconValueConverter.ToLong) : defaultValue;

    /// <summary>The array at <paramref name="path"/> with each element converted to a double.</summary>
    public IReadOnlyList<double> GetDoubleList(string path) => ConvertList(path, Require(path), HoconValueConverter.ToDouble);

    /// <summary>The doubles at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public IReadOnlyList<double> GetDoubleList(string path, IReadOnlyList<double> defaultValue) =>
        TryGetPresent(path, out var value) ? ConvertList(path, value, HoconValueConverter.ToDouble) : defaultValue;

    /// <summary>The array at <paramref name="path"/> with each element converted to a boolean.</summary>
    public IReadOnlyList<bool> GetBooleanList(string path) => ConvertList(path, Require(path), HoconValueConverter.ToBoolean);

    /// <summary>The booleans at <paramref name="path"/>, or <paramref name="defaultValue"/> when absent or null.</summary>
    public IReadOnlyList<bool> GetBooleanList(string path, IReadOnlyList<bool> defaultValue) =>
        TryGetPresent(path, out var value) ? ConvertList(path, value, HoconValueConverter.ToBoolean) : defaultValue;

    /// <summary>The object at <paramref name="path"/> as a config of its own.</summary>
    public Config GetConfig(string path) => new(HoconValueConverter.ToObject(Require(path), path));

    /// <summary>The object at <paramref name="path"/> as a config, or <paramref name="defaultValue"/> when absent or null.</summary>
    public Config GetConfig(string path, Config defaultValue) =>
        TryGetPresent(path, out var value) ? new Config(HoconValueConverter.ToObject(value, path)) : defaultValue;

    /// <summary>The key/value pairs of the root object, in definition order.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> AsEnumerable() => Root.Items;

    /// <summary>Renders the resolved config as JSON.</summary>
    public string ToJson(bool indented = true) => HoconJsonRenderer.Render(Root, indented);

    /// <summary>Renders the resolved config as HOCON.</summary>
    public override string ToString() => HoconRenderer.Render(Root);

    private static IReadOnlyList<T> ConvertList<T>(string path, HoconValue value, Func<HoconValue, string?, T> convert)
    {
        var items = HoconValueConverter.ToList(value, path);
        var result = new T[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = convert(items[i], $"{path}[{i}]");
        }

        return result;
    }

    private HoconValue Require(string path)
    {
        var found = Find(path);
        if (found.Value is null)
        {
            throw Missing(path, found.Closest);
        }

        if (found.Value.IsNull)
        {
            throw new HoconException(found.Value.Origin, $"value at path \"{path}\" is null");
        }

        return found.Value;
    }

    private bool TryGetPresent(string path, [MaybeNullWhen(false)] out HoconValue value)
    {
        value = Find(path).Value;
        if (value is null || value.IsNull)
        {
            value = null;
            return false;
        }

        return true;
    }

    private HoconException Missing(string path, HoconValue? closest = null) =>
        new((closest ?? Root).Origin, $"no configuration value at path \"{path}\"");

    private (HoconValue? Value, HoconValue Closest) Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parsed = HoconPath.Parse(path);
        HoconValue current = Root;
        foreach (var segment in parsed.Segments)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(segment, out var child))
            {
                return (null, current);
            }

            current = child;
        }

        return (current, current);
    }
}
