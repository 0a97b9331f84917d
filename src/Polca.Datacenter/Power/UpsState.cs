namespace Polca.Datacenter.Power;

/// <summary>Where the facility's power comes from.</summary>
public enum UpsState
{
    /// <summary>The utility feed.</summary>
    Utility,

    /// <summary>The UPS batteries, after a feed loss, until the generators start or the ride-through runs out.</summary>
    Battery,

    /// <summary>Nothing: the ride-through ran out before the generators started.</summary>
    Outage,

    /// <summary>The generators.</summary>
    Generator,
}
