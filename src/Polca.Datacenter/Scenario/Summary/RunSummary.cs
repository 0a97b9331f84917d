using System.Text.Json.Serialization;

namespace Polca.Datacenter.Scenario.Summary;

/// <summary>What a run did, as written to summary.json; rebuilt from the journal alone by <c>polca replay --rebuild</c>.</summary>
public sealed record RunSummary
{
    /// <summary>Scenario name.</summary>
    [JsonPropertyName("scenario")] public required string Scenario { get; init; }

    /// <summary>Seed of every random stream of the run.</summary>
    [JsonPropertyName("seed")] public required long Seed { get; init; }

    /// <summary>Emulated time covered, in seconds.</summary>
    [JsonPropertyName("emulated_s")] public required double EmulatedS { get; init; }

    /// <summary>Wall-clock time the run took, in seconds.</summary>
    [JsonPropertyName("wall_s")] public required double WallS { get; init; }

    /// <summary>Emulated seconds per wall-clock second.</summary>
    [JsonPropertyName("speedup")] public required double Speedup { get; init; }

    /// <summary>GPUs emulated.</summary>
    [JsonPropertyName("gpus")] public required int Gpus { get; init; }

    /// <summary>Servers emulated.</summary>
    [JsonPropertyName("servers")] public required int Servers { get; init; }

    /// <summary>Rows emulated.</summary>
    [JsonPropertyName("rows")] public required int Rows { get; init; }

    /// <summary>How closely the emulated clock followed the wall clock.</summary>
    [JsonPropertyName("pace")] public required PaceSummary Pace { get; init; }

    /// <summary>Power of all rows together.</summary>
    [JsonPropertyName("power")] public required PowerSummary Power { get; init; }

    /// <summary>What the row controllers capped, and for how long.</summary>
    [JsonPropertyName("capping")] public required CappingSummary Capping { get; init; }

    /// <summary>Request counts and latencies.</summary>
    [JsonPropertyName("requests")] public required RequestSummary Requests { get; init; }

    /// <summary>The service-level objectives the scenario states (checked by <c>polca compare</c>), or null.</summary>
    [JsonPropertyName("slo")] public SloSpec? Slo { get; init; }
}
