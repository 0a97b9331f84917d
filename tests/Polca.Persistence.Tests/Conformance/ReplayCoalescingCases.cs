using Polca.Persistence.Tests.Services;
using static Polca.Persistence.Tests.Conformance.JournalTestData;

namespace Polca.Persistence.Tests.Conformance;

/// <summary>
/// What the coalesced-replay specs of the SQL journals share: the interleaved streams they write (a heavy one and
/// light ones c0, c1, ...), replays whose events are checked, and the case of replays in one pass that fail alone.
/// </summary>
public static class ReplayCoalescingCases
{
    /// <summary>How many light streams (c0 .. c29) the rounds write.</summary>
    public const int Ids = 30;

    /// <summary>How many rounds are written.</summary>
    public const int Rounds = 8;

    /// <summary>Events of the heavy stream per round.</summary>
    public const int HeavyEvents = 20;

    /// <summary>Writes <see cref="Rounds"/> rounds: 20 events of "heavy", then 1 to 3 of each light id; returns the light ids' highest.</summary>
    public static async Task<long[]> WriteRoundsAsync(AsyncWriteJournal journal)
    {
        var highest = new long[Ids];
        for (var round = 0; round < Rounds; round++)
        {
            var writes = new List<AtomicWrite> { Write("heavy", round * HeavyEvents + 1, HeavyEvents) };
            for (var id = 0; id < Ids; id++)
            {
                var count = 1 + ((id + round) % 3);
                writes.Add(Write($"c{id}", highest[id] + 1, count));
                highest[id] += count;
            }
            await WriteAllAsync(journal, writes);
        }
        return highest;
    }

    /// <summary>Writes <paramref name="writes"/> in one batch and checks that none was rejected.</summary>
    public static async Task WriteAllAsync(AsyncWriteJournal journal, IReadOnlyList<AtomicWrite> writes)
    {
        var results = await journal.WriteMessagesAsync(writes);
        Assert.All(results, r => Assert.Null(r));
    }

    /// <summary>Starts a replay whose events (checked for id and payload) are collected; <paramref name="callback"/> sees each first.</summary>
    public static async Task<List<long>> Replay(AsyncWriteJournal journal, string id, long from, long to, long max,
        Action<Persistent>? callback = null, CancellationToken cancellationToken = default)
    {
        var sequenceNrs = new List<long>();
        await journal.ReplayMessagesAsync(id, from, to, max, e =>
        {
            callback?.Invoke(e);
            Assert.Equal(id, e.PersistenceId);
            Assert.Equal(PayloadOf(id, e.SequenceNr), Assert.IsType<byte[]>(e.Payload));
            sequenceNrs.Add(e.SequenceNr);
        }, cancellationToken);
        return sequenceNrs;
    }

    /// <summary>The sequence numbers from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static List<long> Sequence(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => (long)n)];

    /// <summary>
    /// While a replay of "heavy" holds its pass, a replay is asked for and cancelled, one has a callback that throws and
    /// every light stream is asked for: the cancelled one is cancelled, the failing one fails, the others get all their events.
    /// </summary>
    public static async Task CancelledAndFailingReplaysFailAloneAsync(AsyncWriteJournal journal, long[] highest)
    {
        using var held = new ReplayPassHold(heldAt: 30);
        using var cancellation = new CancellationTokenSource();

        var first = Replay(journal, "heavy", 1, long.MaxValue, long.MaxValue, held.Callback);
        await held.Entered;
        var cancelled = Replay(journal, "c3", 1, long.MaxValue, long.MaxValue, cancellationToken: cancellation.Token);
        var failing = Replay(journal, "c5", 1, long.MaxValue, long.MaxValue, e =>
        {
            if (e.SequenceNr == 2) throw new InvalidDataException("bad event");
        });
        var others = Enumerable.Range(0, Ids).Select(id => Replay(journal, $"c{id}", 1, long.MaxValue, long.MaxValue)).ToList();
        await cancellation.CancelAsync();
        held.Release();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(cancelled.IsCanceled);
        await Assert.ThrowsAsync<InvalidDataException>(() => failing);
        for (var id = 0; id < Ids; id++) Assert.Equal(Sequence(1, highest[id]), await others[id]);
    }
}
