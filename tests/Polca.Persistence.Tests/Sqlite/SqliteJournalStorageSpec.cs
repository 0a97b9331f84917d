using Microsoft.Data.Sqlite;
using Polca.Hocon;
using Polca.Persistence.Sqlite;
using static Polca.Persistence.Tests.Conformance.JournalTestData;

namespace Polca.Persistence.Tests.Sqlite;

/// <summary>What is particular to the SQLite journal: foreign and corrupt files, missing tables, WAL, settings from HOCON, full disk.</summary>
public sealed class SqliteJournalStorageSpec : IDisposable
{
    private readonly SqliteTestFile _file = new();

    /// <summary>Deletes the test's database files.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _file.Delete();
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_gives_an_exception_naming_the_file()
    {
        await File.WriteAllTextAsync(_file.Path, "this is a text file, not a database. " + new string('x', 4096));
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path));

        var read = await Assert.ThrowsAsync<JournalStorageException>(() => journal.ReadHighestSequenceNrAsync("a", 0));
        var write = await Assert.ThrowsAsync<JournalStorageException>(() => journal.WriteMessagesAsync([Write("a", 1)]));

        Assert.Contains(_file.Path, read.Message);
        Assert.Contains(_file.Path, write.Message);
        Assert.IsType<SqliteException>(read.InnerException);
    }

    [Fact]
    public async Task A_snapshot_store_on_a_file_that_is_not_SQLite_gives_an_exception_naming_the_file()
    {
        await File.WriteAllBytesAsync(_file.Path, RandomBytes(8192, 3));
        await using var store = new SqliteSnapshotStore(new SqliteJournalSettings(_file.Path));

        var e = await Assert.ThrowsAsync<JournalStorageException>(() => store.LoadAsync("a", SnapshotSelectionCriteria.Latest));

        Assert.Contains(_file.Path, e.Message);
    }

    [Fact]
    public async Task A_SQLite_file_without_the_tables_is_refused_when_auto_initialize_is_off()
    {
        CreateDatabase("CREATE TABLE something_else (id INTEGER);");
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path) { AutoInitialize = false });

        var e = await Assert.ThrowsAsync<JournalStorageException>(() => journal.InitializeAsync());

        Assert.Contains(_file.Path, e.Message);
        Assert.Contains("event_journal", e.Message);
        Assert.Contains("auto-initialize", e.Message);
    }

    [Fact]
    public async Task A_missing_file_is_refused_when_auto_initialize_is_off()
    {
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path) { AutoInitialize = false });

        var e = await Assert.ThrowsAsync<JournalStorageException>(() => journal.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, _ => { }));

        Assert.Contains(_file.Path, e.Message);
        Assert.False(File.Exists(_file.Path));
    }

    [Fact]
    public async Task A_foreign_table_with_the_journal_name_is_refused()
    {
        CreateDatabase("CREATE TABLE event_journal (id INTEGER PRIMARY KEY, body TEXT);");
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path));

        var e = await Assert.ThrowsAsync<JournalStorageException>(() => journal.WriteMessagesAsync([Write("a", 1)]));

        Assert.Contains(_file.Path, e.Message);
        Assert.Contains("persistence_id", e.Message);
    }

    [Fact]
    public async Task Tables_made_by_one_journal_are_accepted_with_auto_initialize_off()
    {
        await using (var first = new SqliteJournal(new SqliteJournalSettings(_file.Path)))
        {
            await first.WriteMessagesAsync([Write("a", 1, 2)]);
        }
        await using var second = new SqliteJournal(new SqliteJournalSettings(_file.Path) { AutoInitialize = false });

        Assert.Equal(2, await second.ReadHighestSequenceNrAsync("a", 0));
    }

    [Fact]
    public async Task The_journal_runs_in_WAL_mode_with_the_configured_tables_beside_the_snapshots()
    {
        var settings = new SqliteJournalSettings(_file.Path) { JournalTable = "j", TagTable = "j_tags", SnapshotTable = "snaps" };
        await using (var journal = new SqliteJournal(settings))
        await using (var snapshots = new SqliteSnapshotStore(settings))
        {
            await journal.WriteMessagesAsync([Write("a", 1, 1, "t")]);
            await snapshots.SaveAsync(Snapshot("a", 1));
            Assert.Equal(["a1"], (await ToListAsync(journal.ReadByTag("t", 0))).Select(s => $"{s.Event.PersistenceId}{s.Event.SequenceNr}"));
            Assert.NotNull(await snapshots.LoadAsync("a", SnapshotSelectionCriteria.Latest));
        }

        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name);";
        Assert.Equal("j,j_blocks,j_tags,snaps", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task A_full_disk_fails_the_whole_batch_with_an_exception_naming_the_file_and_the_journal_recovers()
    {
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path));
        await journal.WriteMessagesAsync([Write("a", 1)]);
        var pages = (long)(await journal.ExecuteOnWriteConnectionAsync("PRAGMA page_count;"))!;
        await journal.ExecuteOnWriteConnectionAsync($"PRAGMA max_page_count = {pages + 40};");
        var batch = Enumerable.Range(0, 10).Select(i => new AtomicWrite([Event("b", 1 + i, RandomBytes(64 * 1024, i))])).ToArray();

        var e = await Assert.ThrowsAsync<JournalStorageException>(() => journal.WriteMessagesAsync(batch));

        Assert.Contains(_file.Path, e.Message);
        Assert.Equal(13, Assert.IsType<SqliteException>(e.InnerException).SqliteErrorCode);
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("b", 0));
        Assert.All(await journal.WriteMessagesAsync(batch), Assert.Null);
        Assert.Equal(10, await journal.ReadHighestSequenceNrAsync("b", 0));
    }

    [Fact]
    public async Task A_payload_that_is_not_serialized_is_rejected_alone()
    {
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path));
        var notBytes = new AtomicWrite([Event("a", 1) with { Payload = "a string" }]);
        var badTag = new AtomicWrite([Event("c", 1, null, "ok", "bad\u001Ftag")]);

        var results = await journal.WriteMessagesAsync([notBytes, Write("b", 1), badTag]);

        Assert.IsType<ArgumentException>(results[0]);
        Assert.Null(results[1]);
        Assert.IsType<ArgumentException>(results[2]);
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(1, await journal.ReadHighestSequenceNrAsync("b", 0));
    }

    [Fact]
    public async Task A_file_written_with_one_block_size_reads_and_grows_with_another()
    {
        await using (var small = new SqliteJournal(new SqliteJournalSettings(_file.Path) { BlockShift = 1 }))
        {
            await small.WriteMessagesAsync([Write("a", 1, 5), Write("b", 1, 3)]);
            await small.WriteMessagesAsync([Write("a", 6, 2)]);
        }
        await using var normal = new SqliteJournal(new SqliteJournalSettings(_file.Path));

        Assert.Equal(7, await normal.ReadHighestSequenceNrAsync("a", 0));
        Assert.NotNull((await normal.WriteMessagesAsync([Write("a", 7)]))[0]);
        Assert.All(await normal.WriteMessagesAsync([Write("a", 8, 3), Write("b", 4)]), Assert.Null);
        var replayed = new List<long>();
        await normal.ReplayMessagesAsync("a", 4, long.MaxValue, long.MaxValue, e => replayed.Add(e.SequenceNr));
        Assert.Equal([4L, 5, 6, 7, 8, 9, 10], replayed);
        Assert.Equal(4, await normal.ReadHighestSequenceNrAsync("b", 0));
    }

    [Fact]
    public async Task Two_journals_on_one_file_see_each_others_writes()
    {
        await using var first = new SqliteJournal(new SqliteJournalSettings(_file.Path) { BlockShift = 1 });
        await using var second = new SqliteJournal(new SqliteJournalSettings(_file.Path) { BlockShift = 1 });

        Assert.All(await first.WriteMessagesAsync([Write("a", 1)]), Assert.Null);
        Assert.All(await second.WriteMessagesAsync([Write("a", 2), Write("b", 1)]), Assert.Null);
        var stale = await first.WriteMessagesAsync([Write("a", 2), Write("a", 3)]);
        await second.DeleteMessagesToAsync("a", 1);

        Assert.NotNull(stale[0]);
        Assert.Null(stale[1]);
        Assert.Equal(3, await second.ReadHighestSequenceNrAsync("a", 0));
        var replayed = new List<long>();
        await first.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, e => replayed.Add(e.SequenceNr));
        Assert.Equal([2L, 3], replayed);
    }

    [Fact]
    public async Task Empty_strings_and_extreme_timestamps_round_trip()
    {
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path));
        var earliest = new Persistent(Array.Empty<byte>(), 1, "a", "", false, "", DateTimeOffset.MinValue, []);
        var latest = new Persistent(new byte[] { 1 }, 2, "a", "m", false, "w", DateTimeOffset.MaxValue, []);

        Assert.All(await journal.WriteMessagesAsync([new AtomicWrite([earliest, latest])]), Assert.Null);

        var replayed = new List<Persistent>();
        await journal.ReplayMessagesAsync("a", 1, long.MaxValue, long.MaxValue, replayed.Add);
        Assert.Equal(("", "", DateTimeOffset.MinValue), (replayed[0].Manifest, replayed[0].WriterGuid, replayed[0].Timestamp));
        Assert.Equal(DateTimeOffset.MaxValue, replayed[1].Timestamp);
    }

    [Fact]
    public async Task A_disposed_journal_refuses_work()
    {
        var journal = new SqliteJournal(new SqliteJournalSettings(_file.Path));
        await journal.WriteMessagesAsync([Write("a", 1)]);
        await journal.DisposeAsync();
        await journal.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.WriteMessagesAsync([Write("a", 2)]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.ReadHighestSequenceNrAsync("a", 0));
    }

    [Fact]
    public void Settings_are_read_from_HOCON()
    {
        var config = ConfigurationFactory.ParseString("""
            path = "/data/run.db"
            journal-table = journal
            tag-table = tags
            snapshot-table = snaps
            auto-initialize = off
            synchronous = full
            busy-timeout = 5s
            query-page-size = 250
            """);

        var settings = SqliteJournalSettings.FromConfig(config);

        Assert.Equal("/data/run.db", settings.Path);
        Assert.Equal("journal", settings.JournalTable);
        Assert.Equal("tags", settings.TagTable);
        Assert.Equal("snaps", settings.SnapshotTable);
        Assert.False(settings.AutoInitialize);
        Assert.Equal(SqliteSynchronousMode.Full, settings.Synchronous);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.BusyTimeout);
        Assert.Equal(250, settings.QueryPageSize);
    }

    [Fact]
    public void Settings_from_HOCON_default_everything_but_the_path()
    {
        var settings = SqliteJournalSettings.FromConfig(ConfigurationFactory.ParseString("path = journal.db"));

        Assert.Equal(new SqliteJournalSettings("journal.db"), settings);
        Assert.Equal("event_journal", settings.JournalTable);
        Assert.Equal("event_tag", settings.TagTable);
        Assert.Equal("snapshot", settings.SnapshotTable);
        Assert.True(settings.AutoInitialize);
        Assert.Equal(SqliteSynchronousMode.Normal, settings.Synchronous);
    }

    [Theory]
    [InlineData("journal-table = \"x; DROP TABLE y\"")]
    [InlineData("synchronous = sometimes")]
    [InlineData("synchronous = 2")]
    [InlineData("query-page-size = 0")]
    [InlineData("tag-table = event_journal")]
    public void Bad_settings_are_refused(string line)
    {
        var config = ConfigurationFactory.ParseString("path = journal.db\n" + line);

        Assert.Throws<ArgumentException>(() => SqliteJournalSettings.FromConfig(config));
    }

    [Fact]
    public void A_section_without_a_path_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SqliteJournalSettings.FromConfig(ConfigurationFactory.ParseString("synchronous = full")));
        Assert.Contains("path", e.Message);
    }

    private void CreateDatabase(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }
}
