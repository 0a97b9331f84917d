namespace Polca.Persistence;

/// <summary>Asks the snapshot store to save a snapshot.</summary>
public sealed record SaveSnapshot(SnapshotMetadata Metadata, object Snapshot);
