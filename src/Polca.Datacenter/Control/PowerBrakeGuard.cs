namespace Polca.Datacenter.Control;

/// <summary>The row's power brake: asserted when a reading exceeds the threshold, released once readings stay below the release threshold long enough.</summary>
public sealed class PowerBrakeGuard(PowerBrakeSettings settings)
{
    private long _belowSince = -1;

    /// <summary>Whether the brake is asserted.</summary>
    public bool Asserted { get; private set; }

    /// <summary>Takes one reading (fraction of the budget) at <paramref name="now"/>; true when the brake changed.</summary>
    public bool Observe(double fraction, long now)
    {
        if (!Asserted)
        {
            if (fraction <= settings.Threshold) return false;
            Asserted = true;
            _belowSince = -1;
            return true;
        }

        if (fraction >= settings.ReleaseThreshold)
        {
            _belowSince = -1;
            return false;
        }

        if (_belowSince < 0) _belowSince = now;
        if (now - _belowSince < settings.ReleaseAfter.Ticks) return false;
        Asserted = false;
        return true;
    }
}
