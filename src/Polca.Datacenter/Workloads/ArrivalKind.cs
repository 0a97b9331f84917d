namespace Polca.Datacenter.Workloads;

/// <summary>How a workload stream generates arrivals (<c>arrivals = replay | poisson</c>).</summary>
public enum ArrivalKind
{
    /// <summary>Replay a trace's own arrival times, scaled by superimposing shifted copies.</summary>
    Replay,

    /// <summary>Poisson arrivals at a mean rate, token counts drawn from a trace's rows.</summary>
    Poisson,
}
