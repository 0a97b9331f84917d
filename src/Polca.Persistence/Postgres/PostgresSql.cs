using System.Text;
using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>SQL text, identifiers, DDL and connection helpers shared by the PostgreSQL journal and snapshot store.</summary>
internal sealed class PostgresSql
{
    /// <summary>Advisory lock key held (per transaction) around the DDL, so that nodes starting at once do not race.</summary>
    private const long DdlLockKey = 0x706F6C6361_0001; // "polca" + 1

    private readonly PostgresJournalSettings _settings;

    public PostgresSql(PostgresJournalSettings settings)
    {
        _settings = settings;
        Schema = Quote(settings.Schema);
        Journal = $"{Schema}.{Quote(settings.JournalTable)}";
        Tags = $"{Schema}.{Quote(settings.TagTable)}";
        Snapshots = $"{Schema}.{Quote(settings.SnapshotTable)}";
        JournalRegclass = Journal;
        WriteLockKey = StableHash($"polca-journal-write:{settings.Schema}.{settings.JournalTable}");
        HighestPerIdSql = $"SELECT u.id, (SELECT max(j.sequence_number) FROM {Journal} j WHERE j.persistence_id = u.id) FROM unnest($1::text[]) AS u(id)";
    }

    /// <summary>The query of the highest sequence number (null when none) of each id of the text array $1: rows (id, highest).</summary>
    public string HighestPerIdSql { get; }

    /// <summary>The quoted schema name.</summary>
    public string Schema { get; }

    /// <summary>The quoted, schema-qualified journal table.</summary>
    public string Journal { get; }

    /// <summary>The quoted, schema-qualified tag table.</summary>
    public string Tags { get; }

    /// <summary>The quoted, schema-qualified snapshot table.</summary>
    public string Snapshots { get; }

    /// <summary>The journal table as text for <c>pg_get_serial_sequence</c>.</summary>
    public string JournalRegclass { get; }

    /// <summary>Advisory lock key that serializes journal writes to this table, so that ordering follows commit order.</summary>
    public long WriteLockKey { get; }

    /// <summary>Quotes an identifier for PostgreSQL.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>An index name derived from a table name, kept within PostgreSQL's 63 bytes.</summary>
    private static string IndexName(string table, string suffix)
    {
        var name = table + suffix;
        if (Encoding.UTF8.GetByteCount(name) <= 63) return Quote(name);
        return Quote($"ix_{(ulong)StableHash(name):x16}{suffix}");
    }

    /// <summary>DDL for the journal and tag tables.</summary>
    public string JournalDdl() => $"""
        CREATE SCHEMA IF NOT EXISTS {Schema};
        CREATE TABLE IF NOT EXISTS {Journal} (
            ordering BIGSERIAL NOT NULL PRIMARY KEY,
            persistence_id TEXT COLLATE "C" NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT FALSE,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            writer_uuid TEXT NOT NULL,
            UNIQUE (persistence_id, sequence_number)
        );
        CREATE TABLE IF NOT EXISTS {Tags} (
            ordering_id BIGINT NOT NULL,
            tag TEXT COLLATE "C" NOT NULL,
            persistence_id TEXT COLLATE "C" NOT NULL,
            sequence_nr BIGINT NOT NULL,
            PRIMARY KEY (ordering_id, tag)
        );
        CREATE INDEX IF NOT EXISTS {IndexName(_settings.TagTable, "_tag_idx")} ON {Tags} (tag, ordering_id);
        CREATE INDEX IF NOT EXISTS {IndexName(_settings.TagTable, "_pid_idx")} ON {Tags} (persistence_id, sequence_nr);
        """;

    /// <summary>DDL for the snapshot table.</summary>
    public string SnapshotDdl() => $"""
        CREATE SCHEMA IF NOT EXISTS {Schema};
        CREATE TABLE IF NOT EXISTS {Snapshots} (
            persistence_id TEXT COLLATE "C" NOT NULL,
            sequence_number BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest TEXT NOT NULL,
            snapshot BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_number)
        );
        """;

    /// <summary>Runs <paramref name="ddl"/> in one transaction under an advisory lock, so that concurrent starts do not collide.</summary>
    public static async Task RunDdlAsync(NpgsqlDataSource dataSource, string server, string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(dataSource, server, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({DdlLockKey}); {ddl}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a pooled connection; failures become a <see cref="PostgresConnectionException"/> naming the server without the password.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, string server, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PostgresConnectionException($"Cannot connect to PostgreSQL at {server}: {ex.Message}", ex);
        }
    }

    /// <summary>A batch command of <paramref name="sql"/> with positional parameters.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }

    /// <summary>Reads a result set of (key, tag) rows into lists per key, or null when it is empty.</summary>
    public static async Task<Dictionary<long, List<string>>?> ReadTagsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        Dictionary<long, List<string>>? tags = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tags ??= [];
            var key = reader.GetInt64(0);
            if (!tags.TryGetValue(key, out var list)) tags[key] = list = [];
            list.Add(reader.GetString(1));
        }
        return tags;
    }

    /// <summary>Host, port, database and user of a connection string, never the password.</summary>
    public static string DescribeServer(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            var host = string.IsNullOrEmpty(b.Host) ? "localhost" : b.Host;
            var user = string.IsNullOrEmpty(b.Username) ? "(default user)" : b.Username;
            var database = string.IsNullOrEmpty(b.Database) ? "(default database)" : b.Database;
            return $"host {host} port {b.Port}, database '{database}', user '{user}'";
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>Converts a timestamp to the stored BIGINT (UTC ticks, 100 ns).</summary>
    public static long ToTicks(DateTimeOffset timestamp) => timestamp.UtcTicks;

    /// <summary>Converts the stored BIGINT (UTC ticks) back to a timestamp.</summary>
    public static DateTimeOffset FromTicks(long ticks) =>
        ticks <= DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue
        : ticks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue
        : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>FNV-1a 64 of a string: a key stable across processes and machines.</summary>
    public static long StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}
