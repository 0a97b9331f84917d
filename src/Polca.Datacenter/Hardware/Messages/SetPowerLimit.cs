namespace Polca.Datacenter.Hardware;

/// <summary>Sets a GPU's power limit in W (clamped to the SKU's range); the GPU lowers its clock to stay within it.</summary>
public sealed record SetPowerLimit(double Watts);
