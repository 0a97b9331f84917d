namespace Polca.Datacenter.Power;

/// <summary>Power is back: servers start again, empty.</summary>
public sealed record RestorePower
{
    /// <summary>The one instance.</summary>
    public static RestorePower Instance { get; } = new();
}
