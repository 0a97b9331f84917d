namespace Polca.Datacenter.Telemetry;

/// <summary>Asks the lag probe for its <see cref="LagReport"/>.</summary>
public sealed class GetLag
{
    /// <summary>The one instance.</summary>
    public static GetLag Instance { get; } = new();
}
