namespace Polca.Persistence.Sqlite;

/// <summary>What a coalesced replay must read of one block: the requests with events in it, where the first of them starts, and about how many events they want.</summary>
internal sealed class SqliteReplayBlockGroup(long block)
{
    /// <summary>The block.</summary>
    public long Block { get; } = block;

    /// <summary>The lowest ordering at which one of the requests' persistence ids appears in the block.</summary>
    public long FirstOrdering { get; private set; } = long.MaxValue;

    /// <summary>About how many events of the block the requests want.</summary>
    public long WantedEvents { get; private set; }

    /// <summary>The requests with events in the block (a request appears once).</summary>
    public List<ReplayRequest> Requests { get; } = [];

    /// <summary>Adds what <paramref name="need"/> wants of this block.</summary>
    public void Add(SqliteReplayBlock need)
    {
        FirstOrdering = Math.Min(FirstOrdering, need.FirstOrdering);
        WantedEvents += need.EstimatedEvents;
        Requests.Add(need.Request);
    }
}
