using System.Text.RegularExpressions;
using Polca.Hocon;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// Where and how the SQLite journal and snapshot store keep their data: one database file in WAL mode holding the
/// journal, block (<c>{JournalTable}_blocks</c>), tag and snapshot tables.
/// </summary>
/// <param name="Path">The database file (created when missing and <see cref="AutoInitialize"/> is on).</param>
public sealed partial record SqliteJournalSettings(string Path)
{
    /// <summary>The file, as given.</summary>
    public string Path { get; init; } = !string.IsNullOrWhiteSpace(Path)
        ? Path
        : throw new ArgumentException("the SQLite journal needs a file path", nameof(Path));

    /// <summary>The events table; the block table beside it is named <c>{JournalTable}_blocks</c>.</summary>
    public string JournalTable { get; init; } = "event_journal";

    /// <summary>The table that indexes events by tag.</summary>
    public string TagTable { get; init; } = "event_tag";

    /// <summary>The snapshots table.</summary>
    public string SnapshotTable { get; init; } = "snapshot";

    /// <summary>True to create the file and the tables on first use; false to require them to exist.</summary>
    public bool AutoInitialize { get; init; } = true;

    /// <summary>How long a statement waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often SQLite flushes to disk (the journal always runs in WAL mode).</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Normal;

    /// <summary>How many rows one query of a read (by id, by tag, all) fetches before the next query.</summary>
    public int QueryPageSize { get; init; } = 1000;

    /// <summary>
    /// The journal files new events in blocks of 2^BlockShift orderings (8192). Only tests change it, to cross blocks
    /// with few events; a file written with one block size is read and extended correctly with another.
    /// </summary>
    internal int BlockShift { get; init; } = 13;

    /// <summary>
    /// Reads the settings from a HOCON section with the keys path, journal-table, tag-table, snapshot-table,
    /// auto-initialize, synchronous (off, normal, full, extra), busy-timeout and query-page-size; only path is required.
    /// </summary>
    public static SqliteJournalSettings FromConfig(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = section.GetString("path", null);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("the SQLite journal section needs 'path' (the database file)", nameof(section));
        var defaults = new SqliteJournalSettings(path);
        var synchronous = section.GetString("synchronous", null);
        var settings = defaults with
        {
            JournalTable = section.GetString("journal-table", defaults.JournalTable)!,
            TagTable = section.GetString("tag-table", defaults.TagTable)!,
            SnapshotTable = section.GetString("snapshot-table", defaults.SnapshotTable)!,
            AutoInitialize = section.GetBoolean("auto-initialize", defaults.AutoInitialize),
            BusyTimeout = section.GetTimeSpan("busy-timeout", defaults.BusyTimeout),
            Synchronous = synchronous is null ? defaults.Synchronous : ParseSynchronous(synchronous),
            QueryPageSize = section.GetInt("query-page-size", defaults.QueryPageSize),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws when the path is empty, a table name is not a plain SQL identifier or is used twice, or a number is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("the SQLite journal needs a file path");
        ValidTableName(JournalTable);
        ValidTableName(TagTable);
        ValidTableName(SnapshotTable);
        if (string.Equals(JournalTable, TagTable, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(JournalTable, SnapshotTable, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(TagTable, SnapshotTable, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(JournalTable + "_blocks", TagTable, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(JournalTable + "_blocks", SnapshotTable, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"the journal, tag and snapshot tables (and {JournalTable}_blocks) need different names (were {JournalTable}, {TagTable}, {SnapshotTable})");
        if (QueryPageSize < 1) throw new ArgumentException($"query page size must be at least 1 (was {QueryPageSize})");
        if (BlockShift is < 0 or > 30) throw new ArgumentException($"block shift must be within 0..30 (was {BlockShift})");
        if (BusyTimeout < TimeSpan.Zero) throw new ArgumentException($"busy timeout must not be negative (was {BusyTimeout})");
    }

    private static SqliteSynchronousMode ParseSynchronous(string value) =>
        Enum.TryParse<SqliteSynchronousMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _)
            ? mode
            : throw new ArgumentException($"synchronous must be off, normal, full or extra (was '{value}')");

    private static string ValidTableName(string name) =>
        IdentifierPattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid table name (letters, digits and underscores, not starting with a digit)");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
