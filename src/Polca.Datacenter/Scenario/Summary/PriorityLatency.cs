using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>
/// Requests of one priority class: counts, throughput and latency percentiles of completed requests. TBT is each request's mean
/// time between tokens after the first.
/// </summary>
public sealed record PriorityLatency
{
    /// <summary>Requests of this class that arrived.</summary>
    [JsonPropertyName("arrived")] public required long Arrived { get; init; }

    /// <summary>Requests of this class that completed.</summary>
    [JsonPropertyName("completed")] public required long Completed { get; init; }

    /// <summary>Requests of this class that failed.</summary>
    [JsonPropertyName("failed")] public required long Failed { get; init; }

    /// <summary>Servers serving this class.</summary>
    [JsonPropertyName("servers")] public required int Servers { get; init; }

    /// <summary>Completed requests per emulated second.</summary>
    [JsonPropertyName("throughput_rps")] public required double ThroughputRps { get; init; }

    /// <summary>Completed requests per emulated second and server of this class.</summary>
    [JsonPropertyName("throughput_rps_per_server")] public required double ThroughputRpsPerServer { get; init; }

    /// <summary>Time to first token, ms.</summary>
    [JsonPropertyName("ttft")] public required Percentiles Ttft { get; init; }

    /// <summary>Mean time between tokens, ms.</summary>
    [JsonPropertyName("tbt")] public required Percentiles Tbt { get; init; }

    /// <summary>End-to-end latency, ms.</summary>
    [JsonPropertyName("e2e")] public required Percentiles E2e { get; init; }
}
