using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// The journal's one write connection with its prepared statements. A batch of atomic writes goes in one
/// transaction; each write is checked against the highest sequence number of its persistence id before anything of
/// it is stored, so a rejected write leaves no trace and the others commit.
/// </summary>
/// <remarks>
/// Layout: the writer numbers events itself (ordering) and files each under block = ordering / 8192 (the settings'
/// BlockShift). The index (block, persistence_id, sequence_number) then only changes in its newest block, so a batch
/// touching a thousand persistence ids dirties a few dozen index pages instead of one page per id (an index on
/// (persistence_id, sequence_number) would write a page per id per batch); the block table lists, per persistence
/// id, the blocks that hold its events, keyed by the first sequence number in each (blocks only grow, so a stream's
/// blocks are in sequence order). The highest sequence number per id is cached here and re-read whenever
/// another connection has added events (the newest ordering moved). Not thread-safe: the journal calls it under its
/// write gate.
/// </remarks>
internal sealed class SqliteJournalWriter : IDisposable
{
    /// <summary>Separates the tags of an event in the journal row's tags column.</summary>
    public const char TagSeparator = '\u001F';

    private const int MaxCachedStreams = 250_000;

    /// <summary>Rows per multi-row INSERT: one statement run (and one AUTOINCREMENT bookkeeping) per this many events.</summary>
    private const int RowsPerInsert = 32;

    /// <summary>Parameters per journal row in the insert statements.</summary>
    private const int ParametersPerRow = 9;

    private readonly SqliteStorage _storage;
    private readonly SqliteConnection _connection;
    private readonly List<SqliteStatement> _statements = [];
    private readonly SqliteStatement _begin;
    private readonly SqliteStatement _commit;
    private readonly SqliteStatement _rollback;
    private readonly SqliteStatement _newestOrdering;
    private readonly SqliteStatement _newestBlock;
    private readonly SqliteStatement _streamState;
    private readonly SqliteStatement _insertEvent;
    private readonly SqliteStatement _insertEvents;
    private readonly PendingRow[] _rows = new PendingRow[RowsPerInsert];
    private int _rowCount;
    private readonly SqliteStatement _insertBlock;
    private readonly SqliteStatement _insertTag;
    private readonly SqliteStatement _blocksUpTo;
    private readonly SqliteStatement _deleteInBlock;
    private readonly Dictionary<string, SqliteStreamState> _streams = new(StringComparer.Ordinal);
    private readonly int _blockShift;
    private long _newestOrderingSeen = -1;
    private long _newestBlockSeen;
    private string? _manifest;
    private byte[] _manifestUtf8 = [];

    /// <summary>An event bound for the journal table, waiting to fill a multi-row insert.</summary>
    private readonly record struct PendingRow(Persistent Event, long Ordering, long Block, SqliteStreamState Stream);

    private SqliteJournalWriter(SqliteStorage storage, SqliteConnection connection)
    {
        _storage = storage;
        _connection = connection;
        _blockShift = storage.Settings.BlockShift;
        var journal = storage.Settings.JournalTable;
        var blocks = storage.BlockTable;
        var tag = storage.Settings.TagTable;
        _begin = Prepare("BEGIN IMMEDIATE;");
        _commit = Prepare("COMMIT;");
        _rollback = Prepare("ROLLBACK;");
        _newestOrdering = Prepare($"SELECT max(coalesce((SELECT max(ordering) FROM {journal}), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{journal}'), 0));");
        _newestBlock = Prepare($"SELECT max(block) FROM {journal};");
        _streamState = Prepare($"SELECT b.block, (SELECT max(j.sequence_number) FROM {journal} j WHERE j.block = b.block AND j.persistence_id = b.persistence_id) " +
                               $"FROM {blocks} b WHERE b.persistence_id = ?1 ORDER BY b.first_sequence_number DESC LIMIT 1;");
        _insertEvent = Prepare($"INSERT INTO {journal} (ordering, persistence_id, sequence_number, created, deleted, manifest, payload, writer_uuid, tags, block) " +
                               "VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?9);");
        var rows = string.Join(", ", Enumerable.Range(0, RowsPerInsert).Select(r =>
        {
            var p = r * ParametersPerRow;
            return $"(?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4}, 0, ?{p + 5}, ?{p + 6}, ?{p + 7}, ?{p + 8}, ?{p + 9})";
        }));
        _insertEvents = Prepare($"INSERT INTO {journal} (ordering, persistence_id, sequence_number, created, deleted, manifest, payload, writer_uuid, tags, block) VALUES {rows};");
        _insertBlock = Prepare($"INSERT OR IGNORE INTO {blocks} (persistence_id, block, first_sequence_number, first_ordering) VALUES (?1, ?2, ?3, ?4);");
        _insertTag = Prepare($"INSERT OR IGNORE INTO {tag} (ordering_id, tag, persistence_id, sequence_nr) VALUES (?1, ?2, ?3, ?4);");
        _blocksUpTo = Prepare($"SELECT block FROM {blocks} WHERE persistence_id = ?1 AND first_sequence_number <= ?2 ORDER BY first_sequence_number;");
        _deleteInBlock = Prepare($"UPDATE {journal} SET deleted = 1 WHERE block = ?1 AND persistence_id = ?2 AND sequence_number <= ?3 AND deleted = 0;");
    }

    /// <summary>Opens the write connection, creates or checks the journal tables, and prepares the statements.</summary>
    public static SqliteJournalWriter Open(SqliteStorage storage)
    {
        var connection = storage.OpenWriteConnection();
        try
        {
            storage.EnsureJournalSchema(connection);
            return new SqliteJournalWriter(storage, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw storage.Failure("cannot hold the journal", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="messages"/> in one transaction; returns per write null or the exception that rejected
    /// it (sequence number not above the highest written, payload not bytes, bad tag). Any other failure rolls
    /// everything back and throws.
    /// </summary>
    public Exception?[] Write(IReadOnlyList<AtomicWrite> messages)
    {
        var results = new Exception?[messages.Count];
        for (var i = 0; i < messages.Count; i++) results[i] = Validate(messages[i]);
        _rowCount = 0;
        try
        {
            _begin.Execute();
            var ordering = StartOrdering();
            for (var i = 0; i < messages.Count; i++)
            {
                if (results[i] is not null) continue;
                var write = messages[i];
                var stream = StreamOf(write.PersistenceId);
                if (write.LowestSequenceNr <= stream.Highest)
                {
                    results[i] = new InvalidOperationException(
                        $"{write.PersistenceId}: sequence number {write.LowestSequenceNr} is already written (highest is {stream.Highest})");
                    continue;
                }
                foreach (var e in write.Payload) Insert(e, ++ordering, stream);
            }
            // The rows that did not fill a multi-row insert go one by one.
            for (var r = 0; r < _rowCount; r++)
            {
                BindRow(_insertEvent, 0, _rows[r]);
                _insertEvent.Execute();
            }
            _rowCount = 0;
            _commit.Execute();
            _newestOrderingSeen = ordering;
            return results;
        }
        catch (Exception e)
        {
            RollBackQuietly();
            throw e is SqliteException
                ? _storage.Failure($"failed to write a batch of {messages.Count} atomic writes (none of it was written)", e)
                : e;
        }
    }

    /// <summary>Marks the events of <paramref name="persistenceId"/> up to <paramref name="toSequenceNr"/> deleted (the rows stay, so the highest sequence number does).</summary>
    public void Delete(string persistenceId, long toSequenceNr)
    {
        try
        {
            _begin.Execute();
            var blocks = new List<long>();
            _blocksUpTo.Bind(1, persistenceId);
            _blocksUpTo.Bind(2, toSequenceNr);
            try
            {
                while (_blocksUpTo.Step()) blocks.Add(_blocksUpTo.Int64(0));
            }
            finally
            {
                _blocksUpTo.Reset();
            }
            foreach (var block in blocks)
            {
                _deleteInBlock.Bind(1, block);
                _deleteInBlock.Bind(2, persistenceId);
                _deleteInBlock.Bind(3, toSequenceNr);
                _deleteInBlock.Execute();
            }
            _commit.Execute();
        }
        catch (SqliteException e)
        {
            RollBackQuietly();
            throw _storage.Failure($"failed to delete events of '{persistenceId}'", e);
        }
    }

    /// <summary>Runs SQL on the write connection (tests use it to inject storage failures) and returns the first value.</summary>
    public object? ExecuteScalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Finalizes the statements and closes the connection (an open transaction is rolled back).</summary>
    public void Dispose()
    {
        foreach (var statement in _statements) statement.Dispose();
        _connection.Dispose();
    }

    private static Exception? Validate(AtomicWrite write)
    {
        var events = write.Payload;
        if (events is null || events.Count == 0) return new ArgumentException("an atomic write needs at least one event");
        var persistenceId = events[0].PersistenceId;
        if (string.IsNullOrEmpty(persistenceId)) return new ArgumentException("an event needs a persistence id");
        var previous = 0L;
        foreach (var e in events)
        {
            if (e.PersistenceId != persistenceId)
                return new ArgumentException($"an atomic write mixes persistence ids '{persistenceId}' and '{e.PersistenceId}'");
            if (e.SequenceNr <= previous)
                return new ArgumentException($"{persistenceId}: sequence numbers start at 1 and increase within an atomic write (got {e.SequenceNr} after {previous})");
            previous = e.SequenceNr;
            if (e.Payload is not byte[])
                return new ArgumentException($"{persistenceId}#{e.SequenceNr}: the journal stores serialized payloads (byte[]), got {e.Payload?.GetType().Name ?? "null"}");
            if (e.Manifest is null) return new ArgumentException($"{persistenceId}#{e.SequenceNr}: the event has no manifest");
            foreach (var tag in e.Tags ?? [])
            {
                if (string.IsNullOrEmpty(tag) || tag.Contains(TagSeparator, StringComparison.Ordinal))
                    return new ArgumentException($"{persistenceId}#{e.SequenceNr}: tag '{tag}' is empty or holds U+001F");
            }
        }
        return null;
    }

    /// <summary>
    /// The newest ordering in the file; when another connection added events since our last batch, the cached stream
    /// states are dropped and the newest block is read again.
    /// </summary>
    private long StartOrdering()
    {
        var newest = _newestOrdering.ExecuteInt64() ?? 0;
        if (newest != _newestOrderingSeen || _streams.Count > MaxCachedStreams)
        {
            _streams.Clear();
            _newestOrderingSeen = newest;
            _newestBlockSeen = _newestBlock.ExecuteInt64() ?? 0;
        }
        return newest;
    }

    private SqliteStreamState StreamOf(string persistenceId)
    {
        if (_streams.TryGetValue(persistenceId, out var state)) return state;
        state = new SqliteStreamState { IdUtf8 = System.Text.Encoding.UTF8.GetBytes(persistenceId) };
        _streamState.Bind(1, persistenceId);
        try
        {
            if (_streamState.Step())
            {
                state.LastBlock = _streamState.Int64(0);
                state.Highest = _streamState.IsNull(1) ? 0 : _streamState.Int64(1);
            }
        }
        finally
        {
            _streamState.Reset();
        }
        _streams[persistenceId] = state;
        return state;
    }

    private void Insert(Persistent e, long ordering, SqliteStreamState stream)
    {
        // Blocks never go back, even in a file written with another block size: an id's blocks stay in sequence order.
        var block = Math.Max(ordering >> _blockShift, _newestBlockSeen);
        _newestBlockSeen = block;
        var tags = e.Tags is { Count: > 0 } list ? (list.Count == 1 ? list : list.Distinct(StringComparer.Ordinal).ToArray()) : null;
        _rows[_rowCount++] = new PendingRow(e, ordering, block, stream);
        if (_rowCount == RowsPerInsert)
        {
            for (var r = 0; r < RowsPerInsert; r++) BindRow(_insertEvents, r * ParametersPerRow, _rows[r]);
            _insertEvents.Execute();
            _rowCount = 0;
        }

        if (block != stream.LastBlock)
        {
            _insertBlock.Bind(1, e.PersistenceId);
            _insertBlock.Bind(2, block);
            _insertBlock.Bind(3, e.SequenceNr);
            _insertBlock.Bind(4, ordering);
            _insertBlock.Execute();
            stream.LastBlock = block;
        }
        stream.Highest = e.SequenceNr;

        if (tags is null) return;
        _insertTag.Bind(1, ordering);
        _insertTag.Bind(3, e.PersistenceId);
        _insertTag.Bind(4, e.SequenceNr);
        foreach (var tag in tags)
        {
            _insertTag.Bind(2, tag);
            _insertTag.Execute();
        }
    }

    /// <summary>Binds one journal row at parameter offset <paramref name="first"/>; text columns come from cached UTF-8 (ids, writers and manifests repeat).</summary>
    private void BindRow(SqliteStatement statement, int first, in PendingRow row)
    {
        var e = row.Event;
        var stream = row.Stream;
        statement.Bind(first + 1, row.Ordering);
        statement.BindText(first + 2, stream.IdUtf8);
        statement.Bind(first + 3, e.SequenceNr);
        statement.Bind(first + 4, e.Timestamp.UtcTicks);
        statement.BindText(first + 5, ManifestUtf8(e.Manifest));
        statement.BindBlob(first + 6, (byte[])e.Payload);
        var writer = e.WriterGuid ?? "";
        if (!string.Equals(stream.Writer, writer, StringComparison.Ordinal))
        {
            stream.Writer = writer;
            stream.WriterUtf8 = System.Text.Encoding.UTF8.GetBytes(writer);
        }
        statement.BindText(first + 7, stream.WriterUtf8);
        if (e.Tags is not { Count: > 0 } tags) statement.BindNull(first + 8);
        else if (tags.Count == 1) statement.Bind(first + 8, tags[0]);
        else statement.Bind(first + 8, string.Join(TagSeparator, tags.Distinct(StringComparer.Ordinal)));
        statement.Bind(first + 9, row.Block);
    }

    private byte[] ManifestUtf8(string manifest)
    {
        if (!string.Equals(_manifest, manifest, StringComparison.Ordinal))
        {
            _manifest = manifest;
            _manifestUtf8 = System.Text.Encoding.UTF8.GetBytes(manifest);
        }
        return _manifestUtf8;
    }

    private void RollBackQuietly()
    {
        // Some errors (disk full, I/O) roll the transaction back by themselves; ROLLBACK would then fail.
        if (_connection.Handle is null || raw.sqlite3_get_autocommit(_connection.Handle) != 0) return;
        try
        {
            _rollback.Execute();
        }
        catch (SqliteException)
        {
            // The journal discards this connection after a failed batch; closing it rolls back what is left.
        }
    }

    private SqliteStatement Prepare(string sql)
    {
        var statement = new SqliteStatement(_connection, sql);
        _statements.Add(statement);
        return statement;
    }
}
