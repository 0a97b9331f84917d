namespace Polca.Datacenter.Hardware;

/// <summary>Why a GPU runs below its maximum clock, after NVML's clocks-event (throttle) reasons.</summary>
[Flags]
public enum ThrottleReasons
{
    /// <summary>Not throttled.</summary>
    None = 0,

    /// <summary>Nothing to run.</summary>
    GpuIdle = 1,

    /// <summary>Clocks locked below the maximum (nvidia-smi -lgc; POLCA's frequency cap).</summary>
    ApplicationsClocksSetting = 2,

    /// <summary>The power limit holds the clock down.</summary>
    SwPowerCap = 4,

    /// <summary>The external power-brake signal is asserted.</summary>
    HwPowerBrakeSlowdown = 128,
}
