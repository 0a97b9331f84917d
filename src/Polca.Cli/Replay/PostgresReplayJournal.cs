using Npgsql;
using Polca.Persistence;
using Polca.Persistence.Postgres;

namespace Polca.Cli.Replay;

/// <summary>A PostgreSQL journal opened for replay (auto-initialize off: nothing is created, only SELECTs run).</summary>
internal sealed class PostgresReplayJournal(PostgresJournal journal, string subject) : ReplayJournal
{
    private const string UndefinedTable = "42P01";
    private const string UndefinedSchema = "3F000";

    /// <inheritdoc />
    public override IEventLog Log => journal;

    /// <inheritdoc />
    public override string Subject => subject;

    /// <inheritdoc />
    public override ReplayInputException? Explain(Exception exception)
    {
        var settings = journal.Settings;
        return exception switch
        {
            PostgresConnectionException connection => new ReplayInputException(subject, connection.Message, connection),
            PostgresException { SqlState: UndefinedTable or UndefinedSchema } missing => new ReplayInputException(subject,
                $"not a Polca journal (no {settings.Schema}.{settings.JournalTable} or {settings.Schema}.{settings.TagTable} table at PostgreSQL {settings.DescribeServer()}: {missing.MessageText})", missing),
            NpgsqlException other => new ReplayInputException(subject, $"PostgreSQL at {settings.DescribeServer()} failed: {other.Message}", other),
            _ => null,
        };
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => journal.DisposeAsync();
}
