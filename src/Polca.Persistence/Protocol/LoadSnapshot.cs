namespace Polca.Persistence;

/// <summary>Asks the snapshot store for the youngest snapshot matching the criteria.</summary>
public sealed record LoadSnapshot(string PersistenceId, SnapshotSelectionCriteria Criteria, long ToSequenceNr);
