using Microsoft.Data.Sqlite;
using Polca.Persistence;

namespace Polca.Cli.Replay;

/// <summary>A SQLite journal file opened read-only for replay.</summary>
internal sealed class SqliteReplayJournal(ReadOnlySqliteEventLog log, string subject) : ReplayJournal
{
    /// <inheritdoc />
    public override IEventLog Log => log;

    /// <inheritdoc />
    public override string Subject => subject;

    /// <inheritdoc />
    public override ReplayInputException? Explain(Exception exception) =>
        exception is SqliteException sqlite ? log.Explain(sqlite) : null;

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        log.Dispose();
        return ValueTask.CompletedTask;
    }
}
