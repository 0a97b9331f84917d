namespace Polca.Datacenter.Control;

/// <summary>
/// POLCA's row state machine (MODELS 1.5): above T2 cap low-priority servers to the T2 clock, and if the row stays above
/// T2 for the escalation delay, high-priority servers too; above T1 cap low-priority servers to the T1 clock; lift the T2
/// actions below T2 − hysteresis and the T1 actions below T1 − hysteresis. "Stays above T2" means every reading since the
/// low-priority T2 caps (or since the row last went back above T2) was above T2.
/// </summary>
public sealed class PolcaPolicy(PolcaSettings settings)
{
    private long _aboveT2Since = -1;

    /// <summary>The cap in force on low-priority servers.</summary>
    public CapLevel Low { get; private set; }

    /// <summary>Whether high-priority servers are capped.</summary>
    public bool High { get; private set; }

    /// <summary>Takes one reading (row power over its budget) at <paramref name="now"/>; true when the caps changed.</summary>
    public bool Observe(double fraction, long now)
    {
        var (low, high) = (Low, High);
        if (fraction > settings.T2)
        {
            if (Low != CapLevel.T2 || _aboveT2Since < 0)
            {
                Low = CapLevel.T2;
                _aboveT2Since = now;
            }
            else if (!High && now - _aboveT2Since >= settings.EscalationDelay.Ticks)
            {
                High = true;
            }
        }
        else
        {
            _aboveT2Since = -1;
            if (fraction > settings.T1 && Low == CapLevel.None) Low = CapLevel.T1;
        }

        if (fraction < settings.T2 - settings.Hysteresis)
        {
            High = false;
            if (Low == CapLevel.T2) Low = CapLevel.T1;
        }

        if (fraction < settings.T1 - settings.Hysteresis) Low = CapLevel.None;
        return low != Low || high != High;
    }
}
