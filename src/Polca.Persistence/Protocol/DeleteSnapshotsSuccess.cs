namespace Polca.Persistence;

/// <summary>The snapshots are deleted.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);
