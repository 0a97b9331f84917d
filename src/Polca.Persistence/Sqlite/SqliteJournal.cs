using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// A journal in one SQLite file (WAL mode). Batches are written in one transaction on one connection, one batch at
/// a time (group commit); replays and queries read on pooled connections of their own, concurrently with the writer.
/// Replays that arrive together are served together, in one pass over their blocks (see <see cref="SqliteReplayCoalescer"/>).
/// Deleted events stay as rows flagged deleted, so the highest sequence number survives deletion.
/// </summary>
/// <remarks>
/// Events are filed in blocks of 8192 orderings and indexed by (block, persistence id, sequence number), so that a
/// batch from many persistence ids touches few index pages; a replay visits only the blocks that hold the id's
/// events (see the block table, <c>{journal-table}_blocks</c>). Every few dozen batches a passive checkpoint runs on a
/// connection of its own, so the writer seldom copies WAL pages itself (its auto-checkpoint still bounds the WAL).
/// </remarks>
public sealed class SqliteJournal : AsyncWriteJournal, IEventLog
{
    private readonly SqliteStorage _storage;
    private readonly SqliteJournalQueries _queries;
    private readonly SqliteReaderPool _readers;
    private readonly SqliteReplayCoalescer _replays;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteJournalWriter? _writer;
    private SqliteConnection? _checkpointConnection;
    private int _checkpointing;
    private int _batchesSinceCheckpoint;

    /// <summary>Batches between background checkpoints (the writer's own auto-checkpoint then finds little left to copy).</summary>
    private const int BatchesPerCheckpoint = 32;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates a journal over <paramref name="settings"/>; the file is opened (and the tables created) on first use.</summary>
    public SqliteJournal(SqliteJournalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _storage = new SqliteStorage(settings);
        _queries = new SqliteJournalQueries(_storage);
        _readers = new SqliteReaderPool(_storage);
        _replays = new SqliteReplayCoalescer(_queries, _readers);
    }

    /// <summary>The settings the journal was created with.</summary>
    public SqliteJournalSettings Settings => _storage.Settings;

    /// <summary>The database file, as an absolute path.</summary>
    public string FilePath => _storage.FilePath;

    /// <summary>Opens the file and creates (or checks) the tables now instead of on first use; throws <see cref="JournalStorageException"/> when it cannot.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized) return;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(OpenWriter, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) return [];
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = await Task.Run(() => WithWriter(writer => writer.Write(messages)), cancellationToken).ConfigureAwait(false);
            if (++_batchesSinceCheckpoint >= BatchesPerCheckpoint && Interlocked.CompareExchange(ref _checkpointing, 1, 0) == 0)
            {
                _batchesSinceCheckpoint = 0;
                _ = Task.Run(CheckpointInBackground, CancellationToken.None);
            }
            return results;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() => WithWriter(writer =>
            {
                writer.Delete(persistenceId, toSequenceNr);
                return true;
            }), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (max <= 0 || toSequenceNr < fromSequenceNr) return;
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _replays.Replay(new ReplayRequest(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken))
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Read(session => _queries.ReadHighest(session, persistenceId)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var pageSize = Settings.QueryPageSize;
        var next = fromSequenceNr;
        while (next <= toSequenceNr)
        {
            var from = next;
            var page = await Task.Run(() => Read(session =>
            {
                var events = new List<StoredEvent>();
                _queries.ReadRange(session, persistenceId, from, toSequenceNr, pageSize, rows => events.Add(rows.ReadStoredEvent(persistenceId)), cancellationToken);
                return events;
            }), cancellationToken).ConfigureAwait(false);
            foreach (var stored in page) yield return stored;
            if (page.Count < pageSize || page[^1].Event.SequenceNr == long.MaxValue) yield break;
            next = page[^1].Event.SequenceNr + 1;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return ReadInGlobalOrder(tag, afterOrdering, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default) =>
        ReadInGlobalOrder(null, afterOrdering, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One query over the block table (small: one row per id and block); ids whose events were all deleted are listed too.</remarks>
    public async IAsyncEnumerable<string> ReadPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var ids = await Task.Run(() => Read(session => _queries.ReadPersistenceIds(session, cancellationToken)), cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }
    }

    /// <summary>Waits for the batch in progress, then closes the write connection and the idle read connections.</summary>
    public override async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            // Wait for a background checkpoint to finish, then close its connection.
            while (Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0) await Task.Delay(1).ConfigureAwait(false);
            _checkpointConnection?.Dispose();
            _checkpointConnection = null;
            _writer?.Dispose();
            _writer = null;
            _readers.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>How many replay passes have run (concurrent replays share one; tests check it).</summary>
    internal int ReplayPasses => _replays.Passes;

    /// <summary>How many replays joined a pass that was already running.</summary>
    internal int ReplayJoins => _replays.Joined;

    /// <summary>Runs SQL on the write connection between batches (tests inject storage failures with it).</summary>
    internal async Task<object?> ExecuteOnWriteConnectionAsync(string sql)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            return WithWriter(writer => writer.ExecuteScalar(sql));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Copies committed WAL pages into the database file on a connection of its own (a passive checkpoint: it never
    /// blocks the writer), so that the writer's commits rarely pay for checkpoints; failures are left to the writer's
    /// own auto-checkpoint.
    /// </summary>
    private void CheckpointInBackground()
    {
        try
        {
            if (_disposed) return;
            _checkpointConnection ??= _storage.OpenReadConnection();
            using var command = _checkpointConnection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or JournalStorageException)
        {
            _checkpointConnection?.Dispose();
            _checkpointConnection = null;
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    private void OpenWriter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer ??= SqliteJournalWriter.Open(_storage);
        _initialized = true;
    }

    /// <summary>Runs <paramref name="action"/> with the writer (opened if needed); after a failure the connection is discarded and the next call opens a fresh one.</summary>
    private T WithWriter<T>(Func<SqliteJournalWriter, T> action)
    {
        OpenWriter();
        try
        {
            return action(_writer!);
        }
        catch
        {
            _writer?.Dispose();
            _writer = null;
            throw;
        }
    }

    private async IAsyncEnumerable<StoredEvent> ReadInGlobalOrder(string? tag, long afterOrdering, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var pageSize = Settings.QueryPageSize;
        var after = afterOrdering;
        while (true)
        {
            var from = after;
            var page = await Task.Run(() => Read(session => _queries.ReadGlobalPage(session, tag, from, pageSize, cancellationToken)), cancellationToken)
                .ConfigureAwait(false);
            foreach (var stored in page) yield return stored;
            if (page.Count < pageSize) yield break;
            after = page[^1].Ordering;
        }
    }

    /// <summary>Runs a read on a pooled read session (one snapshot); SQLite errors become <see cref="JournalStorageException"/>s naming the file.</summary>
    private T Read<T>(Func<SqliteReadSession, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _readers.Run(read);
    }
}
