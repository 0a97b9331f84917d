using Polca.Datacenter.Scenario.Summary;

namespace Polca.Datacenter.Scenario;

/// <summary>What a run left: its summary, the paths of its outputs, and (virtual time) the end-of-run invariant audit.</summary>
public sealed record RunResult(RunSummary Summary, string SummaryPath, string TimeseriesPath, string JournalPath, string? ReportPath, bool Interrupted, RunAudit? Audit);
