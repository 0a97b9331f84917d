namespace Polca.Datacenter.Hardware;

/// <summary>A server's timer: its engine's current iteration or decode run is due.</summary>
internal sealed class EngineWake
{
    public static EngineWake Instance { get; } = new();
}
