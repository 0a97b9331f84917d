namespace Polca.Persistence;

/// <summary>Raw, ordered reads of what a journal stores (payloads still serialized); the read journal deserializes them.</summary>
public interface IEventLog
{
    /// <summary>Events of one persistence id with sequence numbers in [from, to], in order, deleted ones skipped.</summary>
    IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Events tagged <paramref name="tag"/> with ordering greater than <paramref name="afterOrdering"/>, in global order.</summary>
    IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default);

    /// <summary>Every event with ordering greater than <paramref name="afterOrdering"/>, in global order.</summary>
    IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default);

    /// <summary>The persistence ids that have events, in order of first appearance.</summary>
    IAsyncEnumerable<string> ReadPersistenceIds(CancellationToken cancellationToken = default);
}
