using Npgsql;
using Polca.Hocon;

namespace Polca.Persistence.Postgres;

/// <summary>
/// Where and how <see cref="PostgresJournal"/> and <see cref="PostgresSnapshotStore"/> store their rows: the connection
/// string, the schema and the three table names (Akka.Persistence.Sql's table shape), and whether the tables are created on first use.
/// </summary>
/// <param name="ConnectionString">An Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>).</param>
public sealed record PostgresJournalSettings(string ConnectionString)
{
    /// <summary>The schema holding the tables; created on first use when <see cref="AutoInitialize"/> is set.</summary>
    public string Schema { get; init; } = "public";

    /// <summary>The events table.</summary>
    public string JournalTable { get; init; } = "event_journal";

    /// <summary>The table of (ordering, tag) pairs for queries by tag.</summary>
    public string TagTable { get; init; } = "event_tag";

    /// <summary>The snapshots table.</summary>
    public string SnapshotTable { get; init; } = "snapshot";

    /// <summary>When true, the schema, tables and indexes are created (if absent) on first use.</summary>
    public bool AutoInitialize { get; init; } = true;

    /// <summary>How many rows one query of <see cref="IEventLog"/> fetches at a time (keyset paging).</summary>
    public int QueryPageSize { get; init; } = 1000;

    /// <summary>
    /// Reads the settings from a config section with the keys <c>connection-string</c> (required), <c>schema</c>,
    /// <c>journal-table</c>, <c>tag-table</c>, <c>snapshot-table</c>, <c>auto-initialize</c> and <c>query-page-size</c>.
    /// </summary>
    public static PostgresJournalSettings FromConfig(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new PostgresJournalSettings(string.Empty);
        var settings = new PostgresJournalSettings(section.GetString("connection-string"))
        {
            Schema = section.GetString("schema", defaults.Schema)!,
            JournalTable = section.GetString("journal-table", defaults.JournalTable)!,
            TagTable = section.GetString("tag-table", defaults.TagTable)!,
            SnapshotTable = section.GetString("snapshot-table", defaults.SnapshotTable)!,
            AutoInitialize = section.GetBoolean("auto-initialize", defaults.AutoInitialize),
            QueryPageSize = section.GetInt("query-page-size", defaults.QueryPageSize),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when a name is empty, the page size is not positive or the connection string cannot be parsed.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) throw new ArgumentException("The PostgreSQL connection string is empty.", nameof(ConnectionString));
        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {ex.Message}", nameof(ConnectionString), ex);
        }
        RequireName(Schema, nameof(Schema));
        RequireName(JournalTable, nameof(JournalTable));
        RequireName(TagTable, nameof(TagTable));
        RequireName(SnapshotTable, nameof(SnapshotTable));
        if (QueryPageSize <= 0) throw new ArgumentException($"QueryPageSize must be positive, not {QueryPageSize}.", nameof(QueryPageSize));
    }

    /// <summary>Host, port, database and user of the connection string, never the password: for error messages.</summary>
    public string DescribeServer() => PostgresSql.DescribeServer(ConnectionString);

    /// <summary>The connection string without its password, for logs.</summary>
    public override string ToString() =>
        $"PostgresJournalSettings {{ Server = {DescribeServer()}, Schema = {Schema}, JournalTable = {JournalTable}, TagTable = {TagTable}, SnapshotTable = {SnapshotTable}, AutoInitialize = {AutoInitialize} }}";

    private static void RequireName(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 63 || value.Contains('\0'))
            throw new ArgumentException($"{name} must be a PostgreSQL identifier of 1 to 63 characters, not '{value}'.", name);
    }
}
