namespace Polca.Persistence.Sqlite;

/// <summary>What the journal writer knows of one persistence id: its highest sequence number and the newest block holding its events.</summary>
internal sealed class SqliteStreamState
{
    /// <summary>The highest sequence number written (0 for none).</summary>
    public long Highest;

    /// <summary>The newest block with an event of this id (-1 for none).</summary>
    public long LastBlock = -1;

    /// <summary>The persistence id in UTF-8, as bound to the insert statement.</summary>
    public byte[] IdUtf8 = [];

    /// <summary>The writer of the last event written for this id, and its UTF-8 form (reused while the writer stays).</summary>
    public string? Writer;

    /// <summary>UTF-8 of <see cref="Writer"/>.</summary>
    public byte[] WriterUtf8 = [];
}
