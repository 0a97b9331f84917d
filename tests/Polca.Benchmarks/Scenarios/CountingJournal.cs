using System.Diagnostics;
using Polca.Persistence;

namespace Polca.Benchmarks;

/// <summary>
/// Passes every call to the real journal and counts write batches, their events and the time spent in the journal's
/// writes and replays: the split between storage time and actor time that the journal benchmarks report.
/// </summary>
internal sealed class CountingJournal(AsyncWriteJournal inner) : AsyncWriteJournal, IEventLog
{
    private long _batches;
    private long _events;
    private long _writeTicks;
    private long _replays;
    private long _replayTicks;

    /// <summary>The journal every call goes to.</summary>
    public AsyncWriteJournal Inner => inner;

    /// <summary>WriteMessagesAsync calls so far (one per group commit of the journal actor).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Events written so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Time spent inside WriteMessagesAsync, summed.</summary>
    public TimeSpan WriteTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks));

    /// <summary>ReplayMessagesAsync calls so far.</summary>
    public long Replays => Interlocked.Read(ref _replays);

    /// <summary>Time spent inside ReplayMessagesAsync (reading rows and telling them to the actor), summed over concurrent replays.</summary>
    public TimeSpan ReplayTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _replayTicks));

    public override async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.WriteMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _batches);
            var events = 0;
            foreach (var write in messages) events += write.Payload.Count;
            Interlocked.Add(ref _events, events);
        }
    }

    public override async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _replayTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _replays);
        }
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default) =>
        Log.ReadByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default) =>
        Log.ReadByTag(tag, afterOrdering, cancellationToken);

    public IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default) =>
        Log.ReadAll(afterOrdering, cancellationToken);

    public IAsyncEnumerable<string> ReadPersistenceIds(CancellationToken cancellationToken = default) =>
        Log.ReadPersistenceIds(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private IEventLog Log => (IEventLog)inner;
}
