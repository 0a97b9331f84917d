namespace Polca.Persistence.Postgres;

/// <summary>One read of a stream's highest sequence number, served in a batch by <see cref="PostgresHighestCoalescer"/>.</summary>
internal sealed class PostgresHighestRequest(string persistenceId) : ICoalescedRequest
{
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The stream whose highest sequence number is read.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The highest sequence number found (0 when the stream has no rows).</summary>
    public long Highest { get; set; }

    /// <summary>Completes with the highest sequence number once the batch has been read, or fails with the batch.</summary>
    public Task<long> Completion => _completion.Task;

    /// <inheritdoc />
    public void Finish(Exception? batchFailure)
    {
        if (batchFailure is null) _completion.TrySetResult(Highest);
        else _completion.TrySetException(batchFailure);
    }
}
