namespace Polca.Persistence;

/// <summary>Saving the snapshot failed.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);
