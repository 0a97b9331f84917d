using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>
/// Reads highest sequence numbers in batches: reads asked for while a batch runs wait for the next one, which reads
/// all their streams in one query (recovering actors each read theirs just before they replay).
/// </summary>
/// <param name="dataSource">The pool the batches read through.</param>
/// <param name="server">The server, as error messages name it.</param>
/// <param name="sql">The journal's tables.</param>
internal sealed class PostgresHighestCoalescer(NpgsqlDataSource dataSource, string server, PostgresSql sql)
    : PostgresRequestCoalescer<CoalescedRead<string, long>>(dataSource, server)
{
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
        var byId = batch.ToLookup(request => request.Query, StringComparer.Ordinal);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql.HighestPerIdSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = byId.Select(sameId => sameId.Key).ToArray() });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var highest = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            foreach (var request in byId[reader.GetString(0)]) request.Result = highest;
        }
    }
}
