namespace Polca.Persistence;

/// <summary>Events of one persistence id that are written all or none (one Persist or PersistAll).</summary>
public sealed record AtomicWrite(IReadOnlyList<Persistent> Payload)
{
    /// <summary>The stream the events belong to.</summary>
    public string PersistenceId => Payload[0].PersistenceId;

    /// <summary>Sequence number of the first event.</summary>
    public long LowestSequenceNr => Payload[0].SequenceNr;

    /// <summary>Sequence number of the last event.</summary>
    public long HighestSequenceNr => Payload[^1].SequenceNr;
}
