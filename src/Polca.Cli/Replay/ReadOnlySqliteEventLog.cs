using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Polca.Persistence;
using Polca.Persistence.Sqlite;

namespace Polca.Cli.Replay;

/// <summary>
/// The events of a SQLite journal file, read on one connection that only queries (<c>PRAGMA query_only</c>): nothing
/// is created, converted or checkpointed into the file, so it is left as it was, also when it turns out not to be a journal.
/// </summary>
/// <remarks>
/// The journal's own <see cref="SqliteJournal"/> opens a write connection first (and switches the file to WAL mode
/// before it checks the tables), so a tool that must not touch the file reads it here instead, with the same
/// table layout: ordering, persistence_id, sequence_number, created (UTC ticks), deleted, manifest, payload,
/// writer_uuid and tags (separated by U+001F), plus the tag table.
/// </remarks>
internal sealed class ReadOnlySqliteEventLog : IEventLog, IDisposable
{
    private const string SqliteMagic = "SQLite format 3\0";
    private const int SqliteHeaderSize = 100;
    private const char TagSeparator = '\u001F';
    private static readonly string[] JournalColumns = ["ordering", "persistence_id", "sequence_number", "created", "deleted", "manifest", "payload", "writer_uuid", "tags"];
    private static readonly string[] TagColumns = ["ordering_id", "tag"];

    private readonly SqliteJournalSettings _settings;
    private readonly string _subject;
    private readonly string _columns;
    private SqliteConnection? _connection;

    /// <summary>Prepares to read the file and tables of <paramref name="settings"/>; errors name <paramref name="subject"/>.</summary>
    public ReadOnlySqliteEventLog(SqliteJournalSettings settings, string subject)
    {
        settings.Validate();
        _settings = settings;
        _subject = subject;
        FilePath = Path.GetFullPath(settings.Path);
        _columns = "j.ordering, j.persistence_id, j.sequence_number, j.created, j.manifest, j.payload, j.tags";
    }

    /// <summary>The database file, as an absolute path.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the file read-only and checks that it is a Polca journal; throws <see cref="ReplayInputException"/> saying
    /// why not (missing, not SQLite, corrupt, no journal tables).
    /// </summary>
    public void Open()
    {
        if (Directory.Exists(FilePath)) throw new ReplayInputException(_subject, "is a directory, not a journal file");
        if (!File.Exists(FilePath)) throw new ReplayInputException(_subject, "file not found");
        var header = ReadHeader();
        if (header is null) throw new ReplayInputException(_subject, "not a Polca journal (not a SQLite database)");

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = ChooseMode(header),
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(_settings.BusyTimeout.TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            using (var queryOnly = connection.CreateCommand())
            {
                queryOnly.CommandText = "PRAGMA query_only = ON;";
                queryOnly.ExecuteNonQuery();
            }
            var tables = Tables(connection);
            RequireTable(connection, tables, _settings.JournalTable, JournalColumns);
            RequireTable(connection, tables, _settings.TagTable, TagColumns);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Explain(e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _connection = connection;
    }

    /// <summary>A SQLite error met while reading, as the message polca prints (corrupt file or other read failure).</summary>
    public ReplayInputException Explain(SqliteException e) =>
        e.SqliteErrorCode is 11 or 26 // SQLITE_CORRUPT, SQLITE_NOTADB
            ? new ReplayInputException(_subject, $"corrupt SQLite file ({e.Message})", e)
            : new ReplayInputException(_subject, $"cannot be read ({e.Message})", e);

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default) =>
        Query($"SELECT {_columns} FROM {_settings.JournalTable} j WHERE j.persistence_id = $pid AND j.sequence_number >= $from AND j.sequence_number <= $to " +
              "AND j.deleted = 0 ORDER BY j.sequence_number;",
            command =>
            {
                command.Parameters.AddWithValue("$pid", persistenceId);
                command.Parameters.AddWithValue("$from", fromSequenceNr);
                command.Parameters.AddWithValue("$to", toSequenceNr);
            }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default) =>
        Query($"SELECT {_columns} FROM {_settings.TagTable} t JOIN {_settings.JournalTable} j ON j.ordering = t.ordering_id " +
              "WHERE t.tag = $tag AND t.ordering_id > $after AND j.deleted = 0 ORDER BY t.ordering_id;",
            command =>
            {
                command.Parameters.AddWithValue("$tag", tag);
                command.Parameters.AddWithValue("$after", afterOrdering);
            }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default) =>
        Query($"SELECT {_columns} FROM {_settings.JournalTable} j WHERE j.ordering > $after AND j.deleted = 0 ORDER BY j.ordering;",
            command => command.Parameters.AddWithValue("$after", afterOrdering), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT persistence_id FROM {_settings.JournalTable} GROUP BY persistence_id ORDER BY MIN(ordering);";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return reader.GetString(0);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("the journal is not open");

    private async IAsyncEnumerable<StoredEvent> Query(string sql, Action<SqliteCommand> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        string? lastTagText = null;
        IReadOnlyList<string> lastTags = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<string> tags = [];
            if (!reader.IsDBNull(6))
            {
                var text = reader.GetString(6);
                if (!string.Equals(text, lastTagText, StringComparison.Ordinal))
                {
                    lastTagText = text;
                    lastTags = text.Split(TagSeparator);
                }
                tags = lastTags;
            }
            var payload = reader.IsDBNull(5) ? [] : reader.GetFieldValue<byte[]>(5);
            var persistent = new Persistent(payload, reader.GetInt64(2), reader.GetString(1), reader.GetString(4), false, "",
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), tags);
            yield return new StoredEvent(reader.GetInt64(0), persistent);
        }
    }

    /// <summary>The file's 100-byte SQLite header, or null when the file does not start with one.</summary>
    private byte[]? ReadHeader()
    {
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[SqliteHeaderSize];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return read == SqliteHeaderSize && header.AsSpan(0, SqliteMagic.Length).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(SqliteMagic)) ? header : null;
    }

    /// <summary>
    /// Read-only, except for a WAL-mode file that no connection has open (no -wal file): a read-only connection would
    /// create the -wal and -shm files and leave them behind, whereas a read-write one (kept to queries by
    /// <c>PRAGMA query_only</c>) removes them when it closes, and its checkpoint of an empty WAL writes nothing.
    /// </summary>
    private SqliteOpenMode ChooseMode(byte[] header)
    {
        const int WriteVersionOffset = 18;
        const int ReadVersionOffset = 19;
        const byte WalVersion = 2;
        var walMode = header[WriteVersionOffset] == WalVersion || header[ReadVersionOffset] == WalVersion;
        return walMode && !File.Exists(FilePath + "-wal") ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly;
    }

    private static HashSet<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
        using var reader = command.ExecuteReader();
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private void RequireTable(SqliteConnection connection, HashSet<string> tables, string table, string[] required)
    {
        if (!tables.Contains(table)) throw new ReplayInputException(_subject, $"not a Polca journal (no {table} table)");
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA table_info({table});";
            using var reader = command.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(1));
        }
        var missing = required.Where(c => !present.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new ReplayInputException(_subject, $"not a Polca journal (table {table} has no column {string.Join(", ", missing)})");
    }
}
