namespace Polca.Persistence;

/// <summary>One event as a journal holds it: payload, identity, sequence number, writer, time and tags.</summary>
/// <param name="Payload">The event (deserialized) or its serialized form, depending on the layer.</param>
/// <param name="SequenceNr">Position in its persistence id's stream, from 1, contiguous.</param>
/// <param name="PersistenceId">The stream it belongs to.</param>
/// <param name="Manifest">The stable name of the payload's type (from the serializer's allow-list).</param>
/// <param name="IsDeleted">True when logically deleted.</param>
/// <param name="WriterGuid">Which actor incarnation wrote it.</param>
/// <param name="Timestamp">When it was persisted, on the system clock.</param>
/// <param name="Tags">Tags for queries by tag.</param>
public sealed record Persistent(
    object Payload,
    long SequenceNr,
    string PersistenceId,
    string Manifest,
    bool IsDeleted,
    string WriterGuid,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Tags)
{
    /// <summary>Returns a copy with another payload (and manifest).</summary>
    public Persistent WithPayload(object payload, string manifest) => this with { Payload = payload, Manifest = manifest };
}
