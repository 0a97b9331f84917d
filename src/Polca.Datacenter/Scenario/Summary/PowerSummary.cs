using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>Power of all rows together, from the per-second means of true (not sensed) row power.</summary>
public sealed record PowerSummary
{
    /// <summary>Sum of the rows' provisioned budgets, W.</summary>
    [JsonPropertyName("provisioned_w")] public required double ProvisionedW { get; init; }

    /// <summary>Highest one-second mean, W.</summary>
    [JsonPropertyName("peak_w")] public required double PeakW { get; init; }

    /// <summary>Mean over the run, W.</summary>
    [JsonPropertyName("mean_w")] public required double MeanW { get; init; }

    /// <summary>99th percentile of the one-second means, W.</summary>
    [JsonPropertyName("p99_w")] public required double P99W { get; init; }

    /// <summary>Highest one-second mean of any row as a fraction of that row's budget.</summary>
    [JsonPropertyName("peak_fraction")] public required double PeakFraction { get; init; }

    /// <summary>Largest rise of any row's one-second power within 40 s, as a fraction of its budget.</summary>
    [JsonPropertyName("max_rise_40s_fraction")] public required double MaxRise40sFraction { get; init; }

    /// <summary>Times a row's power brake was asserted.</summary>
    [JsonPropertyName("brake_events")] public required int BrakeEvents { get; init; }

    /// <summary>Times a row breaker tripped.</summary>
    [JsonPropertyName("breaker_trips")] public required int BreakerTrips { get; init; }

    /// <summary>Row-seconds whose mean true power exceeded the row's budget.</summary>
    [JsonPropertyName("seconds_over_budget")] public required double SecondsOverBudget { get; init; }

    /// <summary>Energy drawn by all rows, kWh (exact, from the event-driven accounting).</summary>
    [JsonPropertyName("energy_kwh")] public required double EnergyKwh { get; init; }
}
