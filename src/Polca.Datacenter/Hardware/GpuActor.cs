using Polca.Actors;

namespace Polca.Datacenter.Hardware;

/// <summary>
/// One GPU's control plane: its clock lock, power limit and power brake, as NVML and SMBPBI set them. It tells its server
/// whenever they change; the server's engine runs all its GPUs in lockstep (tensor parallelism) and computes their power.
/// </summary>
public sealed class GpuActor : UntypedActor
{
    private readonly GpuSku _sku;
    private readonly int _index;
    private double? _clockLock;
    private double _powerLimit;
    private bool _brake;

    /// <summary>Creates GPU number <paramref name="index"/> of its server, unlocked, at its maximum power limit.</summary>
    public GpuActor(GpuSku sku, int index)
    {
        _sku = sku;
        _index = index;
        _powerLimit = sku.PowerLimitMaxW;
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SetClockLock setLock:
                _clockLock = setLock.MaxMhz is { } mhz ? Math.Clamp(mhz, _sku.ClockMinMhz, _sku.ClockMaxMhz) : null;
                Report();
                break;
            case SetPowerLimit limit:
                _powerLimit = Math.Clamp(limit.Watts, _sku.PowerLimitMinW, _sku.PowerLimitMaxW);
                Report();
                break;
            case SetPowerBrake brake:
                _brake = brake.On;
                Report();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Report() => Context.Parent.Tell(new GpuSettingsChanged(_index, _clockLock, _powerLimit, _brake), Self);
}
