using Polca.Actors;
using Polca.Datacenter.Telemetry;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The lag probe measures how far its reference (the wall clock times the pace) is past each tick's due time.</summary>
public sealed class LagProbeSpec : Polca.TestKit.TestKit
{
    [Fact]
    public void Lag_is_how_far_the_reference_is_past_each_tick_and_warm_up_samples_are_kept_apart()
    {
        // The reference runs 250 ms ahead of the emulated clock until 1 s, then 40 ms ahead.
        long Reference()
        {
            var elapsed = Sys.Clock.Elapsed;
            return elapsed.Ticks + TimeSpan.FromMilliseconds(elapsed < TimeSpan.FromSeconds(1) ? 250 : 40).Ticks;
        }

        var probe = Sys.ActorOf(Props.Create(() => new LagProbe(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), Reference)), "lag-probe");
        Advance(TimeSpan.FromSeconds(3));
        probe.Tell(GetLag.Instance, TestActor);
        var report = ExpectMsg<LagReport>();

        // Ticks due at 0.1 s .. 0.9 s are warm-up; 1.0 s .. 3.0 s are measured (21 samples, each 40 ms late).
        Assert.Equal(21, report.Samples);
        Assert.Equal(40, report.P99Ms, 0.1);
        Assert.Equal(40, report.MaxMs, 0.1);
        Assert.Equal(250, report.WarmupMaxMs, 0.5);
    }

    [Fact]
    public void A_reference_behind_the_due_time_counts_as_no_lag()
    {
        var probe = Sys.ActorOf(Props.Create(() => new LagProbe(TimeSpan.FromMilliseconds(100), TimeSpan.Zero, () => 0L)), "lag-probe");
        Advance(TimeSpan.FromSeconds(1));
        probe.Tell(GetLag.Instance, TestActor);
        var report = ExpectMsg<LagReport>();
        Assert.Equal(10, report.Samples);
        Assert.Equal(0, report.MaxMs);
    }
}
