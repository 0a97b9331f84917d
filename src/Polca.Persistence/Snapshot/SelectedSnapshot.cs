namespace Polca.Persistence;

/// <summary>A snapshot found by a load: its metadata and its state.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
