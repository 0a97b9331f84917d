namespace Polca.Datacenter;

/// <summary>Sensor behaviour: GPU power refresh period and averaging window, row PDU reporting period.</summary>
public sealed record TelemetrySettings(TimeSpan GpuPeriod, TimeSpan GpuWindow, TimeSpan RowPeriod);
