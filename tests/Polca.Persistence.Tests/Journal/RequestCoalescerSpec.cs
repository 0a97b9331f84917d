namespace Polca.Persistence.Tests.Journal;

/// <summary>
/// Batching as the journals' coalescers rely on it: what is asked while a batch runs is served together in the next,
/// a failing batch fails its own requests only, and a batch waits for the upstream batch in progress. Batches are held
/// with gates, never with the clock.
/// </summary>
public sealed class RequestCoalescerSpec
{
    [Fact]
    public async Task Requests_asked_while_a_batch_runs_are_served_together_in_the_next()
    {
        var coalescer = new GatedCoalescer();
        coalescer.HoldNextBatch();

        var first = coalescer.Ask(1);
        await coalescer.Entered;
        var later = new[] { coalescer.Ask(2), coalescer.Ask(3), coalescer.Ask(4) };
        coalescer.Release();

        Assert.Equal(10, await first);
        var answers = await Task.WhenAll(later);
        Assert.Equal([20, 30, 40], answers);
        Assert.Equal([[1], [2, 3, 4]], coalescer.Batches);
        Assert.Equal(2, coalescer.Passes);
    }

    [Fact]
    public async Task A_failing_batch_fails_its_requests_and_the_next_batch_is_served()
    {
        var coalescer = new GatedCoalescer();
        coalescer.HoldNextBatch();

        var held = coalescer.Ask(1);
        await coalescer.Entered;
        var failing = new[] { coalescer.Ask(-1), coalescer.Ask(2) };
        coalescer.Release();

        Assert.Equal(10, await held);
        foreach (var request in failing)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => request);
            Assert.Equal("cannot serve -1", error.Message);
        }
        Assert.Equal(50, await coalescer.Ask(5));
        Assert.Equal([[1], [-1, 2], [5]], coalescer.Batches);
    }

    [Fact]
    public async Task A_batch_waits_for_the_upstream_batch_in_progress()
    {
        var upstream = new GatedCoalescer();
        var downstream = new GatedCoalescer(() => upstream.CurrentBatch) { Upstream = () => upstream.CurrentBatch };
        upstream.HoldNextBatch();

        var up = upstream.Ask(1);
        await upstream.Entered;
        var down = downstream.Ask(7);
        // Give the downstream loop every chance to start a batch (it must not while the upstream batch is held).
        for (var turn = 0; turn < 500; turn++) await Task.Yield();
        var alsoDown = downstream.Ask(8);
        upstream.Release();

        Assert.Equal(10, await up);
        var answers = await Task.WhenAll(down, alsoDown);
        Assert.Equal([70, 80], answers);
        Assert.Equal([[7, 8]], downstream.Batches);
        Assert.Equal([true], downstream.UpstreamDoneAtStart);
    }
}
