using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>Every request accounted for (arrived = completed + failed + in flight), and latencies per priority class.</summary>
public sealed record RequestSummary
{
    /// <summary>Requests that arrived.</summary>
    [JsonPropertyName("arrived")] public required long Arrived { get; init; }

    /// <summary>Requests that completed.</summary>
    [JsonPropertyName("completed")] public required long Completed { get; init; }

    /// <summary>Requests that failed.</summary>
    [JsonPropertyName("failed")] public required long Failed { get; init; }

    /// <summary>Requests still in flight when the run ended.</summary>
    [JsonPropertyName("in_flight")] public required long InFlight { get; init; }

    /// <summary>Failed requests by reason.</summary>
    [JsonPropertyName("failed_by_reason")] public required IReadOnlyDictionary<string, long> FailedByReason { get; init; }

    /// <summary>High-priority requests.</summary>
    [JsonPropertyName("high")] public required PriorityLatency High { get; init; }

    /// <summary>Low-priority requests.</summary>
    [JsonPropertyName("low")] public required PriorityLatency Low { get; init; }
}
