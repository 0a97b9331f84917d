namespace Polca.Persistence;

/// <summary>Which snapshots a load or delete considers: sequence numbers and timestamps within bounds.</summary>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, DateTimeOffset MaxTimestamp, long MinSequenceNr = 0, DateTimeOffset? MinTimestamp = null)
{
    /// <summary>Any snapshot: the latest is chosen.</summary>
    public static readonly SnapshotSelectionCriteria Latest = new(long.MaxValue, DateTimeOffset.MaxValue);

    /// <summary>No snapshot: recovery replays every event.</summary>
    public static readonly SnapshotSelectionCriteria None = new(0, DateTimeOffset.MinValue);

    /// <summary>True when <paramref name="metadata"/> is within the bounds.</summary>
    public bool IsMatch(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimestamp &&
        metadata.SequenceNr >= MinSequenceNr && (MinTimestamp is null || metadata.Timestamp >= MinTimestamp);
}
