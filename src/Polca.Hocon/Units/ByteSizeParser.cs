namespace Polca.Hocon.Units;

/// <summary>
/// Reads sizes in bytes with the spec's units: B/b/byte(s); powers of ten kB, MB, GB, TB, PB, EB, ZB, YB and their
/// long names; powers of two K/k/Ki/KiB, M/m/Mi/MiB, ... and kibibyte(s), mebibyte(s), ... No unit means bytes.
/// </summary>
internal static class ByteSizeParser
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = Build();

    public const string SupportedUnits = "B, kB, MB, GB, TB, PB, EB (powers of 1000) or K/KiB, M/MiB, G/GiB, T/TiB, P/PiB, E/EiB (powers of 1024), or their long names";

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in (string[])["B", "b", "byte", "bytes"])
        {
            units[name] = 1;
        }

        string[] decimalShort = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalLong = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryShort = ["K", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] binaryLong = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        decimal powerOfTen = 1;
        decimal powerOfTwo = 1;
        for (var i = 0; i < decimalShort.Length; i++)
        {
            powerOfTen *= 1000;
            powerOfTwo *= 1024;
            units[decimalShort[i] + "B"] = powerOfTen;
            units[decimalLong[i] + "byte"] = powerOfTen;
            units[decimalLong[i] + "bytes"] = powerOfTen;
            var letter = binaryShort[i];
            foreach (var name in (string[])[letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", binaryLong[i] + "byte", binaryLong[i] + "bytes"])
            {
                units[name] = powerOfTwo;
            }
        }

        return units;
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out long value, out string error)
    {
        value = 0;
        error = "";
        if (!UnitValueParser.TrySplit(text, out var number, out var unit))
        {
            error = $"\"{text}\" is not a size in bytes (expected a number and an optional unit: {SupportedUnits})";
            return false;
        }

        if (unit.Length == 0)
        {
            unit = "B";
        }

        if (!BytesPerUnit.TryGetValue(unit, out var multiplier))
        {
            error = $"\"{text}\" has an unknown size unit \"{unit}\" (expected {SupportedUnits})";
            return false;
        }

        decimal bytes;
        try
        {
            bytes = decimal.Round(number * multiplier, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            error = $"size \"{text}\" is too large for a 64-bit number of bytes";
            return false;
        }

        if (bytes > long.MaxValue || bytes < long.MinValue)
        {
            error = $"size \"{text}\" is too large for a 64-bit number of bytes";
            return false;
        }

        value = (long)bytes;
        return true;
    }
}
