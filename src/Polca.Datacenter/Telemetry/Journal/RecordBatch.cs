using Polca.Datacenter.Control;

namespace Polca.Datacenter.Telemetry;

/// <summary>What a run recorded over one emulated second or so: row seconds, request outcomes, controller decisions, arrivals.</summary>
public sealed record RecordBatch(
    IReadOnlyList<TimeseriesRow> Samples,
    OutcomeColumns Outcomes,
    IReadOnlyList<string> FailureReasons,
    IReadOnlyList<ControlDecision> Decisions,
    long ArrivedHigh,
    long ArrivedLow);
