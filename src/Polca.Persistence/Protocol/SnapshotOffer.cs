namespace Polca.Persistence;

/// <summary>Delivered to the recovery handlers first when recovery starts from a snapshot.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);
