namespace Polca.Datacenter.Control;

/// <summary>POLCA's cap on low-priority servers: none, the T1 clock, or the lower T2 clock.</summary>
public enum CapLevel
{
    /// <summary>Not capped.</summary>
    None,

    /// <summary>Capped at the T1 clock (stops boosting).</summary>
    T1,

    /// <summary>Capped at the lower T2 clock.</summary>
    T2,
}
