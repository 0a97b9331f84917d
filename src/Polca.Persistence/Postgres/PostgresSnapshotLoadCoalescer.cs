using System.Data;
using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>
/// Loads snapshots in batches: loads asked for while a batch runs wait for the next one, which finds the latest
/// matching snapshot of each of them in one query (recovering actors each load theirs first), on one connection.
/// </summary>
internal sealed class PostgresSnapshotLoadCoalescer : PostgresRequestCoalescer<CoalescedRead<(string PersistenceId, SnapshotSelectionCriteria Criteria), StoredSnapshot?>>
{
    private readonly string _loadManySql;

    /// <summary>Creates the coalescer for the snapshot table of <paramref name="sql"/>, reading through <paramref name="dataSource"/>.</summary>
    public PostgresSnapshotLoadCoalescer(NpgsqlDataSource dataSource, string server, PostgresSql sql)
        : base(dataSource, server)
    {
        _loadManySql = "SELECT r.n, s.sequence_number, s.created, s.manifest, s.snapshot " +
                       "FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) WITH ORDINALITY " +
                       "AS r(id, max_sequence_nr, max_created, min_sequence_nr, min_created, n) " +
                       $"CROSS JOIN LATERAL (SELECT sequence_number, created, manifest, snapshot FROM {sql.Snapshots} " +
                       "WHERE persistence_id = r.id AND sequence_number <= r.max_sequence_nr AND created <= r.max_created " +
                       "AND sequence_number >= r.min_sequence_nr AND created >= r.min_created ORDER BY sequence_number DESC LIMIT 1) s";
    }

    /// <summary>The latest snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>, or null, found in the next batch.</summary>
    public Task<StoredSnapshot?> Load(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var request = new CoalescedRead<(string, SnapshotSelectionCriteria), StoredSnapshot?>((persistenceId, criteria));
        Enqueue(request);
        return request.Completion;
    }

    /// <inheritdoc />
    protected override async Task ServeAsync(List<CoalescedRead<(string PersistenceId, SnapshotSelectionCriteria Criteria), StoredSnapshot?>> batch)
    {
        var ids = new string[batch.Count];
        var maxSequenceNrs = new long[batch.Count];
        var maxCreated = new long[batch.Count];
        var minSequenceNrs = new long[batch.Count];
        var minCreated = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (id, criteria) = batch[i].Query;
            ids[i] = id;
            maxSequenceNrs[i] = criteria.MaxSequenceNr;
            maxCreated[i] = PostgresSql.ToTicks(criteria.MaxTimestamp);
            minSequenceNrs[i] = criteria.MinSequenceNr;
            minCreated[i] = criteria.MinTimestamp is { } min ? PostgresSql.ToTicks(min) : long.MinValue;
        }
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_loadManySql, connection);
        foreach (var values in new[] { (object)ids, maxSequenceNrs, maxCreated, minSequenceNrs, minCreated })
            command.Parameters.Add(new NpgsqlParameter { Value = values });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess).ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var request = batch[(int)reader.GetInt64(0) - 1];
            var sequenceNr = reader.GetInt64(1);
            var created = reader.GetInt64(2);
            var manifest = reader.GetString(3);
            var payload = reader.GetFieldValue<byte[]>(4);
            request.Result = new StoredSnapshot(new SnapshotMetadata(request.Query.PersistenceId, sequenceNr, PostgresSql.FromTicks(created)), manifest, payload);
        }
    }
}
