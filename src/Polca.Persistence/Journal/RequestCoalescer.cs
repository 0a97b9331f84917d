using System.Collections.Concurrent;

namespace Polca.Persistence;

/// <summary>
/// Serves requests in batches, as group commit serves writes: requests that arrive while a batch is served wait for
/// the next one, which takes all of them at once. One batch runs at a time; none runs while nothing waits.
/// </summary>
/// <remarks>
/// Before a batch starts, the work already queued on the thread pool may run first (actors about to ask, such as
/// recovering actors that have just read their highest sequence numbers), until a few turns in a row bring no more
/// requests: no waiting on the clock. A coalescer whose callers come from another one (replays asked for once the
/// highest sequence numbers are read) is given that one's <see cref="CurrentBatch"/>, and first waits for the batch in
/// progress there, which brings a burst of requests when it finishes. Each request is finished after its batch: with
/// its own outcome, or with the batch's failure when serving threw.
/// </remarks>
internal abstract class RequestCoalescer<TRequest>(Func<Task>? upstreamBatch = null) where TRequest : ICoalescedRequest
{
    /// <summary>At most this many turns of the thread pool are left to bring more requests before a batch starts.</summary>
    private const int MaxGatherTurns = 64;

    /// <summary>A batch starts after this many turns in a row that brought no request.</summary>
    private const int QuietTurns = 3;

    private readonly ConcurrentQueue<TRequest> _pending = new();
    private int _running;
    private TaskCompletionSource? _batch;
    private int _passes;

    /// <summary>How many batches have been served (tests check that concurrent requests shared one).</summary>
    public int Passes => Volatile.Read(ref _passes);

    /// <summary>Completes when the batch being served, if any, has finished all its requests.</summary>
    public Task CurrentBatch => Volatile.Read(ref _batch)?.Task ?? Task.CompletedTask;

    /// <summary>True when requests wait for the next batch.</summary>
    protected bool HasPending => !_pending.IsEmpty;

    /// <summary>Queues <paramref name="request"/> for the next batch, starting the batch loop when none runs.</summary>
    protected void Enqueue(TRequest request)
    {
        _pending.Enqueue(request);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunBatchesAsync, CancellationToken.None);
    }

    /// <summary>Takes every request that waits (a batch may take newcomers while it runs, and must then finish them).</summary>
    protected List<TRequest> TakePending()
    {
        var requests = new List<TRequest>();
        while (_pending.TryDequeue(out var request)) requests.Add(request);
        return requests;
    }

    /// <summary>
    /// Serves <paramref name="batch"/>; requests it takes in while it runs are added to <paramref name="batch"/>, so
    /// that they are finished with it. Throwing fails every request of the batch that has no outcome of its own.
    /// </summary>
    protected abstract Task ServeAsync(List<TRequest> batch);

    /// <summary>Serves batches until no request waits (the caller set <see cref="_running"/>).</summary>
    private async Task RunBatchesAsync()
    {
        while (true)
        {
            await GatherAsync().ConfigureAwait(false);
            var batch = TakePending();
            if (batch.Count == 0)
            {
                // Stop, unless a request came in after the queue looked empty and no other loop took over.
                Volatile.Write(ref _running, 0);
                if (_pending.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
                continue;
            }
            Interlocked.Increment(ref _passes);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _batch, done);
            Exception? failure = null;
            try
            {
                await ServeAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }
            foreach (var request in batch) request.Finish(failure);
            Volatile.Write(ref _batch, null);
            done.SetResult();
        }
    }

    /// <summary>Lets the work already queued on the thread pool run first, until a few turns in a row bring no request.</summary>
    private async Task GatherAsync()
    {
        while (true)
        {
            // Callers of an upstream coalescer come here next (recovering actors replay once they have their highest
            // sequence numbers): its batch in progress brings a burst of requests when it finishes.
            if (upstreamBatch is not null) await upstreamBatch().ConfigureAwait(false);
            var quiet = 0;
            for (var turn = 0; turn < MaxGatherTurns && quiet < QuietTurns; turn++)
            {
                var queued = _pending.Count;
                await Task.Yield();
                quiet = _pending.Count == queued ? quiet + 1 : 0;
            }
            if (upstreamBatch is null || upstreamBatch().IsCompleted) return;
        }
    }
}
