using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Telemetry;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>What report.html is drawn from: the run's summary, its time series, its latency samples and the controller's thresholds.</summary>
/// <param name="Summary">The run's summary (the headline figures).</param>
/// <param name="Timeseries">Per row and emulated second: power, budget and caps (may be empty; any order).</param>
/// <param name="High">Latency samples of high-priority requests.</param>
/// <param name="Low">Latency samples of low-priority requests.</param>
/// <param name="Thresholds">Controller thresholds drawn on the power charts as fractions of the budget, e.g. ("T1", 0.80); may be empty.</param>
public sealed record ReportInput(
    RunSummary Summary,
    IReadOnlyList<TimeseriesRow> Timeseries,
    LatencySamples High,
    LatencySamples Low,
    IReadOnlyList<(string Label, double Fraction)> Thresholds);
