namespace Polca.Datacenter.Scenario;

/// <summary>An actor of the emulation failed (a broken invariant or a bug): the run stops rather than hide it.</summary>
public sealed class EmulationFailedException(Exception cause) : Exception($"the emulation failed: {cause.Message}", cause);
