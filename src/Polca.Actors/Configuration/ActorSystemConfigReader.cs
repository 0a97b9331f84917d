using System.Globalization;
using Polca.Actors.Event;
using Polca.Hocon;

namespace Polca.Actors;

/// <summary>
/// Reads the runtime's settings from a configuration (with the embedded reference.conf underneath). A setting of the
/// wrong type, an unknown value or an unknown key under one of the runtime's sections fails with a
/// <see cref="HoconException"/> naming the path and where it was written.
/// </summary>
internal static class ActorSystemConfigReader
{
    /// <summary>Sections of the runtime whose keys are checked against reference.conf.</summary>
    private static readonly string[] CheckedSections =
        ["polca.actor", "polca.clock", "polca.scheduler", "polca.random", "polca.remote", "polca.logging"];

    private static readonly Lazy<Config> ReferenceConfig = new(() =>
        ConfigurationFactory.FromResource(typeof(ActorSystemConfigReader).Assembly, ConfigurationFactory.ReferenceResourceName));

    static ActorSystemConfigReader() => HoconResourceRegistry.Register(typeof(ActorSystemConfigReader).Assembly);

    /// <summary>The embedded reference configuration of the runtime.</summary>
    public static Config Reference => ReferenceConfig.Value;

    /// <summary>Reads settings from <paramref name="config"/>; reference defaults fill what it does not set.</summary>
    public static ActorSystemSettings Read(Config config)
    {
        var merged = config.WithFallback(Reference);
        foreach (var section in CheckedSections) CheckKeys(merged, Reference, section);
        return ActorSystemSettings.CreateFrom(merged, new LoggingSettings
        {
            ConsoleEnabled = merged.GetBoolean("polca.logging.console.enabled"),
            ConsoleLevel = Level(merged, "polca.logging.console.level"),
            ConsoleTemplate = merged.GetString("polca.logging.console.output-template"),
            ConsoleToStandardError = merged.GetBoolean("polca.logging.console.standard-error"),
            FileEnabled = merged.GetBoolean("polca.logging.file.enabled"),
            FilePath = merged.GetString("polca.logging.file.path"),
            FileLevel = Level(merged, "polca.logging.file.level"),
            FileRollingInterval = OneOf(merged, "polca.logging.file.rolling-interval", "infinite", "year", "month", "day", "hour", "minute"),
            FileRetainedCount = merged.HasPath("polca.logging.file.retained-file-count") ? Positive(merged, "polca.logging.file.retained-file-count") : null,
            FileSizeLimit = merged.HasPath("polca.logging.file.file-size-limit") ? merged.GetByteSize("polca.logging.file.file-size-limit") : null,
            FileTemplate = merged.GetString("polca.logging.file.output-template"),
            Async = merged.GetBoolean("polca.logging.async.enabled"),
            AsyncBufferSize = Positive(merged, "polca.logging.async.buffer-size"),
            DeadLettersEnabled = merged.GetBoolean("polca.logging.dead-letters.enabled"),
            DeadLettersPerInterval = NonNegative(merged, "polca.logging.dead-letters.max-per-interval"),
            DeadLettersInterval = PositiveDuration(merged, "polca.logging.dead-letters.interval"),
        });
    }

    /// <summary>Every key under <paramref name="section"/> must exist in the reference (recursively for objects).</summary>
    private static void CheckKeys(Config merged, Config reference, string section)
    {
        if (!merged.HasPath(section)) return;
        var value = merged.GetValue(section);
        if (value is not HoconObject actual)
            throw new HoconException(value.Origin, $"setting '{section}' must be an object (a section of settings), found {value.Type.ToString().ToLowerInvariant()}");
        var known = reference.GetValue(section) as HoconObject;
        foreach (var (key, child) in actual.Items)
        {
            var path = section + "." + key;
            if (known is null || !known.TryGetValue(key, out var expected))
            {
                var names = known is null ? "" : string.Join(", ", known.Keys.OrderBy(k => k, StringComparer.Ordinal));
                throw new HoconException(child.Origin, $"unknown setting '{path}' (known settings of {section}: {names})");
            }
            if (expected is HoconObject) CheckKeys(merged, reference, path);
            else if (child is HoconObject && !expected.IsNull)
                throw new HoconException(child.Origin, $"setting '{path}' must be a single value, found an object");
        }
    }

    internal static LogLevel Level(Config config, string path)
    {
        var text = OneOf(config, path, "debug", "info", "warning", "error");
        return text switch
        {
            "debug" => LogLevel.DebugLevel,
            "info" => LogLevel.InfoLevel,
            "warning" => LogLevel.WarningLevel,
            _ => LogLevel.ErrorLevel,
        };
    }

    internal static string OneOf(Config config, string path, params string[] allowed)
    {
        var text = config.GetString(path).Trim().ToLowerInvariant();
        if (Array.IndexOf(allowed, text) < 0)
            throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' must be one of {string.Join(", ", allowed)}; found \"{config.GetString(path)}\"");
        return text;
    }

    internal static int Positive(Config config, string path)
    {
        var value = config.GetInt(path);
        if (value < 1) throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' must be at least 1; found {value}");
        return value;
    }

    internal static int NonNegative(Config config, string path)
    {
        var value = config.GetInt(path);
        if (value < 0) throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' cannot be negative; found {value}");
        return value;
    }

    internal static TimeSpan PositiveDuration(Config config, string path)
    {
        var value = config.GetTimeSpan(path);
        if (value <= TimeSpan.Zero) throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' must be a positive duration; found {value}");
        return value;
    }

    internal static double PositiveFinite(Config config, string path)
    {
        var value = config.GetDouble(path);
        if (!(value > 0) || double.IsInfinity(value))
            throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' must be a positive number; found {value.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    internal static DateTimeOffset Instant(Config config, string path)
    {
        var text = config.GetString(path);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            throw new HoconException(config.GetValue(path).Origin, $"setting '{path}' must be an ISO 8601 instant such as \"2024-01-01T00:00:00Z\"; found \"{text}\"");
        return instant;
    }
}
