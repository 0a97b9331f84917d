using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class ReplayArrivalsSpec
{
    private static readonly PriorityPolicy High = PriorityPolicy.Fixed(RequestPriority.High);
    private static readonly LlmTrace Code = LlmTrace.Load("builtin:azure-code-2023", null);
    private static readonly LlmTrace Small = new("small", [new(0, 1, 1), new(1, 2, 2), new(3, 3, 3), new(7, 4, 4), new(10, 5, 5)]);

    private static ReplayArrivals Replay(LlmTrace trace, double m = 1, double c = 1, bool loop = false, TimeSpan startOffset = default, DiurnalEnvelope? diurnal = null, int seed = 1) =>
        new(trace, m, c, loop, startOffset, diurnal, High, 0, new Random(seed));

    [Fact]
    public void Multiplier_one_replays_the_trace_as_recorded()
    {
        var arrivals = Arrivals.All(Replay(Code));

        Assert.Equal(Code.Count, arrivals.Count);
        for (var i = 0; i < Code.Count; i++)
        {
            Assert.Equal((long)Math.Round(Code.Requests[i].OffsetS * TimeSpan.TicksPerSecond), arrivals[i].ArrivalTicks);
            Assert.Equal(Code.Requests[i].PromptTokens, arrivals[i].PromptTokens);
            Assert.Equal(Code.Requests[i].OutputTokens, arrivals[i].OutputTokens);
        }
    }

    [Fact]
    public void Multiplier_three_gives_three_times_the_trace_count_per_span()
    {
        var span = TimeSpan.FromTicks((long)Math.Round(Code.SpanS * TimeSpan.TicksPerSecond));

        var arrivals = Arrivals.Until(Replay(Code, m: 3, loop: true), span * 5);

        Assert.InRange(arrivals.Count / 5.0, 0.98 * 3 * Code.Count, 1.02 * 3 * Code.Count);
        Assert.Equal(3 * Code.Count, Arrivals.All(Replay(Code, m: 3)).Count);
    }

    [Fact]
    public void A_fractional_multiplier_thins_one_extra_copy()
    {
        var counts = Enumerable.Range(1, 3).Select(seed => Arrivals.All(Replay(Code, m: 2.5, seed: seed)).Count).ToArray();

        Assert.All(counts, n => Assert.InRange(n, 0.98 * 2.5 * Code.Count, 1.02 * 2.5 * Code.Count));
        Assert.True(counts.Distinct().Count() > 1);
        Assert.InRange(Arrivals.All(Replay(Code, m: 0.5)).Count, 0.96 * 0.5 * Code.Count, 1.04 * 0.5 * Code.Count);
    }

    [Fact]
    public void Extra_copies_are_the_trace_shifted_circularly_within_its_span()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var seconds = Arrivals.All(Replay(Small, m: 2, seed: seed)).Select(a => (double)a.ArrivalTicks / TimeSpan.TicksPerSecond).ToList();
            Assert.Equal(10, seconds.Count);
            foreach (var original in new[] { 0.0, 1, 3, 7, 10 })
            {
                Assert.True(seconds.Remove(original));
            }

            // the remaining five are {(o + u) wrapped into [0, 10)} for one shift u in (0, 10)
            var originals = new[] { 0.0, 1, 3, 7, 10 };
            var rest = seconds.Order().ToArray();
            bool IsShift(double u) => originals
                .Select(o => o + u >= 10 ? o + u - 10 : o + u)
                .Order()
                .Zip(rest)
                .All(p => Math.Abs(p.First - p.Second) < 1e-6);
            var candidates = rest.SelectMany(r => originals.Select(o => (((r - o) % 10) + 10) % 10)).Where(u => u > 0);
            Assert.True(candidates.Any(IsShift), $"seed {seed}: {string.Join(", ", rest)} is not a circular shift of the trace");
        }
    }

    [Fact]
    public void Time_compression_two_halves_the_span()
    {
        var normal = Arrivals.All(Replay(Code));
        var fast = Arrivals.All(Replay(Code, c: 2));

        Assert.Equal(normal.Count, fast.Count);
        Assert.Equal(normal[^1].ArrivalTicks / 2.0, fast[^1].ArrivalTicks, 0);
        Assert.Equal(Code.SpanS / 2, (double)fast[^1].ArrivalTicks / TimeSpan.TicksPerSecond, 6);
    }

    [Fact]
    public void A_loop_repeats_the_same_copies_every_span_over_compression()
    {
        var source = Replay(Small, m: 2, c: 2, loop: true);
        var arrivals = Arrivals.Take(source, 30);

        Assert.Equal(10, source.RequestsPerPass);
        for (var i = 10; i < 30; i++)
        {
            Assert.Equal(arrivals[i - 10].ArrivalTicks + TimeSpan.FromSeconds(5).Ticks, arrivals[i].ArrivalTicks);
            Assert.Equal(arrivals[i - 10].PromptTokens, arrivals[i].PromptTokens);
        }
    }

    [Fact]
    public void A_start_offset_skips_into_the_trace()
    {
        var arrivals = Arrivals.All(Replay(Small, startOffset: TimeSpan.FromSeconds(3)));

        Assert.Equal([0L, TimeSpan.FromSeconds(4).Ticks, TimeSpan.FromSeconds(7).Ticks], arrivals.Select(a => a.ArrivalTicks));
        Assert.Equal([3, 4, 5], arrivals.Select(a => a.PromptTokens));

        var looped = Arrivals.Take(Replay(Small, loop: true, startOffset: TimeSpan.FromSeconds(3)), 6);
        Assert.Equal([0L, 4, 7, 7, 8, 10], looped.Select(a => a.ArrivalTicks / TimeSpan.TicksPerSecond));
        Assert.Throws<ArgumentOutOfRangeException>(() => Replay(Small, startOffset: TimeSpan.FromSeconds(11)));
    }

    [Fact]
    public void A_diurnal_envelope_on_a_replay_keeps_its_mean_and_shapes_it()
    {
        var conv = LlmTrace.Load("builtin:azure-conv-2023", null);
        var span = TimeSpan.FromSeconds(conv.SpanS);
        var envelope = new DiurnalEnvelope(0.8, span * 2, span / 2);

        var arrivals = Arrivals.Until(Replay(conv, m: 2, loop: true, diurnal: envelope), span * 4);

        Assert.InRange(arrivals.Count, 0.98 * 8 * conv.Count, 1.02 * 8 * conv.Count);
        var nearPeak = arrivals.Count(a => Math.Abs(a.ArrivalTicks - (span / 2).Ticks) < (span / 10).Ticks);
        var nearTrough = arrivals.Count(a => Math.Abs(a.ArrivalTicks - (span * 1.5).Ticks) < (span / 10).Ticks);
        Assert.True(nearPeak > 4 * nearTrough, $"{nearPeak} near the peak, {nearTrough} near the trough");
    }

    [Fact]
    public void Bad_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Replay(Small, m: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Replay(Small, c: -1));
        Assert.Throws<ArgumentException>(() => Replay(new LlmTrace("instant", [new(0, 1, 1), new(0, 2, 2)]), loop: true));
        Assert.Equal(2, Arrivals.All(Replay(new LlmTrace("instant", [new(0, 1, 1), new(0, 2, 2)]), m: 1)).Count);
    }
}
