namespace Polca.Datacenter.Scenario.Report;

/// <summary>Latencies of the completed requests of one priority class, in ms, in any order (each list may be empty).</summary>
/// <param name="TtftMs">Time to first token of each request, ms.</param>
/// <param name="TbtMs">Mean time between tokens of each request, ms.</param>
/// <param name="E2eMs">End-to-end latency of each request, ms.</param>
public sealed record LatencySamples(IReadOnlyList<double> TtftMs, IReadOnlyList<double> TbtMs, IReadOnlyList<double> E2eMs)
{
    /// <summary>No samples at all.</summary>
    public static LatencySamples None { get; } = new([], [], []);
}
