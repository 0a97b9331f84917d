namespace Polca.Persistence;

/// <summary>Deleting the snapshot failed.</summary>
public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);
