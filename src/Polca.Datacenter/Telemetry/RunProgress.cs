namespace Polca.Datacenter.Telemetry;

/// <summary>Where a run stands: emulated time, each row's latest second, and requests so far.</summary>
public sealed record RunProgress(TimeSpan Emulated, IReadOnlyList<TimeseriesRow> Rows, long Arrived, long Completed, long Failed);
