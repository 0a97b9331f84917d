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
internal sealed class SqliteReplayCoalescer(SqliteJournalQueries queries, SqliteReaderPool readers) : RequestCoalescer<ReplayRequest>
{
    private const string DataVersionSql = "PRAGMA data_version;";

    private int _joined;

    /// <summary>How many replays joined a pass that was already running.</summary>
    public int Joined => Volatile.Read(ref _joined);

    /// <summary>Queues <paramref name="request"/> for the next pass (starting one when none runs); completes when it has been served.</summary>
    public Task Replay(ReplayRequest request)
    {
        Enqueue(request);
        return request.Completion;
    }

    /// <summary>Serves <paramref name="batch"/> (and those that join, added to it) in one read transaction.</summary>
    protected override Task ServeAsync(List<ReplayRequest> batch)
    {
        var requests = ReplayRequest.Open(batch);
        readers.RunOutsideTransaction(probe =>
        {
            // Read before the pass's snapshot starts (its first read): any later commit changes it.
            var version = probe.Statement(DataVersionSql).ExecuteInt64();
            return readers.Run(session =>
            {
                List<ReplayRequest>? Admit()
                {
                    if (!HasPending || probe.Statement(DataVersionSql).ExecuteInt64() != version) return null;
                    var newcomers = TakePending();
                    batch.AddRange(newcomers);
                    Interlocked.Add(ref _joined, newcomers.Count);
                    return ReplayRequest.Open(newcomers);
                }

                new SqliteReplayPass(session, queries).Serve(requests, Admit);
                return true;
            });
        });
        return Task.CompletedTask;
    }
}
