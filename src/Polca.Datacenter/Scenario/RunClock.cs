namespace Polca.Datacenter.Scenario;

/// <summary>Wall-clock side of a run's progress: wall time so far and the pace asked for (null at max speed).</summary>
public sealed record RunClock(TimeSpan Wall, double? TargetPace, TimeSpan Duration);
