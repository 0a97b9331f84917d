namespace Polca.Datacenter.Telemetry;

/// <summary>Asks the recorder for a <see cref="RunProgress"/>.</summary>
public sealed class GetProgress
{
    /// <summary>The one instance.</summary>
    public static GetProgress Instance { get; } = new();
}
