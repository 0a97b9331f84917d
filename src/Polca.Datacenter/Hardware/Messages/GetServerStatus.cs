namespace Polca.Datacenter.Hardware;

/// <summary>Asks a server for its <see cref="ServerStatus"/>.</summary>
public sealed record GetServerStatus
{
    /// <summary>The one instance.</summary>
    public static GetServerStatus Instance { get; } = new();
}
