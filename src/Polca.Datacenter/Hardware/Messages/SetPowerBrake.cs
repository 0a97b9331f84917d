namespace Polca.Datacenter.Hardware;

/// <summary>Asserts or releases the hardware power-brake signal of a GPU.</summary>
public sealed record SetPowerBrake(bool On);
