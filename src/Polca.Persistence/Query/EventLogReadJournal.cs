using System.Runtime.CompilerServices;

namespace Polca.Persistence.Query;

/// <summary>Queries over a journal's raw event log, deserializing payloads through the allow-listed serializer.</summary>
public sealed class EventLogReadJournal(IEventLog log, EventSerializer serializer) : IReadJournal
{
    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var stored in log.ReadByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, cancellationToken).ConfigureAwait(false))
            foreach (var envelope in ToEnvelopes(stored)) yield return envelope;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var stored in log.ReadByTag(tag, offset, cancellationToken).ConfigureAwait(false))
            foreach (var envelope in ToEnvelopes(stored)) yield return envelope;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> CurrentAllEvents(long offset = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var stored in log.ReadAll(offset, cancellationToken).ConfigureAwait(false))
            foreach (var envelope in ToEnvelopes(stored)) yield return envelope;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> CurrentPersistenceIds(CancellationToken cancellationToken = default) => log.ReadPersistenceIds(cancellationToken);

    private IEnumerable<EventEnvelope> ToEnvelopes(StoredEvent stored)
    {
        var e = stored.Event;
        var payload = e.Payload is byte[] bytes ? serializer.Deserialize(bytes, e.Manifest) : e.Payload;
        foreach (var domain in serializer.FromJournal(payload, e.Manifest))
            yield return new EventEnvelope(stored.Ordering, e.PersistenceId, e.SequenceNr, domain, e.Timestamp, e.Tags, e.Manifest);
    }
}
