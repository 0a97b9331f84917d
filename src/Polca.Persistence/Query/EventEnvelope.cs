namespace Polca.Persistence.Query;

/// <summary>An event as a query returns it, with its global position (<paramref name="Offset"/>, the journal's ordering).</summary>
public sealed record EventEnvelope(long Offset, string PersistenceId, long SequenceNr, object Event, DateTimeOffset Timestamp, IReadOnlyList<string> Tags, string Manifest);
