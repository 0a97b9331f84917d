namespace Polca.Datacenter.Power;

/// <summary>The row breaker closed again at <paramref name="AtTicks"/>.</summary>
public sealed record BreakerReset(long AtTicks);
