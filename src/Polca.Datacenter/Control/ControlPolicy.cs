namespace Polca.Datacenter.Control;

/// <summary>How a row controller caps its servers; every policy keeps the row's power brake.</summary>
public enum ControlPolicy
{
    /// <summary>No capping.</summary>
    None,

    /// <summary>POLCA: thresholds T1 and T2 with hysteresis, low-priority servers first.</summary>
    Polca,

    /// <summary>Every server locked to one clock from the start.</summary>
    StaticCap,

    /// <summary>Every GPU given one power limit (a fraction of its TDP) from the start.</summary>
    StaticPowerLimit,
}
