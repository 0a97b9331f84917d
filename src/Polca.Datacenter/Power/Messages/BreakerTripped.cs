namespace Polca.Datacenter.Power;

/// <summary>The row breaker tripped at <paramref name="AtTicks"/> under a load of <paramref name="LoadMultiple"/> times its rating.</summary>
public sealed record BreakerTripped(long AtTicks, double LoadMultiple);
