using Polca.Hocon.Access;
using Polca.Hocon.Rendering;

namespace Polca.Hocon;

/// <summary>A node of a HOCON tree: an object, an array, a literal, or (before resolution) a substitution.</summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin)
    {
        Origin = origin ?? HoconOrigin.Code;
    }

    /// <summary>Where this value was written.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The kind of value.</summary>
    public abstract HoconValueType Type { get; }

    /// <summary>True for objects.</summary>
    public bool IsObject => Type == HoconValueType.Object;

    /// <summary>True for arrays.</summary>
    public bool IsArray => Type == HoconValueType.Array;

    /// <summary>True for strings, numbers, booleans and null.</summary>
    public bool IsLiteral => this is HoconLiteral;

    /// <summary>True for the null value.</summary>
    public bool IsNull => Type == HoconValueType.Null;

    /// <summary>The value converted to a string (numbers as written, booleans as true/false).</summary>
    public string GetString() => HoconValueConverter.ToStringValue(this, null);

    /// <summary>The value converted to a 64-bit integer.</summary>
    public long GetLong() => HoconValueConverter.ToLong(this, null);

    /// <summary>The value converted to a 32-bit integer.</summary>
    public int GetInt() => HoconValueConverter.ToInt(this, null);

    /// <summary>The value converted to a double.</summary>
    public double GetDouble() => HoconValueConverter.ToDouble(this, null);

    /// <summary>The value converted to a boolean (true/false/yes/no/on/off).</summary>
    public bool GetBoolean() => HoconValueConverter.ToBoolean(this, null);

    /// <summary>The value as a duration (a bare number is milliseconds).</summary>
    public TimeSpan GetTimeSpan() => HoconValueConverter.ToTimeSpan(this, null);

    /// <summary>The value as a size in bytes (a bare number is bytes).</summary>
    public long GetByteSize() => HoconValueConverter.ToByteSize(this, null);

    /// <summary>The elements of this array (or numerically-indexed object).</summary>
    public IReadOnlyList<HoconValue> GetArray() => HoconValueConverter.ToList(this, null);

    /// <summary>This value as an object.</summary>
    public HoconObject GetObject() => HoconValueConverter.ToObject(this, null);

    /// <summary>Renders the value as HOCON text.</summary>
    public override string ToString() => HoconRenderer.Render(this);
}
