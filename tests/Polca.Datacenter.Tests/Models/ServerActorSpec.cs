using Polca.Actors;
using Polca.Datacenter.Hardware;
using Polca.Datacenter.Power;
using Polca.Datacenter.Workloads;
using Polca.Datacenter.Workloads.Engine;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>A DGX-A100 server actor in virtual time: power reports to its rack, out-of-band caps and the brake after their delays, throttle reasons.</summary>
public sealed class ServerActorSpec : Polca.TestKit.TestKit
{
    private (IActorRef Server, Polca.TestKit.TestProbe Rack) Server()
    {
        var rack = CreateTestProbe("rack");
        var row = CreateTestProbe("row");
        var setup = new ServerSetup("server-A01-1", 0, DgxA100, Llama70bA100, new EngineLimits(2048, 512, 100_000), RequestPriority.Low, row.Ref, rack.Ref,
            Reference);
        var server = ActorOf(Props.Create(() => new ServerActor(setup)), "server-A01-1");
        return (server, rack);
    }

    private ServerStatus Status(IActorRef server)
    {
        server.Tell(GetServerStatus.Instance, TestActor);
        return ExpectMsg<ServerStatus>();
    }

    [Fact]
    public void An_idle_server_reports_its_idle_power_to_its_rack()
    {
        var (server, rack) = Server();
        var change = rack.ExpectMsg<PowerChanged>();
        // 8 GPUs at 63 W and the host at its 1,500 W idle (reference.conf), in milliwatts.
        Assert.Equal((8 * 63 + 1500) * 1000L, change.DeltaMilliwatts);
        var status = Status(server);
        Assert.Equal(GpuPhase.Idle, status.Phase);
        Assert.All(status.Throttle, t => Assert.Equal(ThrottleReasons.GpuIdle, t));
        Assert.All(status.SensedGpuPowerW, w => Assert.Equal(63, w, 6));
    }

    [Fact]
    public void A_clock_cap_reaches_the_GPUs_only_after_the_out_of_band_delay()
    {
        var (server, rack) = Server();
        rack.ExpectMsg<PowerChanged>();
        server.Tell(new ApplyClockCap(1110, 1));
        Advance(TimeSpan.FromSeconds(4));
        Assert.All(Status(server).ClockLocksMhz, l => Assert.Null(l));
        Advance(TimeSpan.FromSeconds(37));
        var status = Status(server);
        Assert.All(status.ClockLocksMhz, l => Assert.Equal(1110, l));
        Assert.All(status.Throttle, t => Assert.True(t.HasFlag(ThrottleReasons.ApplicationsClocksSetting)));

        // A request now runs its prefill at the locked clock, drawing less than at full clock.
        var requester = CreateTestProbe("requester");
        server.Tell(new EnqueueRequest(new SubmitRequest(1, 2000, 50, RequestPriority.Low, 0, 0), requester.Ref));
        var prefill = Status(server);
        Assert.Equal(GpuPhase.Prefill, prefill.Phase);
        Assert.Equal(1110, prefill.ClockMhz);
        Assert.Equal(GpuPowerModel.PowerW(A100, GpuPhase.Prefill, 1110), prefill.GpuPowerW, 3);
        Assert.True(prefill.GpuPowerW < 400 * 0.8);
    }

    [Fact]
    public void The_power_brake_slows_every_GPU_after_its_delay_and_a_power_limit_shows_as_a_power_cap()
    {
        var (server, rack) = Server();
        rack.ExpectMsg<PowerChanged>();
        var requester = CreateTestProbe("requester");
        server.Tell(new ApplyPowerLimit(150, 1));
        Advance(TimeSpan.FromSeconds(41));
        server.Tell(new EnqueueRequest(new SubmitRequest(1, 8000, 2000, RequestPriority.Low, 0, 0), requester.Ref));
        var limited = Status(server);
        Assert.Equal(GpuPhase.Prefill, limited.Phase);
        Assert.All(limited.Throttle, t => Assert.True(t.HasFlag(ThrottleReasons.SwPowerCap)));
        Assert.True(limited.GpuPowerW <= 150 + 1e-6, $"{limited.GpuPowerW} W under a 150 W limit");

        server.Tell(new ApplyPowerBrake(true, 2));
        Advance(TimeSpan.FromSeconds(4.9));
        Assert.All(Status(server).Throttle, t => Assert.False(t.HasFlag(ThrottleReasons.HwPowerBrakeSlowdown)));
        Advance(TimeSpan.FromSeconds(0.2));
        var braked = Status(server);
        Assert.All(braked.Throttle, t => Assert.True(t.HasFlag(ThrottleReasons.HwPowerBrakeSlowdown)));
        // The brake acts at the next iteration: once the current prefill ends the engine runs at the brake clock.
        Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(A100.BrakeClockMhz, Status(server).ClockMhz);
    }
}
