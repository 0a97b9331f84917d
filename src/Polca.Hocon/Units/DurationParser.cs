namespace Polca.Hocon.Units;

/// <summary>
/// Reads durations: a number and an optional lowercase unit (ns, us, ms, s, m, h, d, their long names and the
/// nano/micro/milli forms); no unit means milliseconds; "infinite" is <see cref="Timeout.InfiniteTimeSpan"/>.
/// </summary>
internal static class DurationParser
{
    private static readonly Dictionary<string, decimal> TicksPerUnit = Build();

    public const string SupportedUnits = "ns, us, ms, s, m, h, d (or nanoseconds, microseconds, milliseconds, seconds, minutes, hours, days)";

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = default;
        error = "";
        if (string.Equals(text.Trim(), "infinite", StringComparison.Ordinal))
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!UnitValueParser.TrySplit(text, out var number, out var unit))
        {
            error = $"\"{text}\" is not a duration (expected a number and an optional unit: {SupportedUnits})";
            return false;
        }

        if (unit.Length == 0)
        {
            unit = "ms";
        }

        if (!TicksPerUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            error = $"\"{text}\" has an unknown duration unit \"{unit}\" (expected {SupportedUnits}; units are lowercase)";
            return false;
        }

        return TryFromTicks(number * ticksPerUnit, text, out value, out error);
    }

    /// <summary>Converts a number of milliseconds.</summary>
    public static bool TryFromMilliseconds(decimal milliseconds, string text, out TimeSpan value, out string error) =>
        TryFromTicks(milliseconds * TimeSpan.TicksPerMillisecond, text, out value, out error);

    private static bool TryFromTicks(decimal ticks, string text, out TimeSpan value, out string error)
    {
        value = default;
        error = "";
        var rounded = decimal.Round(ticks, MidpointRounding.AwayFromZero);
        if (rounded > long.MaxValue || rounded < long.MinValue)
        {
            error = $"duration \"{text}\" is too large";
            return false;
        }

        value = TimeSpan.FromTicks((long)rounded);
        return true;
    }
}
