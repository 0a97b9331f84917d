namespace Polca.Persistence.Tests.Journal;

/// <summary>
/// A coalescer for the specs of <see cref="RequestCoalescer{TRequest}"/>: it answers each number with ten times it,
/// fails a batch holding a negative number, records its batches, and can hold a batch until released.
/// </summary>
internal sealed class GatedCoalescer(Func<Task>? upstreamBatch = null) : RequestCoalescer<CoalescedRead<int, int>>(upstreamBatch)
{
    private readonly object _lock = new();
    private readonly List<int[]> _batches = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _holdNext;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The numbers of each batch served so far, in order.</summary>
    public IReadOnlyList<int[]> Batches
    {
        get
        {
            lock (_lock) return [.. _batches];
        }
    }

    /// <summary>Completes when a batch has started since the last <see cref="HoldNextBatch"/>.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Whether the upstream batch, if any, had finished when each batch started.</summary>
    public List<bool> UpstreamDoneAtStart { get; } = [];

    /// <summary>The upstream this coalescer waits for (its batch, when asked at a batch's start).</summary>
    public Func<Task>? Upstream { get; init; }

    /// <summary>Holds the next batch, once started, until <see cref="Release"/>.</summary>
    public void HoldNextBatch()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holdNext = true;
    }

    /// <summary>Lets a held batch go on.</summary>
    public void Release() => _gate.TrySetResult();

    /// <summary>Asks for <paramref name="number"/>: ten times it, once its batch is served.</summary>
    public Task<int> Ask(int number)
    {
        var request = new CoalescedRead<int, int>(number);
        Enqueue(request);
        return request.Completion;
    }

    /// <inheritdoc />
    protected override async Task ServeAsync(List<CoalescedRead<int, int>> batch)
    {
        lock (_lock)
        {
            _batches.Add([.. batch.Select(r => r.Query)]);
            if (Upstream is not null) UpstreamDoneAtStart.Add(Upstream().IsCompleted);
        }
        _entered.TrySetResult();
        if (_holdNext)
        {
            _holdNext = false;
            await _gate.Task.ConfigureAwait(false);
        }
        foreach (var request in batch)
        {
            if (request.Query < 0) throw new InvalidOperationException($"cannot serve {request.Query}");
            request.Result = request.Query * 10;
        }
    }
}
