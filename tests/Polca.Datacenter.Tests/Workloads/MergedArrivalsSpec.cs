using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class MergedArrivalsSpec
{
    private static ArrivalSpec At(long ticks, int stream) => new(ticks, 1, 1, RequestPriority.High, stream);

    [Fact]
    public void Arrivals_merge_by_time_and_ties_go_to_the_lower_stream()
    {
        var merged = new MergedArrivals([
            new ListSource(At(5, 0), At(10, 0), At(10, 0), At(30, 0)),
            new ListSource(At(1, 1), At(10, 1), At(20, 1)),
            new ListSource(),
            new ListSource(At(10, 3), At(40, 3)),
        ]);

        var order = Arrivals.All(merged).Select(a => (a.ArrivalTicks, a.Stream));

        Assert.Equal([(1, 1), (5, 0), (10, 0), (10, 0), (10, 1), (10, 3), (20, 1), (30, 0), (40, 3)], order);
        Assert.False(merged.TryNext(out _));
    }

    [Fact]
    public void The_merge_reads_lazily_one_arrival_ahead_per_source()
    {
        var a = new ListSource(At(1, 0), At(2, 0), At(3, 0), At(4, 0));
        var b = new ListSource(At(100, 1));
        var merged = new MergedArrivals([a, b]);

        Assert.Equal(1, a.Reads);
        Assert.True(merged.TryNext(out var first));
        Assert.Equal(1, first.ArrivalTicks);
        Assert.Equal(2, a.Reads);
        Assert.Equal(1, b.Reads);
    }

    [Fact]
    public void Infinite_sources_merge_without_being_drained()
    {
        var tokens = new LlmTrace("t", [new(0, 1, 1)]);
        var merged = new MergedArrivals([
            new PoissonArrivals(10, tokens, null, PriorityPolicy.Fixed(RequestPriority.High), 0, new Random(1)),
            new PoissonArrivals(30, tokens, null, PriorityPolicy.Fixed(RequestPriority.Low), 1, new Random(2)),
        ]);

        var arrivals = Arrivals.Until(merged, TimeSpan.FromMinutes(10));

        var share = arrivals.Count(x => x.Stream == 1) / (double)arrivals.Count;
        Assert.InRange(share, 0.73, 0.77);
        Assert.All(arrivals, x => Assert.Equal(x.Stream == 1 ? RequestPriority.Low : RequestPriority.High, x.Priority));
    }

    [Fact]
    public void A_source_going_backwards_is_an_error()
    {
        var merged = new MergedArrivals([new ListSource(At(5, 0), At(4, 0))]);

        Assert.Throws<InvalidOperationException>(() => merged.TryNext(out _));
    }
}
