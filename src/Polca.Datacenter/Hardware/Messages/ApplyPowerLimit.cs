namespace Polca.Datacenter.Hardware;

/// <summary>A controller asks a server's BMC to set its GPUs' power limit (W); it takes effect after the out-of-band delay.</summary>
public sealed record ApplyPowerLimit(double Watts, long Sequence);
