namespace Polca.Persistence;

/// <summary>One read served in a batch by a <see cref="RequestCoalescer{TRequest}"/>: what is asked, and the answer the batch found.</summary>
/// <remarks>
/// Continuations run on the batch's thread as it finishes each read, so that what callers ask for next (recovering
/// actors: their replays) is all queued when the batch is done, and is served together rather than as it trickles in.
/// </remarks>
internal sealed class CoalescedRead<TQuery, TResult>(TQuery query) : ICoalescedRequest
{
    private readonly TaskCompletionSource<TResult> _completion = new();

    /// <summary>What is asked.</summary>
    public TQuery Query { get; } = query;

    /// <summary>The answer, set by the batch (the default when the batch found nothing).</summary>
    public TResult Result { get; set; } = default!;

    /// <summary>Completes with <see cref="Result"/> once the batch is done, or fails with the batch.</summary>
    public Task<TResult> Completion => _completion.Task;

    /// <inheritdoc />
    public void Finish(Exception? batchFailure)
    {
        if (batchFailure is null) _completion.TrySetResult(Result);
        else _completion.TrySetException(batchFailure);
    }
}
