using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>Median, 90th and 99th percentile of a latency, ms (0 when there were no samples).</summary>
public sealed record Percentiles
{
    /// <summary>Median, ms.</summary>
    [JsonPropertyName("p50")] public required double P50 { get; init; }

    /// <summary>90th percentile, ms.</summary>
    [JsonPropertyName("p90")] public required double P90 { get; init; }

    /// <summary>99th percentile, ms.</summary>
    [JsonPropertyName("p99")] public required double P99 { get; init; }
}
