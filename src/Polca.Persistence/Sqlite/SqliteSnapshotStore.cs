using Microsoft.Data.Sqlite;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// Snapshots in the snapshot table of the journal's SQLite file (WAL mode). Each operation runs on a pooled
/// connection; writes take the write lock up front (BEGIN IMMEDIATE) and wait for the journal's batches.
/// </summary>
public sealed class SqliteSnapshotStore : SnapshotStore
{
    private const string Columns = "persistence_id, sequence_number, created, manifest, snapshot";

    private readonly SqliteStorage _storage;
    private readonly SemaphoreSlim _initializeGate = new(1, 1);
    private readonly string _loadSql;
    private readonly string _saveSql;
    private readonly string _deleteOneSql;
    private readonly string _deleteMatchingSql;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates a store over <paramref name="settings"/>; the file is opened (and the table created) on first use.</summary>
    public SqliteSnapshotStore(SqliteJournalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _storage = new SqliteStorage(settings);
        var table = settings.SnapshotTable;
        const string matching = "persistence_id = $pid AND sequence_number <= $maxSeq AND created <= $maxTs AND sequence_number >= $minSeq AND created >= $minTs";
        _loadSql = $"SELECT {Columns} FROM {table} WHERE {matching} ORDER BY sequence_number DESC LIMIT 1;";
        _saveSql = $"INSERT OR REPLACE INTO {table} ({Columns}) VALUES ($pid, $seq, $created, $manifest, $snapshot);";
        _deleteOneSql = $"DELETE FROM {table} WHERE persistence_id = $pid AND sequence_number = $seq;";
        _deleteMatchingSql = $"DELETE FROM {table} WHERE {matching};";
    }

    /// <summary>The settings the store was created with.</summary>
    public SqliteJournalSettings Settings => _storage.Settings;

    /// <summary>Opens the file and creates (or checks) the table now instead of on first use; throws <see cref="JournalStorageException"/> when it cannot.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized) return;
        await _initializeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            await Task.Run(() =>
            {
                using var connection = _storage.OpenWriteConnection();
                try
                {
                    _storage.EnsureSnapshotSchema(connection);
                }
                catch (SqliteException e)
                {
                    throw _storage.Failure("cannot hold snapshots", e);
                }
            }, cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initializeGate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Run("cannot be read", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _loadSql;
            BindCriteria(command, persistenceId, criteria);
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            var metadata = new SnapshotMetadata(reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));
            return new StoredSnapshot(metadata, reader.GetString(3), reader.IsDBNull(4) ? [] : reader.GetFieldValue<byte[]>(4));
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() => Write($"failed to save a snapshot of '{snapshot.Metadata.PersistenceId}'", command =>
        {
            command.CommandText = _saveSql;
            command.Parameters.AddWithValue("$pid", snapshot.Metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", snapshot.Metadata.SequenceNr);
            command.Parameters.AddWithValue("$created", snapshot.Metadata.Timestamp.UtcTicks);
            command.Parameters.AddWithValue("$manifest", snapshot.Manifest);
            command.Parameters.Add(new SqliteParameter("$snapshot", SqliteType.Blob) { Value = snapshot.Payload });
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() => Write($"failed to delete a snapshot of '{metadata.PersistenceId}'", command =>
        {
            command.CommandText = _deleteOneSql;
            command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
            command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() => Write($"failed to delete snapshots of '{persistenceId}'", command =>
        {
            command.CommandText = _deleteMatchingSql;
            BindCriteria(command, persistenceId, criteria);
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the idle pooled connections so the file is released.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _storage.ReleasePooledConnections();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static void BindCriteria(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$maxTs", criteria.MaxTimestamp.UtcTicks);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$minTs", criteria.MinTimestamp?.UtcTicks ?? long.MinValue);
    }

    /// <summary>Runs one statement in its own IMMEDIATE transaction, so it waits for the writer instead of failing on a stale read.</summary>
    private void Write(string what, Action<SqliteCommand> prepare) => Run(what, connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        prepare(command);
        command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    });

    private T Run<T>(string what, Func<SqliteConnection, T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var connection = _storage.OpenPooledConnection();
        try
        {
            return action(connection);
        }
        catch (SqliteException e)
        {
            throw _storage.Failure(what, e);
        }
    }
}
