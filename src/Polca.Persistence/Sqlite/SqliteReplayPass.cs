using System.Text;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// One pass of coalesced replays in one read transaction: the blocks its requests need, taken in block order (so each
/// id's events come in sequence order), each either scanned whole in ordering order with every live row handed to
/// the requests of its id, or, when they want little of it, read id by id through the index. Requests may join
/// between blocks: the blocks they already missed are read for them alone first, then they ride along.
/// </summary>
internal sealed class SqliteReplayPass
{
    /// <summary>A block is scanned whole when its requests want at least 1/ScanFraction of a block's events; else each id is sought.</summary>
    private const int ScanFraction = 8;

    /// <summary>Persistence ids up to this many UTF-8 bytes are matched to their requests without allocating.</summary>
    private const int StackIdChars = 256;

    private const int IdColumn = 1;
    private const int SequenceNumberColumn = 2;
    private const int BlockColumn = 8;
    private const int DeletedColumn = 9;

    private readonly int _blockSize;
    private readonly SqliteStatement _blocks;
    private readonly SqliteStatement _scan;
    private readonly SqliteEventRowReader _scanRows;
    private readonly SqliteStatement _events;
    private readonly SqliteEventRowReader _eventRows;

    /// <summary>Prepares a pass on <paramref name="session"/> (in its read transaction) with <paramref name="queries"/>' SQL.</summary>
    public SqliteReplayPass(SqliteReadSession session, SqliteJournalQueries queries)
    {
        _blockSize = queries.BlockSize;
        _blocks = session.Statement(queries.ReplayBlocksSql);
        _scan = session.Statement(queries.ScanSql);
        _scanRows = new SqliteEventRowReader(_scan);
        _events = session.Statement(queries.EventsInBlockSql);
        _eventRows = new SqliteEventRowReader(_events);
    }

    /// <summary>
    /// Serves <paramref name="requests"/> (open, with valid bounds). After each block, <paramref name="admit"/> may hand
    /// over more requests (or null), which are served from then on in the same snapshot.
    /// </summary>
    public void Serve(List<ReplayRequest> requests, Func<List<ReplayRequest>?> admit)
    {
        var plan = new SortedDictionary<long, SqliteReplayBlockGroup>();
        var byId = new Dictionary<string, List<ReplayRequest>>(requests.Count, StringComparer.Ordinal);
        foreach (var request in requests)
        {
            Register(byId, request);
            PlanBlocks(request, plan, null, long.MinValue);
        }
        while (plan.Count > 0)
        {
            var group = plan.First().Value;
            plan.Remove(group.Block);
            ServeBlock(group, byId);
            if (admit() is { Count: > 0 } newcomers) Admit(newcomers, group.Block, plan, byId);
        }
    }

    /// <summary>
    /// Reads for <paramref name="newcomers"/> alone the blocks up to <paramref name="servedUpTo"/> (already passed),
    /// then plans their later blocks into <paramref name="plan"/> and registers them for the rows of the blocks to come.
    /// </summary>
    private void Admit(List<ReplayRequest> newcomers, long servedUpTo, SortedDictionary<long, SqliteReplayBlockGroup> plan,
        Dictionary<string, List<ReplayRequest>> byId)
    {
        var catchUp = new SortedDictionary<long, SqliteReplayBlockGroup>();
        var catchUpById = new Dictionary<string, List<ReplayRequest>>(newcomers.Count, StringComparer.Ordinal);
        foreach (var request in newcomers)
        {
            Register(catchUpById, request);
            PlanBlocks(request, plan, catchUp, servedUpTo);
        }
        foreach (var group in catchUp.Values) ServeBlock(group, catchUpById);
        foreach (var request in newcomers) Register(byId, request);
    }

    private static void Register(Dictionary<string, List<ReplayRequest>> byId, ReplayRequest request)
    {
        if (!byId.TryGetValue(request.PersistenceId, out var sameId)) byId.Add(request.PersistenceId, sameId = []);
        sameId.Add(request);
    }

    /// <summary>
    /// Adds the blocks holding <paramref name="request"/>'s events to <paramref name="plan"/>, or to
    /// <paramref name="passed"/> those up to <paramref name="servedUpTo"/>, each with an estimate of how many events
    /// of the request it holds (from the next block's first sequence number).
    /// </summary>
    private void PlanBlocks(ReplayRequest request, SortedDictionary<long, SqliteReplayBlockGroup> plan,
        SortedDictionary<long, SqliteReplayBlockGroup>? passed, long servedUpTo)
    {
        void Add(SqliteReplayBlock need)
        {
            var target = passed is not null && need.Block <= servedUpTo ? passed : plan;
            if (!target.TryGetValue(need.Block, out var group)) target.Add(need.Block, group = new SqliteReplayBlockGroup(need.Block));
            group.Add(need);
        }

        _blocks.Bind(1, request.PersistenceId);
        _blocks.Bind(2, request.FromSequenceNr);
        _blocks.Bind(3, request.ToSequenceNr);
        try
        {
            // Each row is added once the next one tells where its events end.
            var pending = false;
            long block = 0, firstSequenceNr = 0, firstOrdering = 0;
            while (_blocks.Step())
            {
                var nextFirst = _blocks.Int64(1);
                if (pending) Add(new SqliteReplayBlock(block, firstOrdering, Estimate(request, firstSequenceNr, nextFirst - 1), request));
                block = _blocks.Int64(0);
                firstSequenceNr = nextFirst;
                firstOrdering = _blocks.Int64(2);
                pending = true;
            }
            if (pending) Add(new SqliteReplayBlock(block, firstOrdering, Estimate(request, firstSequenceNr, long.MaxValue), request));
        }
        finally
        {
            _blocks.Reset();
        }
    }

    /// <summary>About how many events of <paramref name="request"/> a block holds whose sequence numbers run from <paramref name="first"/> to at most <paramref name="last"/>.</summary>
    private long Estimate(ReplayRequest request, long first, long last)
    {
        var low = Math.Max(first, request.FromSequenceNr);
        var high = Math.Min(last, request.ToSequenceNr);
        if (high < low) return 1;
        return high - low >= _blockSize ? _blockSize : high - low + 1;
    }

    private void ServeBlock(SqliteReplayBlockGroup group, Dictionary<string, List<ReplayRequest>> byId)
    {
        if (group.WantedEvents * ScanFraction >= _blockSize)
        {
            ScanBlock(group.Block, group.FirstOrdering, byId);
            return;
        }
        foreach (var request in group.Requests) ReadBlockOf(group.Block, request);
    }

    /// <summary>Reads <paramref name="block"/> in ordering order from <paramref name="firstOrdering"/> to its end, handing each live row to the requests of its id that want it.</summary>
    private void ScanBlock(long block, long firstOrdering, Dictionary<string, List<ReplayRequest>> byId)
    {
        var idsBySpan = byId.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> idChars = stackalloc char[StackIdChars];
        _scan.Bind(1, firstOrdering);
        try
        {
            while (_scan.Step())
            {
                if (_scan.Int64(BlockColumn) != block) break;
                if (_scan.Int64(DeletedColumn) != 0) continue;
                var idBytes = _scan.Bytes(IdColumn);
                List<ReplayRequest>? sameId;
                if (idBytes.Length <= StackIdChars)
                {
                    var length = Encoding.UTF8.GetChars(idBytes, idChars);
                    if (!idsBySpan.TryGetValue(idChars[..length], out sameId)) continue;
                }
                else if (!byId.TryGetValue(Encoding.UTF8.GetString(idBytes), out sameId))
                {
                    continue;
                }
                var sequenceNr = _scan.Int64(SequenceNumberColumn);
                foreach (var request in sameId)
                    if (request.Wants(sequenceNr)) request.Deliver(_scanRows);
            }
        }
        finally
        {
            _scan.Reset();
        }
    }

    /// <summary>Reads <paramref name="request"/>'s events in <paramref name="block"/> through the index, in sequence order.</summary>
    private void ReadBlockOf(long block, ReplayRequest request)
    {
        if (!request.IsOpen) return;
        _events.Bind(1, block);
        _events.Bind(2, request.PersistenceId);
        _events.Bind(3, request.FromSequenceNr);
        _events.Bind(4, request.ToSequenceNr);
        _events.Bind(5, request.Max - request.Delivered);
        try
        {
            while (request.IsOpen && _events.Step()) request.Deliver(_eventRows);
        }
        finally
        {
            _events.Reset();
        }
    }
}
