namespace Polca.Datacenter.Hardware;

/// <summary>
/// A GPU's power and speed as functions of phase and clock: power = idle + (phase power at full clock − idle) × (clock /
/// max clock) ^ exponent; prefill time scales with max clock / clock, decode time with 1 + sensitivity × (max clock / clock − 1).
/// </summary>
public static class GpuPowerModel
{
    /// <summary>Power in W of a GPU of <paramref name="sku"/> in <paramref name="phase"/> at <paramref name="clockMhz"/>.</summary>
    public static double PowerW(GpuSku sku, GpuPhase phase, double clockMhz)
    {
        var active = ActivePowerAtMaxClock(sku, phase);
        if (active <= 0) return sku.IdleW;
        return sku.IdleW + active * Math.Pow(Math.Clamp(clockMhz / sku.ClockMaxMhz, 0, 1), sku.ClockPowerExponent);
    }

    /// <summary>The highest clock at which the phase's power stays within <paramref name="limitW"/> (the power limit's throttle).</summary>
    public static double ClockForPowerLimit(GpuSku sku, GpuPhase phase, double limitW)
    {
        var active = ActivePowerAtMaxClock(sku, phase);
        if (active <= 0 || sku.IdleW + active <= limitW) return sku.ClockMaxMhz;
        var ratio = Math.Max(0, limitW - sku.IdleW) / active;
        return Math.Max(sku.ClockMinMhz, sku.ClockMaxMhz * Math.Pow(ratio, 1 / sku.ClockPowerExponent));
    }

    /// <summary>How much longer a phase's step takes at <paramref name="clockMhz"/> than at the maximum clock (1 = no slowdown).</summary>
    public static double Slowdown(GpuSku sku, GpuPhase phase, double clockMhz)
    {
        var stretch = sku.ClockMaxMhz / Math.Clamp(clockMhz, sku.ClockMinMhz, sku.ClockMaxMhz);
        return phase == GpuPhase.Decode ? 1 + sku.DecodeClockSensitivity * (stretch - 1) : stretch;
    }

    /// <summary>Host (non-GPU) power of a server whose GPUs draw <paramref name="gpuPowerW"/> in all: it follows their activity.</summary>
    public static double HostPowerW(ServerSku server, double gpuPowerW)
    {
        var idle = server.Gpus * server.Gpu.IdleW;
        var span = server.Gpus * (server.Gpu.TdpW - server.Gpu.IdleW);
        var activity = Math.Clamp((gpuPowerW - idle) / span, 0, 1);
        return server.HostIdleW + (server.HostMaxW - server.HostIdleW) * activity;
    }

    private static double ActivePowerAtMaxClock(GpuSku sku, GpuPhase phase) => phase switch
    {
        GpuPhase.Prefill => sku.TdpW * sku.PrefillPowerFraction - sku.IdleW,
        GpuPhase.Decode => sku.TdpW * sku.DecodePowerFraction - sku.IdleW,
        _ => 0,
    };
}
