using System.Collections.ObjectModel;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// Turns journal rows selected as (ordering, persistence_id, sequence_number, created, manifest, payload,
/// writer_uuid, tags) into events. Strings that repeat from row to row are decoded once, and consecutive events with
/// the same tags share one read-only tag list, so a replay allocates little beyond the events and their payloads.
/// </summary>
internal sealed class SqliteEventRowReader(SqliteStatement statement) : IReplayRow
{
    /// <summary>The columns, in the order this reader expects them.</summary>
    public const string Columns = "ordering, persistence_id, sequence_number, created, manifest, payload, writer_uuid, tags";

    private const int Ordering = 0;
    private const int PersistenceId = 1;
    private const int SequenceNumber = 2;
    private const int Created = 3;
    private const int Manifest = 4;
    private const int Payload = 5;
    private const int WriterUuid = 6;
    private const int Tags = 7;

    private static readonly IReadOnlyList<string> NoTags = ReadOnlyCollection<string>.Empty;

    private readonly Utf8StringCache _persistenceIds = new();
    private readonly Utf8StringCache _manifests = new();
    private readonly Utf8StringCache _writers = new();
    private readonly Utf8StringCache _tagTexts = new();
    private string? _lastTagText;
    private IReadOnlyList<string> _lastTags = NoTags;

    /// <summary>The current row as an event (payload as byte[]); <paramref name="knownPersistenceId"/> saves decoding the id.</summary>
    public Persistent ReadPersistent(string? knownPersistenceId = null) => new(
        statement.Bytes(Payload).ToArray(),
        statement.Int64(SequenceNumber),
        knownPersistenceId ?? _persistenceIds.Get(statement.Bytes(PersistenceId)),
        _manifests.Get(statement.Bytes(Manifest)),
        false,
        _writers.Get(statement.Bytes(WriterUuid)),
        new DateTimeOffset(statement.Int64(Created), TimeSpan.Zero),
        ReadTags());

    /// <summary>The current row as an event with its ordering.</summary>
    public StoredEvent ReadStoredEvent(string? knownPersistenceId = null) => new(statement.Int64(Ordering), ReadPersistent(knownPersistenceId));

    private IReadOnlyList<string> ReadTags()
    {
        if (statement.IsNull(Tags)) return NoTags;
        var text = _tagTexts.Get(statement.Bytes(Tags));
        if (!ReferenceEquals(text, _lastTagText))
        {
            _lastTagText = text;
            _lastTags = Array.AsReadOnly(text.Split(SqliteJournalWriter.TagSeparator));
        }
        return _lastTags;
    }
}
