namespace Polca.Persistence;

/// <summary>Asks the snapshot store to delete one snapshot.</summary>
public sealed record DeleteSnapshot(SnapshotMetadata Metadata);
