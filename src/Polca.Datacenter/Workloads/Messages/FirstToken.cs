namespace Polca.Datacenter.Workloads;

/// <summary>The request's first token came out at <paramref name="AtTicks"/>.</summary>
public sealed record FirstToken(long AtTicks);
