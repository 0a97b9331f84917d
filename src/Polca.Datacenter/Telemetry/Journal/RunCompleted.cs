namespace Polca.Datacenter.Telemetry;

/// <summary>The last event of a run's journal: emulated and wall time, the pace achieved and its lag, how it ended.</summary>
public sealed record RunCompleted(double EmulatedS, double WallS, double PaceAchieved, double LagP99Ms, bool Interrupted);
