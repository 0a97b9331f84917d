using Polca.Datacenter.Telemetry;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The NVML-like GPU power sensor: a 25 ms boxcar refreshed every 100 ms (MODELS 6.2, 7.13), from reference.conf.</summary>
public sealed class SampledPowerSensorSpec
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    private static SampledPowerSensor Sensor() =>
        new(Reference.Telemetry.GpuPeriod.Ticks, Reference.Telemetry.GpuWindow.Ticks);

    [Fact]
    public void Reference_telemetry_is_100ms_refresh_and_25ms_window()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), Reference.Telemetry.GpuPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(25), Reference.Telemetry.GpuWindow);
        Assert.Equal(TimeSpan.FromSeconds(2), Reference.Telemetry.RowPeriod);
    }

    [Fact]
    public void A_constant_power_reads_exactly_at_any_time_and_offset()
    {
        var sensor = Sensor();
        sensor.Record(0, 312_345);
        foreach (var now in new[] { 0L, 1, 99 * Ms, 100 * Ms, 12_345 * Ms + 17 })
        foreach (var offset in new[] { 0L, 12 * Ms, 87 * Ms })
            Assert.Equal(312_345, sensor.Read(now, offset));
    }

    [Fact]
    public void A_10ms_spike_between_the_25ms_windows_is_not_seen()
    {
        var sensor = Sensor();
        sensor.Record(0, 100_000);
        sensor.Record(130 * Ms, 700_000); // windows are [75, 100) and [175, 200) ms
        sensor.Record(140 * Ms, 100_000);

        for (var now = 0L; now < 400 * Ms; now += Ms) Assert.Equal(100_000, sensor.Read(now, 0));
        Assert.Equal(100_000 + 600_000 * 10.0 / 100, sensor.MeanOver(100 * Ms, 200 * Ms), 6); // the truth over the period
    }

    [Fact]
    public void A_spike_inside_a_window_is_averaged_over_the_window()
    {
        var sensor = Sensor();
        sensor.Record(0, 100_000);
        sensor.Record(180 * Ms, 700_000);
        sensor.Record(190 * Ms, 100_000);
        Assert.Equal(100_000, sensor.Read(199 * Ms, 0));
        Assert.Equal(100_000 + 600_000 * 10.0 / 25, sensor.Read(200 * Ms, 0), 6);
        Assert.Equal(100_000 + 600_000 * 10.0 / 25, sensor.Read(299 * Ms, 0), 6); // held until the next refresh
        Assert.Equal(100_000, sensor.Read(300 * Ms, 0));
    }

    [Fact]
    public void A_step_reads_the_window_mean_then_the_new_level()
    {
        var sensor = Sensor();
        sensor.Record(0, 100_000);
        sensor.Record(90 * Ms, 500_000);
        Assert.Equal((15 * 100_000 + 10 * 500_000) / 25.0, sensor.Read(100 * Ms, 0), 6);
        Assert.Equal(500_000, sensor.Read(200 * Ms, 0));

        // A step before the window is entirely seen; one after the refresh not yet.
        var early = Sensor();
        early.Record(0, 100_000);
        early.Record(50 * Ms, 500_000);
        Assert.Equal(500_000, early.Read(100 * Ms, 0));
        early.Record(101 * Ms, 900_000);
        Assert.Equal(500_000, early.Read(150 * Ms, 0));
    }

    [Fact]
    public void Refreshes_fall_on_the_offset_grid()
    {
        var sensor = Sensor();
        sensor.Record(0, 100_000);
        sensor.Record(140 * Ms, 500_000);

        // Offset 50 ms: refreshes at 50, 150, 250 ms; the one at 150 averages [125, 150) = 15 ms low, 10 ms high.
        Assert.Equal(100_000, sensor.Read(149 * Ms, 50 * Ms));
        Assert.Equal((15 * 100_000 + 10 * 500_000) / 25.0, sensor.Read(150 * Ms, 50 * Ms), 6);
        Assert.Equal(500_000, sensor.Read(250 * Ms, 50 * Ms));
    }

    [Fact]
    public void MeanOver_is_the_exact_mean_of_the_recorded_steps()
    {
        var random = new Random(5);
        var sensor = Sensor();
        var steps = new List<(long At, long Mw)>();
        var t = 0L;
        for (var i = 0; i < 60; i++)
        {
            t += random.Next(1, 50_000);
            var mw = random.Next(50_000, 800_000);
            sensor.Record(t, mw);
            steps.Add((t, mw));
        }

        for (var trial = 0; trial < 500; trial++)
        {
            var from = random.NextInt64(steps[0].At, t + 100_000);
            var to = from + random.NextInt64(1, 500_000);
            Int128 energy = 0;
            for (var i = 0; i < steps.Count; i++)
            {
                var start = Math.Max(from, steps[i].At);
                var end = Math.Min(to, i + 1 < steps.Count ? steps[i + 1].At : long.MaxValue);
                if (end > start) energy += (Int128)steps[i].Mw * (end - start);
            }

            Assert.Equal((double)energy / (to - from), sensor.MeanOver(from, to), 6);
        }
    }

    [Fact]
    public void A_later_record_at_the_same_instant_replaces_the_earlier()
    {
        var sensor = Sensor();
        sensor.Record(0, 100_000);
        sensor.Record(10 * Ms, 900_000);
        sensor.Record(10 * Ms, 200_000);
        Assert.Equal(200_000, sensor.MeanOver(20 * Ms, 30 * Ms));
        Assert.Equal((10 * 100_000 + 10 * 200_000) / 20.0, sensor.MeanOver(0, 20 * Ms), 6);
    }

    [Fact]
    public void Before_any_record_it_reads_zero_and_history_before_the_first_record_reads_as_the_first_value()
    {
        var sensor = Sensor();
        Assert.Equal(0, sensor.Read(500 * Ms, 0));
        sensor.Record(1000 * Ms, 250_000);
        Assert.Equal(250_000, sensor.MeanOver(0, 10 * Ms));
        Assert.Equal(250_000, sensor.Read(500 * Ms, 0));
    }

    [Fact]
    public void An_empty_interval_reads_the_value_at_its_end()
    {
        var sensor = Sensor();
        sensor.Record(0, 100_000);
        sensor.Record(10 * Ms, 300_000);
        Assert.Equal(100_000, sensor.MeanOver(5 * Ms, 5 * Ms));
        Assert.Equal(300_000, sensor.MeanOver(10 * Ms, 10 * Ms));
    }

    [Fact]
    public void A_window_within_the_last_64_changes_stays_exact_however_long_the_history()
    {
        var sensor = Sensor();
        for (var i = 0; i < 10_000; i++) sensor.Record(i * Ms, i % 2 == 0 ? 100_000 : 300_000);

        // The buffer keeps the changes at 9936..9999 ms; the window [9975, 10000) ms holds 12 even (100 W) and 13 odd (300 W) ms.
        Assert.Equal((12 * 100_000 + 13 * 300_000) / 25.0, sensor.Read(10_000 * Ms, 0), 6);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 0)]
    [InlineData(100, 101)]
    [InlineData(-1, 1)]
    public void Rejects_a_window_that_is_empty_or_longer_than_the_period(long period, long window)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SampledPowerSensor(period, window));
    }
}
