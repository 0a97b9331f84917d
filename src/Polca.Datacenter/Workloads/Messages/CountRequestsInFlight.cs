namespace Polca.Datacenter.Workloads;

/// <summary>Asks the load generator how many request actors are alive; it answers with a long.</summary>
public sealed class CountRequestsInFlight
{
    /// <summary>The one instance.</summary>
    public static CountRequestsInFlight Instance { get; } = new();
}
