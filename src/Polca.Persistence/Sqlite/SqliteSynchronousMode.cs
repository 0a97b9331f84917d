namespace Polca.Persistence.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c>: how often the database file is flushed to disk.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Never flushes: fastest, a power loss may corrupt the file.</summary>
    Off = 0,

    /// <summary>With WAL, flushes at checkpoints only: a power loss may lose the last commits but never corrupts.</summary>
    Normal = 1,

    /// <summary>Flushes the WAL on every commit: a committed batch survives a power loss.</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, also flushing the directory: the most durable.</summary>
    Extra = 3,
}
