using System.Text;
using Polca.Hocon;
using Polca.Persistence.Postgres;
using Polca.Persistence.Tests.Services;

namespace Polca.Persistence.Tests.Postgres;

/// <summary>The PostgreSQL journal's own behaviour: writes, replays, deletes, tags, rejections, queries and restarts.</summary>
public sealed class PostgresJournalSpec
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static Persistent Event(string id, long seq, string text, params string[] tags) =>
        new(Encoding.UTF8.GetBytes(text), seq, id, "test.Event", false, "writer-1", Epoch.AddTicks(seq * 12345), tags);

    private static AtomicWrite Write(string id, long from, long to, params string[] tags) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Event(id, s, $"{id}-{s}", tags)).ToArray());

    private static async Task<List<Persistent>> ReplayAsync(AsyncWriteJournal journal, string id, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<Persistent>();
        await journal.ReplayMessagesAsync(id, from, to, max, replayed.Add);
        return replayed;
    }

    private static string Text(Persistent e) => Encoding.UTF8.GetString((byte[])e.Payload);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }

    [PostgresFact]
    public async Task Writes_and_replays_every_field()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);

        var results = await journal.WriteMessagesAsync([Write("a", 1, 3, "red", "blue")]);

        Assert.Equal([null], results);
        var replayed = await ReplayAsync(journal, "a");
        Assert.Equal([1L, 2L, 3L], replayed.Select(e => e.SequenceNr));
        Assert.Equal(["a-1", "a-2", "a-3"], replayed.Select(Text));
        Assert.All(replayed, e =>
        {
            Assert.Equal("a", e.PersistenceId);
            Assert.Equal("test.Event", e.Manifest);
            Assert.Equal("writer-1", e.WriterGuid);
            Assert.False(e.IsDeleted);
            Assert.Equal(Epoch.AddTicks(e.SequenceNr * 12345), e.Timestamp);
            Assert.Equal(["red", "blue"], e.Tags);
        });
        Assert.Equal(3, await journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("nobody", 0));
    }

    [PostgresFact]
    public async Task Replay_honours_bounds_and_max()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        await journal.WriteMessagesAsync([Write("a", 1, 10)]);

        Assert.Equal([3L, 4L, 5L], (await ReplayAsync(journal, "a", 3, 5)).Select(e => e.SequenceNr));
        Assert.Equal([4L, 5L], (await ReplayAsync(journal, "a", 4, 10, 2)).Select(e => e.SequenceNr));
        Assert.Empty(await ReplayAsync(journal, "a", 1, 10, 0));
        Assert.Empty(await ReplayAsync(journal, "a", 11, 20));
        Assert.Empty(await ReplayAsync(journal, "b"));
    }

    [PostgresFact]
    public async Task Deletes_keep_the_highest_sequence_number()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        await journal.WriteMessagesAsync([Write("a", 1, 5, "t"), Write("b", 1, 2, "t")]);

        await journal.DeleteMessagesToAsync("a", 3);
        Assert.Equal([4L, 5L], (await ReplayAsync(journal, "a")).Select(e => e.SequenceNr));
        Assert.Equal(5, await journal.ReadHighestSequenceNrAsync("a", 0));

        await journal.DeleteMessagesToAsync("a", 100);
        Assert.Empty(await ReplayAsync(journal, "a"));
        Assert.Equal(5, await journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Empty(await ToListAsync(journal.ReadByPersistenceId("a", 1, long.MaxValue)));
        Assert.Equal(["b", "b"], (await ToListAsync(journal.ReadByTag("t", 0))).Select(s => s.Event.PersistenceId));
        Assert.Equal(["b", "b"], (await ToListAsync(journal.ReadAll(0))).Select(s => s.Event.PersistenceId));

        // A rewrite of a deleted sequence number is still a conflict; later events are written and not deleted.
        var results = await journal.WriteMessagesAsync([Write("a", 5, 5), Write("a", 6, 7, "t")]);
        Assert.IsType<InvalidOperationException>(results[0]);
        Assert.Null(results[1]);
        Assert.Equal([6L, 7L], (await ReplayAsync(journal, "a")).Select(e => e.SequenceNr));
        Assert.Equal(7, await journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [PostgresFact]
    public async Task Rejects_a_conflicting_write_alone()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        await journal.WriteMessagesAsync([Write("a", 1, 2)]);

        var results = await journal.WriteMessagesAsync(
        [
            Write("b", 1, 2),
            Write("a", 2, 3),      // conflicts with the table
            Write("a", 3, 4),      // fine: follows 2
            Write("a", 4, 4),      // conflicts with the write just before it in this batch
            Write("c", 1, 1),
        ]);

        Assert.Null(results[0]);
        Assert.Contains("already written", Assert.IsType<InvalidOperationException>(results[1]).Message);
        Assert.Null(results[2]);
        Assert.IsType<InvalidOperationException>(results[3]);
        Assert.Null(results[4]);
        Assert.Equal(["a-1", "a-2", "a-3", "a-4"], (await ReplayAsync(journal, "a")).Select(Text));
        Assert.Equal(["b-1", "b-2"], (await ReplayAsync(journal, "b")).Select(Text));
        Assert.Equal(["c-1"], (await ReplayAsync(journal, "c")).Select(Text));
    }

    [PostgresFact]
    public async Task Rejects_an_unserialized_payload_alone()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        var unserialized = new AtomicWrite([Event("x", 1, "x") with { Payload = "not bytes" }]);

        var results = await journal.WriteMessagesAsync([Write("a", 1, 1), unserialized]);

        Assert.Null(results[0]);
        Assert.IsType<ArgumentException>(results[1]);
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("x", 0));
        Assert.Equal(1, await journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [PostgresFact]
    public async Task A_database_failure_fails_the_whole_batch()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        // PostgreSQL text cannot hold NUL: the COPY fails after the first write was sent.
        var bad = new AtomicWrite([Event("b", 1, "b") with { Manifest = "bad\0manifest" }]);

        await Assert.ThrowsAnyAsync<Exception>(() => journal.WriteMessagesAsync([Write("a", 1, 3), bad]));

        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Empty(await ToListAsync(journal.ReadAll(0)));
        Assert.Equal([null], await journal.WriteMessagesAsync([Write("a", 1, 1)]));
    }

    [PostgresFact]
    public async Task Stores_large_payloads()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        var big = new byte[16 * 1024 * 1024];
        new Random(42).NextBytes(big);
        var e = Event("big", 1, "") with { Payload = big };

        Assert.Equal([null, null], await journal.WriteMessagesAsync([new AtomicWrite([e]), Write("big", 2, 3)]));

        var replayed = await ReplayAsync(journal, "big");
        Assert.Equal(3, replayed.Count);
        Assert.Equal(big, (byte[])replayed[0].Payload);
        Assert.Equal("big-3", Text(replayed[2]));
    }

    [PostgresFact]
    public async Task Queries_by_tag_in_global_order_with_every_tag()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings with { QueryPageSize = 2 });
        await journal.WriteMessagesAsync([Write("a", 1, 2, "green"), Write("b", 1, 1)]);
        await journal.WriteMessagesAsync([new AtomicWrite([Event("c", 1, "c-1", "zeta", "green", "alpha", "green")]), Write("a", 3, 3, "green")]);

        var green = await ToListAsync(journal.ReadByTag("green", 0));

        Assert.Equal(["a-1", "a-2", "c-1", "a-3"], green.Select(s => Text(s.Event)));
        Assert.True(green.Select(s => s.Ordering).SequenceEqual(green.Select(s => s.Ordering).Order()));
        Assert.Equal(["zeta", "green", "alpha"], green[2].Event.Tags);
        Assert.Equal(["c-1", "a-3"], (await ToListAsync(journal.ReadByTag("green", green[1].Ordering))).Select(s => Text(s.Event)));
        Assert.Empty(await ToListAsync(journal.ReadByTag("nothing", 0)));
        Assert.Equal(["zeta", "green", "alpha"], (await ReplayAsync(journal, "c"))[0].Tags);
    }

    [PostgresFact]
    public async Task Reads_all_persistence_ids_and_streams_in_pages()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings with { QueryPageSize = 3 });
        await journal.WriteMessagesAsync([Write("p3", 1, 4), Write("p1", 1, 3)]);
        await journal.WriteMessagesAsync([Write("p2", 1, 2), Write("p4", 1, 1), Write("p1", 4, 7)]);

        Assert.Equal(["p3", "p1", "p2", "p4"], await ToListAsync(journal.ReadPersistenceIds()));
        Assert.Equal(["p1-2", "p1-3", "p1-4", "p1-5", "p1-6"], (await ToListAsync(journal.ReadByPersistenceId("p1", 2, 6))).Select(s => Text(s.Event)));
        var all = await ToListAsync(journal.ReadAll(0));
        Assert.Equal(14, all.Count);
        Assert.Equal(all.Select(s => s.Ordering).Order(), all.Select(s => s.Ordering));
        Assert.Equal(all.Skip(5).Select(s => s.Ordering), (await ToListAsync(journal.ReadAll(all[4].Ordering))).Select(s => s.Ordering));
    }

    [PostgresFact]
    public async Task Concurrent_batches_from_several_journals_all_commit_in_order()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        var journals = Enumerable.Range(0, 4).Select(_ => new PostgresJournal(schema.Settings)).ToArray();
        try
        {
            // Every journal starts (creating the tables) at once, then writes batches concurrently.
            await Task.WhenAll(journals.Select((j, n) => Task.Run(async () =>
            {
                for (var batch = 0; batch < 10; batch++)
                {
                    var writes = Enumerable.Range(0, 20).Select(a => Write($"j{n}-a{a}", batch * 5 + 1, batch * 5 + 5, "all")).ToArray();
                    var results = await j.WriteMessagesAsync(writes);
                    Assert.All(results, Assert.Null);
                }
            })));

            var all = await ToListAsync(journals[0].ReadByTag("all", 0));
            Assert.Equal(4 * 10 * 20 * 5, all.Count);
            Assert.Equal(all.Count, all.Select(s => s.Ordering).Distinct().Count());
            foreach (var stream in all.GroupBy(s => s.Event.PersistenceId))
                Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), stream.Select(s => s.Event.SequenceNr));
        }
        finally
        {
            foreach (var j in journals) await j.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_new_journal_on_the_same_tables_sees_everything()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using (var first = new PostgresJournal(schema.Settings))
        {
            await first.WriteMessagesAsync([Write("a", 1, 3, "t")]);
            await first.DeleteMessagesToAsync("a", 1);
        }

        await using var second = new PostgresJournal(schema.Settings);
        Assert.Equal(3, await second.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(["a-2", "a-3"], (await ReplayAsync(second, "a")).Select(Text));
        Assert.Equal([null], await second.WriteMessagesAsync([Write("a", 4, 4)]));
        Assert.Equal(["a-2", "a-3", "a-4"], (await ReplayAsync(second, "a")).Select(Text));
    }

    [PostgresFact]
    public async Task Uses_the_configured_table_names()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        var config = ConfigurationFactory.ParseString($$"""
            connection-string = "{{schema.ConnectionString}}"
            schema = "{{schema.Name}}"
            journal-table = "my journal"
            tag-table = my_tags
            snapshot-table = my_snapshots
            """);
        var settings = PostgresJournalSettings.FromConfig(config);
        Assert.True(settings.AutoInitialize);
        await using var journal = new PostgresJournal(settings);
        await using var snapshots = new PostgresSnapshotStore(settings);

        await journal.WriteMessagesAsync([Write("a", 1, 1, "t")]);
        await snapshots.SaveAsync(new StoredSnapshot(new SnapshotMetadata("a", 1, Epoch), "m", [1]));

        Assert.Equal(1L, await schema.ExecuteAsync($"SELECT count(*) FROM \"{schema.Name}\".\"my journal\""));
        Assert.Equal(1L, await schema.ExecuteAsync($"SELECT count(*) FROM \"{schema.Name}\".my_tags"));
        Assert.Equal(1L, await schema.ExecuteAsync($"SELECT count(*) FROM \"{schema.Name}\".my_snapshots"));
    }

    [Fact]
    public async Task A_connection_failure_names_the_server_but_not_the_password()
    {
        var settings = new PostgresJournalSettings("Host=127.0.0.1;Port=1;Database=polca_db;Username=polca_user;Password=s3cr3t-pw;Timeout=2");
        await using var journal = new PostgresJournal(settings);

        var ex = await Assert.ThrowsAsync<PostgresConnectionException>(() => journal.ReadHighestSequenceNrAsync("a", 0));

        Assert.Contains("127.0.0.1", ex.Message);
        Assert.Contains("polca_db", ex.Message);
        Assert.DoesNotContain("s3cr3t-pw", ex.Message);
        Assert.DoesNotContain("s3cr3t-pw", settings.ToString());
    }

    [Fact]
    public void Settings_have_akka_persistence_sql_defaults()
    {
        var settings = PostgresJournalSettings.FromConfig(ConfigurationFactory.ParseString("connection-string = \"Host=h;Database=d\""));

        Assert.Equal("public", settings.Schema);
        Assert.Equal("event_journal", settings.JournalTable);
        Assert.Equal("event_tag", settings.TagTable);
        Assert.Equal("snapshot", settings.SnapshotTable);
        Assert.True(settings.AutoInitialize);
        Assert.Throws<ArgumentException>(() => new PostgresJournalSettings("Host=h") { Schema = "" }.Validate());
    }
}
