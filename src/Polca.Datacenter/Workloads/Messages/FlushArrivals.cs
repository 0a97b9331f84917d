namespace Polca.Datacenter.Workloads;

/// <summary>Asks the load generator to tally its arrivals now; it replies with the same message once it has.</summary>
public sealed class FlushArrivals
{
    /// <summary>The one instance.</summary>
    public static FlushArrivals Instance { get; } = new();
}
