using Polca.Persistence.Postgres;
using Polca.Persistence.Tests.Services;
using static Polca.Persistence.Tests.Conformance.JournalTestData;
using static Polca.Persistence.Tests.Conformance.ReplayCoalescingCases;

namespace Polca.Persistence.Tests.Postgres;

/// <summary>
/// The PostgreSQL journal serves replays that arrive together in one pass. A first replay's callback holds its pass
/// (blocking until released, no clock) while more replays arrive, so that they all meet in the next pass.
/// </summary>
/// <remarks>
/// The table holds rounds of a heavy stream and 30 interleaved light ones, then filler rows, then a far stream; a
/// sparse stream has one event before the rounds and one after the filler. Replayed together, the light and heavy
/// streams are scanned in one range, while the sparse and far ones (too little of their range is wanted) are read
/// alone through the index: both ways meet in the pass.
/// </remarks>
public sealed class PostgresReplayCoalescingSpec
{
    private const int FillerEvents = 10_000;

    [PostgresFact]
    public async Task Replays_arriving_together_share_one_pass_and_get_every_event_in_order()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        var highest = await WriteAsync(journal);
        await journal.DeleteMessagesToAsync("c4", 3);
        using var held = new ReplayPassHold(heldAt: 30);

        var first = Replay(journal, "heavy", 1, long.MaxValue, long.MaxValue, held.Callback);
        await held.Entered;
        var together = Enumerable.Range(0, Ids).Select(id => Replay(journal, $"c{id}", 1, long.MaxValue, long.MaxValue))
            .Append(Replay(journal, "c1", 2, 5, long.MaxValue))
            .Append(Replay(journal, "c2", 1, long.MaxValue, 3))
            .Append(Replay(journal, "heavy", 5, 12, long.MaxValue))
            .Append(Replay(journal, "sparse", 1, long.MaxValue, long.MaxValue))
            .Append(Replay(journal, "far", 1, long.MaxValue, long.MaxValue))
            .Append(Replay(journal, "nobody", 1, long.MaxValue, long.MaxValue))
            .ToList();
        held.Release();

        Assert.Equal(Sequence(1, HeavyEvents * Rounds), await first);
        for (var id = 0; id < Ids; id++) Assert.Equal(Sequence(id == 4 ? 4 : 1, highest[id]), await together[id]);
        Assert.Equal(Sequence(2, 5), await together[Ids]);
        Assert.Equal(Sequence(1, 3), await together[Ids + 1]);
        Assert.Equal(Sequence(5, 12), await together[Ids + 2]);
        Assert.Equal(Sequence(1, 2), await together[Ids + 3]);
        Assert.Equal(Sequence(1, 3), await together[Ids + 4]);
        Assert.Empty(await together[Ids + 5]);
        Assert.Equal(2, journal.ReplayPasses);
    }

    [PostgresFact]
    public async Task A_cancelled_or_failing_replay_in_a_pass_fails_alone()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        var highest = await WriteAsync(journal);

        await CancelledAndFailingReplaysFailAloneAsync(journal, highest);

        Assert.Equal(2, journal.ReplayPasses);
    }

    [PostgresFact]
    public async Task Tags_of_scanned_events_are_replayed_with_them()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        await WriteAllAsync(journal, [Write("hold", 1, 40), Write("a", 1, 2, "red"), Write("b", 1, 1, "red", "blue"), Write("a", 3, 1), Write("b", 2, 2, "blue")]);
        using var held = new ReplayPassHold(heldAt: 30);

        var first = Replay(journal, "hold", 1, long.MaxValue, long.MaxValue, held.Callback);
        await held.Entered;
        var together = new[] { ReplayEvents(journal, "a"), ReplayEvents(journal, "b"), ReplayEvents(journal, "a") };
        held.Release();
        await first;
        var replays = await Task.WhenAll(together);

        Assert.Equal([["red"], ["red"], []], replays[0].Select(e => e.Tags.ToArray()));
        Assert.Equal([["red", "blue"], ["blue"], ["blue"]], replays[1].Select(e => e.Tags.ToArray()));
        Assert.Equal(replays[0].Select(e => e.SequenceNr), replays[2].Select(e => e.SequenceNr));
        Assert.Equal(2, journal.ReplayPasses);
        Assert.All(replays.SelectMany(r => r), e =>
        {
            Assert.Equal(Manifest, e.Manifest);
            Assert.Equal(Writer, e.WriterGuid);
            Assert.Equal(TimestampOf(e.SequenceNr), e.Timestamp);
            Assert.Equal(PayloadOf(e.PersistenceId, e.SequenceNr), Assert.IsType<byte[]>(e.Payload));
        });
    }

    [PostgresFact]
    public async Task Highest_sequence_numbers_read_together_are_each_right()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await using var journal = new PostgresJournal(schema.Settings);
        var highest = await WriteAsync(journal);
        await journal.DeleteMessagesToAsync("c7", highest[7]);

        var reads = await Task.WhenAll(Enumerable.Range(0, Ids).Select(id => journal.ReadHighestSequenceNrAsync($"c{id}", 0))
            .Append(journal.ReadHighestSequenceNrAsync("nobody", 0))
            .Append(journal.ReadHighestSequenceNrAsync("c3", 0)));

        Assert.Equal(highest.Append(0).Append(highest[3]), reads);
    }

    /// <summary>Writes the sparse stream's first event, the rounds, filler, the sparse stream's second event and 3 events of "far"; returns the light ids' highest.</summary>
    private static async Task<long[]> WriteAsync(PostgresJournal journal)
    {
        await WriteAllAsync(journal, [Write("sparse", 1)]);
        var highest = await WriteRoundsAsync(journal);
        await WriteAllAsync(journal, [Write("filler", 1, FillerEvents)]);
        await WriteAllAsync(journal, [Write("sparse", 2), Write("far", 1, 3)]);
        return highest;
    }

    private static async Task<List<Persistent>> ReplayEvents(PostgresJournal journal, string id)
    {
        var events = new List<Persistent>();
        await journal.ReplayMessagesAsync(id, 1, long.MaxValue, long.MaxValue, events.Add);
        return events;
    }
}
