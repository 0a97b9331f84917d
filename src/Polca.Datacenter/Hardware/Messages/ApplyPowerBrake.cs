namespace Polca.Datacenter.Hardware;

/// <summary>Asserts or releases the power brake of every GPU of a server; it acts after the brake delay, in sequence order.</summary>
public sealed record ApplyPowerBrake(bool On, long Sequence);
