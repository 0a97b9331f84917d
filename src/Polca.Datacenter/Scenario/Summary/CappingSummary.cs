using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>What the row controllers capped: decisions, and server-seconds spent under a cap by priority class.</summary>
public sealed record CappingSummary
{
    /// <summary>Cap and uncap decisions the controllers took.</summary>
    [JsonPropertyName("cap_events")] public required int CapEvents { get; init; }

    /// <summary>Server-seconds low-priority servers ran with a clock cap in force.</summary>
    [JsonPropertyName("capped_server_s_low")] public required double CappedServerSLow { get; init; }

    /// <summary>Server-seconds high-priority servers ran with a clock cap in force.</summary>
    [JsonPropertyName("capped_server_s_high")] public required double CappedServerSHigh { get; init; }
}
