namespace Polca.Persistence;

/// <summary>Deleting the snapshots failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
