namespace Polca.Datacenter.Workloads;

/// <summary>The request failed at <paramref name="AtTicks"/> for <paramref name="Reason"/> (breaker-trip, no-server, too-large, ...).</summary>
public sealed record RequestFailed(long AtTicks, string Reason);
