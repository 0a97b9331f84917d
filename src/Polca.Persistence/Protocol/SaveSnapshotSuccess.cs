namespace Polca.Persistence;

/// <summary>The snapshot is saved.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);
