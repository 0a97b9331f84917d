namespace Polca.Datacenter.Telemetry;

/// <summary>The recorder's timer: journal what was gathered since the last batch.</summary>
public sealed class FlushRecords
{
    /// <summary>The one instance.</summary>
    public static FlushRecords Instance { get; } = new();
}
