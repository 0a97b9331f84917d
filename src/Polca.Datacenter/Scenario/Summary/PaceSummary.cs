using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>Pace of a run: the target (null at --max-speed), what it achieved, and how far the emulated clock lagged the wall clock.</summary>
public sealed record PaceSummary
{
    /// <summary>Emulated seconds per wall second asked for; null when the run went as fast as possible.</summary>
    [JsonPropertyName("target")] public double? Target { get; init; }

    /// <summary>Emulated seconds per wall second achieved.</summary>
    [JsonPropertyName("achieved")] public required double Achieved { get; init; }

    /// <summary>99th percentile of how far the emulation fell behind the paced wall clock after the warm-up, in ms (0 at --max-speed).</summary>
    [JsonPropertyName("lag_p99_ms")] public required double LagP99Ms { get; init; }
}
