namespace Polca.Hocon;

/// <summary>The kind of a <see cref="HoconValue"/>.</summary>
public enum HoconValueType
{
    /// <summary>An object: ordered keys to values.</summary>
    Object,

    /// <summary>An array of values.</summary>
    Array,

    /// <summary>A quoted, unquoted or concatenated string.</summary>
    String,

    /// <summary>A number, integral (64-bit) or floating point.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>The null value.</summary>
    Null,

    /// <summary>A substitution, concatenation or pending merge that is not resolved yet; never seen in a resolved <see cref="Config"/>.</summary>
    Unresolved,
}
