namespace Polca.Persistence;

/// <summary>The snapshot found (or null) and the replay bound.</summary>
public sealed record LoadSnapshotResult(SelectedSnapshot? Snapshot, long ToSequenceNr);
