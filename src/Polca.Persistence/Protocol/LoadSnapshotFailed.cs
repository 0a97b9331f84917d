namespace Polca.Persistence;

/// <summary>Loading a snapshot failed.</summary>
public sealed record LoadSnapshotFailed(Exception Cause);
