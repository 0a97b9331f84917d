namespace Polca.Persistence;

/// <summary>
/// One replay served by a pass of a replay coalescer: its persistence id and bounds, the callback that receives its
/// events, how many it has had, and its outcome (a failure of its own ends it alone).
/// </summary>
internal sealed class ReplayRequest(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
    Action<Persistent> recoveryCallback, CancellationToken cancellationToken) : ICoalescedRequest
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The persistence id whose events are replayed.</summary>
    public string PersistenceId { get; } = persistenceId;

    /// <summary>The lowest sequence number to replay.</summary>
    public long FromSequenceNr { get; } = fromSequenceNr;

    /// <summary>The highest sequence number to replay.</summary>
    public long ToSequenceNr { get; } = toSequenceNr;

    /// <summary>How many events to replay at most.</summary>
    public long Max { get; } = max;

    /// <summary>The callback of the replay (called on the pass's thread, one event at a time).</summary>
    public Action<Persistent> RecoveryCallback { get; } = recoveryCallback;

    /// <summary>The replay's cancellation.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>How many events the callback has been given.</summary>
    public long Delivered { get; private set; }

    /// <summary>Why this replay failed on its own (its callback threw, or it was cancelled); null while it has not.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the replay has had all its events, or fails with its failure or the pass's.</summary>
    public Task Completion => _completion.Task;

    /// <summary>True while the replay can take more events (it has not failed and is below <see cref="Max"/>).</summary>
    public bool IsOpen => Failure is null && Delivered < Max;

    /// <summary>True when the replay is open and wants the event with sequence number <paramref name="sequenceNr"/>.</summary>
    public bool Wants(long sequenceNr) => IsOpen && sequenceNr >= FromSequenceNr && sequenceNr <= ToSequenceNr;

    /// <summary>Hands the current row to the callback; a callback that throws (or a cancellation) fails this replay alone.</summary>
    public void Deliver<TRow>(TRow row) where TRow : IReplayRow
    {
        try
        {
            if ((Delivered & 1023) == 0) CancellationToken.ThrowIfCancellationRequested();
            Delivered++;
            RecoveryCallback(row.ReadPersistent(PersistenceId));
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    /// <summary>The requests of <paramref name="requests"/> that want events: not cancelled (those fail now), max above 0, from not above to.</summary>
    public static List<ReplayRequest> Open(List<ReplayRequest> requests) =>
        requests.FindAll(r => !r.CancelIfRequested() && r.Max > 0 && r.ToSequenceNr >= r.FromSequenceNr);

    /// <summary>Fails the replay now if it was cancelled before it started; true when it was.</summary>
    public bool CancelIfRequested()
    {
        if (!CancellationToken.IsCancellationRequested) return false;
        Failure ??= new OperationCanceledException(CancellationToken);
        return true;
    }

    /// <summary>Completes the replay: with its own failure, else <paramref name="batchFailure"/> (the whole pass failed), else successfully.</summary>
    public void Finish(Exception? batchFailure)
    {
        var failure = Failure ?? batchFailure;
        if (failure is null) _completion.TrySetResult();
        else if (failure is OperationCanceledException && CancellationToken.IsCancellationRequested) _completion.TrySetCanceled(CancellationToken);
        else _completion.TrySetException(failure);
    }
}
