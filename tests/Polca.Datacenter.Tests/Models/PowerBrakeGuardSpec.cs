using Polca.Datacenter.Control;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The row's power brake guard with the settings of reference.conf (MODELS 1.4, 1.5).</summary>
public sealed class PowerBrakeGuardSpec
{
    private static readonly long S = TimeSpan.TicksPerSecond;

    private static PowerBrakeGuard Guard() => new(Reference.PowerBrake);

    [Fact]
    public void Reference_settings()
    {
        Assert.Equal(new PowerBrakeSettings(1.0, 0.85, TimeSpan.FromSeconds(10)), Reference.PowerBrake);
    }

    [Fact]
    public void Asserts_only_above_the_threshold()
    {
        var guard = Guard();
        Assert.False(guard.Observe(0.99, 0));
        Assert.False(guard.Observe(1.0, 2 * S));
        Assert.False(guard.Asserted);
        Assert.True(guard.Observe(1.0001, 4 * S));
        Assert.True(guard.Asserted);
        Assert.False(guard.Observe(1.2, 6 * S)); // already asserted: no change
        Assert.True(guard.Asserted);
    }

    [Fact]
    public void Releases_only_after_readings_stay_below_the_release_threshold_for_release_after()
    {
        var guard = Guard();
        guard.Observe(1.05, 0);

        Assert.False(guard.Observe(0.9, 2 * S)); // below the threshold but not below 0.85
        Assert.False(guard.Observe(0.8, 4 * S)); // below since 4 s
        for (var t = 6 * S; t < 14 * S; t += 2 * S) Assert.False(guard.Observe(0.8, t));
        Assert.True(guard.Asserted);
        Assert.True(guard.Observe(0.8, 14 * S)); // 10 s below
        Assert.False(guard.Asserted);
    }

    [Fact]
    public void A_reading_at_or_above_the_release_threshold_restarts_the_wait()
    {
        var guard = Guard();
        guard.Observe(1.05, 0);
        guard.Observe(0.8, 2 * S);
        guard.Observe(0.8, 8 * S);
        Assert.False(guard.Observe(0.85, 10 * S)); // not below: restart
        Assert.False(guard.Observe(0.8, 12 * S));
        Assert.False(guard.Observe(0.8, 20 * S));
        Assert.True(guard.Asserted);
        Assert.True(guard.Observe(0.8, 22 * S));
    }

    [Fact]
    public void Re_arms_after_a_release_with_a_fresh_wait()
    {
        var guard = Guard();
        guard.Observe(1.05, 0);
        guard.Observe(0.5, 2 * S);
        Assert.True(guard.Observe(0.5, 12 * S));
        Assert.False(guard.Asserted);

        Assert.False(guard.Observe(0.95, 14 * S));
        Assert.True(guard.Observe(1.1, 16 * S)); // asserted again
        Assert.True(guard.Asserted);
        Assert.False(guard.Observe(0.5, 18 * S)); // the old below-since is not reused
        Assert.False(guard.Observe(0.5, 26 * S));
        Assert.True(guard.Observe(0.5, 28 * S));
    }

    [Fact]
    public void A_brake_released_with_no_wait_when_release_after_is_zero()
    {
        var guard = new PowerBrakeGuard(new PowerBrakeSettings(1.0, 0.85, TimeSpan.Zero));
        guard.Observe(1.05, 0);
        Assert.True(guard.Observe(0.8, 2 * S));
        Assert.False(guard.Asserted);
    }
}
