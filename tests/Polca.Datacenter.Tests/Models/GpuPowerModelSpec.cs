using Polca.Datacenter.Hardware;
using Xunit.Abstractions;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>GpuPowerModel on the calibrated catalog of reference.conf (MODELS 1.2, 1.4, 1.9, 2.2, 7.3, 7.6).</summary>
public sealed class GpuPowerModelSpec(ITestOutputHelper output)
{
    private static readonly GpuPhase[] ActivePhases = [GpuPhase.Prefill, GpuPhase.Decode];

    public static TheoryData<string> GpuNames() => ["A100-80GB", "H100-80GB", "H200", "B200"];

    [Fact]
    public void A100_at_max_clock_draws_the_SKU_figures_63W_idle_400W_prefill_and_0_43_TDP_decode()
    {
        var a100 = A100;
        Assert.Equal(1410, a100.ClockMaxMhz);

        Assert.Equal(63, GpuPowerModel.PowerW(a100, GpuPhase.Idle, a100.ClockMaxMhz), 9);
        Assert.Equal(400, GpuPowerModel.PowerW(a100, GpuPhase.Prefill, a100.ClockMaxMhz), 9);
        Assert.Equal(0.43 * 400, GpuPowerModel.PowerW(a100, GpuPhase.Decode, a100.ClockMaxMhz), 9);
    }

    [Theory]
    [MemberData(nameof(GpuNames))]
    public void Idle_power_does_not_depend_on_the_clock(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        foreach (var clock in new[] { 0.0, sku.ClockMinMhz, sku.BrakeClockMhz, 1000, sku.ClockMaxMhz })
            Assert.Equal(sku.IdleW, GpuPowerModel.PowerW(sku, GpuPhase.Idle, clock));
    }

    [Theory]
    [MemberData(nameof(GpuNames))]
    public void Power_falls_strictly_with_the_clock_and_never_below_idle(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        foreach (var phase in ActivePhases)
        {
            var previous = double.PositiveInfinity;
            for (var clock = sku.ClockMaxMhz; clock >= sku.ClockMinMhz; clock -= 5)
            {
                var power = GpuPowerModel.PowerW(sku, phase, clock);
                Assert.True(power < previous, $"{phase} at {clock} MHz: {power} W, not below {previous} W at {clock + 5} MHz");
                Assert.True(power > sku.IdleW, $"{phase} at {clock} MHz: {power} W is not above idle");
                previous = power;
            }
        }
    }

    [Theory]
    [MemberData(nameof(GpuNames))]
    public void Prefill_draws_more_than_decode_at_every_clock(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        for (var clock = sku.ClockMinMhz; clock <= sku.ClockMaxMhz; clock += 10)
            Assert.True(GpuPowerModel.PowerW(sku, GpuPhase.Prefill, clock) > GpuPowerModel.PowerW(sku, GpuPhase.Decode, clock));
    }

    [Theory]
    [MemberData(nameof(GpuNames))]
    public void ClockForPowerLimit_inverts_PowerW_over_the_power_limit_range(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        foreach (var phase in ActivePhases)
        {
            var full = GpuPowerModel.PowerW(sku, phase, sku.ClockMaxMhz);
            for (var limit = sku.PowerLimitMinW; limit <= sku.PowerLimitMaxW; limit += 2.5)
            {
                var clock = GpuPowerModel.ClockForPowerLimit(sku, phase, limit);
                Assert.InRange(clock, sku.ClockMinMhz, sku.ClockMaxMhz);
                var power = GpuPowerModel.PowerW(sku, phase, clock);
                Assert.True(power <= limit * (1 + 1e-6), $"{phase}, limit {limit} W: {power} W at {clock} MHz exceeds it");
                if (full > limit)
                {
                    // Binding: the limit is met exactly (the GPU runs as fast as the limit allows).
                    Assert.True(clock < sku.ClockMaxMhz);
                    Near(limit, power, 1e-6);
                }
                else
                {
                    Assert.Equal(sku.ClockMaxMhz, clock);
                }
            }
        }
    }

    [Fact]
    public void ClockForPowerLimit_is_the_highest_clock_that_meets_the_limit()
    {
        var a100 = A100;
        var clock = GpuPowerModel.ClockForPowerLimit(a100, GpuPhase.Prefill, 300);
        Assert.True(GpuPowerModel.PowerW(a100, GpuPhase.Prefill, clock * 1.0001) > 300);
    }

    [Fact]
    public void ClockForPowerLimit_holds_the_minimum_clock_when_the_limit_is_below_what_it_draws_there()
    {
        var a100 = A100;
        Assert.Equal(a100.ClockMinMhz, GpuPowerModel.ClockForPowerLimit(a100, GpuPhase.Prefill, a100.IdleW + 0.5));
        Assert.Equal(a100.ClockMinMhz, GpuPowerModel.ClockForPowerLimit(a100, GpuPhase.Prefill, 10));
        Assert.Equal(a100.ClockMaxMhz, GpuPowerModel.ClockForPowerLimit(a100, GpuPhase.Idle, 10));
    }

    [Theory]
    [MemberData(nameof(GpuNames))]
    public void Prefill_slows_in_inverse_proportion_to_the_clock(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        for (var clock = sku.ClockMinMhz; clock <= sku.ClockMaxMhz; clock += 7)
            Near(sku.ClockMaxMhz / clock, GpuPowerModel.Slowdown(sku, GpuPhase.Prefill, clock), 1e-12);
        Assert.Equal(1, GpuPowerModel.Slowdown(sku, GpuPhase.Prefill, sku.ClockMaxMhz));
    }

    [Theory]
    [MemberData(nameof(GpuNames))]
    public void Decode_slows_by_its_clock_sensitivity(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        Assert.Equal(0.2, sku.DecodeClockSensitivity);
        for (var clock = sku.ClockMinMhz; clock <= sku.ClockMaxMhz; clock += 7)
        {
            var expected = 1 + sku.DecodeClockSensitivity * (sku.ClockMaxMhz / clock - 1);
            Near(expected, GpuPowerModel.Slowdown(sku, GpuPhase.Decode, clock), 1e-12);
        }

        Assert.Equal(1, GpuPowerModel.Slowdown(sku, GpuPhase.Decode, sku.ClockMaxMhz));
    }

    [Fact]
    public void Slowdown_clamps_the_clock_to_the_SKU_range()
    {
        var a100 = A100;
        foreach (var phase in ActivePhases)
        {
            Assert.Equal(1, GpuPowerModel.Slowdown(a100, phase, 5000));
            Assert.Equal(GpuPowerModel.Slowdown(a100, phase, a100.ClockMinMhz), GpuPowerModel.Slowdown(a100, phase, 1));
        }
    }

    [Fact]
    public void Host_power_moves_between_host_idle_and_host_max_with_GPU_activity()
    {
        var dgx = DgxA100;
        var gpus = dgx.Gpus;
        Assert.Equal(1500, GpuPowerModel.HostPowerW(dgx, gpus * dgx.Gpu.IdleW), 9);
        Assert.Equal(3300, GpuPowerModel.HostPowerW(dgx, gpus * dgx.Gpu.TdpW), 9);
        Assert.Equal(1500, GpuPowerModel.HostPowerW(dgx, 0));
        Assert.Equal(3300, GpuPowerModel.HostPowerW(dgx, 10 * gpus * dgx.Gpu.TdpW));

        // Half way in GPU activity is half way in host power.
        var half = gpus * (dgx.Gpu.IdleW + dgx.Gpu.TdpW) / 2;
        Assert.Equal(2400, GpuPowerModel.HostPowerW(dgx, half), 9);

        var previous = 0.0;
        for (var w = 0.0; w <= gpus * dgx.Gpu.TdpW * 1.2; w += 25)
        {
            var host = GpuPowerModel.HostPowerW(dgx, w);
            Assert.InRange(host, dgx.HostIdleW, dgx.HostMaxW);
            Assert.True(host >= previous);
            previous = host;
        }

        // A DGX-A100 at full prefill stays within its nameplate.
        Assert.True(gpus * 400 + GpuPowerModel.HostPowerW(dgx, gpus * 400) <= dgx.NameplateW);
    }

    // MODELS 2.2 / 7.6: capping an H100 to 70 % of TDP slows prefill about 1.3x and leaves decode (below the cap) unchanged.
    [Fact]
    public void H100_power_capped_to_70_percent_of_TDP_slows_prefill_1_3x_and_leaves_decode_alone()
    {
        var h100 = H100;
        var limit = 0.7 * h100.TdpW;
        Assert.Equal(490, limit, 9);

        var prefillClock = GpuPowerModel.ClockForPowerLimit(h100, GpuPhase.Prefill, limit);
        var prefillSlowdown = GpuPowerModel.Slowdown(h100, GpuPhase.Prefill, prefillClock);
        output.WriteLine($"H100 at 490 W: prefill clock {prefillClock:F1} MHz, slowdown {prefillSlowdown:F4}");
        Assert.InRange(prefillSlowdown, 1.25, 1.35);

        Assert.True(GpuPowerModel.PowerW(h100, GpuPhase.Decode, h100.ClockMaxMhz) < limit);
        var decodeClock = GpuPowerModel.ClockForPowerLimit(h100, GpuPhase.Decode, limit);
        Assert.Equal(h100.ClockMaxMhz, decodeClock);
        Assert.Equal(1.0, GpuPowerModel.Slowdown(h100, GpuPhase.Decode, decodeClock));
    }

    // MODELS 1.4 / 7.3: locking A100 clocks (explored 1.1-1.4 GHz) cuts peak power about 20 % for at most about 7 % slowdown.
    [Fact]
    public void A100_clock_lock_exists_that_cuts_prefill_power_about_20_percent_for_at_most_7_percent_decode_slowdown()
    {
        var a100 = A100;
        var full = GpuPowerModel.PowerW(a100, GpuPhase.Prefill, a100.ClockMaxMhz);
        var found = new List<(double Clock, double Cut, double Decode)>();
        for (var clock = 1110.0; clock <= 1410.0; clock += 1)
        {
            var cut = 1 - GpuPowerModel.PowerW(a100, GpuPhase.Prefill, clock) / full;
            var decode = GpuPowerModel.Slowdown(a100, GpuPhase.Decode, clock);
            if (cut is >= 0.18 and <= 0.25 && decode <= 1.07) found.Add((clock, cut, decode));
        }

        Assert.NotEmpty(found);
        var best = found.MinBy(f => Math.Abs(f.Cut - 0.20));
        output.WriteLine($"A100 clocks meeting the target: {found[0].Clock}-{found[^1].Clock} MHz; closest to 20 %: {best.Clock} MHz, " +
            $"prefill power -{best.Cut:P2}, decode slowdown {best.Decode:F4}, prefill slowdown {GpuPowerModel.Slowdown(a100, GpuPhase.Prefill, best.Clock):F4}");
    }

    // POLCA's A100 cap clocks (MODELS 1.5): each lower clock cuts prefill power further; the T2 clock 1110 MHz slows decode < 6 %.
    [Fact]
    public void POLCA_cap_clocks_order_power_and_decode_slowdown()
    {
        var a100 = A100;
        var p = Reference.Polca;
        double Prefill(double mhz) => GpuPowerModel.PowerW(a100, GpuPhase.Prefill, mhz);
        Assert.True(Prefill(p.LowPriorityT2ClockMhz) < Prefill(p.LowPriorityT1ClockMhz));
        Assert.True(Prefill(p.LowPriorityT1ClockMhz) < Prefill(p.HighPriorityT2ClockMhz));
        Assert.True(Prefill(p.HighPriorityT2ClockMhz) < Prefill(a100.ClockMaxMhz));
        Assert.True(GpuPowerModel.Slowdown(a100, GpuPhase.Decode, p.LowPriorityT2ClockMhz) < 1.06);
    }

    // MODELS 1.4 / 7.14: the power brake drops the clock at least 2x and the power well below the prefill peak.
    [Theory]
    [MemberData(nameof(GpuNames))]
    public void Brake_clock_is_at_least_2x_lower_and_draws_far_less(string gpu)
    {
        var sku = Reference.Gpus[gpu];
        Assert.True(sku.ClockMaxMhz / sku.BrakeClockMhz >= 2);
        var braked = GpuPowerModel.PowerW(sku, GpuPhase.Prefill, sku.BrakeClockMhz);
        Assert.True(braked < 0.5 * sku.TdpW, $"{gpu} braked prefill draws {braked} W");
    }
}
