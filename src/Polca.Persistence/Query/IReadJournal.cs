namespace Polca.Persistence.Query;

/// <summary>Queries over a journal (Akka.Persistence.Query's names); "Current" queries end at the events stored when they run.</summary>
public interface IReadJournal
{
    /// <summary>The events of one persistence id with sequence numbers in [from, to], in order.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>The events tagged <paramref name="tag"/> with offset greater than <paramref name="offset"/>, in global order.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>Every event with offset greater than <paramref name="offset"/>, in global order.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentAllEvents(long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>The persistence ids that have events.</summary>
    IAsyncEnumerable<string> CurrentPersistenceIds(CancellationToken cancellationToken = default);
}
