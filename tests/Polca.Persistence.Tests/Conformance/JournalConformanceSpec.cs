using Polca.Persistence.Tests.Services;
using FsCheck;
using FsCheck.Fluent;
using static Polca.Persistence.Tests.Conformance.JournalTestData;
using CheckConfig = FsCheck.Config;

namespace Polca.Persistence.Tests.Conformance;

/// <summary>
/// What every journal must do, whatever stores it: derive once per journal and implement <see cref="CreateJournalAsync"/>.
/// xunit makes a new instance per test; each instance must start on EMPTY storage (its own file, schema or database).
/// The journal under test must also implement <see cref="IEventLog"/>.
/// </summary>
public abstract class JournalConformanceSpec : IAsyncLifetime
{
    private AsyncWriteJournal? _journal;

    /// <summary>
    /// Opens the journal under test. Called once when a test starts, and again by the durability case after the
    /// previous journal was disposed: every call of one test instance must open the SAME storage.
    /// </summary>
    protected abstract Task<AsyncWriteJournal> CreateJournalAsync();

    /// <summary>Closes a journal (the storage stays: the durability case reopens it). The default disposes it.</summary>
    protected virtual Task DisposeJournalAsync(AsyncWriteJournal journal) => journal.DisposeAsync().AsTask();

    /// <summary>Removes this test instance's storage (temp file, schema) after the last journal was disposed. The default does nothing.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    /// <summary>True when the journal keeps its data across close and reopen (false for in-memory journals: that case is then skipped).</summary>
    protected virtual bool SupportsReopen => true;

    /// <summary>
    /// Makes the next write batch fail in storage part-way through (after some of its rows reached storage), e.g. a
    /// full disk. Returns false when the journal under test cannot simulate that (that case then passes vacuously).
    /// </summary>
    protected virtual Task<bool> InjectWriteFailureAsync(AsyncWriteJournal journal) => Task.FromResult(false);

    /// <summary>Undoes <see cref="InjectWriteFailureAsync"/> so writes succeed again.</summary>
    protected virtual Task ClearWriteFailureAsync(AsyncWriteJournal journal) => Task.CompletedTask;

    /// <summary>The journal of the running test.</summary>
    protected AsyncWriteJournal Journal => _journal ?? throw new InvalidOperationException("the journal is not open");

    /// <summary>The journal of the running test, as an event log.</summary>
    protected IEventLog Log => (IEventLog)Journal;

    /// <summary>Opens the journal.</summary>
    public async Task InitializeAsync()
    {
        _journal = await CreateJournalAsync();
        Assert.IsAssignableFrom<IEventLog>(_journal);
    }

    /// <summary>Closes the journal and deletes the storage.</summary>
    public async Task DisposeAsync()
    {
        if (_journal is not null) await DisposeJournalAsync(_journal);
        _journal = null;
        await DeleteStorageAsync();
    }

    [ServiceFact]
    public async Task Events_replay_in_order_with_contiguous_sequence_numbers_and_their_fields()
    {
        await WriteAllAsync(Write("a", 1, 3, "t1"));
        await WriteAllAsync(Write("a", 4), Write("b", 1), Write("a", 5, 1, "t1", "t2"));

        var replayed = await ReplayAsync("a");

        Assert.Equal([1L, 2, 3, 4, 5], replayed.Select(e => e.SequenceNr));
        foreach (var e in replayed)
        {
            Assert.Equal("a", e.PersistenceId);
            Assert.Equal(PayloadOf("a", e.SequenceNr), Assert.IsType<byte[]>(e.Payload));
            Assert.Equal(Manifest, e.Manifest);
            Assert.Equal(Writer, e.WriterGuid);
            Assert.Equal(TimestampOf(e.SequenceNr), e.Timestamp);
            Assert.False(e.IsDeleted);
        }
        Assert.Equal(["t1"], replayed[0].Tags);
        Assert.Empty(replayed[3].Tags);
        Assert.Equal(["t1", "t2"], replayed[4].Tags.Order());
    }

    [ServiceFact]
    public async Task Replay_honours_from_to_and_max()
    {
        await WriteAllAsync(Write("a", 1, 10));

        Assert.Equal([3L, 4, 5, 6, 7], (await ReplayAsync("a", 3, 7)).Select(e => e.SequenceNr));
        Assert.Equal([3L, 4], (await ReplayAsync("a", 3, 7, 2)).Select(e => e.SequenceNr));
        Assert.Equal([8L, 9, 10], (await ReplayAsync("a", 8, 100)).Select(e => e.SequenceNr));
        Assert.Equal([1L], (await ReplayAsync("a", 0, 1)).Select(e => e.SequenceNr));
        Assert.Empty(await ReplayAsync("a", 1, long.MaxValue, 0));
        Assert.Empty(await ReplayAsync("a", 11, 20));
        Assert.Empty(await ReplayAsync("a", 5, 4));
    }

    [ServiceFact]
    public async Task Replay_of_an_unknown_persistence_id_is_empty()
    {
        Assert.Empty(await ReplayAsync("nobody"));
        await WriteAllAsync(Write("a", 1, 2));
        Assert.Empty(await ReplayAsync("nobody"));
        Assert.Empty(await ReplayAsync("A"));
        Assert.Empty(await CollectAsync(Log.ReadByPersistenceId("nobody", 1, long.MaxValue)));
    }

    [ServiceFact]
    public async Task Highest_sequence_number_is_zero_for_an_unknown_persistence_id()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody", 0));
        await WriteAllAsync(Write("a", 1, 2));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody", 0));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody", 5));
    }

    /// <summary>fromSequenceNr is a hint (where recovery starts): the answer is the highest ever written, whatever the hint.</summary>
    [ServiceFact]
    public async Task Highest_sequence_number_is_the_last_written_whatever_the_from_hint()
    {
        await WriteAllAsync(Write("a", 1, 3), Write("b", 1, 7));
        await WriteAllAsync(Write("a", 4, 2));

        foreach (var from in new long[] { 0, 1, 3, 5, 6 }) Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a", from));
        Assert.Equal(7, await Journal.ReadHighestSequenceNrAsync("b", 0));

        await WriteAllAsync(Write("a", 6));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("a", 5));
    }

    [ServiceFact]
    public async Task Deleting_hides_events_from_replay_and_queries_and_keeps_the_highest()
    {
        await WriteAllAsync(Write("a", 1, 5, "t"), Write("b", 1, 2, "t"));

        await Journal.DeleteMessagesToAsync("a", 3);

        Assert.Equal([4L, 5], (await ReplayAsync("a")).Select(e => e.SequenceNr));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal([4L, 5], (await CollectAsync(Log.ReadByPersistenceId("a", 1, long.MaxValue))).Select(s => s.Event.SequenceNr));
        Assert.Equal(["a4", "a5", "b1", "b2"], Names(await CollectAsync(Log.ReadAll(0))));
        Assert.Equal(["a4", "a5", "b1", "b2"], Names(await CollectAsync(Log.ReadByTag("t", 0))));
        Assert.Equal([1L, 2], (await ReplayAsync("b")).Select(e => e.SequenceNr));

        await Journal.DeleteMessagesToAsync("a", 2);
        Assert.Equal([4L, 5], (await ReplayAsync("a")).Select(e => e.SequenceNr));

        await Journal.DeleteMessagesToAsync("a", 5);
        Assert.Empty(await ReplayAsync("a"));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync("a", 0));

        await WriteAllAsync(Write("a", 6));
        Assert.Equal([6L], (await ReplayAsync("a")).Select(e => e.SequenceNr));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [ServiceFact]
    public async Task Deleting_beyond_the_highest_deletes_what_exists_and_spares_later_events()
    {
        await WriteAllAsync(Write("a", 1, 3));

        await Journal.DeleteMessagesToAsync("a", 100);
        Assert.Empty(await ReplayAsync("a"));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));

        await WriteAllAsync(Write("a", 4, 2));
        Assert.Equal([4L, 5], (await ReplayAsync("a")).Select(e => e.SequenceNr));

        await Journal.DeleteMessagesToAsync("nobody", 10);
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody", 0));
    }

    [ServiceFact]
    public async Task A_sequence_number_used_before_a_deletion_stays_used()
    {
        await WriteAllAsync(Write("a", 1, 3));
        await Journal.DeleteMessagesToAsync("a", 3);

        var results = await Journal.WriteMessagesAsync([Write("a", 2)]);

        Assert.NotNull(results[0]);
        Assert.Empty(await ReplayAsync("a"));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [ServiceFact]
    public async Task Tagged_events_read_by_tag_in_global_order_from_an_offset()
    {
        await WriteAllAsync(Write("a", 1, 1, "t1"), Write("b", 1, 1, "t1", "t2"));
        await WriteAllAsync(Write("a", 2, 1, "t2"), Write("b", 2));
        await WriteAllAsync(Write("a", 3, 1, "t1", "t2"), Write("c", 1, 1, "dup", "dup"));

        var t1 = await CollectAsync(Log.ReadByTag("t1", 0));
        var t2 = await CollectAsync(Log.ReadByTag("t2", 0));

        Assert.Equal(["a1", "b1", "a3"], Names(t1));
        Assert.Equal(["b1", "a2", "a3"], Names(t2));
        AssertIncreasing(t1);
        AssertIncreasing(t2);
        Assert.Equal(["t1", "t2"], t1[1].Event.Tags.Order());
        Assert.Equal(PayloadOf("b", 1), t1[1].Event.Payload);
        Assert.Equal(["a3"], Names(await CollectAsync(Log.ReadByTag("t1", t1[1].Ordering))));
        Assert.Equal(["a2", "a3"], Names(await CollectAsync(Log.ReadByTag("t2", t1[1].Ordering))));
        Assert.Empty(await CollectAsync(Log.ReadByTag("t1", t1[2].Ordering)));
        Assert.Equal(["c1"], Names(await CollectAsync(Log.ReadByTag("dup", 0))));
        Assert.Empty(await CollectAsync(Log.ReadByTag("nothing", 0)));
    }

    [ServiceFact]
    public async Task ReadAll_returns_every_event_in_global_order_from_an_offset()
    {
        await WriteAllAsync(Write("a", 1, 2), Write("b", 1));
        await WriteAllAsync(Write("a", 3), Write("c", 1, 2));

        var all = await CollectAsync(Log.ReadAll(0));

        Assert.Equal(["a1", "a2", "b1", "a3", "c1", "c2"], Names(all));
        AssertIncreasing(all);
        Assert.True(all[0].Ordering > 0);
        Assert.Equal(["a3", "c1", "c2"], Names(await CollectAsync(Log.ReadAll(all[2].Ordering))));
        Assert.Empty(await CollectAsync(Log.ReadAll(all[^1].Ordering)));
        Assert.Equal(PayloadOf("c", 2), all[^1].Event.Payload);
    }

    [ServiceFact]
    public async Task ReadByPersistenceId_honours_bounds_across_many_events()
    {
        await WriteAllAsync(Write("a", 1, 12), Write("b", 1, 3));
        await WriteAllAsync(Write("a", 13, 13));

        var all = await CollectAsync(Log.ReadByPersistenceId("a", 1, long.MaxValue));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), all.Select(s => s.Event.SequenceNr));
        AssertIncreasing(all);
        Assert.Equal(Enumerable.Range(5, 13).Select(i => (long)i),
            (await CollectAsync(Log.ReadByPersistenceId("a", 5, 17))).Select(s => s.Event.SequenceNr));
        Assert.Empty(await CollectAsync(Log.ReadByPersistenceId("a", 26, 30)));
    }

    [ServiceFact]
    public async Task ReadPersistenceIds_lists_each_id_once_in_order_of_first_appearance()
    {
        Assert.Empty(await CollectAsync(Log.ReadPersistenceIds()));

        await WriteAllAsync(Write("b", 1), Write("a", 1));
        await WriteAllAsync(Write("b", 2), Write("c", 1, 3), Write("a", 2));

        Assert.Equal(["b", "a", "c"], await CollectAsync(Log.ReadPersistenceIds()));
    }

    [ServiceFact]
    public async Task Concurrent_writers_all_land_contiguous_while_readers_replay()
    {
        const int writers = 8;
        const int batchesPerWriter = 30;
        var written = new long[writers];
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var id = $"w{w}";
            for (var b = 0; b < batchesPerWriter; b++)
            {
                var count = 1 + ((w + b) % 3);
                await WriteAllAsync(Write(id, written[w] + 1, count, $"tag{w % 2}"));
                written[w] += count;
            }
        })).ToArray();
        var reading = Task.Run(async () =>
        {
            while (!writing.All(t => t.IsCompleted))
            {
                var seen = await ReplayAsync("w0");
                Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen.Select(e => e.SequenceNr));
                await Task.Yield();
            }
        });
        await Task.WhenAll(writing);
        await reading;

        for (var w = 0; w < writers; w++)
        {
            var replayed = await ReplayAsync($"w{w}");
            Assert.Equal(Enumerable.Range(1, (int)written[w]).Select(i => (long)i), replayed.Select(e => e.SequenceNr));
            Assert.Equal(written[w], await Journal.ReadHighestSequenceNrAsync($"w{w}", 0));
        }
        var all = await CollectAsync(Log.ReadAll(0));
        Assert.Equal(written.Sum(), all.Count);
        AssertIncreasing(all);
        foreach (var group in all.GroupBy(s => s.Event.PersistenceId))
            Assert.Equal(group.Select(s => s.Event.SequenceNr).Order(), group.Select(s => s.Event.SequenceNr));
        var tagged = await CollectAsync(Log.ReadByTag("tag0", 0));
        Assert.Equal(all.Where(s => s.Event.Tags.Contains("tag0")).Select(s => s.Ordering), tagged.Select(s => s.Ordering));
    }

    [ServiceFact]
    public async Task Reusing_sequence_numbers_is_rejected_while_the_rest_of_the_batch_is_written()
    {
        await WriteAllAsync(Write("a", 1, 3));
        var duplicate = new AtomicWrite([Event("a", 3, [9, 9, 9])]);

        var results = await Journal.WriteMessagesAsync([Write("b", 1), duplicate, Write("c", 1, 2), Write("a", 4)]);

        Assert.Equal(4, results.Count);
        Assert.Null(results[0]);
        Assert.NotNull(results[1]);
        Assert.Null(results[2]);
        Assert.Null(results[3]);
        var a = await ReplayAsync("a");
        Assert.Equal([1L, 2, 3, 4], a.Select(e => e.SequenceNr));
        Assert.Equal(PayloadOf("a", 3), a[2].Payload);
        Assert.Single(await ReplayAsync("b"));
        Assert.Equal(2, (await ReplayAsync("c")).Count);
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [ServiceFact]
    public async Task A_rejected_atomic_write_leaves_none_of_its_events()
    {
        // "a" has only event 3: an atomic write of 1..3 collides on its last event, after 1 and 2 were accepted.
        await WriteAllAsync(Write("a", 3));
        await WriteAllAsync(Write("b", 1, 2));

        var results = await Journal.WriteMessagesAsync([Write("a", 1, 3, "rejected"), Write("b", 3, 1, "kept"), Write("b", 2, 2, "rejected")]);

        Assert.NotNull(results[0]);
        Assert.Null(results[1]);
        Assert.NotNull(results[2]);
        Assert.Equal([3L], (await ReplayAsync("a")).Select(e => e.SequenceNr));
        Assert.Equal([1L, 2, 3], (await ReplayAsync("b")).Select(e => e.SequenceNr));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Empty(await CollectAsync(Log.ReadByTag("rejected", 0)));
        Assert.Equal(["b3"], Names(await CollectAsync(Log.ReadByTag("kept", 0))));
        Assert.Equal(["a3", "b1", "b2", "b3"], Names(await CollectAsync(Log.ReadAll(0))));
    }

    [ServiceFact]
    public async Task Large_and_empty_payloads_round_trip_byte_exact()
    {
        var large = RandomBytes(1024 * 1024, 42);
        var medium = RandomBytes(70_000, 7);
        await WriteAllAsync(WriteWithPayload("a", 1, large), WriteWithPayload("a", 2, []), WriteWithPayload("a", 3, [0]), WriteWithPayload("a", 4, medium));

        var replayed = await ReplayAsync("a");
        Assert.Equal(4, replayed.Count);
        Assert.Equal(large, replayed[0].Payload);
        Assert.Equal(Array.Empty<byte>(), replayed[1].Payload);
        Assert.Equal(new byte[] { 0 }, replayed[2].Payload);
        Assert.Equal(medium, replayed[3].Payload);
        var read = await CollectAsync(Log.ReadAll(0));
        Assert.Equal(large, read[0].Event.Payload);
        Assert.Equal(medium, read[3].Event.Payload);
    }

    [ServiceFact]
    public async Task Many_small_batches_keep_their_order()
    {
        string[] ids = ["x", "y", "z"];
        var next = new Dictionary<string, long> { ["x"] = 1, ["y"] = 1, ["z"] = 1 };
        var expected = new List<string>();
        for (var i = 0; i < 240; i++)
        {
            var id = ids[(i * 7 + i / 5) % 3];
            await WriteAllAsync(Write(id, next[id]));
            expected.Add($"{id}{next[id]++}");
        }

        Assert.Equal(expected, Names(await CollectAsync(Log.ReadAll(0))));
        foreach (var id in ids)
            Assert.Equal(Enumerable.Range(1, (int)next[id] - 1).Select(i => (long)i), (await ReplayAsync(id)).Select(e => e.SequenceNr));
    }

    [ServiceFact]
    public async Task A_batch_that_fails_in_storage_writes_nothing_and_keeps_earlier_writes()
    {
        await WriteAllAsync(Write("a", 1, 3, "t"), Write("b", 1));
        if (!await InjectWriteFailureAsync(Journal)) return;
        AtomicWrite[] batch =
        [
            .. Enumerable.Range(0, 10).Select(i => new AtomicWrite([Event("a", 4 + i, RandomBytes(64 * 1024, i), "t")])),
            Write("b", 2, 3),
            Write("c", 1),
        ];

        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteMessagesAsync(batch));
        await ClearWriteFailureAsync(Journal);

        Assert.Equal([1L, 2, 3], (await ReplayAsync("a")).Select(e => e.SequenceNr));
        Assert.Equal([1L], (await ReplayAsync("b")).Select(e => e.SequenceNr));
        Assert.Empty(await ReplayAsync("c"));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("c", 0));
        Assert.Equal(["a1", "a2", "a3", "b1"], Names(await CollectAsync(Log.ReadAll(0))));
        Assert.Equal(3, (await CollectAsync(Log.ReadByTag("t", 0))).Count);

        Assert.All(await Journal.WriteMessagesAsync(batch), Assert.Null);
        Assert.Equal(13, (await ReplayAsync("a")).Count);
        Assert.Equal(RandomBytes(64 * 1024, 9), (await ReplayAsync("a", 13, 13))[0].Payload);
    }

    [ServiceFact]
    public async Task Events_survive_closing_and_reopening_the_journal()
    {
        if (!SupportsReopen) return;
        await WriteAllAsync(Write("a", 1, 3, "t"), Write("b", 1));
        await Journal.DeleteMessagesToAsync("a", 1);
        var before = await CollectAsync(Log.ReadAll(0));

        await ReopenAsync();

        Assert.Equal([2L, 3], (await ReplayAsync("a")).Select(e => e.SequenceNr));
        Assert.Equal(PayloadOf("a", 2), (await ReplayAsync("a"))[0].Payload);
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("a", 0));
        var after = await CollectAsync(Log.ReadAll(0));
        Assert.Equal(before.Select(s => s.Ordering), after.Select(s => s.Ordering));
        Assert.Equal(["a2", "a3"], Names(await CollectAsync(Log.ReadByTag("t", 0))));
        Assert.Equal(["a", "b"], await CollectAsync(Log.ReadPersistenceIds()));
        Assert.NotNull((await Journal.WriteMessagesAsync([Write("a", 3)]))[0]);

        await WriteAllAsync(Write("a", 4));
        var last = await CollectAsync(Log.ReadAll(after[^1].Ordering));
        Assert.Equal(["a4"], Names(last));
    }

    [ServiceFact]
    public void Random_batches_read_back_as_written()
    {
        var run = 0;
        var batches = Gen.Choose(0, 3).Zip(Gen.Choose(1, 3), (id, count) => (id, count)).NonEmptyListOf().ListOf().ToArbitrary();
        Check.One(CheckConfig.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(batches, generated =>
        {
            var prefix = $"r{run++}-";
            var next = new long[4];
            var expected = new List<string>();
            foreach (var batch in generated)
            {
                var writes = new List<AtomicWrite>();
                foreach (var (idIndex, count) in batch)
                {
                    writes.Add(Write(prefix + idIndex, next[idIndex] + 1, count));
                    for (var i = 0; i < count; i++) expected.Add($"{prefix}{idIndex}{++next[idIndex]}");
                }
                var results = Journal.WriteMessagesAsync(writes).GetAwaiter().GetResult();
                if (results.Any(r => r is not null)) return false;
            }
            var all = CollectAsync(Log.ReadAll(0)).GetAwaiter().GetResult().Where(s => s.Event.PersistenceId.StartsWith(prefix, StringComparison.Ordinal));
            if (!Names(all).SequenceEqual(expected)) return false;
            for (var id = 0; id < 4; id++)
            {
                var replayed = ReplayAsync(prefix + id).GetAwaiter().GetResult();
                if (!replayed.Select(e => e.SequenceNr).SequenceEqual(Enumerable.Range(1, (int)next[id]).Select(i => (long)i))) return false;
                if (Journal.ReadHighestSequenceNrAsync(prefix + id, 0).GetAwaiter().GetResult() != next[id]) return false;
            }
            return true;
        }));
    }

    /// <summary>Many replays at once (a journal may serve them together): each gets exactly its id's events within its own bounds, in order.</summary>
    [ServiceFact]
    public async Task Concurrent_replays_of_many_ids_with_different_bounds_each_get_their_own_events()
    {
        const int ids = 24;
        const int rounds = 6;
        // Interleaved as concurrent writers leave them: every round writes 1 to 3 events of every id.
        var highest = new long[ids];
        for (var round = 0; round < rounds; round++)
        {
            var writes = new List<AtomicWrite>();
            for (var id = 0; id < ids; id++)
            {
                var count = 1 + ((id + round) % 3);
                writes.Add(Write($"r{id}", highest[id] + 1, count));
                highest[id] += count;
            }
            await WriteAllAsync([.. writes]);
        }
        await Journal.DeleteMessagesToAsync("r5", 4);

        // Per id: all, a middle range, a max, an empty range; two replays of r7 and r0 at once with different bounds.
        var cases = Enumerable.Range(0, ids).Select(id => (Id: $"r{id}", From: 1L, To: long.MaxValue, Max: long.MaxValue))
            .Concat(Enumerable.Range(0, ids).Select(id => (Id: $"r{id}", From: 3L, To: 7L, Max: long.MaxValue)))
            .Concat(Enumerable.Range(0, ids).Select(id => (Id: $"r{id}", From: 2L, To: long.MaxValue, Max: 4L)))
            .Append((Id: "r7", From: 9L, To: 8L, Max: long.MaxValue))
            .Append((Id: "r0", From: 1L, To: long.MaxValue, Max: 0L))
            .Append((Id: "nobody", From: 1L, To: long.MaxValue, Max: long.MaxValue))
            .ToList();
        var replays = cases.Select(c => ReplayAsync(c.Id, c.From, c.To, c.Max)).ToList();
        var replayed = await Task.WhenAll(replays);

        for (var i = 0; i < cases.Count; i++)
        {
            var (id, from, to, max) = cases[i];
            var last = id.StartsWith('r') ? highest[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)] : 0;
            var deletedTo = id == "r5" ? 4 : 0;
            var expected = Enumerable.Range(1, (int)last).Select(n => (long)n)
                .Where(n => n >= from && n <= to && n > deletedTo).Take((int)Math.Min(max, int.MaxValue)).ToList();
            Assert.Equal(expected, replayed[i].Select(e => e.SequenceNr));
            Assert.All(replayed[i], e => Assert.Equal(id, e.PersistenceId));
            Assert.All(replayed[i], e => Assert.Equal(PayloadOf(id, e.SequenceNr), Assert.IsType<byte[]>(e.Payload)));
        }
    }

    /// <summary>A replay whose callback throws fails with that exception; the replays running with it are not disturbed.</summary>
    [ServiceFact]
    public async Task A_replay_whose_callback_throws_fails_alone()
    {
        const int ids = 16;
        for (var round = 0; round < 4; round++)
            await WriteAllAsync([.. Enumerable.Range(0, ids).Select(id => Write($"f{id}", round * 2 + 1, 2))]);

        var thrown = new InvalidOperationException("the recovery handler failed");
        var failingSeen = new List<long>();
        // Started on the thread pool: a journal may also throw before returning its task.
        var failing = Task.Run(() => Journal.ReplayMessagesAsync("f3", 1, long.MaxValue, long.MaxValue, e =>
        {
            failingSeen.Add(e.SequenceNr);
            if (e.SequenceNr == 3) throw thrown;
        }));
        var others = Enumerable.Range(0, ids).Where(id => id != 3).Select(id => ReplayAsync($"f{id}")).ToList();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Same(thrown, e);
        Assert.Equal([1L, 2, 3], failingSeen);
        foreach (var other in others) Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], (await other).Select(p => p.SequenceNr));
    }

    /// <summary>Closes the journal and opens it again on the same storage.</summary>
    protected async Task ReopenAsync()
    {
        await DisposeJournalAsync(Journal);
        _journal = null;
        _journal = await CreateJournalAsync();
    }

    /// <summary>Writes a batch and asserts that no write of it was rejected.</summary>
    protected async Task WriteAllAsync(params AtomicWrite[] writes)
    {
        var results = await Journal.WriteMessagesAsync(writes);
        Assert.Equal(writes.Length, results.Count);
        Assert.All(results, r => Assert.Null(r));
    }

    /// <summary>The events replay hands out for these bounds.</summary>
    protected async Task<List<Persistent>> ReplayAsync(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<Persistent>();
        await Journal.ReplayMessagesAsync(persistenceId, from, to, max, e =>
        {
            lock (replayed) replayed.Add(e);
        });
        return replayed;
    }

    /// <summary>Everything an async sequence yields.</summary>
    protected static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }

    /// <summary>"a3" for event 3 of "a".</summary>
    protected static List<string> Names(IEnumerable<StoredEvent> events) => events.Select(s => $"{s.Event.PersistenceId}{s.Event.SequenceNr}").ToList();

    private static void AssertIncreasing(IReadOnlyList<StoredEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
            Assert.True(events[i].Ordering > events[i - 1].Ordering, $"ordering {events[i].Ordering} after {events[i - 1].Ordering}");
    }
}
