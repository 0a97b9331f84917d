using System.Globalization;
using Polca.Hocon.Parsing;
using Polca.Hocon.Units;

namespace Polca.Hocon.Access;

/// <summary>
/// The automatic type conversions of the spec (number and boolean to string, string to number and boolean,
/// numerically-indexed object to array) plus durations and sizes. Errors name the path, the type found,
/// the type expected and, through the exception's origin, where the value was defined.
/// </summary>
internal static class HoconValueConverter
{
    public static HoconException WrongType(HoconValue value, string? path, string expected) =>
        new(value.Origin, $"{Subject(path)} has type {Describe(value)} but {expected} was expected");

    private static string Subject(string? path) => path is null ? "value" : $"value at path \"{path}\"";

    /// <summary>The type name used in messages, with a short excerpt for simple values.</summary>
    public static string Describe(HoconValue value) => value switch
    {
        HoconObject => "object",
        HoconArray => "array",
        HoconLiteral { Type: HoconValueType.String } literal => $"string (\"{Excerpt(literal.Text)}\")",
        HoconLiteral { Type: HoconValueType.Number } literal => $"number ({literal.Text})",
        HoconLiteral { Type: HoconValueType.Boolean } literal => $"boolean ({literal.Text})",
        HoconLiteral => "null",
        _ => "unresolved",
    };

    private static string Excerpt(string text) => text.Length > 40 ? text[..37] + "..." : text;

    public static string ToStringValue(HoconValue value, string? path) => value switch
    {
        HoconLiteral { Type: not HoconValueType.Null } literal => literal.Text,
        _ => throw WrongType(value, path, "a string"),
    };

    public static long ToLong(HoconValue value, string? path)
    {
        var number = AsNumber(value, path, "an integer");
        if (number.IsInteger)
        {
            return number.LongValue;
        }

        var real = number.DoubleValue;
        if (Math.Floor(real) == real && real >= long.MinValue && real < 9.2233720368547758E18)
        {
            return (long)real;
        }

        throw WrongType(value, path, "an integer");
    }

    public static int ToInt(HoconValue value, string? path)
    {
        var number = ToLong(value, path);
        if (number is < int.MinValue or > int.MaxValue)
        {
            throw new HoconException(value.Origin, $"{Subject(path)} is {number}, which is out of range for a 32-bit integer");
        }

        return (int)number;
    }

    public static double ToDouble(HoconValue value, string? path) => AsNumber(value, path, "a number").DoubleValue;

    private static HoconLiteral AsNumber(HoconValue value, string? path, string expected)
    {
        if (value is HoconLiteral { Type: HoconValueType.Number } number)
        {
            return number;
        }

        if (value is HoconLiteral { Type: HoconValueType.String } text
            && NumberLiteralParser.TryParse(text.Text.Trim(), value.Origin) is { } parsed)
        {
            return parsed;
        }

        throw WrongType(value, path, expected);
    }

    public static bool ToBoolean(HoconValue value, string? path)
    {
        if (value is HoconLiteral { Type: HoconValueType.Boolean } boolean)
        {
            return boolean.BooleanValue;
        }

        if (value is HoconLiteral { Type: HoconValueType.String } text && BooleanParser.TryParse(text.Text, out var parsed))
        {
            return parsed;
        }

        throw WrongType(value, path, "a boolean (true/false, yes/no, on/off)");
    }

    public static TimeSpan ToTimeSpan(HoconValue value, string? path)
    {
        string error;
        switch (value)
        {
            case HoconLiteral { Type: HoconValueType.Number } number:
                var milliseconds = number.IsInteger ? number.LongValue : (decimal)number.DoubleValue;
                if (DurationParser.TryFromMilliseconds(milliseconds, number.Text, out var fromNumber, out error))
                {
                    return fromNumber;
                }

                break;
            case HoconLiteral { Type: HoconValueType.String } text:
                if (DurationParser.TryParse(text.Text, out var parsed, out error))
                {
                    return parsed;
                }

                break;
            default:
                throw WrongType(value, path, "a duration");
        }

        throw new HoconException(value.Origin, $"{Subject(path)}: {error}");
    }

    public static long ToByteSize(HoconValue value, string? path)
    {
        string error;
        switch (value)
        {
            case HoconLiteral { Type: HoconValueType.Number } number:
                if (number.IsInteger)
                {
                    return number.LongValue;
                }

                if (ByteSizeParser.TryParse(number.DoubleValue.ToString("R", CultureInfo.InvariantCulture), out var fromNumber, out error))
                {
                    return fromNumber;
                }

                break;
            case HoconLiteral { Type: HoconValueType.String } text:
                if (ByteSizeParser.TryParse(text.Text, out var parsed, out error))
                {
                    return parsed;
                }

                break;
            default:
                throw WrongType(value, path, "a size in bytes");
        }

        throw new HoconException(value.Origin, $"{Subject(path)}: {error}");
    }

    /// <summary>The elements of an array, or of an object whose keys are integers (ordered by key).</summary>
    public static IReadOnlyList<HoconValue> ToList(HoconValue value, string? path)
    {
        switch (value)
        {
            case HoconArray array:
                return array.Items;
            case HoconObject obj:
                var indexed = new List<(long Index, HoconValue Value)>();
                foreach (var (key, item) in obj.Items)
                {
                    if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        indexed.Add((index, item));
                    }
                }

                if (indexed.Count > 0 || obj.Count == 0)
                {
                    return [.. indexed.OrderBy(entry => entry.Index).Select(entry => entry.Value)];
                }

                break;
        }

        throw WrongType(value, path, "an array");
    }

    public static HoconObject ToObject(HoconValue value, string? path) =>
        value as HoconObject ?? throw WrongType(value, path, "an object");
}
