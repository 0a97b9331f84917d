using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>A <see cref="RequestCoalescer{TRequest}"/> whose batches read PostgreSQL through one pooled data source.</summary>
internal abstract class PostgresRequestCoalescer<TRequest>(NpgsqlDataSource dataSource, string server, Func<Task>? upstreamBatch = null)
    : RequestCoalescer<TRequest>(upstreamBatch) where TRequest : ICoalescedRequest
{
    /// <summary>Opens a pooled connection for a batch (failures name the server, never the password).</summary>
    protected Task<NpgsqlConnection> OpenAsync() => PostgresSql.OpenAsync(dataSource, server, CancellationToken.None);
}
