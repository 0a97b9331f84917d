namespace Polca.Persistence;

/// <summary>Asks the snapshot store to delete the snapshots matching the criteria.</summary>
public sealed record DeleteSnapshots(string PersistenceId, SnapshotSelectionCriteria Criteria);
