namespace Polca.Persistence;

/// <summary>How a persistent actor recovers: from which snapshot, up to which sequence number, at most how many events.</summary>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>From the latest snapshot, replaying every later event.</summary>
    public static readonly Recovery Default = new(SnapshotSelectionCriteria.Latest);

    /// <summary>No recovery: the actor starts empty (and continues the sequence numbers after the stored ones).</summary>
    public static readonly Recovery None = new(SnapshotSelectionCriteria.None, 0);
}
