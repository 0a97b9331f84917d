namespace Polca.Persistence.Sqlite;

/// <summary>
/// The journal's reads, each on a read connection inside one read transaction (one consistent snapshot): events of
/// a persistence id block by block, the highest sequence number, global and per-tag pages, persistence ids; and the
/// SQL that a coalesced replay (<see cref="SqliteReplayPass"/>) runs.
/// </summary>
internal sealed class SqliteJournalQueries
{
    private readonly string _blocksSql;
    private readonly string _highestSql;
    private readonly string _allSql;
    private readonly string _byTagSql;
    private readonly string _persistenceIdsSql;

    /// <summary>Builds the SQL for the tables named in <paramref name="storage"/>'s settings.</summary>
    public SqliteJournalQueries(SqliteStorage storage)
    {
        var journal = storage.Settings.JournalTable;
        var blocks = storage.BlockTable;
        var tag = storage.Settings.TagTable;
        const string columns = SqliteEventRowReader.Columns;
        BlockSize = 1 << storage.Settings.BlockShift;
        const string blocksOfRange = "WHERE persistence_id = ?1 AND first_sequence_number <= ?3 " +
                                     "AND first_sequence_number >= coalesce((SELECT max(first_sequence_number) FROM {0} WHERE persistence_id = ?1 AND first_sequence_number <= ?2), 0) " +
                                     "ORDER BY first_sequence_number;";
        _blocksSql = $"SELECT block FROM {blocks} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, blocksOfRange, blocks);
        ReplayBlocksSql = $"SELECT block, first_sequence_number, first_ordering FROM {blocks} " +
                           string.Format(System.Globalization.CultureInfo.InvariantCulture, blocksOfRange, blocks);
        // Every column of a row from an ordering on, with its block (to stop at the block's end) and deleted flag.
        ScanSql = $"SELECT {columns}, block, deleted FROM {journal} WHERE ordering >= ?1 ORDER BY ordering;";
        EventsInBlockSql = $"SELECT {columns} FROM {journal} WHERE block = ?1 AND persistence_id = ?2 AND sequence_number >= ?3 AND sequence_number <= ?4 " +
                            "AND deleted = 0 ORDER BY sequence_number LIMIT ?5;";
        _highestSql = $"SELECT max(j.sequence_number) FROM {journal} j " +
                      $"WHERE j.block = (SELECT block FROM {blocks} WHERE persistence_id = ?1 ORDER BY first_sequence_number DESC LIMIT 1) AND j.persistence_id = ?1;";
        _allSql = $"SELECT {columns} FROM {journal} WHERE ordering > ?1 AND deleted = 0 ORDER BY ordering LIMIT ?2;";
        _byTagSql = "SELECT j.ordering, j.persistence_id, j.sequence_number, j.created, j.manifest, j.payload, j.writer_uuid, j.tags " +
                    $"FROM {tag} t JOIN {journal} j ON j.ordering = t.ordering_id " +
                    "WHERE t.tag = ?1 AND t.ordering_id > ?2 AND j.deleted = 0 ORDER BY t.ordering_id LIMIT ?3;";
        _persistenceIdsSql = $"SELECT persistence_id FROM {blocks} GROUP BY persistence_id ORDER BY min(first_ordering);";
    }

    /// <summary>How many orderings a block of new events spans (2^BlockShift).</summary>
    public int BlockSize { get; }

    /// <summary>The blocks (block, first_sequence_number, first_ordering) holding an id's (?1) events with sequence numbers in [?2, ?3], in sequence order.</summary>
    public string ReplayBlocksSql { get; }

    /// <summary>Every row from ordering ?1 on, in ordering order: the event columns, then block and deleted.</summary>
    public string ScanSql { get; }

    /// <summary>The live events of id ?2 in block ?1 with sequence numbers in [?3, ?4], in order, at most ?5.</summary>
    public string EventsInBlockSql { get; }

    /// <summary>
    /// Hands <paramref name="onRow"/> the events of <paramref name="persistenceId"/> with sequence numbers in
    /// [from, to], at most <paramref name="max"/>, in order, deleted ones skipped; returns how many.
    /// </summary>
    public long ReadRange(SqliteReadSession session, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<SqliteEventRowReader> onRow, CancellationToken cancellationToken)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr) return 0;
        var blocks = session.Statement(_blocksSql);
        var events = session.Statement(EventsInBlockSql);
        var rows = new SqliteEventRowReader(events);
        var count = 0L;
        blocks.Bind(1, persistenceId);
        blocks.Bind(2, fromSequenceNr);
        blocks.Bind(3, toSequenceNr);
        try
        {
            // The blocks are stepped through as the events are read, so a page of a long stream reads only the blocks it needs.
            while (count < max && blocks.Step())
            {
                events.Bind(1, blocks.Int64(0));
                events.Bind(2, persistenceId);
                events.Bind(3, fromSequenceNr);
                events.Bind(4, toSequenceNr);
                events.Bind(5, max - count);
                try
                {
                    while (events.Step())
                    {
                        if ((++count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                        onRow(rows);
                    }
                }
                finally
                {
                    events.Reset();
                }
            }
        }
        finally
        {
            blocks.Reset();
        }
        return count;
    }

    /// <summary>The highest sequence number ever written for <paramref name="persistenceId"/>, or 0.</summary>
    public long ReadHighest(SqliteReadSession session, string persistenceId)
    {
        var statement = session.Statement(_highestSql);
        statement.Bind(1, persistenceId);
        return statement.ExecuteInt64() ?? 0;
    }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="afterOrdering"/> in global order, all or only those tagged <paramref name="tag"/>.</summary>
    public List<StoredEvent> ReadGlobalPage(SqliteReadSession session, string? tag, long afterOrdering, int limit, CancellationToken cancellationToken)
    {
        SqliteStatement statement;
        if (tag is null)
        {
            statement = session.Statement(_allSql);
            statement.Bind(1, afterOrdering);
            statement.Bind(2, limit);
        }
        else
        {
            statement = session.Statement(_byTagSql);
            statement.Bind(1, tag);
            statement.Bind(2, afterOrdering);
            statement.Bind(3, limit);
        }
        var rows = new SqliteEventRowReader(statement);
        var page = new List<StoredEvent>(Math.Min(limit, 1024));
        while (statement.Step())
        {
            cancellationToken.ThrowIfCancellationRequested();
            page.Add(rows.ReadStoredEvent());
        }
        statement.Reset();
        return page;
    }

    /// <summary>Every persistence id that has events (deleted or not), in order of first appearance.</summary>
    public List<string> ReadPersistenceIds(SqliteReadSession session, CancellationToken cancellationToken)
    {
        var statement = session.Statement(_persistenceIdsSql);
        var ids = new List<string>();
        while (statement.Step())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ids.Add(statement.Text(0));
        }
        statement.Reset();
        return ids;
    }
}
