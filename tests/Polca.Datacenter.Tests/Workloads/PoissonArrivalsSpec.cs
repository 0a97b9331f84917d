using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class PoissonArrivalsSpec
{
    private static readonly PriorityPolicy High = PriorityPolicy.Fixed(RequestPriority.High);

    [Fact]
    public void Fifty_per_second_for_two_hours_gives_360k_arrivals()
    {
        var tokens = LlmTrace.Load("builtin:azure-conv-2023", null);
        var source = new PoissonArrivals(50, tokens, null, High, 3, new Random(1));

        var arrivals = Arrivals.Until(source, TimeSpan.FromHours(2));

        Assert.InRange(arrivals.Count, 356_400, 363_600);
        Assert.All(arrivals.Take(100), a => Assert.Equal(3, a.Stream));

        // exponential gaps: the share of gaps above the mean gap is e^-1
        var longGaps = arrivals.Zip(arrivals.Skip(1)).Count(p => p.Second.ArrivalTicks - p.First.ArrivalTicks > TimeSpan.TicksPerSecond / 50);
        Assert.InRange((double)longGaps / arrivals.Count, Math.Exp(-1) - 0.01, Math.Exp(-1) + 0.01);
    }

    [Fact]
    public void A_diurnal_envelope_peaks_at_peak_at_and_keeps_the_mean()
    {
        var tokens = LlmTrace.Load("builtin:azure-conv-2023", null);
        var envelope = new DiurnalEnvelope(0.5, TimeSpan.FromHours(1), TimeSpan.FromMinutes(20));
        var source = new PoissonArrivals(40, tokens, envelope, High, 0, new Random(7));

        var arrivals = Arrivals.Until(source, TimeSpan.FromHours(4));
        var perMinute = new double[60];
        foreach (var a in arrivals)
        {
            perMinute[(int)(a.ArrivalTicks / TimeSpan.TicksPerMinute % 60)]++;
        }

        var mean = 40.0 * 60 * 4;
        Assert.InRange(arrivals.Count, 0.99 * mean * 60, 1.01 * mean * 60);

        // the phase of the first Fourier component of the per-minute counts gives the peak's minute
        var theta = Enumerable.Range(0, 60).Select(k => 2 * Math.PI * (k + 0.5) / 60).ToArray();
        var phase = Math.Atan2(theta.Select((t, k) => perMinute[k] * Math.Sin(t)).Sum(), theta.Select((t, k) => perMinute[k] * Math.Cos(t)).Sum());
        Assert.InRange(phase * 60 / (2 * Math.PI), 19.5, 20.5);
        Assert.InRange(perMinute[20] / mean, 1.45, 1.55);
        Assert.InRange(perMinute[50] / mean, 0.45, 0.55);
        Assert.InRange(perMinute[10] / mean, 1.22, 1.32); // 1 + 0.5 cos(2π 9.5/60) ≈ 1.27 at minute 10.5
    }

    [Fact]
    public void Token_pairs_come_whole_from_uniformly_drawn_trace_rows()
    {
        var trace = new LlmTrace("pairs", [new(0, 10, 1), new(1, 20, 2), new(2, 30, 3), new(3, 40, 4)]);
        var source = new PoissonArrivals(1000, trace, null, High, 0, new Random(3));

        var arrivals = Arrivals.Take(source, 40_000);

        Assert.All(arrivals, a => Assert.Equal(a.PromptTokens, a.OutputTokens * 10));
        foreach (var group in arrivals.GroupBy(a => a.PromptTokens))
        {
            Assert.InRange(group.Count(), 9_600, 10_400);
        }

        Assert.Equal(4, arrivals.Select(a => a.PromptTokens).Distinct().Count());
    }

    [Fact]
    public void The_envelope_factor_follows_the_cosine()
    {
        var envelope = new DiurnalEnvelope(0.3, TimeSpan.FromHours(24), TimeSpan.FromHours(14));

        Assert.Equal(1.3, envelope.Factor(TimeSpan.FromHours(14).Ticks), 12);
        Assert.Equal(0.7, envelope.Factor(TimeSpan.FromHours(2).Ticks), 12);
        Assert.Equal(1.0, envelope.Factor(TimeSpan.FromHours(8).Ticks), 12);
        Assert.Equal(1.3, envelope.Factor(TimeSpan.FromHours(38).Ticks), 12);
        Assert.Equal(1.3, envelope.PeakFactor, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiurnalEnvelope(1.5, TimeSpan.FromHours(1), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiurnalEnvelope(0.5, TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void Rates_must_be_positive()
    {
        var trace = new LlmTrace("t", [new(0, 1, 1)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonArrivals(0, trace, null, High, 0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonArrivals(double.NaN, trace, null, High, 0, new Random(1)));
    }
}
