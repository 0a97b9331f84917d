using System.Diagnostics;
using Polca.Actors;
using Polca.Persistence;

namespace Polca.Benchmarks;

/// <summary>
/// 1,000 persistent actors each persist 1,000 power samples through the real path (Persist, journal actor group
/// commit, SQLite or PostgreSQL journal), all at once; each actor persists its next event from the previous event's
/// handler (Persist, one event in flight per actor). Measured from the first command to the last handler; one fresh
/// journal per run.
/// </summary>
internal static class JournalWriteScenario
{
    private sealed record Start(int Events);

    private sealed class Writer : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private readonly Action _finished;
        private int _target;
        private int _written;

        public Writer(string persistenceId, Action recovered, Action finished)
        {
            _persistenceId = persistenceId;
            _finished = finished;
            Recover<RecoveryCompleted>(_ => recovered());
            Command<Start>(start =>
            {
                _target = start.Events;
                PersistNext();
            });
        }

        public override string PersistenceId => _persistenceId;

        private void PersistNext() => Persist(new PowerSample(230.0 + (_written & 15), _written + 1), Persisted);

        private void Persisted(PowerSample sample)
        {
            if (++_written == _target) _finished();
            else PersistNext();
        }
    }

    private sealed class Countdown(int count)
    {
        private int _left = count;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Signal()
        {
            if (Interlocked.Decrement(ref _left) == 0) Done.TrySetResult();
        }
    }

    public static async Task Run(string[] args)
    {
        var options = JournalBenchmarkOptions.Parse("journal-write", args);
        var actors = options.Actors ?? 1_000;
        var events = options.Events ?? 1_000;
        var rates = new List<double>();
        for (var run = 1; run <= options.Runs; run++)
        {
            await using var backend = await JournalBackend.CreateAsync(options.Backend).ConfigureAwait(false);
            if (backend is null) return;
            var rate = await RunOnce(backend, run, actors, events, options.Profile).ConfigureAwait(false);
            rates.Add(rate);
        }
        if (rates.Count > 1)
            Result.Print("journal-write", ("backend", options.Backend), ("runs", rates.Count), ("median_events_per_s", Result.Median(rates)),
                ("min_events_per_s", rates.Min()), ("max_events_per_s", rates.Max()));
        if (options.Profile)
        {
            await using var backend = await JournalBackend.CreateAsync(options.Backend).ConfigureAwait(false);
            if (backend is not null) await ProfileAsync(backend, actors, events).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where write time goes, outside actors: JSON serialization of the events alone, and the journal SPI alone writing
    /// the same events (pre-serialized) in batches of one single-event write per actor, as a full group commit would.
    /// </summary>
    private static async Task ProfileAsync(JournalBackend backend, int actors, int events)
    {
        using var system = ActorSystem.Create("journal-write-profile", backend.Config);
        var serializer = JournalBackend.RegisterEvents(system);
        var journal = Persistence.Persistence.Instance.Apply(system).JournalPluginFor();
        var total = (long)actors * events;

        var serialize = Stopwatch.StartNew();
        var payloads = new byte[events][];
        var manifest = "";
        for (var round = 0; round < actors; round++)
            for (var e = 0; e < events; e++)
                payloads[e] = serializer.Serialize(new PowerSample(230.0 + (e & 15), e + 1), out manifest);
        serialize.Stop();

        var writer = Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, actors).Select(i => $"writer-{i:D5}").ToArray();
        var now = DateTimeOffset.UtcNow;
        var write = Stopwatch.StartNew();
        for (var e = 0; e < events; e++)
        {
            var batch = new AtomicWrite[actors];
            for (var a = 0; a < actors; a++)
                batch[a] = new AtomicWrite([new Persistent(payloads[e], e + 1, ids[a], manifest, false, writer, now, [])]);
            var results = await journal.WriteMessagesAsync(batch).ConfigureAwait(false);
            if (results.FirstOrDefault(r => r is not null) is { } rejected) throw rejected;
        }
        write.Stop();
        Result.Print("journal-write-profile", ("backend", backend.Name), ("events", total), ("batch", actors),
            ("serialize_events_per_s", total / serialize.Elapsed.TotalSeconds),
            ("spi_write_s", write.Elapsed.TotalSeconds), ("spi_write_events_per_s", total / write.Elapsed.TotalSeconds));
        await system.Terminate().ConfigureAwait(false);
    }

    private static async Task<double> RunOnce(JournalBackend backend, int run, int actors, int events, bool profile)
    {
        using var system = ActorSystem.Create("journal-write", backend.Config);
        JournalBackend.RegisterEvents(system);
        var recovered = new Countdown(actors);
        var finished = new Countdown(actors);
        var writers = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new Writer($"writer-{i:D5}", recovered.Signal, finished.Signal))))
            .ToArray();
        await recovered.Done.Task.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        var journal = JournalBackend.LastJournal!;
        var batchesBefore = journal.Batches;
        var eventsBefore = journal.Events;
        var writeTimeBefore = journal.WriteTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcBefore = GC.CollectionCount(0);

        var stopwatch = Stopwatch.StartNew();
        var start = new Start(events);
        foreach (var writer in writers) writer.Tell(start, ActorRefs.NoSender);
        await finished.Done.Task.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        stopwatch.Stop();

        var total = (long)actors * events;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var batches = journal.Batches - batchesBefore;
        var written = journal.Events - eventsBefore;
        var values = new List<(string, object)>
        {
            ("backend", backend.Name), ("run", run), ("actors", actors), ("events_per_actor", events), ("in_flight_per_actor", 1),
            ("seconds", seconds), ("events_per_s", total / seconds), ("batches", batches), ("mean_batch", batches == 0 ? 0.0 : written / (double)batches),
        };
        if (profile)
        {
            var writeSeconds = (journal.WriteTime - writeTimeBefore).TotalSeconds;
            values.Add(("journal_write_s", writeSeconds));
            values.Add(("journal_busy_pct", 100 * writeSeconds / seconds));
            values.Add(("alloc_bytes_per_event", (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)total));
            values.Add(("gen0_gcs", GC.CollectionCount(0) - gcBefore));
        }
        Result.Print("journal-write", [.. values]);
        if (written != total) throw new InvalidOperationException($"the journal wrote {written} events, expected {total}");
        await system.Terminate().ConfigureAwait(false);
        return total / seconds;
    }
}
