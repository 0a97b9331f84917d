using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class PrioritySpec
{
    private static readonly LlmTrace Tokens = new("t", [new(0, 100, 10)]);

    private static List<ArrivalSpec> Draw(PriorityPolicy policy, int count = 100_000) =>
        Arrivals.Take(new PoissonArrivals(100, Tokens, null, policy, 0, new Random(11)), count);

    [Theory]
    [InlineData(RequestPriority.High)]
    [InlineData(RequestPriority.Low)]
    public void A_fixed_class_applies_to_every_request(RequestPriority priority)
    {
        Assert.All(Draw(PriorityPolicy.Fixed(priority), 1_000), a => Assert.Equal(priority, a.Priority));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_low_share_makes_that_fraction_low(double share)
    {
        var arrivals = Draw(PriorityPolicy.WithLowShare(share));

        var low = arrivals.Count(a => a.Priority == RequestPriority.Low) / (double)arrivals.Count;
        Assert.InRange(low, share - 0.01, share + 0.01);
    }

    [Fact]
    public void Policies_render_as_scenarios_write_them_and_refuse_bad_shares()
    {
        Assert.Equal("high", PriorityPolicy.Fixed(RequestPriority.High).ToString());
        Assert.Equal("low", PriorityPolicy.Fixed(RequestPriority.Low).ToString());
        Assert.Equal("low-share 0.25", PriorityPolicy.WithLowShare(0.25).ToString());
        Assert.Equal(1, PriorityPolicy.Fixed(RequestPriority.Low).LowShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => PriorityPolicy.WithLowShare(1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PriorityPolicy.WithLowShare(double.NaN));
    }
}
