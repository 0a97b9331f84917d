namespace Polca.Persistence.Sqlite;

/// <summary>What the journal writer knows of one persistence id: its highest sequence number and the newest block holding its events.</summary>
internal sealed class SqliteStreamState
{
    /// <summary>The highest sequence number written (0 for none).</summary>
    public long Highest;

    /// <summary>The newest block with an event of this id (-1 for none).</summary>
    public long LastBlock = -1;
}
