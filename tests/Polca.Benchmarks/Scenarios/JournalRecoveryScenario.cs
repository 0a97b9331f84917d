using System.Diagnostics;
using Polca.Actors;
using Polca.Persistence;

namespace Polca.Benchmarks;

/// <summary>
/// Recovery through persistent actors: (a) one actor with 1,000,000 events, (b) 1,000 actors with 1,000 events each,
/// all started at once. The journal is prepared once by writing serialized events straight through the journal SPI;
/// each measured run starts a fresh actor system and times from the first actor start to the last RecoveryCompleted.
/// </summary>
internal static class JournalRecoveryScenario
{
    private const string SinglePersistenceId = "single";
    private const int WriteChunkEvents = 10_000;

    private sealed class Recoverer : ReceivePersistentActor
    {
        private readonly string _persistenceId;
        private long _count;
        private double _watts;

        public Recoverer(string persistenceId, Action<long> recovered)
        {
            _persistenceId = persistenceId;
            Recover<PowerSample>(sample =>
            {
                _count++;
                _watts += sample.Watts;
            });
            Recover<RecoveryCompleted>(_ => recovered(_count));
        }

        public override string PersistenceId => _persistenceId;
    }

    private sealed class RecoveryCountdown(int actors, long eventsPerActor)
    {
        private int _left = actors;
        private long _wrong;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Recovered(long events)
        {
            if (events != eventsPerActor) Interlocked.Increment(ref _wrong);
            if (Interlocked.Decrement(ref _left) == 0)
            {
                if (Interlocked.Read(ref _wrong) == 0) Done.TrySetResult();
                else Done.TrySetException(new InvalidOperationException($"{_wrong} actors did not recover {eventsPerActor} events"));
            }
        }
    }

    private static string ManyPersistenceId(int i) => $"many-{i:D5}";

    public static async Task Run(string[] args)
    {
        var options = JournalBenchmarkOptions.Parse("journal-recovery", args);
        if (options.Backend == "in-memory")
        {
            Console.WriteLine("journal-recovery: the in-memory journal keeps nothing across actor systems; use sqlite or postgres");
            return;
        }
        var singleEvents = options.Events is { } e ? e * 1_000 : 1_000_000;
        var actors = options.Actors ?? 1_000;
        var eventsPerActor = options.Events ?? 1_000;
        await using var backend = await JournalBackend.CreateAsync(options.Backend).ConfigureAwait(false);
        if (backend is null) return;

        var prepare = Stopwatch.StartNew();
        await PrepareAsync(backend, singleEvents, actors, eventsPerActor, options.Interleave).ConfigureAwait(false);
        await backend.SettleAsync().ConfigureAwait(false);
        Console.WriteLine($"prepared {singleEvents + (long)actors * eventsPerActor} events in {prepare.Elapsed.TotalSeconds:F1} s");

        var singleRates = new List<double>();
        var manyRates = new List<double>();
        for (var run = 1; run <= options.Runs; run++)
        {
            singleRates.Add(await RecoverAsync(backend, run, "one-actor", 1, singleEvents, _ => SinglePersistenceId, options.Profile).ConfigureAwait(false));
            manyRates.Add(await RecoverAsync(backend, run, "many-actors", actors, eventsPerActor, ManyPersistenceId, options.Profile).ConfigureAwait(false));
        }
        if (options.Runs > 1)
        {
            Result.Print("journal-recovery", ("backend", backend.Name), ("case", "one-actor"), ("runs", options.Runs), ("median_events_per_s", Result.Median(singleRates)));
            Result.Print("journal-recovery", ("backend", backend.Name), ("case", "many-actors"), ("runs", options.Runs), ("median_events_per_s", Result.Median(manyRates)));
        }
        if (options.Profile) await ProfileAsync(backend, singleEvents, actors).ConfigureAwait(false);
    }

    /// <summary>Writes the events with the journal SPI: one stream of <paramref name="singleEvents"/>, then <paramref name="actors"/> streams interleaved <paramref name="perRound"/> events at a time.</summary>
    private static async Task PrepareAsync(JournalBackend backend, int singleEvents, int actors, int eventsPerActor, int perRound)
    {
        using var system = ActorSystem.Create("journal-recovery-prepare", backend.Config);
        var serializer = JournalBackend.RegisterEvents(system);
        var journal = Persistence.Persistence.Instance.Apply(system).JournalPluginFor();
        var writer = Guid.NewGuid().ToString("N");
        var time = DateTimeOffset.UtcNow;

        Persistent Event(string persistenceId, long sequenceNr)
        {
            var payload = serializer.Serialize(new PowerSample(230.0 + (sequenceNr & 15), sequenceNr), out var manifest);
            return new Persistent(payload, sequenceNr, persistenceId, manifest, false, writer, time.AddTicks(sequenceNr), []);
        }

        var batch = new List<AtomicWrite>();
        var batchEvents = 0;
        async Task AddAsync(AtomicWrite write)
        {
            batch.Add(write);
            batchEvents += write.Payload.Count;
            if (batchEvents >= WriteChunkEvents) await FlushAsync().ConfigureAwait(false);
        }
        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var results = await journal.WriteMessagesAsync(batch).ConfigureAwait(false);
            if (results.FirstOrDefault(r => r is not null) is { } rejected) throw rejected;
            batch = [];
            batchEvents = 0;
        }

        // The single stream: chunks of 1,000 events per atomic write, 10 writes per batch.
        for (long from = 1; from <= singleEvents; from += 1_000)
        {
            var to = Math.Min(singleEvents, from + 999);
            await AddAsync(new AtomicWrite([.. Enumerable.Range(0, (int)(to - from + 1)).Select(k => Event(SinglePersistenceId, from + k))])).ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);

        // The many streams, interleaved as concurrent actors would write them: rounds of perRound events per actor.
        for (long from = 1; from <= eventsPerActor; from += perRound)
        {
            var to = Math.Min(eventsPerActor, from + perRound - 1);
            for (var i = 0; i < actors; i++)
            {
                var id = ManyPersistenceId(i);
                await AddAsync(new AtomicWrite([.. Enumerable.Range(0, (int)(to - from + 1)).Select(k => Event(id, from + k))])).ConfigureAwait(false);
            }
        }
        await FlushAsync().ConfigureAwait(false);
        await system.Terminate().ConfigureAwait(false);
    }

    private static async Task<double> RecoverAsync(JournalBackend backend, int run, string name, int actors, long eventsPerActor, Func<int, string> persistenceId, bool profile)
    {
        using var system = ActorSystem.Create("journal-recovery", backend.Config);
        JournalBackend.RegisterEvents(system);
        var countdown = new RecoveryCountdown(actors, eventsPerActor);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcsBefore = GC.CollectionCount(0);

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < actors; i++)
        {
            var id = persistenceId(i);
            system.ActorOf(Props.Create(() => new Recoverer(id, countdown.Recovered)));
        }
        await countdown.Done.Task.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var gcs = GC.CollectionCount(0) - gcsBefore;

        var total = actors * eventsPerActor;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var values = new List<(string, object)>
        {
            ("backend", backend.Name), ("case", name), ("run", run), ("actors", actors), ("events_per_actor", eventsPerActor),
            ("seconds", seconds), ("events_per_s", total / seconds),
        };
        if (profile)
        {
            // Summed over replays; with many actors they overlap (and wait for connections), so only the single one is a split.
            if (actors == 1) values.Add(("journal_replay_s", JournalBackend.LastJournal!.ReplayTime.TotalSeconds));
            if (JournalBackend.LastJournal!.Inner is Polca.Persistence.Sqlite.SqliteJournal sqlite)
            {
                // Coalesced replays: how many passes served the actors' replays, and how many replays joined a running pass.
                values.Add(("replay_passes", sqlite.ReplayPasses));
                values.Add(("replays_joined", sqlite.ReplayJoins));
            }
            else if (JournalBackend.LastJournal!.Inner is Polca.Persistence.Postgres.PostgresJournal postgres)
            {
                // Coalesced replays and highest sequence number reads: how many passes and batches served the actors.
                values.Add(("replay_passes", postgres.ReplayPasses));
                values.Add(("highest_reads", postgres.HighestReads));
            }
            values.Add(("alloc_bytes_per_event", (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)total));
            // CPU time of the whole process over the run (both cores busy: about twice the seconds) and gen0 collections.
            values.Add(("cpu_s", cpu.TotalSeconds));
            values.Add(("gen0_collections", gcs));
        }
        Result.Print("journal-recovery", [.. values]);
        await system.Terminate().ConfigureAwait(false);
        return total / seconds;
    }

    /// <summary>
    /// The actor side of recovery alone: the same serialized events replayed from the in-memory journal (no storage)
    /// into one actor, through the journal actor, the mailbox, deserialization and the recovery handler.
    /// </summary>
    private static async Task<TimeSpan> RecoverFromMemoryAsync(List<Persistent> events)
    {
        await using var memory = (await JournalBackend.CreateAsync("in-memory").ConfigureAwait(false))!;
        using var system = ActorSystem.Create("journal-recovery-memory", memory.Config);
        JournalBackend.RegisterEvents(system);
        var journal = Persistence.Persistence.Instance.Apply(system).JournalPluginFor();
        foreach (var chunk in events.Chunk(WriteChunkEvents))
            await journal.WriteMessagesAsync([new AtomicWrite(chunk)]).ConfigureAwait(false);
        var countdown = new RecoveryCountdown(1, events.Count);
        var stopwatch = Stopwatch.StartNew();
        system.ActorOf(Props.Create(() => new Recoverer(SinglePersistenceId, countdown.Recovered)));
        await countdown.Done.Task.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        stopwatch.Stop();
        await system.Terminate().ConfigureAwait(false);
        return stopwatch.Elapsed;
    }

    /// <summary>
    /// Where recovery time goes, outside actors: reading the single stream through the journal SPI with a callback that
    /// does nothing (storage and row decoding), and deserializing its payloads in a loop (JSON).
    /// </summary>
    private static async Task ProfileAsync(JournalBackend backend, int singleEvents, int actors)
    {
        using var system = ActorSystem.Create("journal-recovery-profile", backend.Config);
        var serializer = JournalBackend.RegisterEvents(system);
        var journal = Persistence.Persistence.Instance.Apply(system).JournalPluginFor();
        var payloads = new List<Persistent>(singleEvents);
        await journal.ReplayMessagesAsync(SinglePersistenceId, 1, long.MaxValue, long.MaxValue, _ => { }).ConfigureAwait(false); // warm-up
        var read = Stopwatch.StartNew();
        long count = 0;
        await journal.ReplayMessagesAsync(SinglePersistenceId, 1, long.MaxValue, long.MaxValue, _ => count++).ConfigureAwait(false);
        read.Stop();
        await journal.ReplayMessagesAsync(SinglePersistenceId, 1, long.MaxValue, long.MaxValue, payloads.Add).ConfigureAwait(false);
        foreach (var p in payloads.Take(10_000)) serializer.Deserialize((byte[])p.Payload, p.Manifest); // warm-up
        var deserialize = Stopwatch.StartNew();
        foreach (var p in payloads) serializer.Deserialize((byte[])p.Payload, p.Manifest);
        deserialize.Stop();
        var actorOnly = await RecoverFromMemoryAsync(payloads).ConfigureAwait(false);
        Result.Print("journal-recovery-profile", ("backend", backend.Name), ("case", "one-actor"), ("events", count),
            ("spi_replay_s", read.Elapsed.TotalSeconds), ("spi_replay_events_per_s", count / read.Elapsed.TotalSeconds),
            ("deserialize_s", deserialize.Elapsed.TotalSeconds), ("deserialize_events_per_s", payloads.Count / deserialize.Elapsed.TotalSeconds),
            ("actor_from_memory_s", actorOnly.TotalSeconds), ("actor_from_memory_events_per_s", payloads.Count / actorOnly.TotalSeconds));

        // The many streams through the SPI as the journal actor reads them (highest sequence number, then the events),
        // all at once and one after the other.
        async Task<long> ReplayOne(string id)
        {
            long events = 0;
            var highest = await journal.ReadHighestSequenceNrAsync(id, 1).ConfigureAwait(false);
            await journal.ReplayMessagesAsync(id, 1, highest, long.MaxValue, _ => Interlocked.Increment(ref events)).ConfigureAwait(false);
            return events;
        }
        var concurrent = Stopwatch.StartNew();
        var concurrentEvents = (await Task.WhenAll(Enumerable.Range(0, actors).Select(i => ReplayOne(ManyPersistenceId(i)))).ConfigureAwait(false)).Sum();
        concurrent.Stop();
        var sequential = Stopwatch.StartNew();
        long sequentialEvents = 0;
        for (var i = 0; i < actors; i++) sequentialEvents += await ReplayOne(ManyPersistenceId(i)).ConfigureAwait(false);
        sequential.Stop();
        Result.Print("journal-recovery-profile", ("backend", backend.Name), ("case", "many-actors"), ("events", concurrentEvents),
            ("spi_concurrent_s", concurrent.Elapsed.TotalSeconds), ("spi_concurrent_events_per_s", concurrentEvents / concurrent.Elapsed.TotalSeconds),
            ("spi_sequential_s", sequential.Elapsed.TotalSeconds), ("spi_sequential_events_per_s", sequentialEvents / sequential.Elapsed.TotalSeconds));
        await system.Terminate().ConfigureAwait(false);
    }
}
