using Microsoft.Data.Sqlite;
using Polca.Persistence.Sqlite;
using Polca.Persistence.Tests.Services;
using Polca.Persistence.Tests.Conformance;
using static Polca.Persistence.Tests.Conformance.JournalTestData;
using static Polca.Persistence.Tests.Conformance.ReplayCoalescingCases;

namespace Polca.Persistence.Tests.Sqlite;

/// <summary>
/// The SQLite journal serves replays that arrive together in one pass. A first replay's callback holds its pass
/// (blocking until released, no clock) while more replays arrive, so each case knows which pass they meet.
/// </summary>
public sealed class SqliteReplayCoalescingSpec : IAsyncLifetime
{
    private readonly SqliteTestFile _file = new();
    private long[] _highest = [];
    private SqliteJournal? _journal;

    private SqliteJournal Journal => _journal ?? throw new InvalidOperationException("no journal open");

    /// <summary>Nothing to do before the case opens its journal.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the journal and deletes the file.</summary>
    public async Task DisposeAsync()
    {
        if (_journal is not null) await _journal.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _file.Delete();
    }

    /// <summary>
    /// Blocks of 4 orderings are all scanned whole; with blocks of 64 the light ids' blocks are read id by id and the
    /// heavy id's scanned, so both ways of reading a block meet in one pass.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public async Task Replays_arriving_during_a_pass_join_it_and_get_every_event_in_order(int blockShift)
    {
        await OpenAndWriteAsync(blockShift);
        await Journal.DeleteMessagesToAsync("c4", 3);
        using var held = new ReplayPassHold(heldAt: 30);

        var first = Replay("heavy", 1, long.MaxValue, long.MaxValue, held.Callback);
        await held.Entered;
        var joining = Enumerable.Range(0, Ids).Select(id => Replay($"c{id}", 1, long.MaxValue, long.MaxValue))
            .Append(Replay("c1", 2, 5, long.MaxValue))
            .Append(Replay("c2", 1, long.MaxValue, 3))
            .Append(Replay("heavy", 5, 12, long.MaxValue))
            .ToList();
        held.Release();

        Assert.Equal(Sequence(1, HeavyEvents * Rounds), await first);
        for (var id = 0; id < Ids; id++) Assert.Equal(Sequence(id == 4 ? 4 : 1, _highest[id]), await joining[id]);
        Assert.Equal(Sequence(2, 5), await joining[Ids]);
        Assert.Equal(Sequence(1, 3), await joining[Ids + 1]);
        Assert.Equal(Sequence(5, 12), await joining[Ids + 2]);
        Assert.Equal(1, Journal.ReplayPasses);
        Assert.Equal(joining.Count, Journal.ReplayJoins);
    }

    /// <summary>A replay asked for after a write must see it: it may not join a pass whose snapshot is older than the write.</summary>
    [Fact]
    public async Task Replays_arriving_after_a_write_wait_for_the_next_pass_and_see_the_write()
    {
        await OpenAndWriteAsync(2);
        using var held = new ReplayPassHold(heldAt: 30);

        var first = Replay("heavy", 1, long.MaxValue, long.MaxValue, held.Callback);
        await held.Entered;
        await Journal.WriteMessagesAsync([Write("c1", _highest[1] + 1, 3), Write("new", 1, 2)]);
        var after = new[] { Replay("c1", 1, long.MaxValue, long.MaxValue), Replay("new", 1, long.MaxValue, long.MaxValue), Replay("c2", 1, long.MaxValue, long.MaxValue) };
        held.Release();

        await first;
        Assert.Equal(Sequence(1, _highest[1] + 3), await after[0]);
        Assert.Equal(Sequence(1, 2), await after[1]);
        Assert.Equal(Sequence(1, _highest[2]), await after[2]);
        Assert.Equal(2, Journal.ReplayPasses);
        Assert.Equal(0, Journal.ReplayJoins);
    }

    /// <summary>A replay cancelled while it waits is cancelled; its neighbours in the pass are served; a failing callback fails only its replay.</summary>
    [Fact]
    public async Task A_cancelled_or_failing_replay_in_a_pass_fails_alone()
    {
        await OpenAndWriteAsync(2);

        await CancelledAndFailingReplaysFailAloneAsync(Journal, _highest);

        Assert.Equal(1, Journal.ReplayPasses);
    }

    /// <summary>Opens a journal with blocks of 2^<paramref name="blockShift"/> and writes the rounds of <see cref="ReplayCoalescingCases"/>.</summary>
    private async Task OpenAndWriteAsync(int blockShift)
    {
        _journal = new SqliteJournal(new SqliteJournalSettings(_file.Path) { BlockShift = blockShift });
        _highest = await WriteRoundsAsync(Journal);
    }

    private Task<List<long>> Replay(string id, long from, long to, long max, Action<Persistent>? callback = null) =>
        ReplayCoalescingCases.Replay(Journal, id, from, to, max, callback);
}
