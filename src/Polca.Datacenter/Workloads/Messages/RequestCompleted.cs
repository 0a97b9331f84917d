namespace Polca.Datacenter.Workloads;

/// <summary>The request generated its last token at <paramref name="AtTicks"/>; the longest gap between tokens was <paramref name="MaxGapTicks"/>.</summary>
public sealed record RequestCompleted(long AtTicks, int Tokens, long MaxGapTicks, string Server);
