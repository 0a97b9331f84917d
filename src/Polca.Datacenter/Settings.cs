using System.Globalization;
using Polca.Hocon;

namespace Polca.Datacenter;

/// <summary>Checked reads of the datacenter's settings: every error names the value's file and line and what was expected.</summary>
internal static class Settings
{
    /// <summary>A number above zero.</summary>
    public static double Positive(Config config, string path)
    {
        var value = config.GetDouble(path);
        Require(config, path, value > 0 && double.IsFinite(value), $"must be a positive number; found {Format(value)}");
        return value;
    }

    /// <summary>A number of at least zero.</summary>
    public static double NonNegative(Config config, string path)
    {
        var value = config.GetDouble(path);
        Require(config, path, value >= 0 && double.IsFinite(value), $"cannot be negative; found {Format(value)}");
        return value;
    }

    /// <summary>A number within [0, max].</summary>
    public static double Fraction(Config config, string path, double max = 1.0)
    {
        var value = config.GetDouble(path);
        Require(config, path, value >= 0 && value <= max, $"must lie within 0-{Format(max)}; found {Format(value)}");
        return value;
    }

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static int AtLeast(Config config, string path, int min)
    {
        var value = config.GetInt(path);
        Require(config, path, value >= min, $"must be at least {min}; found {value}");
        return value;
    }

    /// <summary>A duration above zero.</summary>
    public static TimeSpan PositiveDuration(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        Require(config, path, value > TimeSpan.Zero, $"must be a positive duration; found {value}");
        return value;
    }

    /// <summary>A duration of at least zero.</summary>
    public static TimeSpan NonNegativeDuration(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        Require(config, path, value >= TimeSpan.Zero, $"cannot be negative; found {value}");
        return value;
    }

    /// <summary>One of <paramref name="allowed"/>.</summary>
    public static string OneOf(Config config, string path, params string[] allowed)
    {
        var value = config.GetString(path);
        Require(config, path, allowed.Contains(value), $"must be one of {string.Join(", ", allowed)}; found \"{value}\"");
        return value;
    }

    /// <summary>Throws a <see cref="HoconException"/> at the value of <paramref name="path"/> unless <paramref name="condition"/> holds.</summary>
    public static void Require(Config config, string path, bool condition, string reason)
    {
        if (!condition) throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' {reason}");
    }

    /// <summary>Rejects keys of <paramref name="config"/> other than <paramref name="known"/> (a typo must not pass silently).</summary>
    public static void RequireOnly(Config config, string section, params string[] known)
    {
        foreach (var (key, value) in config.AsEnumerable())
        {
            if (!known.Contains(key))
                throw new HoconException(value.Origin, $"unknown setting '{key}' in {section} (known: {string.Join(", ", known)})");
        }
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
