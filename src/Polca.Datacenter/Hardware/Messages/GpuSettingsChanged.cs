namespace Polca.Datacenter.Hardware;

/// <summary>A GPU tells its server its control settings changed: clock lock, power limit, brake.</summary>
public sealed record GpuSettingsChanged(int Index, double? ClockLockMhz, double PowerLimitW, bool Brake);
