namespace Polca.Datacenter.Hardware;

/// <summary>
/// A controller asks a server's BMC to lock its GPUs' clocks (null lifts the cap); it takes effect after the out-of-band
/// delay. Commands apply in <paramref name="Sequence"/> order: a late one never overrides a newer one.
/// </summary>
public sealed record ApplyClockCap(double? Mhz, long Sequence);
