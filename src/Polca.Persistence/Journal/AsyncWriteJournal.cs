namespace Polca.Persistence;

/// <summary>
/// The journal plugin SPI (Akka.Persistence's names). Implementations store events durably; the journal actor calls
/// them one write batch at a time (group commit), while replays and reads may run concurrently.
/// </summary>
public abstract class AsyncWriteJournal : IAsyncDisposable
{
    /// <summary>
    /// Writes each atomic write all or none, in order. Returns one entry per write: null when written, or the
    /// exception that rejected it (e.g. it could not be serialized) while the others were written. Throwing means
    /// the whole batch failed and nothing of it was written.
    /// </summary>
    public abstract Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages, CancellationToken cancellationToken = default);

    /// <summary>Replays the events of <paramref name="persistenceId"/> with sequence numbers in [from, to], at most <paramref name="max"/>, in order, deleted ones skipped.</summary>
    public abstract Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<Persistent> recoveryCallback, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written for <paramref name="persistenceId"/> (deletions do not lower it), or 0.</summary>
    public abstract Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Deletes (logically) the events of <paramref name="persistenceId"/> up to <paramref name="toSequenceNr"/> inclusive.</summary>
    public abstract Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Releases connections and files.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
