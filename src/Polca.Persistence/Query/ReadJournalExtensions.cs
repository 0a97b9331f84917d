namespace Polca.Persistence.Query;

/// <summary>Live queries built on the current ones by polling.</summary>
public static class ReadJournalExtensions
{
    /// <summary>
    /// The events of one persistence id from <paramref name="fromSequenceNr"/>, continuing with new ones as they are written
    /// (polled every <paramref name="pollInterval"/>) until <paramref name="toSequenceNr"/> or cancellation.
    /// </summary>
    public static async IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(this IReadJournal journal, string persistenceId,
        long fromSequenceNr, long toSequenceNr, TimeSpan pollInterval,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = fromSequenceNr;
        while (next <= toSequenceNr && !cancellationToken.IsCancellationRequested)
        {
            var progressed = false;
            await foreach (var envelope in journal.CurrentEventsByPersistenceId(persistenceId, next, toSequenceNr, cancellationToken).ConfigureAwait(false))
            {
                yield return envelope;
                next = envelope.SequenceNr + 1;
                progressed = true;
            }
            if (next > toSequenceNr) yield break;
            if (!progressed) await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
