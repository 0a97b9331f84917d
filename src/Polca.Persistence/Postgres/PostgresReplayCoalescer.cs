using System.Data;
using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>
/// Serves replays in passes, as group commit serves writes: replays that arrive while a pass runs wait for the next
/// one. A pass of one replay is one index scan on (persistence_id, sequence_number). A pass of several reads, in one
/// snapshot, where each replay's events lie (their first and last ordering), groups replays whose events lie close
/// together, and reads each group with one scan of the primary key over its ordering range, handing each row to the
/// replays of its id; a replay whose events lie far from the others is read alone through the index.
/// </summary>
/// <remarks>
/// Events of concurrent writers interleave in the table, so a thousand actors recovering at once would each fetch
/// about one heap page per event if they read alone; together they read each page once. Orderings are taken in
/// commit order under the journal's write lock, so ordering order is sequence order within an id. A replay whose
/// callback throws, or that is cancelled, fails alone; a storage failure fails every replay of the pass.
/// </remarks>
internal sealed class PostgresReplayCoalescer : PostgresRequestCoalescer<ReplayRequest>
{
    /// <summary>Replays are scanned together while they want at least 1/ScanFraction of the rows of their ordering range.</summary>
    private const int ScanFraction = 8;

    private static readonly string[] NoTags = [];

    private readonly string _replayTagsSql;
    private readonly string _replaySql;
    private readonly string _boundsSql;
    private readonly string _scanTagsSql;
    private readonly string _scanSql;

    /// <summary>
    /// Creates the coalescer for the tables of <paramref name="sql"/>, reading through <paramref name="dataSource"/>; a pass
    /// waits for the batch <paramref name="upstreamBatch"/> gives, if any (the highest sequence numbers being read).
    /// </summary>
    public PostgresReplayCoalescer(NpgsqlDataSource dataSource, string server, PostgresSql sql, Func<Task>? upstreamBatch = null)
        : base(dataSource, server, upstreamBatch)
    {
        var j = sql.Journal;
        var t = sql.Tags;
        _replayTagsSql = $"SELECT sequence_nr, tag FROM {t} WHERE persistence_id = $1 AND sequence_nr >= $2 AND sequence_nr <= $3 ORDER BY sequence_nr, ctid";
        _replaySql = $"SELECT sequence_number, created, manifest, payload, writer_uuid FROM {j} " +
                     "WHERE persistence_id = $1 AND sequence_number >= $2 AND sequence_number <= $3 AND NOT deleted ORDER BY sequence_number LIMIT $4";
        const string firstOrLast = "SELECT e.ordering, e.sequence_number FROM {0} e " +
                                   "WHERE e.persistence_id = r.id AND e.sequence_number >= r.lo AND e.sequence_number <= r.hi AND NOT e.deleted " +
                                   "ORDER BY e.sequence_number {1} LIMIT 1";
        _boundsSql = "SELECT r.n, f.ordering, f.sequence_number, l.ordering, l.sequence_number " +
                     "FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS r(id, lo, hi, n) " +
                     $"CROSS JOIN LATERAL ({string.Format(null, firstOrLast, j, "ASC")}) f " +
                     $"CROSS JOIN LATERAL ({string.Format(null, firstOrLast, j, "DESC")}) l";
        _scanTagsSql = $"SELECT t.ordering_id, t.tag FROM {t} t " +
                       "WHERE t.ordering_id >= $2 AND t.ordering_id <= $3 AND t.persistence_id = ANY($1) ORDER BY t.ordering_id, t.ctid";
        _scanSql = $"SELECT j.ordering, j.persistence_id, j.sequence_number, j.created, j.manifest, j.payload, j.writer_uuid FROM {j} j " +
                   "WHERE j.ordering >= $2 AND j.ordering <= $3 AND j.persistence_id = ANY($1) AND NOT j.deleted ORDER BY j.ordering";
    }

    /// <summary>Queues <paramref name="request"/> for the next pass (starting one when none runs); completes when it has been served.</summary>
    public Task Replay(ReplayRequest request)
    {
        Enqueue(request);
        return request.Completion;
    }

    /// <inheritdoc />
    protected override async Task ServeAsync(List<ReplayRequest> batch)
    {
        var requests = ReplayRequest.Open(batch);
        if (requests.Count == 0) return;
        await using var connection = await OpenAsync().ConfigureAwait(false);

        // One snapshot for the bounds and the scans. No JIT: a replay streams rows with simple expressions, which
        // compiling only delays. Custom plans, so that the planner sees the ids it scans for (a generic plan of a
        // prepared statement would not hash the id array).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead).ConfigureAwait(false);
        var settings = connection.PostgreSqlVersion.Major switch
        {
            >= 12 => "SET LOCAL jit = off; SET LOCAL plan_cache_mode = force_custom_plan",
            11 => "SET LOCAL jit = off",
            _ => null,
        };
        if (settings is not null)
        {
            await using var set = new NpgsqlCommand(settings, connection, transaction);
            await set.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        if (requests.Count == 1)
        {
            await ReplayAloneAsync(connection, transaction, requests[0]).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            return;
        }

        var groups = Group(await ReadBoundsAsync(connection, transaction, requests).ConfigureAwait(false));
        foreach (var group in groups)
        {
            if (group.Count == 1) await ReplayAloneAsync(connection, transaction, group[0].Request).ConfigureAwait(false);
            else await ScanAsync(connection, transaction, group).ConfigureAwait(false);
        }
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Reads one replay through the index on (persistence_id, sequence_number), with its tags, in one round trip.</summary>
    private async Task ReplayAloneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ReplayRequest request)
    {
        var row = new ReplayedRow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(PostgresSql.Command(_replayTagsSql, request.PersistenceId, request.FromSequenceNr, request.ToSequenceNr));
        batch.BatchCommands.Add(PostgresSql.Command(_replaySql, request.PersistenceId, request.FromSequenceNr, request.ToSequenceNr, request.Max));
        await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess).ConfigureAwait(false);
        var tagsBySequenceNr = await PostgresSql.ReadTagsAsync(reader, CancellationToken.None).ConfigureAwait(false);
        await reader.NextResultAsync().ConfigureAwait(false);
        while (request.IsOpen && await reader.ReadAsync().ConfigureAwait(false))
        {
            var sequenceNr = reader.GetInt64(0);
            var created = reader.GetInt64(1);
            var manifest = reader.GetString(2);
            var payload = reader.GetFieldValue<byte[]>(3);
            var writer = reader.GetString(4);
            IReadOnlyList<string> tags = tagsBySequenceNr is not null && tagsBySequenceNr.TryGetValue(sequenceNr, out var found) ? found : NoTags;
            row.Event = new Persistent(payload, sequenceNr, request.PersistenceId, manifest, false, writer, PostgresSql.FromTicks(created), tags);
            request.Deliver(row);
        }
    }

    /// <summary>Where each replay's wanted events lie; replays with none are left out (they are done).</summary>
    private async Task<List<ReplayBounds>> ReadBoundsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ReplayRequest> requests)
    {
        var bounds = new List<ReplayBounds>(requests.Count);
        await using var command = new NpgsqlCommand(_boundsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = requests.Select(r => r.PersistenceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = requests.Select(r => r.FromSequenceNr).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = requests.Select(r => r.ToSequenceNr).ToArray() });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var request = requests[(int)reader.GetInt64(0) - 1];
            var events = Math.Min(reader.GetInt64(4) - reader.GetInt64(2) + 1, request.Max);
            bounds.Add(new ReplayBounds(request, reader.GetInt64(1), reader.GetInt64(3), events));
        }
        return bounds;
    }

    /// <summary>
    /// Groups replays whose ordering ranges overlap or touch (islands); an island is scanned whole when its replays want
    /// at least 1/<see cref="ScanFraction"/> of its rows, else the replay that stretches it most is read alone and the
    /// rest grouped again.
    /// </summary>
    private static List<List<ReplayBounds>> Group(List<ReplayBounds> bounds)
    {
        var groups = new List<List<ReplayBounds>>();
        var work = new Stack<List<ReplayBounds>>();
        work.Push(bounds);
        while (work.TryPop(out var set))
        {
            foreach (var island in Islands(set))
            {
                if (island.Count == 1 || IsDense(island))
                {
                    groups.Add(island);
                    continue;
                }
                var widest = island.MaxBy(b => b.LastOrdering - b.FirstOrdering)!;
                island.Remove(widest);
                groups.Add([widest]);
                work.Push(island);
            }
        }
        return groups;
    }

    /// <summary>Splits <paramref name="set"/> into groups whose ordering ranges overlap, in order of first ordering.</summary>
    private static List<List<ReplayBounds>> Islands(List<ReplayBounds> set)
    {
        set.Sort((a, b) => a.FirstOrdering.CompareTo(b.FirstOrdering));
        var islands = new List<List<ReplayBounds>>();
        List<ReplayBounds>? island = null;
        var last = long.MinValue;
        foreach (var b in set)
        {
            if (island is null || b.FirstOrdering > last) islands.Add(island = []);
            island.Add(b);
            last = Math.Max(last, b.LastOrdering);
        }
        return islands;
    }

    /// <summary>True when the replays of <paramref name="island"/> want at least 1/<see cref="ScanFraction"/> of the rows of its ordering range.</summary>
    private static bool IsDense(List<ReplayBounds> island)
    {
        long first = long.MaxValue, last = long.MinValue, wanted = 0;
        foreach (var b in island)
        {
            first = Math.Min(first, b.FirstOrdering);
            last = Math.Max(last, b.LastOrdering);
            wanted += b.Events;
        }
        return wanted * ScanFraction >= last - first + 1;
    }

    /// <summary>Reads a group's ordering range once through the primary key, handing each row to the replays of its id that want it.</summary>
    private async Task ScanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ReplayBounds> group)
    {
        var byId = new Dictionary<string, List<ReplayRequest>>(group.Count, StringComparer.Ordinal);
        long first = long.MaxValue, last = long.MinValue;
        foreach (var b in group)
        {
            if (!byId.TryGetValue(b.Request.PersistenceId, out var sameId)) byId.Add(b.Request.PersistenceId, sameId = []);
            sameId.Add(b.Request);
            first = Math.Min(first, b.FirstOrdering);
            last = Math.Max(last, b.LastOrdering);
        }
        var ids = byId.Keys.ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(PostgresSql.Command(_scanTagsSql, ids, first, last));
        batch.BatchCommands.Add(PostgresSql.Command(_scanSql, ids, first, last));
        await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess).ConfigureAwait(false);
        var tagsByOrdering = await PostgresSql.ReadTagsAsync(reader, CancellationToken.None).ConfigureAwait(false);
        await reader.NextResultAsync().ConfigureAwait(false);
        var row = new PostgresReplayRow(reader, tagsByOrdering);
        while (await row.Advance().ConfigureAwait(false))
        {
            if (!byId.TryGetValue(row.PersistenceId, out var sameId)) continue;
            foreach (var request in sameId)
                if (request.Wants(row.SequenceNr)) request.Deliver(row);
        }
    }

    /// <summary>A replay and where its wanted events lie: first and last ordering, and about how many there are.</summary>
    private sealed record ReplayBounds(ReplayRequest Request, long FirstOrdering, long LastOrdering, long Events);

    /// <summary>An event already read, handed to a replay as its row.</summary>
    private sealed class ReplayedRow : IReplayRow
    {
        public Persistent Event { get; set; } = null!;

        public Persistent ReadPersistent(string persistenceId) => Event;
    }
}
