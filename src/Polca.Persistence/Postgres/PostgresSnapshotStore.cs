using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>
/// A snapshot store in PostgreSQL with Akka.Persistence.Sql's table shape: one row per (persistence id, sequence number),
/// timestamps stored as UTC ticks, states as BYTEA. Loads asked for together are read together (see <see cref="PostgresSnapshotLoadCoalescer"/>).
/// </summary>
public sealed class PostgresSnapshotStore : SnapshotStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresSql _sql;
    private readonly string _server;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    private readonly PostgresSnapshotLoadCoalescer _loads;
    private readonly string _saveSql;
    private readonly string _deleteOneSql;
    private readonly string _deleteManySql;

    /// <summary>Creates the store with its own pooled data source built from <paramref name="settings"/>.</summary>
    public PostgresSnapshotStore(PostgresJournalSettings settings)
        : this(settings, PostgresDataSources.Create(settings), ownsDataSource: true)
    {
    }

    /// <summary>Creates the store over a data source the caller owns (and disposes).</summary>
    public PostgresSnapshotStore(PostgresJournalSettings settings, NpgsqlDataSource dataSource)
        : this(settings, dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false)
    {
    }

    private PostgresSnapshotStore(PostgresJournalSettings settings, NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _sql = new PostgresSql(settings);
        _server = settings.DescribeServer();

        var s = _sql.Snapshots;
        const string criteria = "persistence_id = $1 AND sequence_number <= $2 AND created <= $3 AND sequence_number >= $4 AND created >= $5";
        _loads = new PostgresSnapshotLoadCoalescer(dataSource, _server, _sql);
        _saveSql = $"INSERT INTO {s} (persistence_id, sequence_number, created, manifest, snapshot) VALUES ($1, $2, $3, $4, $5) " +
                   "ON CONFLICT (persistence_id, sequence_number) DO UPDATE SET created = EXCLUDED.created, manifest = EXCLUDED.manifest, snapshot = EXCLUDED.snapshot";
        _deleteOneSql = $"DELETE FROM {s} WHERE persistence_id = $1 AND sequence_number = $2";
        _deleteManySql = $"DELETE FROM {s} WHERE {criteria}";
    }

    /// <summary>The settings this store was created with.</summary>
    public PostgresJournalSettings Settings { get; }

    /// <summary>Creates the schema and the snapshot table if absent (done on first use when <see cref="PostgresJournalSettings.AutoInitialize"/> is set).</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken = default)
    {
        await PostgresSql.RunDdlAsync(_dataSource, _server, _sql.SnapshotDdl(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await _loads.Load(persistenceId, criteria).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(snapshot.Metadata);
        ArgumentNullException.ThrowIfNull(snapshot.Payload);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_saveSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter { Value = PostgresSql.ToTicks(snapshot.Metadata.Timestamp) });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Manifest ?? string.Empty });
        command.Parameters.Add(new NpgsqlParameter { Value = snapshot.Payload });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_deleteOneSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = metadata.SequenceNr });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_deleteManySql, connection);
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_ownsDataSource) await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initLock.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static void AddCriteria(NpgsqlCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = persistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = criteria.MaxSequenceNr });
        command.Parameters.Add(new NpgsqlParameter { Value = PostgresSql.ToTicks(criteria.MaxTimestamp) });
        command.Parameters.Add(new NpgsqlParameter { Value = criteria.MinSequenceNr });
        command.Parameters.Add(new NpgsqlParameter { Value = criteria.MinTimestamp is { } min ? PostgresSql.ToTicks(min) : long.MinValue });
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized) return;
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            if (Settings.AutoInitialize) await CreateTablesAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }
}
