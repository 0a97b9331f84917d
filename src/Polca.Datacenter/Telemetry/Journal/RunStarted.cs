using Polca.Datacenter.Scenario.Summary;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// The first event of a run's journal: what was emulated, with which seed, pace, thresholds and objectives; statistics leave out
/// the first <paramref name="WarmupS"/> seconds (the row filling up from idle).
/// </summary>
public sealed record RunStarted(
    string Scenario,
    long Seed,
    IReadOnlyList<RowInfo> Rows,
    int Gpus,
    int Servers,
    double? PaceTarget,
    string Policy,
    IReadOnlyList<double> ThresholdFractions,
    SloSpec? Slo,
    double WarmupS);
