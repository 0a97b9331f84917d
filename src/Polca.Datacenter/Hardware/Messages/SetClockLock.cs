namespace Polca.Datacenter.Hardware;

/// <summary>Locks a GPU's clock at or below <paramref name="MaxMhz"/> (null unlocks), as nvidia-smi -lgc or SMBPBI do.</summary>
public sealed record SetClockLock(double? MaxMhz);
