namespace Polca.Persistence;

/// <summary>The snapshot is deleted.</summary>
public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);
