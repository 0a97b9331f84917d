namespace Polca.Datacenter.Hardware;

/// <summary>
/// A server's state: engine phase and clock, true power of each GPU and of the host, what each GPU's sensor reads now,
/// each GPU's throttle reasons, and its queue.
/// </summary>
public sealed record ServerStatus(
    string Name,
    bool Powered,
    GpuPhase Phase,
    double ClockMhz,
    double GpuPowerW,
    double HostPowerW,
    IReadOnlyList<double> SensedGpuPowerW,
    IReadOnlyList<ThrottleReasons> Throttle,
    IReadOnlyList<double?> ClockLocksMhz,
    int Outstanding);
