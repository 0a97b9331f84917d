namespace Polca.Datacenter.Telemetry;

/// <summary>Lag of the emulation behind its clock after the warm-up: samples taken, 99th percentile and maximum, ms; and the worst during the warm-up.</summary>
public sealed record LagReport(long Samples, double P99Ms, double MaxMs, double WarmupMaxMs);
