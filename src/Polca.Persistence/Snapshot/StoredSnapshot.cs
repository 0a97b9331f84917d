namespace Polca.Persistence;

/// <summary>A snapshot as a store holds it: metadata, manifest and serialized state.</summary>
public sealed record StoredSnapshot(SnapshotMetadata Metadata, string Manifest, byte[] Payload);
