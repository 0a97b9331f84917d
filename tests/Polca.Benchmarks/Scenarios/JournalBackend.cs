using Npgsql;
using Polca.Persistence.Tests.Services;
using Polca.Hocon;
using Polca.Persistence;
using Polca.Persistence.Postgres;
using Polca.Persistence.Sqlite;

namespace Polca.Benchmarks;

/// <summary>
/// Where a journal benchmark writes: a fresh temporary SQLite file, or a fresh schema on PostgreSQL (POLCA_POSTGRES, or a
/// throwaway local server); removed on dispose. The plugin is the real journal wrapped in a <see cref="CountingJournal"/>.
/// </summary>
internal sealed class JournalBackend : IAsyncDisposable
{
    private const string SqlitePlugin = "bench-sqlite";
    private const string PostgresPlugin = "bench-postgres";
    private const string InMemoryPlugin = "bench-in-memory";

    private readonly string? _sqlitePath;
    private readonly string? _connectionString;
    private readonly string? _schema;

    private JournalBackend(string name, Config config, string? sqlitePath, string? connectionString, string? schema)
    {
        Name = name;
        Config = config;
        _sqlitePath = sqlitePath;
        _connectionString = connectionString;
        _schema = schema;
    }

    static JournalBackend()
    {
        JournalPlugins.Register(SqlitePlugin, settings =>
        {
            var sqlite = SqliteJournalSettings.FromConfig(settings.PluginConfig("sqlite"));
            var journal = new CountingJournal(new SqliteJournal(sqlite));
            LastJournal = journal;
            return (journal, new SqliteSnapshotStore(sqlite));
        });
        JournalPlugins.Register(PostgresPlugin, settings =>
        {
            var postgres = PostgresJournalSettings.FromConfig(settings.PluginConfig("postgres"));
            var journal = new CountingJournal(new PostgresJournal(postgres));
            LastJournal = journal;
            return (journal, new PostgresSnapshotStore(postgres));
        });
        JournalPlugins.Register(InMemoryPlugin, _ =>
        {
            var journal = new CountingJournal(new InMemoryJournal());
            LastJournal = journal;
            return (journal, new InMemorySnapshotStore());
        });
    }

    /// <summary>sqlite, postgres, or in-memory (no storage: the ceiling of the actor path, for profiling).</summary>
    public string Name { get; }

    /// <summary>The actor system configuration: this journal, real-time clock, console logging off.</summary>
    public Config Config { get; }

    /// <summary>The journal most recently created by an actor system (each system creates its own).</summary>
    public static CountingJournal? LastJournal { get; private set; }

    /// <summary>Creates the backend named <paramref name="name"/>; null (with a line on stdout saying why) when PostgreSQL is unavailable.</summary>
    public static async Task<JournalBackend?> CreateAsync(string name)
    {
        switch (name)
        {
            case "sqlite":
                var path = Path.Combine(Path.GetTempPath(), $"polca-bench-{Guid.NewGuid():N}.db");
                return new JournalBackend(name, Configure(SqlitePlugin, $"sqlite.path = {Quote(path)}"), path, null, null);
            case "postgres":
                if (PostgresServer.UnavailableReason is { } reason)
                {
                    Console.WriteLine($"postgres: not available, no measurement ({reason})");
                    return null;
                }
                string connectionString;
                try
                {
                    connectionString = await PostgresServer.GetConnectionStringAsync().ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    Console.WriteLine($"postgres: not available, no measurement ({e.Message})");
                    return null;
                }
                var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
                var config = Configure(PostgresPlugin, $"postgres {{ connection-string = {Quote(connectionString)}, schema = {schema} }}");
                return new JournalBackend(name, config, null, connectionString, schema);
            case "in-memory":
                return new JournalBackend(name, Configure(InMemoryPlugin, ""), null, null, null);
            default:
                throw new ArgumentException($"unknown journal backend '{name}' (sqlite, postgres or in-memory)");
        }
    }

    /// <summary>
    /// Brings the written journal to rest before reads are measured: on PostgreSQL, VACUUM (ANALYZE) its tables, as
    /// autovacuum would soon after a bulk write, so that measured runs neither set hint bits on first read nor race
    /// autovacuum for the two cores. Nothing to do for SQLite.
    /// </summary>
    public async Task SettleAsync()
    {
        if (_connectionString is null) return;
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.OpenAsync().ConfigureAwait(false);
        var tables = new PostgresJournalSettings(_connectionString);
        await using var command = new NpgsqlCommand($"VACUUM (ANALYZE) \"{_schema}\".\"{tables.JournalTable}\", \"{_schema}\".\"{tables.TagTable}\"", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Deletes the SQLite file (with its -wal and -shm) or drops the schema.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                try
                {
                    File.Delete(_sqlitePath + suffix);
                }
                catch (IOException)
                {
                    // Left to the temp folder's cleaning.
                }
            }
        }
        if (_connectionString is not null)
        {
            await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Registers the benchmark's event type on the system's serializer.</summary>
    public static EventSerializer RegisterEvents(Polca.Actors.ActorSystem system) =>
        Persistence.Persistence.Instance.Apply(system).Serializer.Register<PowerSample>(PowerSample.Manifest);

    private static Config Configure(string plugin, string pluginSettings) => ConfigurationFactory.ParseString($$"""
        polca.persistence {
          journal.plugin = {{plugin}}
          snapshot-store.plugin = {{plugin}}
          {{pluginSettings}}
        }
        polca.logging.console.enabled = off
        """);

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
