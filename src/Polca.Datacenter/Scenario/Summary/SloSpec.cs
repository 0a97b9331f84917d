using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>
/// Service-level objectives of a scenario against a baseline run: the largest allowed rise of end-to-end latency per class and
/// percentile (0.05 = 5 %), and the smallest allowed throughput per server as a fraction of the baseline's.
/// </summary>
public sealed record SloSpec
{
    /// <summary>High priority: allowed e2e rise at p50.</summary>
    [JsonPropertyName("high_p50_impact")] public required double HighP50Impact { get; init; }

    /// <summary>High priority: allowed e2e rise at p99.</summary>
    [JsonPropertyName("high_p99_impact")] public required double HighP99Impact { get; init; }

    /// <summary>Low priority: allowed e2e rise at p50.</summary>
    [JsonPropertyName("low_p50_impact")] public required double LowP50Impact { get; init; }

    /// <summary>Low priority: allowed e2e rise at p99.</summary>
    [JsonPropertyName("low_p99_impact")] public required double LowP99Impact { get; init; }

    /// <summary>High priority: smallest throughput per server as a fraction of the baseline's.</summary>
    [JsonPropertyName("high_throughput_ratio")] public required double HighThroughputRatio { get; init; }

    /// <summary>Low priority: smallest throughput per server as a fraction of the baseline's.</summary>
    [JsonPropertyName("low_throughput_ratio")] public required double LowThroughputRatio { get; init; }
}
