using System.Globalization;

namespace Polca.Hocon;

/// <summary>A simple value: string, number (64-bit integer or double), boolean or null.</summary>
public sealed class HoconLiteral : HoconValue
{
    private readonly HoconValueType _type;
    private readonly long _integer;
    private readonly double _real;

    private HoconLiteral(HoconValueType type, string text, bool isInteger, long integer, double real, HoconOrigin? origin)
        : base(origin ?? HoconOrigin.Code)
    {
        _type = type;
        Text = text;
        IsInteger = isInteger;
        _integer = integer;
        _real = real;
    }

    /// <inheritdoc />
    public override HoconValueType Type => _type;

    /// <summary>The text of the value: the string itself, a number as written, "true"/"false", or "null".</summary>
    public string Text { get; }

    /// <summary>True for numbers that are integral and fit in 64 bits.</summary>
    public bool IsInteger { get; }

    /// <summary>The integer value of an integral number.</summary>
    public long LongValue => Type == HoconValueType.Number && IsInteger
        ? _integer
        : throw new InvalidOperationException($"{Origin}: value is not an integer");

    /// <summary>The numeric value of a number as a double.</summary>
    public double DoubleValue => Type == HoconValueType.Number
        ? (IsInteger ? _integer : _real)
        : throw new InvalidOperationException($"{Origin}: value is not a number");

    /// <summary>The value of a boolean.</summary>
    public bool BooleanValue => Type == HoconValueType.Boolean
        ? Text == "true"
        : throw new InvalidOperationException($"{Origin}: value is not a boolean");

    /// <summary>True for the inline whitespace kept between the parts of a concatenation.</summary>
    internal bool IsWhitespace { get; private init; }

    /// <summary>Creates a string value.</summary>
    public static HoconLiteral FromString(string value, HoconOrigin? origin = null) =>
        new(HoconValueType.String, value ?? throw new ArgumentNullException(nameof(value)), false, 0, 0, origin);

    /// <summary>Creates an integral number.</summary>
    public static HoconLiteral FromLong(long value, HoconOrigin? origin = null) =>
        new(HoconValueType.Number, value.ToString(CultureInfo.InvariantCulture), true, value, value, origin);

    /// <summary>Creates a floating point number; NaN and infinities are rejected because HOCON cannot write them.</summary>
    public static HoconLiteral FromDouble(double value, HoconOrigin? origin = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "HOCON numbers must be finite");
        }

        return new HoconLiteral(HoconValueType.Number, FormatDouble(value), false, 0, value, origin);
    }

    /// <summary>Creates a boolean.</summary>
    public static HoconLiteral FromBoolean(bool value, HoconOrigin? origin = null) =>
        new(HoconValueType.Boolean, value ? "true" : "false", false, 0, 0, origin);

    /// <summary>Creates the null value.</summary>
    public static HoconLiteral Null(HoconOrigin? origin = null) =>
        new(HoconValueType.Null, "null", false, 0, 0, origin);

    internal static HoconLiteral IntegerAsWritten(string text, long value, HoconOrigin origin) =>
        new(HoconValueType.Number, text, true, value, value, origin);

    internal static HoconLiteral DoubleAsWritten(string text, double value, HoconOrigin origin) =>
        new(HoconValueType.Number, text, false, 0, value, origin);

    internal static HoconLiteral Whitespace(string text, HoconOrigin origin) =>
        new(HoconValueType.String, text, false, 0, 0, origin) { IsWhitespace = true };

    /// <summary>Formats a double so that it reads back as the same double (always with a '.' or an exponent).</summary>
    internal static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || text.Contains('e') ? text : text + ".0";
    }

    /// <summary>Equal when of the same type and value (numbers compare by value, integers exactly).</summary>
    public override bool Equals(object? obj)
    {
        if (obj is not HoconLiteral other || other.Type != Type)
        {
            return false;
        }

        return Type switch
        {
            HoconValueType.Number when IsInteger && other.IsInteger => _integer == other._integer,
            HoconValueType.Number when !IsInteger && !other.IsInteger => _real.Equals(other._real),
            HoconValueType.Number => false,
            _ => string.Equals(Text, other.Text, StringComparison.Ordinal),
        };
    }

    /// <summary>A hash consistent with <see cref="Equals(object?)"/>.</summary>
    public override int GetHashCode() => Type switch
    {
        HoconValueType.Number when IsInteger => HashCode.Combine(Type, _integer),
        HoconValueType.Number => HashCode.Combine(Type, _real),
        _ => HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(Text)),
    };
}
