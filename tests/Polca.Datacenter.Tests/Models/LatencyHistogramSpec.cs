using Polca.Datacenter.Telemetry;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The fixed-size logarithmic latency histogram behind every percentile of the summary.</summary>
public sealed class LatencyHistogramSpec
{
    private static readonly double[] Quantiles = [0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0];

    // Nearest rank: the smallest value with at least q of the values at or below it.
    private static double Exact(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static double[] LogNormal(int seed, int count, double medianMs, double sigma)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = medianMs * Math.Exp(sigma * z);
        }

        return values;
    }

    [Theory]
    [InlineData(1, 150.0, 1.0)]
    [InlineData(2, 45.0, 0.3)]
    [InlineData(3, 5_000.0, 1.5)]
    public void Quantiles_are_within_0_1_percent_of_the_exact_nearest_rank_quantiles(int seed, double medianMs, double sigma)
    {
        var values = LogNormal(seed, 100_000, medianMs, sigma);
        var histogram = new LatencyHistogram();
        foreach (var v in values) histogram.Add(v);
        Array.Sort(values);

        Assert.Equal(100_000, histogram.Count);
        foreach (var q in Quantiles)
        {
            var exact = Exact(values, q);
            var estimate = histogram.Quantile(q);
            Assert.True(Math.Abs(estimate - exact) <= 0.001 * exact, $"q {q}: {estimate} vs exact {exact}");
        }
    }

    [Fact]
    public void Quantiles_never_decrease_with_q()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in LogNormal(4, 10_000, 100, 1.5)) histogram.Add(v);
        var previous = 0.0;
        for (var q = 0.0; q <= 1.0; q += 0.0005)
        {
            var value = histogram.Quantile(q);
            Assert.True(value >= previous);
            previous = value;
        }
    }

    [Fact]
    public void A_single_value_is_every_quantile()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(52.0);
        foreach (var q in Quantiles) Assert.True(Math.Abs(histogram.Quantile(q) - 52.0) <= 52.0 * 0.0005);
    }

    [Fact]
    public void Zero_latencies_read_as_zero()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 10; i++) histogram.Add(0);
        Assert.Equal(0, histogram.Quantile(0.5));
        Assert.Equal(0, histogram.Quantile(1.0));

        for (var i = 0; i < 10; i++) histogram.Add(200);
        Assert.Equal(0, histogram.Quantile(0.5)); // rank 10 of 20: still a zero
        Assert.True(Math.Abs(histogram.Quantile(0.55) - 200) <= 0.2);
        Assert.Equal(20, histogram.Count);
    }

    [Fact]
    public void An_empty_histogram_reads_zero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Count);
        foreach (var q in Quantiles) Assert.Equal(0, histogram.Quantile(q));
    }

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Negative_or_undefined_latencies_throw(double ms)
    {
        var histogram = new LatencyHistogram();
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Add(ms));
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void Very_large_latencies_are_kept_in_the_top_bucket()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(1e7);
        histogram.Add(1e12);
        Assert.True(Math.Abs(histogram.Quantile(0.5) - 1e7) <= 1e7 * 0.0005);
        Assert.True(histogram.Quantile(1.0) >= 1e8 * 0.999);
    }

    // The class promises buckets that are "exact to 0.05 %" from 1 µs to 1e8 ms, but Value() rounds the bucket middle to
    // 3 decimals (whole µs): below about 1 ms the rounding error exceeds 0.05 % (0.0123 ms reads 0.012, -2.4 %).
    [Fact]
    public void Sub_millisecond_latencies_keep_the_documented_0_05_percent_precision()
    {
        foreach (var ms in new[] { 0.0123, 0.0015, 0.25, 0.5 })
        {
            var histogram = new LatencyHistogram();
            histogram.Add(ms);
            Assert.True(Math.Abs(histogram.Quantile(0.5) - ms) <= 0.0005 * ms, $"{ms} ms reads {histogram.Quantile(0.5)}");
        }
    }
}
