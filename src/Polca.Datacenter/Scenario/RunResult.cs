using Polca.Datacenter.Scenario.Summary;

namespace Polca.Datacenter.Scenario;

/// <summary>What a run left: its summary and the paths of its outputs.</summary>
public sealed record RunResult(RunSummary Summary, string SummaryPath, string TimeseriesPath, string JournalPath, string? ReportPath, bool Interrupted);
