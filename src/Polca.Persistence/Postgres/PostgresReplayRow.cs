using Npgsql;

namespace Polca.Persistence.Postgres;

/// <summary>
/// The current row of a coalesced scan (ordering, persistence_id, sequence_number, created, manifest, payload,
/// writer_uuid, read in sequential access): its first three columns read by <see cref="Advance"/>, the rest read once,
/// when a replay first wants the row, so that two replays of one id share the event.
/// </summary>
internal sealed class PostgresReplayRow(NpgsqlDataReader reader, Dictionary<long, List<string>>? tagsByOrdering) : IReplayRow
{
    private static readonly string[] NoTags = [];

    private Persistent? _event;

    /// <summary>The current row's ordering.</summary>
    public long Ordering { get; private set; }

    /// <summary>The current row's persistence id.</summary>
    public string PersistenceId { get; private set; } = "";

    /// <summary>The current row's sequence number.</summary>
    public long SequenceNr { get; private set; }

    /// <summary>Reads the next row's key columns; false at the end of the result.</summary>
    public async Task<bool> Advance()
    {
        _event = null;
        if (!await reader.ReadAsync().ConfigureAwait(false)) return false;
        Ordering = reader.GetInt64(0);
        PersistenceId = reader.GetString(1);
        SequenceNr = reader.GetInt64(2);
        return true;
    }

    /// <inheritdoc />
    public Persistent ReadPersistent(string persistenceId) => _event ??= Read(persistenceId);

    private Persistent Read(string persistenceId)
    {
        var created = reader.GetInt64(3);
        var manifest = reader.GetString(4);
        var payload = reader.GetFieldValue<byte[]>(5);
        var writer = reader.GetString(6);
        IReadOnlyList<string> tags = tagsByOrdering is not null && tagsByOrdering.TryGetValue(Ordering, out var found) ? found : NoTags;
        return new Persistent(payload, SequenceNr, persistenceId, manifest, false, writer, PostgresSql.FromTicks(created), tags);
    }
}
