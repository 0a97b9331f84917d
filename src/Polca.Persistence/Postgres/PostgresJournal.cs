using System.Collections.Concurrent;
using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Polca.Persistence.Postgres;

/// <summary>
/// A journal in PostgreSQL with Akka.Persistence.Sql's table shape (journal, tag table). A write batch is one
/// transaction written with binary COPY; replays and highest sequence numbers asked for together are read together
/// (see <see cref="PostgresReplayCoalescer"/>); queries read in keyset pages.
/// </summary>
/// <remarks>
/// Writes from every journal on the same table are serialized by a transaction-level advisory lock, so that the global
/// <c>ordering</c> grows in commit order and queries by ordering never skip an event committed late. Deleting keeps the
/// highest row of a stream (marked deleted) so that its highest sequence number survives; the other deleted rows go.
/// The journal remembers the highest sequence number of each stream it wrote or read, so that a write batch need not
/// read them back; a stream written meanwhile by another journal is caught by the unique key, and the batch is then
/// retried with the numbers read from the table, rejecting the conflicting writes alone.
/// </remarks>
public sealed class PostgresJournal : AsyncWriteJournal, IEventLog
{
    private const int MaxWriteAttempts = 3;
    private const int MaxKnownHighest = 1_000_000;
    private static readonly string[] NoTags = [];

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresSql _sql;
    private readonly string _server;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private readonly ConcurrentDictionary<string, long> _knownHighest = new(StringComparer.Ordinal);
    private readonly PostgresReplayCoalescer _replays;
    private readonly PostgresHighestCoalescer _highest;

    private readonly string _allocateSql;
    private readonly string _copyJournalSql;
    private readonly string _copyTagsSql;
    private readonly string[] _deleteSql;
    private readonly string _byPersistenceIdSql;
    private readonly string _byTagSql;
    private readonly string _allSql;
    private readonly string _persistenceIdsSql;
    private readonly string _byPersistenceIdTagsSql;
    private readonly string _byTagTagsSql;
    private readonly string _allTagsSql;

    /// <summary>Creates the journal with its own pooled data source built from <paramref name="settings"/>.</summary>
    public PostgresJournal(PostgresJournalSettings settings)
        : this(settings, PostgresDataSources.Create(settings), ownsDataSource: true)
    {
    }

    /// <summary>Creates the journal over a data source the caller owns (and disposes).</summary>
    public PostgresJournal(PostgresJournalSettings settings, NpgsqlDataSource dataSource)
        : this(settings, dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false)
    {
    }

    private PostgresJournal(PostgresJournalSettings settings, NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _sql = new PostgresSql(settings);
        _server = settings.DescribeServer();
        _highest = new PostgresHighestCoalescer(dataSource, _server, _sql);
        _replays = new PostgresReplayCoalescer(dataSource, _server, _sql, () => _highest.CurrentBatch);

        var j = _sql.Journal;
        var t = _sql.Tags;
        const string eventColumns = "j.ordering, j.persistence_id, j.sequence_number, j.created, j.manifest, j.payload, j.writer_uuid";

        _allocateSql = "SELECT setval(pg_get_serial_sequence($1, 'ordering'), nextval(pg_get_serial_sequence($1, 'ordering')) + $2 - 1)";
        _copyJournalSql = $"COPY {j} (ordering, persistence_id, sequence_number, created, deleted, manifest, payload, writer_uuid) FROM STDIN (FORMAT BINARY)";
        _copyTagsSql = $"COPY {t} (ordering_id, tag, persistence_id, sequence_nr) FROM STDIN (FORMAT BINARY)";
        _deleteSql =
        [
            $"DELETE FROM {t} WHERE persistence_id = $1 AND sequence_nr <= $2",
            $"DELETE FROM {j} WHERE persistence_id = $1 AND sequence_number <= $2 AND sequence_number < (SELECT max(m.sequence_number) FROM {j} m WHERE m.persistence_id = $1)",
            $"UPDATE {j} SET deleted = TRUE WHERE persistence_id = $1 AND sequence_number <= $2 AND NOT deleted",
        ];
        _byPersistenceIdSql = $"SELECT {eventColumns} FROM {j} j " +
                              "WHERE j.persistence_id = $1 AND j.sequence_number >= $2 AND j.sequence_number <= $3 AND NOT j.deleted ORDER BY j.sequence_number LIMIT $4";
        _byTagSql = $"SELECT {eventColumns} FROM {t} t JOIN {j} j ON j.ordering = t.ordering_id " +
                    "WHERE t.tag = $1 AND t.ordering_id > $2 AND NOT j.deleted ORDER BY t.ordering_id LIMIT $3";
        _allSql = $"SELECT {eventColumns} FROM {j} j WHERE j.ordering > $1 AND NOT j.deleted ORDER BY j.ordering LIMIT $2";
        _byPersistenceIdTagsSql = TagsOfPage(t, _byPersistenceIdSql);
        _byTagTagsSql = TagsOfPage(t, _byTagSql);
        _allTagsSql = TagsOfPage(t, _allSql);
        _persistenceIdsSql = $"SELECT persistence_id, min(ordering) AS first FROM {j} GROUP BY persistence_id HAVING min(ordering) > $1 ORDER BY first LIMIT $2";
    }

    /// <summary>How many passes have served replays (tests check that concurrent replays shared one).</summary>
    internal int ReplayPasses => _replays.Passes;

    /// <summary>How many batches have read highest sequence numbers.</summary>
    internal int HighestReads => _highest.Passes;

    /// <summary>The settings this journal was created with.</summary>
    public PostgresJournalSettings Settings { get; }

    /// <summary>Creates the schema, journal and tag tables and their indexes if absent (done on first use when <see cref="PostgresJournalSettings.AutoInitialize"/> is set).</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken = default)
    {
        await PostgresSql.RunDdlAsync(_dataSource, _server, _sql.JournalDdl(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new Exception?[messages.Count];
        if (messages.Count == 0) return results;

        // Writes that cannot be stored at all are rejected alone, before touching the database.
        var invalid = new Exception?[messages.Count];
        var candidates = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            invalid[i] = Validate(messages[i]);
            if (invalid[i] is null) candidates++;
        }
        if (candidates == 0) return invalid;

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            Array.Copy(invalid, results, results.Length);
            try
            {
                await WriteOnceAsync(messages, results, trustKnownHighest: attempt == 1, cancellationToken).ConfigureAwait(false);
                return results;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < MaxWriteAttempts)
            {
                // A row this journal did not know of (another journal wrote the stream) collided: the transaction rolled
                // back, and the next attempt reads the highest sequence numbers from the table and rejects those writes alone.
            }
        }
    }

    private async Task WriteOnceAsync(IReadOnlyList<AtomicWrite> messages, Exception?[] results, bool trustKnownHighest, CancellationToken cancellationToken)
    {
        // Highest sequence numbers: known from this journal's own writes and reads, else read from the table.
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        var unknown = new List<string>();
        long eventCount = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (results[i] is not null) continue;
            var id = messages[i].PersistenceId;
            eventCount += messages[i].Payload.Count;
            if (highest.ContainsKey(id)) continue;
            if (trustKnownHighest && _knownHighest.TryGetValue(id, out var known))
            {
                highest[id] = known;
            }
            else
            {
                highest[id] = 0;
                unknown.Add(id);
            }
        }

        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One round trip: take the write lock, read the unknown highest sequence numbers, reserve the orderings.
        long firstOrdering;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(PostgresSql.Command("SELECT pg_advisory_xact_lock($1)", _sql.WriteLockKey));
            if (unknown.Count > 0) batch.BatchCommands.Add(PostgresSql.Command(_sql.HighestPerIdSql, (object)unknown.ToArray()));
            batch.BatchCommands.Add(PostgresSql.Command(_allocateSql, _sql.JournalRegclass, eventCount));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (unknown.Count > 0)
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    highest[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
                }
            }
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            firstOrdering = reader.GetInt64(0) - eventCount + 1;
        }

        // Reject writes whose first sequence number is already taken (in the table or earlier in this batch).
        var hasTags = false;
        var accepted = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (results[i] is not null) continue;
            var write = messages[i];
            var top = highest[write.PersistenceId];
            if (write.LowestSequenceNr <= top)
            {
                results[i] = new InvalidOperationException(
                    $"{write.PersistenceId}: sequence number {write.LowestSequenceNr} already written (highest is {top})");
                continue;
            }
            highest[write.PersistenceId] = write.HighestSequenceNr;
            accepted++;
            if (!hasTags)
            {
                foreach (var e in write.Payload)
                {
                    if (e.Tags is { Count: > 0 }) { hasTags = true; break; }
                }
            }
        }

        if (accepted > 0)
        {
            await using (var importer = await connection.BeginBinaryImportAsync(_copyJournalSql, cancellationToken).ConfigureAwait(false))
            {
                WriteJournalRows(importer, messages, results, firstOrdering);
                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            if (hasTags)
            {
                await using var importer = await connection.BeginBinaryImportAsync(_copyTagsSql, cancellationToken).ConfigureAwait(false);
                WriteTagRows(importer, messages, results, firstOrdering);
                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (_knownHighest.Count > MaxKnownHighest) _knownHighest.Clear();
        foreach (var (id, top) in highest) Remember(id, top);
    }

    /// <summary>
    /// Writes the journal rows of the accepted writes. The importer buffers rows in memory and sends a full buffer
    /// synchronously: per-value async calls would cost more than the rare blocking send.
    /// </summary>
    private static void WriteJournalRows(NpgsqlBinaryImporter importer, IReadOnlyList<AtomicWrite> messages, Exception?[] results, long firstOrdering)
    {
        var ordering = firstOrdering;
        for (var i = 0; i < messages.Count; i++)
        {
            if (results[i] is not null) continue;
            foreach (var e in messages[i].Payload)
            {
                importer.StartRow();
                importer.Write(ordering++, NpgsqlDbType.Bigint);
                importer.Write(e.PersistenceId, NpgsqlDbType.Text);
                importer.Write(e.SequenceNr, NpgsqlDbType.Bigint);
                importer.Write(PostgresSql.ToTicks(e.Timestamp), NpgsqlDbType.Bigint);
                importer.Write(false, NpgsqlDbType.Boolean);
                importer.Write(e.Manifest, NpgsqlDbType.Text);
                importer.Write((byte[])e.Payload, NpgsqlDbType.Bytea);
                importer.Write(e.WriterGuid ?? string.Empty, NpgsqlDbType.Text);
            }
        }
    }

    /// <summary>Writes one tag row per distinct tag of each event of the accepted writes, with the orderings <see cref="WriteJournalRows"/> gave them.</summary>
    private static void WriteTagRows(NpgsqlBinaryImporter importer, IReadOnlyList<AtomicWrite> messages, Exception?[] results, long firstOrdering)
    {
        var ordering = firstOrdering;
        for (var i = 0; i < messages.Count; i++)
        {
            if (results[i] is not null) continue;
            foreach (var e in messages[i].Payload)
            {
                var current = ordering++;
                if (e.Tags is not { Count: > 0 } tags) continue;
                for (var k = 0; k < tags.Count; k++)
                {
                    if (IsRepeated(tags, k)) continue;
                    importer.StartRow();
                    importer.Write(current, NpgsqlDbType.Bigint);
                    importer.Write(tags[k], NpgsqlDbType.Text);
                    importer.Write(e.PersistenceId, NpgsqlDbType.Text);
                    importer.Write(e.SequenceNr, NpgsqlDbType.Bigint);
                }
            }
        }
    }

    /// <summary>Records a highest sequence number seen in the table (it only ever grows).</summary>
    private void Remember(string persistenceId, long highest) =>
        _knownHighest.AddOrUpdate(persistenceId, highest, (_, old) => Math.Max(old, highest));

    /// <inheritdoc />
    public override async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        if (max <= 0 || fromSequenceNr > toSequenceNr) return;
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _replays.Replay(new ReplayRequest(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var highest = await _highest.ReadHighest(persistenceId).WaitAsync(cancellationToken).ConfigureAwait(false);
        Remember(persistenceId, highest);
        return highest;
    }

    /// <inheritdoc />
    public override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var sql in _deleteSql) batch.BatchCommands.Add(PostgresSql.Command(sql, persistenceId, toSequenceNr));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        var from = fromSequenceNr;
        while (from <= toSequenceNr)
        {
            var page = await ReadPageAsync(_byPersistenceIdSql, _byPersistenceIdTagsSql, cancellationToken, persistenceId, from, toSequenceNr, (long)Settings.QueryPageSize).ConfigureAwait(false);
            foreach (var e in page) yield return e;
            if (page.Count < Settings.QueryPageSize) yield break;
            var last = page[^1].Event.SequenceNr;
            if (last == long.MaxValue) yield break;
            from = last + 1;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return ReadByOrderingAsync(_byTagSql, _byTagTagsSql, tag, afterOrdering, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default) =>
        ReadByOrderingAsync(_allSql, _allTagsSql, null, afterOrdering, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var after = long.MinValue;
        while (true)
        {
            var page = new List<(string Id, long First)>(Settings.QueryPageSize);
            await using (var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false))
            await using (var command = new NpgsqlCommand(_persistenceIdsSql, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = after });
                command.Parameters.Add(new NpgsqlParameter { Value = (long)Settings.QueryPageSize });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) page.Add((reader.GetString(0), reader.GetInt64(1)));
            }
            foreach (var (id, _) in page) yield return id;
            if (page.Count < Settings.QueryPageSize) yield break;
            after = page[^1].First;
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_ownsDataSource) await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initLock.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async IAsyncEnumerable<StoredEvent> ReadByOrderingAsync(string sql, string tagsSql, string? tag, long afterOrdering,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterOrdering;
        while (true)
        {
            var page = tag is null
                ? await ReadPageAsync(sql, tagsSql, cancellationToken, after, (long)Settings.QueryPageSize).ConfigureAwait(false)
                : await ReadPageAsync(sql, tagsSql, cancellationToken, tag, after, (long)Settings.QueryPageSize).ConfigureAwait(false);
            foreach (var e in page) yield return e;
            if (page.Count < Settings.QueryPageSize) yield break;
            after = page[^1].Ordering;
        }
    }

    /// <summary>
    /// Runs one page query (columns: ordering, persistence_id, sequence_number, created, manifest, payload, writer_uuid)
    /// together with the query of its events' tags, in one round trip, and materializes the page so that no connection is held between pages.
    /// </summary>
    private async Task<List<StoredEvent>> ReadPageAsync(string sql, string tagsSql, CancellationToken cancellationToken, params object[] parameters)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<StoredEvent>();
        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(PostgresSql.Command(tagsSql, parameters));
        batch.BatchCommands.Add(PostgresSql.Command(sql, parameters));
        await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        var tagsByOrdering = await PostgresSql.ReadTagsAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ordering = reader.GetInt64(0);
            var persistenceId = reader.GetString(1);
            var sequenceNr = reader.GetInt64(2);
            var created = reader.GetInt64(3);
            var manifest = reader.GetString(4);
            var payload = reader.GetFieldValue<byte[]>(5);
            var writer = reader.GetString(6);
            IReadOnlyList<string> tags = tagsByOrdering is not null && tagsByOrdering.TryGetValue(ordering, out var found) ? found : NoTags;
            page.Add(new StoredEvent(ordering, new Persistent(payload, sequenceNr, persistenceId, manifest, false, writer, PostgresSql.FromTicks(created), tags)));
        }
        return page;
    }

    /// <summary>The query of the tags (ordering_id, tag, in the order written) of the events a page query returns.</summary>
    private static string TagsOfPage(string tagTable, string pageSql) =>
        $"SELECT t.ordering_id, t.tag FROM {tagTable} t WHERE t.ordering_id IN (SELECT p.ordering FROM ({pageSql}) p) ORDER BY t.ordering_id, t.ctid";

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

    /// <summary>Null when the write can be stored, else why it is rejected alone.</summary>
    private static Exception? Validate(AtomicWrite write)
    {
        if (write?.Payload is not { Count: > 0 } events) return new ArgumentException("An atomic write holds no events.");
        var persistenceId = events[0]?.PersistenceId;
        if (persistenceId is null) return new ArgumentException("An atomic write's first event has no persistence id.");
        long previous = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null) return new ArgumentException($"{persistenceId}: event {i} of an atomic write is null.");
            if (!string.Equals(e.PersistenceId, persistenceId, StringComparison.Ordinal))
                return new ArgumentException($"{persistenceId}: an atomic write mixes persistence ids ({e.PersistenceId}).");
            if (e.Payload is not byte[])
                return new ArgumentException($"{persistenceId}: event {e.SequenceNr} is not serialized (payload is {e.Payload?.GetType().Name ?? "null"}, not byte[]).");
            if (e.Manifest is null) return new ArgumentException($"{persistenceId}: event {e.SequenceNr} has no manifest.");
            if (e.Tags is not null)
            {
                foreach (var tag in e.Tags)
                {
                    if (tag is null) return new ArgumentException($"{persistenceId}: event {e.SequenceNr} has a null tag.");
                }
            }
            if (e.SequenceNr <= 0 || (i > 0 && e.SequenceNr <= previous))
                return new ArgumentException($"{persistenceId}: sequence numbers of an atomic write must be positive and increasing ({e.SequenceNr} after {previous}).");
            previous = e.SequenceNr;
        }
        return null;
    }

    private static bool IsRepeated(IReadOnlyList<string> tags, int index)
    {
        for (var k = 0; k < index; k++)
        {
            if (string.Equals(tags[k], tags[index], StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
