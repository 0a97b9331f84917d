using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// Opens connections to the journal's database file with its pragmas, creates or checks the tables, and turns
/// SQLite errors into <see cref="JournalStorageException"/>s that name the file.
/// </summary>
internal sealed class SqliteStorage
{
    /// <summary>
    /// The writer's page cache. Writes touch few pages (the newest block's index pages, the table's last pages), and
    /// every commit walks the whole cache: B-tree balancing parks a page at the pending-byte page number, so SQLite's
    /// end-of-transaction truncation scans every cached page. At 64 MiB that walk was 5-7 % of the write benchmark's CPU.
    /// </summary>
    private const int CacheSizeKib = 16384;
    private const int ReadCacheSizeKib = 8192;

    /// <summary>How much of the file a read connection maps into memory (reads of mapped pages are not copied through the kernel).</summary>
    private const long ReadMapBytes = 1L << 30;
    private const int WalAutoCheckpointPages = 10000;
    private const int SqliteConfigMemStatus = 9;
    private const long JournalSizeLimitBytes = 64L * 1024 * 1024;
    private static readonly string[] JournalColumns = ["ordering", "persistence_id", "sequence_number", "created", "deleted", "manifest", "payload", "writer_uuid", "tags", "block"];
    private static readonly string[] BlockColumns = ["persistence_id", "block", "first_sequence_number", "first_ordering"];
    private static readonly string[] TagColumns = ["ordering_id", "tag", "persistence_id", "sequence_nr"];
    private static readonly string[] SnapshotColumns = ["persistence_id", "sequence_number", "created", "manifest", "snapshot"];

    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly string _pooledConnectionString;

    static SqliteStorage()
    {
        Batteries_V2.Init();
        // Memory statistics take a global mutex on every allocation; nothing here reads them. Refused (harmlessly)
        // when SQLite was already initialized by an earlier connection.
        raw.sqlite3_config(SqliteConfigMemStatus, 0);
    }

    /// <summary>Prepares connection strings for <paramref name="settings"/> (nothing is opened yet).</summary>
    public SqliteStorage(SqliteJournalSettings settings)
    {
        settings.Validate();
        Settings = settings;
        FilePath = System.IO.Path.GetFullPath(settings.Path);
        var timeoutSeconds = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = settings.AutoInitialize ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _pooledConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
    }

    /// <summary>The settings.</summary>
    public SqliteJournalSettings Settings { get; }

    /// <summary>The database file, as an absolute path.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the connection that writes (not pooled): WAL mode, the configured synchronous mode, a busy timeout and
    /// a larger page cache.
    /// </summary>
    public SqliteConnection OpenWriteConnection()
    {
        if (!Settings.AutoInitialize && !File.Exists(FilePath))
            throw new JournalStorageException($"SQLite journal file '{FilePath}' does not exist (auto-initialize is off)");
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
            var mode = ExecuteScalar(connection, "PRAGMA journal_mode=WAL;") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new JournalStorageException($"SQLite journal file '{FilePath}' cannot be switched to WAL mode (journal mode is '{mode}')");
            Execute(connection, $"PRAGMA synchronous={Settings.Synchronous.ToString().ToUpperInvariant()}; PRAGMA cache_size=-{CacheSizeKib}; " +
                             $"PRAGMA wal_autocheckpoint={WalAutoCheckpointPages}; PRAGMA journal_size_limit={JournalSizeLimitBytes};");
            return connection;
        }
        catch (Exception e) when (e is SqliteException or JournalStorageException)
        {
            connection.Dispose();
            throw e as JournalStorageException ?? Failure("cannot be opened", e);
        }
    }

    /// <summary>Opens a connection for reads (WAL lets it read while the writer writes), with a page cache of its own.</summary>
    public SqliteConnection OpenReadConnection()
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            connection.Open();
            raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
            Execute(connection, $"PRAGMA cache_size=-{ReadCacheSizeKib};");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Failure("cannot be opened for reading", e);
        }
    }

    /// <summary>
    /// Opens a database handle for a read session, without SQLite's per-call mutex (a session is used by one thread
    /// at a time), with the busy timeout and a page cache of its own.
    /// </summary>
    public sqlite3 OpenReadDatabase()
    {
        var rc = raw.sqlite3_open_v2(FilePath, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            if (rc != raw.SQLITE_OK) throw Failure("cannot be opened for reading", new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errstr(rc).utf8_to_string()}'.", rc));
            raw.sqlite3_busy_timeout(db, BusyTimeoutMilliseconds);
            rc = raw.sqlite3_exec(db, $"PRAGMA cache_size=-{ReadCacheSizeKib}; PRAGMA mmap_size={ReadMapBytes};", out var message);
            if (rc != raw.SQLITE_OK) throw Failure("cannot be opened for reading", new SqliteException($"SQLite Error {rc}: '{message}'.", rc));
            return db;
        }
        catch
        {
            db?.Dispose();
            throw;
        }
    }

    /// <summary>The table that lists, per persistence id, the ordering blocks holding its events.</summary>
    public string BlockTable => Settings.JournalTable + "_blocks";

    /// <summary>Opens a connection from Microsoft.Data.Sqlite's pool (for occasional work such as snapshots).</summary>
    public SqliteConnection OpenPooledConnection()
    {
        var connection = new SqliteConnection(_pooledConnectionString);
        try
        {
            connection.Open();
            raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Failure("cannot be opened", e);
        }
    }

    /// <summary>Closes the idle connections of the pool so the file is released.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(_pooledConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Creates the journal, block and tag tables (auto-initialize) or checks that they exist with our columns.</summary>
    public void EnsureJournalSchema(SqliteConnection connection)
    {
        var journal = Settings.JournalTable;
        var blocks = BlockTable;
        var tag = Settings.TagTable;
        if (Settings.AutoInitialize)
        {
            Execute(connection, $"""
                CREATE TABLE IF NOT EXISTS {journal} (
                    ordering INTEGER PRIMARY KEY AUTOINCREMENT,
                    persistence_id TEXT NOT NULL,
                    sequence_number INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    deleted INTEGER NOT NULL DEFAULT 0,
                    manifest TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    writer_uuid TEXT NOT NULL,
                    tags TEXT NULL,
                    block INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS {blocks} (
                    persistence_id TEXT NOT NULL,
                    block INTEGER NOT NULL,
                    first_sequence_number INTEGER NOT NULL,
                    first_ordering INTEGER NOT NULL,
                    PRIMARY KEY (persistence_id, first_sequence_number)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS {tag} (
                    ordering_id INTEGER NOT NULL,
                    tag TEXT NOT NULL,
                    persistence_id TEXT NOT NULL,
                    sequence_nr INTEGER NOT NULL,
                    PRIMARY KEY (ordering_id, tag)) WITHOUT ROWID;
                """);
        }
        RequireColumns(connection, journal, JournalColumns);
        RequireColumns(connection, blocks, BlockColumns);
        RequireColumns(connection, tag, TagColumns);
        if (Settings.AutoInitialize)
        {
            Execute(connection, $"""
                CREATE UNIQUE INDEX IF NOT EXISTS {journal}_block_idx ON {journal} (block, persistence_id, sequence_number);
                CREATE INDEX IF NOT EXISTS {tag}_tag_idx ON {tag} (tag, ordering_id);
                """);
        }
    }

    /// <summary>Creates the snapshot table (auto-initialize) or checks that it exists with our columns.</summary>
    public void EnsureSnapshotSchema(SqliteConnection connection)
    {
        var snapshot = Settings.SnapshotTable;
        if (Settings.AutoInitialize)
        {
            Execute(connection, $"""
                CREATE TABLE IF NOT EXISTS {snapshot} (
                    persistence_id TEXT NOT NULL,
                    sequence_number INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    manifest TEXT NOT NULL,
                    snapshot BLOB NOT NULL,
                    PRIMARY KEY (persistence_id, sequence_number)) WITHOUT ROWID;
                """);
        }
        RequireColumns(connection, snapshot, SnapshotColumns);
    }

    /// <summary>A <see cref="JournalStorageException"/> saying that the file <paramref name="what"/>, with SQLite's reason.</summary>
    public JournalStorageException Failure(string what, Exception cause) =>
        new($"SQLite journal file '{FilePath}' {what}: {cause.Message}", cause);

    /// <summary>Runs SQL that returns nothing.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private int BusyTimeoutMilliseconds => (int)Math.Min(int.MaxValue, Settings.BusyTimeout.TotalMilliseconds);

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void RequireColumns(SqliteConnection connection, string table, string[] required)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA table_info({table});";
            using var reader = command.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(1));
        }
        if (present.Count == 0)
        {
            throw new JournalStorageException(Settings.AutoInitialize
                ? $"SQLite journal file '{FilePath}' has no table '{table}'"
                : $"SQLite journal file '{FilePath}' has no table '{table}' (auto-initialize is off: create the tables or turn it on)");
        }
        var missing = required.Where(c => !present.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new JournalStorageException($"SQLite journal file '{FilePath}': table '{table}' is not a Polca table (missing columns {string.Join(", ", missing)})");
    }
}
