using System.Collections.Concurrent;

namespace Polca.Persistence;

/// <summary>
/// The journal plugins by name: the built-in sqlite, postgres and in-memory, and any registered by the application
/// (a custom storage, or a failing journal in tests). HOCON picks one by name.
/// </summary>
public static class JournalPlugins
{
    private static readonly ConcurrentDictionary<string, Func<PersistenceSettings, (AsyncWriteJournal, SnapshotStore)>> Custom = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="name"/> usable as a journal and snapshot-store plugin.</summary>
    public static void Register(string name, Func<PersistenceSettings, (AsyncWriteJournal Journal, SnapshotStore Snapshots)> factory) =>
        Custom[name] = factory;

    /// <summary>True when <paramref name="name"/> names a plugin.</summary>
    public static bool IsKnown(string name) => BuiltIn.Contains(name) || Custom.ContainsKey(name);

    /// <summary>Every plugin name.</summary>
    public static IReadOnlyList<string> Names => [.. BuiltIn, .. Custom.Keys.Order(StringComparer.Ordinal)];

    private static readonly string[] BuiltIn = ["sqlite", "postgres", "in-memory"];

    /// <summary>Creates the journal and snapshot store of plugin <paramref name="name"/>.</summary>
    public static (AsyncWriteJournal Journal, SnapshotStore Snapshots) Create(string name, PersistenceSettings settings)
    {
        if (Custom.TryGetValue(name, out var factory)) return factory(settings);
        switch (name)
        {
            case "in-memory":
                return (new InMemoryJournal(), new InMemorySnapshotStore());
            case "sqlite":
                var sqlite = Sqlite.SqliteJournalSettings.FromConfig(settings.PluginConfig("sqlite"));
                return (new Sqlite.SqliteJournal(sqlite), new Sqlite.SqliteSnapshotStore(sqlite));
            case "postgres":
                var postgres = Postgres.PostgresJournalSettings.FromConfig(settings.PluginConfig("postgres"));
                return (new Postgres.PostgresJournal(postgres), new Postgres.PostgresSnapshotStore(postgres));
            default:
                throw new NotSupportedException($"journal plugin '{name}' is not available in this build");
        }
    }
}
