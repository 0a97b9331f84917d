using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Polca.Cli;
using Polca.Persistence.Postgres;
using Polca.Persistence.Sqlite;
using Polca.Persistence.Tests.Postgres;
using Polca.Persistence.Tests.Services;

namespace Polca.Persistence.Tests.Cli;

/// <summary><c>polca replay</c>, run in-process on a journal written by persistent actors: output, filters, errors, and that nothing is modified.</summary>
public sealed class ReplayCommandSpec(ReplayJournalFixture journal) : IClassFixture<ReplayJournalFixture>, IDisposable
{
    private readonly List<string> _tempFiles = [];

    private sealed record Outcome(int ExitCode, string Output, string Error)
    {
        /// <summary>The event lines (tab-separated), split into their columns.</summary>
        public List<string[]> Events => Lines.TakeWhile(l => l.Length > 0).Where(l => l.Contains('\t', StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();

        /// <summary>Every line of standard output.</summary>
        public string[] Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
    }

    /// <summary>Deletes the files the test made.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _tempFiles)
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(file + suffix);
    }

    private static Outcome Replay(params string[] arguments)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = CliApplication.Run(["replay", .. arguments], output, error);
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }

    private string TempFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"polca-replay-{Guid.NewGuid():N}{extension}");
        _tempFiles.Add(path);
        return path;
    }

    private static DateTimeOffset Time(string[] columns) =>
        DateTimeOffset.Parse(columns[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static string[] Companions(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Prints_every_event_in_global_order_with_time_identity_manifest_tags_and_the_stored_json()
    {
        var result = Replay(journal.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var events = result.Events;
        Assert.Equal(ReplayJournalFixture.EventCount, events.Count);
        Assert.All(events, e => Assert.Equal(7, e.Length));
        var orderings = events.Select(e => long.Parse(e[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(orderings.Order(), orderings);

        var first = events[0];
        Assert.EndsWith("Z", first[1], StringComparison.Ordinal);
        Assert.Equal(["meter-1", "1", "power-sampled", "power,rack-a"], first[2..6]);
        using (var payload = JsonDocument.Parse(first[6]))
        {
            Assert.Equal(100, payload.RootElement.GetProperty("Watts").GetDouble());
            Assert.Equal(1, payload.RootElement.GetProperty("Sample").GetInt64());
        }
        Assert.Equal(["meter-2", "1", "power-sampled", "power,rack-b"], events[1][2..6]);

        var t0 = Time(first);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 30.0 * i).Append(300).Order(), events.Select(e => (Time(e) - t0).TotalSeconds).Order());
        var trip = Assert.Single(events, e => e[2] == "breaker-1");
        Assert.Equal(["breaker-1", "1", "breaker-tripped", "-", """{"Reason":"overload"}"""], trip[2..]);
        Assert.Equal(300, (Time(trip) - t0).TotalSeconds);
    }

    [Fact]
    public void Ends_with_a_summary_of_count_time_span_and_counts_per_persistence_id_and_tag()
    {
        var result = Replay(journal.Path);

        var summary = result.Lines.SkipWhile(l => l.Length > 0).Skip(1).Where(l => l.Length > 0).ToArray();
        var t0 = Time(result.Events[0]);
        Assert.Equal(
        [
            "events: 21",
            $"first: {t0.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}",
            $"last: {t0.AddSeconds(570).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}",
            "duration: 00:09:30 (570 s)",
            "persistence ids: 3",
            "  meter-1    10",
            "  meter-2    10",
            "  breaker-1  1",
            "tags: 3",
            "  power   20",
            "  rack-a  10",
            "  rack-b  10",
        ], summary);
    }

    [Fact]
    public void Persistence_id_selects_one_stream_in_sequence_order()
    {
        var result = Replay(journal.Path, "--persistence-id", "meter-2");

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Events, e => Assert.Equal("meter-2", e[2]));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), result.Events.Select(e => e[3]));
        Assert.Contains("events: 10", result.Lines);
        Assert.Contains("persistence ids: 1", result.Lines);
    }

    [Fact]
    public void Tag_selects_the_tagged_events_in_tag_order()
    {
        var rack = Replay(journal.Path, "--tag", "rack-a");
        var power = Replay(journal.Path, "--tag=power");
        var both = Replay(journal.Path, "--persistence-id", "meter-1", "--tag", "rack-b");

        Assert.Equal(Enumerable.Repeat("meter-1", 10), rack.Events.Select(e => e[2]));
        Assert.Equal(20, power.Events.Count);
        Assert.DoesNotContain(power.Events, e => e[2] == "breaker-1");
        var orderings = power.Events.Select(e => long.Parse(e[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(orderings.Order(), orderings);
        Assert.Empty(both.Events);
        Assert.Contains("events: 0", both.Lines);
    }

    [Fact]
    public void From_and_to_offsets_count_from_the_first_event_inclusive_from_exclusive_to()
    {
        var result = Replay(journal.Path, "--from", "+60s", "--to", "+3m");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([("meter-1", "2"), ("meter-2", "2"), ("meter-1", "3"), ("meter-2", "3")], result.Events.Select(e => (e[2], e[3])));
        Assert.Contains("duration: 00:01:30 (90 s)", result.Lines);
        var fractional = Assert.Single(Replay(journal.Path, "--from", "+4.5m", "--to=+5m").Events);
        Assert.Equal(["meter-2", "5"], fractional[2..4]);
        Assert.Empty(Replay(journal.Path, "--from", "+36500d").Events);
    }

    [Fact]
    public void From_and_to_accept_iso_8601_instants()
    {
        var t0 = Time(Replay(journal.Path, "--limit", "1").Events[0]);

        var later = Replay(journal.Path, "--from", t0.AddSeconds(300).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var earlier = Replay(journal.Path, "--to", t0.AddSeconds(30).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), "--summary");

        Assert.Equal(11, later.Events.Count);
        Assert.Contains(later.Events, e => e[2] == "breaker-1");
        Assert.Equal("events: 1", earlier.Lines[0]);
    }

    [Fact]
    public void Limit_caps_the_printed_events_but_the_summary_counts_all_selected()
    {
        var result = Replay(journal.Path, "--limit", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Events.Count);
        Assert.Contains("events: 21", result.Lines);
        Assert.Contains("printed: 3 (--limit)", result.Lines);
    }

    [Fact]
    public void Summary_prints_the_summary_only()
    {
        var result = Replay(journal.Path, "--summary", "--tag", "rack-b");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Events);
        Assert.Equal("events: 10", result.Lines[0]);
        Assert.Contains("  rack-b  10", result.Lines);
    }

    [Fact]
    public void A_hocon_file_naming_the_sqlite_journal_replays_the_same_events()
    {
        var conf = TempFile(".conf");
        File.WriteAllText(conf, $$"""
            polca.persistence {
              journal.plugin = sqlite
              sqlite.path = "{{journal.Path.Replace("\\", "\\\\", StringComparison.Ordinal)}}"
            }
            """);

        var viaConfig = Replay(conf);

        Assert.Equal(0, viaConfig.ExitCode);
        Assert.Equal(Replay(journal.Path).Output, viaConfig.Output);
    }

    [Fact]
    public void Replaying_changes_neither_the_file_nor_its_directory()
    {
        // A copy of its own: the shared journal's directory entries are touched by the other tests' replays.
        var copy = TempFile(".db");
        File.Copy(journal.Path, copy);
        var before = Hash(copy);

        Assert.Equal(0, Replay(copy).ExitCode);
        Assert.Equal(0, Replay(copy, "--tag", "power", "--from", "+1m").ExitCode);

        Assert.Equal(before, Hash(copy));
        Assert.Equal([copy], Companions(copy));
    }

    [Fact]
    public async Task A_journal_whose_wal_is_not_yet_checkpointed_is_read_through_the_wal_and_left_as_it_was()
    {
        var live = TempFile(".db");
        var crashed = TempFile(".db");
        File.Copy(journal.Path, live);
        await using (var writer = new SqliteJournal(new SqliteJournalSettings(live)))
        {
            var late = new Persistent("{}"u8.ToArray(), 1, "late-1", "late", false, "w", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), []);
            Assert.Equal([null], await writer.WriteMessagesAsync([new AtomicWrite([late])]));
            // What a writer that crashed now leaves: the event only in the -wal file.
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Copy(live + suffix, crashed + suffix);
        }
        var mainBefore = Hash(crashed);
        var walBefore = Hash(crashed + "-wal");

        var result = Replay(crashed, "--persistence-id", "late-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("late-1\t1\tlate\t-\t{}", string.Join('\t', Assert.Single(result.Events)[2..]));
        Assert.Equal(mainBefore, Hash(crashed));
        Assert.Equal(walBefore, Hash(crashed + "-wal"));
    }

    [Fact]
    public void Help_explains_the_command()
    {
        var result = Replay("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: polca replay JOURNAL", result.Output, StringComparison.Ordinal);
        Assert.Contains("--persistence-id", result.Output, StringComparison.Ordinal);
        Assert.Contains("replay", CliApplication.Usage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var missing = TempFile(".db");

        var result = Replay(missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{missing}: file not found", result.Error.TrimEnd());
        Assert.Equal("", result.Output);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void A_text_file_is_not_a_journal_and_stays_as_it_was()
    {
        var text = TempFile(".db");
        File.WriteAllText(text, "not a database\n" + new string('x', 5000));
        var before = Hash(text);

        var result = Replay(text);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{text}: not a Polca journal (not a SQLite database)", result.Error.TrimEnd());
        Assert.Equal(before, Hash(text));
    }

    [Fact]
    public void A_sqlite_file_with_other_tables_is_not_a_journal_and_stays_as_it_was()
    {
        var foreign = TempFile(".db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE inventory (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO inventory (name) VALUES ('rack');";
            command.ExecuteNonQuery();
        }
        var before = Hash(foreign);
        var filesBefore = Companions(foreign);

        var result = Replay(foreign);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{foreign}: not a Polca journal (no event_journal table)", result.Error.TrimEnd());
        Assert.Equal(before, Hash(foreign));
        Assert.Equal(filesBefore, Companions(foreign));
    }

    [Fact]
    public void A_corrupt_journal_is_an_error_without_a_stack_trace()
    {
        var corrupt = TempFile(".db");
        var bytes = File.ReadAllBytes(journal.Path);
        // Keep the 100-byte header; garble the rest of the first page (the schema) and the page after it.
        Array.Fill(bytes, (byte)0xA5, 100, Math.Min(bytes.Length - 100, 8092));
        File.WriteAllBytes(corrupt, bytes);

        var result = Replay(corrupt);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{corrupt}: corrupt SQLite file", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--limit", "--limit needs a value")]
    [InlineData("--limit=-1", "--limit: '-1' is not a count")]
    [InlineData("--from=yesterday", "--from: 'yesterday' is neither an ISO 8601 instant")]
    [InlineData("--to=+10x", "--to: '+10x' is not an offset")]
    [InlineData("--summary=yes", "--summary takes no value")]
    public void A_bad_option_is_an_error_on_one_line(string option, string message)
    {
        var result = Replay(journal.Path, option);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"polca replay: {message}", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_missing_journal_argument_is_an_error()
    {
        var result = Replay("--summary");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("polca replay: missing JOURNAL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_whose_journal_keeps_nothing_is_an_error()
    {
        var conf = TempFile(".conf");
        File.WriteAllText(conf, "polca.persistence.journal.plugin = in-memory\n");

        var result = Replay(conf);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{conf}: polca.persistence.journal.plugin is 'in-memory': polca replay reads sqlite and postgres journals only", result.Error.TrimEnd());
    }

    [Fact]
    public void An_unreachable_postgres_server_is_an_error_naming_it()
    {
        var conf = TempFile(".conf");
        File.WriteAllText(conf, """
            polca.persistence.journal.plugin = postgres
            polca.persistence.postgres.connection-string = "Host=127.0.0.1;Port=1;Database=polca;Username=polca;Password=secret;Timeout=3"
            """);

        var result = Replay(conf);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{conf}: Cannot connect to PostgreSQL at host 127.0.0.1 port 1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [PostgresFact]
    public async Task A_hocon_file_naming_a_postgres_journal_replays_it_and_an_empty_schema_is_not_a_journal()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using (var writer = new PostgresJournal(schema.Settings))
        {
            var events = Enumerable.Range(1, 3)
                .Select(i => new Persistent(Encoding.UTF8.GetBytes($$"""{"Watts":{{i}}}"""), i, "meter-9", "power-sampled", false, "w",
                    new DateTimeOffset(2024, 1, 1, 0, 0, i * 10, TimeSpan.Zero), ["power"]))
                .ToArray();
            await writer.WriteMessagesAsync([new AtomicWrite(events)]);
        }
        await using var empty = await PostgresTestSchema.CreateAsync();
        string Conf(string schemaName)
        {
            var conf = TempFile(".conf");
            File.WriteAllText(conf, $$"""
                polca.persistence.journal.plugin = postgres
                polca.persistence.postgres { connection-string = "{{schema.ConnectionString}}", schema = {{schemaName}} }
                """);
            return conf;
        }

        var result = Replay(Conf(schema.Name), "--from", "+10s");
        var emptyConf = Conf(empty.Name);
        var missing = Replay(emptyConf);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["meter-9\t2\tpower-sampled\tpower\t{\"Watts\":2}", "meter-9\t3\tpower-sampled\tpower\t{\"Watts\":3}"],
            result.Events.Select(e => string.Join('\t', e[2..])));
        Assert.Equal("2024-01-01T00:00:20Z", result.Events[0][1]);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith($"{emptyConf}: not a Polca journal (no {empty.Name}.event_journal", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await empty.ExecuteAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{empty.Name}'"));
    }
}
