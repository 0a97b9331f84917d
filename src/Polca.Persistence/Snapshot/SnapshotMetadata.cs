namespace Polca.Persistence;

/// <summary>Identifies a snapshot: whose state, as of which sequence number, taken when.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
