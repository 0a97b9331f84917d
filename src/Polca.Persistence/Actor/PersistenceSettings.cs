using Polca.Actors;
using Polca.Hocon;

namespace Polca.Persistence;

/// <summary>The persistence settings of <c>polca.persistence</c>: which journal and snapshot store, batching, circuit breaker.</summary>
public sealed record PersistenceSettings(
    string JournalPlugin,
    string SnapshotPlugin,
    int MaxBatchEvents,
    int BreakerMaxFailures,
    TimeSpan BreakerCallTimeout,
    TimeSpan BreakerResetTimeout,
    Config Config)
{
    /// <summary>Reads <c>polca.persistence</c> from the system's configuration; a bad value throws naming it.</summary>
    public static PersistenceSettings From(Config config)
    {
        var merged = config.WithFallback(PersistenceReference.Config);
        string Plugin(string path)
        {
            var name = merged.GetString(path).Trim();
            if (!JournalPlugins.IsKnown(name))
                throw new HoconException(merged.GetValue(path).Origin, $"setting '{path}' must be one of {string.Join(", ", JournalPlugins.Names)}; found \"{name}\"");
            return name;
        }
        int Positive(string path)
        {
            var value = merged.GetInt(path);
            if (value < 1) throw new HoconException(merged.GetValue(path).Origin, $"setting '{path}' must be at least 1; found {value}");
            return value;
        }
        return new PersistenceSettings(
            Plugin("polca.persistence.journal.plugin"),
            Plugin("polca.persistence.snapshot-store.plugin"),
            Positive("polca.persistence.journal.max-batch-size"),
            Positive("polca.persistence.journal.circuit-breaker.max-failures"),
            merged.GetTimeSpan("polca.persistence.journal.circuit-breaker.call-timeout"),
            merged.GetTimeSpan("polca.persistence.journal.circuit-breaker.reset-timeout"),
            merged);
    }

    /// <summary>The settings section of a plugin, e.g. <c>polca.persistence.sqlite</c>.</summary>
    public Config PluginConfig(string plugin) => Config.GetConfig("polca.persistence." + plugin, Config.Empty);

    /// <summary>Reads the settings of <paramref name="system"/>.</summary>
    public static PersistenceSettings From(ActorSystem system) => From(system.Settings.Config);
}
