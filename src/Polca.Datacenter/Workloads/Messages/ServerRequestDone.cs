namespace Polca.Datacenter.Workloads;

/// <summary>A server tells its row a request left it (completed or failed): the router's queue lengths follow.</summary>
public sealed record ServerRequestDone(int ServerIndex);
