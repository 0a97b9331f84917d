namespace Polca.Datacenter.Telemetry;

/// <summary>Lag of the emulation behind its clock: samples taken, 99th percentile and maximum, ms.</summary>
public sealed record LagReport(long Samples, double P99Ms, double MaxMs);
