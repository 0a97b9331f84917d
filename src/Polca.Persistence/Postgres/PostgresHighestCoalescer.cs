using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>
/// Reads highest sequence numbers in batches: reads asked for while a batch runs wait for the next one, which reads
/// all their streams in one query (recovering actors each read theirs just before they replay).
/// </summary>
internal sealed class PostgresHighestCoalescer : RequestCoalescer<CoalescedRead<string, long>>
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _server;
    private readonly string _highestPerIdSql;

    /// <summary>Creates the coalescer for the journal table of <paramref name="sql"/>, reading through <paramref name="dataSource"/>.</summary>
    public PostgresHighestCoalescer(NpgsqlDataSource dataSource, string server, PostgresSql sql)
    {
        _dataSource = dataSource;
        _server = server;
        _highestPerIdSql = sql.HighestPerIdSql;
    }

    /// <summary>The highest sequence number of <paramref name="persistenceId"/> (0 when it has no rows), read in the next batch.</summary>
    public Task<long> ReadHighest(string persistenceId)
    {
        var request = new CoalescedRead<string, long>(persistenceId);
        Enqueue(request);
        return request.Completion;
    }

    /// <inheritdoc />
    protected override async Task ServeAsync(List<CoalescedRead<string, long>> batch)
    {
        var byId = new Dictionary<string, List<CoalescedRead<string, long>>>(batch.Count, StringComparer.Ordinal);
        foreach (var request in batch)
        {
            if (!byId.TryGetValue(request.Query, out var sameId)) byId.Add(request.Query, sameId = []);
            sameId.Add(request);
        }
        await using var connection = await PostgresSql.OpenAsync(_dataSource, _server, CancellationToken.None).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_highestPerIdSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = byId.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var highest = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            foreach (var request in byId[reader.GetString(0)]) request.Result = highest;
        }
    }
}
