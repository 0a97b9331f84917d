namespace Polca.Datacenter;

/// <summary>Out-of-band actuation delays: the clock-cap delay range and the power-brake delay.</summary>
public sealed record ActuationSettings(TimeSpan OobDelayMin, TimeSpan OobDelayMax, TimeSpan BrakeDelay);
