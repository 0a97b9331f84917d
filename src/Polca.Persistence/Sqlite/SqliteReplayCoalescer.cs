using System.Collections.Concurrent;

namespace Polca.Persistence.Sqlite;

/// <summary>
/// Serves replays in passes, as group commit serves writes: replays that arrive while a pass runs wait for the next
/// one, which reads the union of their blocks once in ordering order, in one read transaction, and hands each row to
/// the replays of its persistence id (see <see cref="SqliteReplayPass"/>). A replay that arrives while a pass runs
/// joins it at the next block when nothing was committed since the pass's snapshot was taken (PRAGMA data_version on
/// a connection outside it), so that it still sees every event written before it was asked for.
/// </summary>
/// <remarks>
/// Events of concurrent writers interleave on disk, so a thousand actors recovering at once would each touch about
/// one page per event if they read alone; together they read each page once. A replay whose callback throws, or
/// that is cancelled, fails alone; a storage failure fails every replay of the pass.
/// </remarks>
internal sealed class SqliteReplayCoalescer(SqliteJournalQueries queries, SqliteReaderPool readers)
{
    /// <summary>At most this many turns of the thread pool are left to bring more replays before a pass starts.</summary>
    private const int MaxGatherTurns = 64;

    private const string DataVersionSql = "PRAGMA data_version;";

    private readonly ConcurrentQueue<SqliteReplayRequest> _pending = new();
    private int _running;
    private int _passes;
    private int _joined;

    /// <summary>How many passes have run (tests check that concurrent replays shared one).</summary>
    public int Passes => Volatile.Read(ref _passes);

    /// <summary>How many replays joined a pass that was already running.</summary>
    public int Joined => Volatile.Read(ref _joined);

    /// <summary>Queues <paramref name="request"/> for the next pass (starting one when none runs); completes when it has been served.</summary>
    public Task Replay(SqliteReplayRequest request)
    {
        _pending.Enqueue(request);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunPassesAsync, CancellationToken.None);
        return request.Completion;
    }

    /// <summary>Runs passes until no replay waits (the caller set <see cref="_running"/>).</summary>
    private async Task RunPassesAsync()
    {
        while (true)
        {
            await GatherAsync().ConfigureAwait(false);
            var requests = TakePending();
            if (requests.Count == 0)
            {
                // Stop, unless a replay came in after the queue looked empty and no other loop took over.
                Volatile.Write(ref _running, 0);
                if (_pending.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
                continue;
            }
            RunPass(requests);
        }
    }

    /// <summary>
    /// Lets the work already queued on the thread pool run first (replays about to be requested: the highest
    /// sequence numbers and snapshots that recovering actors read just before), as long as each turn brings more
    /// replays; no waiting on the clock.
    /// </summary>
    private async Task GatherAsync()
    {
        for (var turn = 0; turn < MaxGatherTurns; turn++)
        {
            var queued = _pending.Count;
            await Task.Yield();
            if (_pending.Count == queued) return;
        }
    }

    private List<SqliteReplayRequest> TakePending()
    {
        var requests = new List<SqliteReplayRequest>();
        while (_pending.TryDequeue(out var request)) requests.Add(request);
        return requests;
    }

    /// <summary>Serves <paramref name="requests"/> (and those that join) in one read transaction, then completes each of them.</summary>
    private void RunPass(List<SqliteReplayRequest> requests)
    {
        Interlocked.Increment(ref _passes);
        var all = new List<SqliteReplayRequest>(requests);
        Exception? passFailure = null;
        try
        {
            readers.RunOutsideTransaction(probe =>
            {
                // Read before the pass's snapshot starts (its first read): any later commit changes it.
                var version = probe.Statement(DataVersionSql).ExecuteInt64();
                return readers.Run(session =>
                {
                    List<SqliteReplayRequest>? Admit()
                    {
                        if (_pending.IsEmpty || probe.Statement(DataVersionSql).ExecuteInt64() != version) return null;
                        var newcomers = TakePending();
                        all.AddRange(newcomers);
                        Interlocked.Add(ref _joined, newcomers.Count);
                        return Open(newcomers);
                    }

                    new SqliteReplayPass(session, queries).Serve(Open(requests), Admit);
                    return true;
                });
            });
        }
        catch (Exception e)
        {
            passFailure = e;
        }
        foreach (var request in all) request.Finish(passFailure);
    }

    /// <summary>The requests that want events: not cancelled (those fail now), max above 0, from not above to.</summary>
    private static List<SqliteReplayRequest> Open(List<SqliteReplayRequest> requests) =>
        requests.FindAll(r => !r.CancelIfRequested() && r.Max > 0 && r.ToSequenceNr >= r.FromSequenceNr);
}
