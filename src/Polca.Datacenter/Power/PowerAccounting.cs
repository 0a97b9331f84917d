namespace Polca.Datacenter.Power;

/// <summary>
/// Exact piecewise-constant power sums: power in whole milliwatts, energy in milliwatt-ticks (Int128). A change reported
/// late (its time before the last integration) is booked retroactively, so a parent's energy always equals its children's.
/// </summary>
public static class PowerAccounting
{
    /// <summary>Integrates up to the change's time (or books it retroactively) and applies it.</summary>
    public static void Apply(ref long milliwatts, ref Int128 energy, ref long lastTicks, PowerChanged change)
    {
        if (change.AtTicks >= lastTicks)
        {
            energy += (Int128)milliwatts * (change.AtTicks - lastTicks);
            lastTicks = change.AtTicks;
        }
        else
        {
            energy += (Int128)change.DeltaMilliwatts * (lastTicks - change.AtTicks);
        }

        milliwatts += change.DeltaMilliwatts;
    }

    /// <summary>Integrates the current power up to <paramref name="now"/>.</summary>
    public static void IntegrateTo(long milliwatts, ref Int128 energy, ref long lastTicks, long now)
    {
        if (now <= lastTicks) return;
        energy += (Int128)milliwatts * (now - lastTicks);
        lastTicks = now;
    }
}
