using Polca.Datacenter.Control;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>POLCA's row state machine (MODELS 1.5, 1.9) with the thresholds of reference.conf.</summary>
public sealed class PolcaPolicySpec
{
    private static readonly long S = TimeSpan.TicksPerSecond;

    private static PolcaPolicy Policy() => new(Reference.Polca);

    private static void Expect(PolcaPolicy policy, CapLevel low, bool high)
    {
        Assert.Equal(low, policy.Low);
        Assert.Equal(high, policy.High);
    }

    [Fact]
    public void Reference_thresholds_are_POLCAs()
    {
        var p = Reference.Polca;
        Assert.Equal(0.80, p.T1);
        Assert.Equal(0.89, p.T2);
        Assert.Equal(0.05, p.Hysteresis);
        Assert.Equal(TimeSpan.FromSeconds(40), p.EscalationDelay);
        Assert.Equal((1275.0, 1110.0, 1305.0, 1410.0), (p.LowPriorityT1ClockMhz, p.LowPriorityT2ClockMhz, p.HighPriorityT2ClockMhz, p.ReferenceMaxClockMhz));
    }

    [Fact]
    public void Starts_uncapped()
    {
        Expect(Policy(), CapLevel.None, false);
    }

    [Fact]
    public void Walks_the_MODELS_1_5_state_machine_up_and_down_with_hysteresis()
    {
        var policy = Policy();
        var t = 0L;

        Assert.False(policy.Observe(0.70, t += 2 * S));
        Expect(policy, CapLevel.None, false);

        Assert.True(policy.Observe(0.85, t += 2 * S)); // above T1
        Expect(policy, CapLevel.T1, false);

        Assert.True(policy.Observe(0.90, t += 2 * S)); // above T2: low-priority to the T2 clock
        Expect(policy, CapLevel.T2, false);
        var t2Since = t;

        // Still above T2, but not yet for the escalation delay.
        for (t += 2 * S; t < t2Since + 40 * S; t += 2 * S)
        {
            Assert.False(policy.Observe(0.95, t));
            Expect(policy, CapLevel.T2, false);
        }

        Assert.Equal(t2Since + 40 * S, t);
        Assert.True(policy.Observe(0.92, t)); // 40 s above T2: high-priority capped too
        Expect(policy, CapLevel.T2, true);

        Assert.False(policy.Observe(0.86, t += 2 * S)); // below T2 but above T2 - 5 %: keeps everything
        Expect(policy, CapLevel.T2, true);

        Assert.True(policy.Observe(0.83, t += 2 * S)); // below 0.84: T2 actions lifted, back to T1
        Expect(policy, CapLevel.T1, false);

        Assert.False(policy.Observe(0.76, t += 2 * S)); // below T1 but above T1 - 5 %: keeps T1
        Expect(policy, CapLevel.T1, false);

        Assert.True(policy.Observe(0.74, t += 2 * S)); // below 0.75: uncapped
        Expect(policy, CapLevel.None, false);
    }

    [Fact]
    public void The_thresholds_are_strict_and_the_hysteresis_bounds_inclusive()
    {
        var policy = Policy();
        Assert.False(policy.Observe(0.80, 0)); // not above T1
        Assert.True(policy.Observe(0.89, S)); // above T1, not above T2
        Expect(policy, CapLevel.T1, false);
        Assert.True(policy.Observe(0.8900001, 2 * S));
        Expect(policy, CapLevel.T2, false);
        Assert.False(policy.Observe(0.84, 3 * S)); // not below 0.84
        Expect(policy, CapLevel.T2, false);
        Assert.True(policy.Observe(0.8399999, 4 * S));
        Expect(policy, CapLevel.T1, false);
        Assert.False(policy.Observe(0.75, 5 * S)); // not below 0.75
        Assert.True(policy.Observe(0.7499999, 6 * S));
        Expect(policy, CapLevel.None, false);
    }

    [Fact]
    public void Jumping_straight_above_T2_caps_low_priority_at_T2_and_a_fall_below_both_bands_lifts_everything_at_once()
    {
        var policy = Policy();
        Assert.True(policy.Observe(0.97, 0));
        Expect(policy, CapLevel.T2, false);
        Assert.True(policy.Observe(0.97, 40 * S));
        Expect(policy, CapLevel.T2, true);
        Assert.True(policy.Observe(0.50, 42 * S));
        Expect(policy, CapLevel.None, false);
    }

    [Fact]
    public void A_reading_between_T1_and_T2_minus_hysteresis_does_not_raise_an_existing_T2_cap_nor_lower_it()
    {
        var policy = Policy();
        policy.Observe(0.9, 0);
        Assert.False(policy.Observe(0.85, 2 * S));
        Expect(policy, CapLevel.T2, false);
    }

    [Fact]
    public void Escalation_restarts_when_the_T2_caps_were_lifted_in_between()
    {
        var policy = Policy();
        policy.Observe(0.90, 0);
        policy.Observe(0.83, 20 * S); // T2 lifted
        Expect(policy, CapLevel.T1, false);
        Assert.True(policy.Observe(0.90, 40 * S)); // T2 again, the delay counts from now
        Expect(policy, CapLevel.T2, false);
        Assert.False(policy.Observe(0.90, 78 * S));
        Assert.True(policy.Observe(0.90, 80 * S));
        Expect(policy, CapLevel.T2, true);
    }

    [Fact]
    public void Escalation_needs_a_reading_above_T2_after_the_delay()
    {
        var policy = Policy();
        policy.Observe(0.90, 0);
        Assert.False(policy.Observe(0.88, 60 * S)); // below T2 at the end of the delay: no escalation
        Expect(policy, CapLevel.T2, false);
    }

    // reference.conf: "High-priority servers are capped only when the row stays above T2 this long after the low-priority
    // T2 caps were commanded". The policy only checks the time since the T2 command and the current reading: a row that
    // dipped below T2 (but not below T2 - hysteresis) right after the command and comes back above T2 later escalates at once.
    [Fact]
    public void Escalation_needs_the_row_to_stay_above_T2_for_the_whole_delay()
    {
        var policy = Policy();
        policy.Observe(0.90, 0);
        for (var t = 2 * S; t < 40 * S; t += 2 * S) policy.Observe(0.86, t); // LP caps acted: below T2, within the band
        policy.Observe(0.90, 40 * S); // above T2 again, but only for one reading
        Expect(policy, CapLevel.T2, false);
    }

    [Fact]
    public void Observe_returns_true_exactly_when_the_caps_change()
    {
        var random = new Random(11);
        var policy = Policy();
        var t = 0L;
        var changes = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var before = (policy.Low, policy.High);
            var fraction = 0.6 + random.NextDouble() * 0.5;
            var changed = policy.Observe(fraction, t += 2 * S);
            Assert.Equal(before != (policy.Low, policy.High), changed);
            if (changed) changes++;

            // Invariants of the state machine.
            if (policy.High) Assert.Equal(CapLevel.T2, policy.Low);
            if (fraction > Reference.Polca.T2) Assert.Equal(CapLevel.T2, policy.Low);
            if (fraction > Reference.Polca.T1) Assert.NotEqual(CapLevel.None, policy.Low);
            if (fraction < Reference.Polca.T2 - Reference.Polca.Hysteresis) Assert.False(policy.High);
            if (fraction < Reference.Polca.T1 - Reference.Polca.Hysteresis) Assert.Equal(CapLevel.None, policy.Low);
        }

        Assert.True(changes > 100);
    }
}
