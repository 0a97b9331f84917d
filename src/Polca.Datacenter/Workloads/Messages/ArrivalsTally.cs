namespace Polca.Datacenter.Workloads;

/// <summary>Requests that arrived since the last tally, by priority.</summary>
public sealed record ArrivalsTally(long High, long Low);
