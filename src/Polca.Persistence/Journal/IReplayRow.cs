namespace Polca.Persistence;

/// <summary>The current row of a coalesced replay, read as an event of the replay that wants it.</summary>
internal interface IReplayRow
{
    /// <summary>The current row as an event of <paramref name="persistenceId"/> (the id the row was matched on).</summary>
    Persistent ReadPersistent(string persistenceId);
}
