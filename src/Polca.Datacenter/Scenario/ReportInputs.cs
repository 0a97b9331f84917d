using Polca.Datacenter.Scenario.Report;
using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Scenario;

/// <summary>Builds report.html's input from a run's aggregator (the run itself, or a rebuild from its journal).</summary>
public static class ReportInputs
{
    /// <summary>The report input of the run <paramref name="aggregator"/> has seen; latency curves are 200 quantiles per class.</summary>
    public static ReportInput From(RunSummary summary, IReadOnlyList<TimeseriesRow> timeseries, RunAggregator aggregator)
    {
        var started = aggregator.Started ?? throw new InvalidOperationException("the run has no start event");
        var labels = started.ThresholdFractions.Count == 3 ? new[] { "T1", "T2", "brake" } : ["brake"];
        var thresholds = started.ThresholdFractions.Select((f, i) => (i < labels.Length ? labels[i] : "threshold", f)).ToList();
        return new ReportInput(summary, timeseries, Samples(aggregator, RequestPriority.High), Samples(aggregator, RequestPriority.Low), thresholds);
    }

    private static LatencySamples Samples(RunAggregator aggregator, RequestPriority priority)
    {
        var (ttft, tbt, e2e) = aggregator.Distribution(priority);
        return new LatencySamples(ttft, tbt, e2e);
    }
}
