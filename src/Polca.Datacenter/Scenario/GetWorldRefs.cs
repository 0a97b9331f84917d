namespace Polca.Datacenter.Scenario;

/// <summary>Asks the datacenter for the references of its recorder, load generator and rows.</summary>
public sealed class GetWorldRefs
{
    /// <summary>The one instance.</summary>
    public static GetWorldRefs Instance { get; } = new();
}
