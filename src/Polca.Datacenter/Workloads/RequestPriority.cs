namespace Polca.Datacenter.Workloads;

/// <summary>A request's priority class (POLCA caps low-priority servers first).</summary>
public enum RequestPriority
{
    /// <summary>Latency-sensitive work: capped last.</summary>
    High,

    /// <summary>Work that tolerates slowdown: capped first.</summary>
    Low,
}
