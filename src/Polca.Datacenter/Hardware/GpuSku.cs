using Polca.Hocon;

namespace Polca.Datacenter.Hardware;

/// <summary>A GPU model from the catalog (polca.datacenter.catalog.gpus): power, clocks, limits and how clocks change power and speed.</summary>
public sealed record GpuSku(
    string Name,
    double TdpW,
    double IdleW,
    double ClockMinMhz,
    double ClockMaxMhz,
    double PowerLimitMinW,
    double PowerLimitMaxW,
    double MemoryGb,
    double PrefillPowerFraction,
    double DecodePowerFraction,
    double ClockPowerExponent,
    double DecodeClockSensitivity,
    double BrakeClockMhz,
    string PerfHardware)
{
    /// <summary>Reads one catalog entry, checking ranges; errors name the value's file and line.</summary>
    public static GpuSku FromConfig(string name, Config config)
    {
        var sku = new GpuSku(
            name,
            Settings.Positive(config, "tdp-w"),
            Settings.Positive(config, "idle-w"),
            Settings.Positive(config, "clock-min-mhz"),
            Settings.Positive(config, "clock-max-mhz"),
            Settings.Positive(config, "power-limit-min-w"),
            Settings.Positive(config, "power-limit-max-w"),
            Settings.Positive(config, "memory-gb"),
            Settings.Fraction(config, "prefill-power-fraction", max: 1.5),
            Settings.Fraction(config, "decode-power-fraction", max: 1.5),
            Settings.Positive(config, "clock-power-exponent"),
            Settings.Fraction(config, "decode-clock-sensitivity", max: 1.0),
            Settings.Positive(config, "brake-clock-mhz"),
            config.GetString("perf-hardware"));
        Settings.Require(config, "idle-w", sku.IdleW < sku.TdpW, $"idle power must be below the TDP ({sku.TdpW} W)");
        Settings.Require(config, "clock-max-mhz", sku.ClockMaxMhz > sku.ClockMinMhz, $"the maximum clock must exceed the minimum ({sku.ClockMinMhz} MHz)");
        Settings.Require(config, "brake-clock-mhz", sku.BrakeClockMhz >= sku.ClockMinMhz && sku.BrakeClockMhz <= sku.ClockMaxMhz,
            $"the brake clock must lie within the clock range {sku.ClockMinMhz}-{sku.ClockMaxMhz} MHz");
        Settings.Require(config, "power-limit-max-w", sku.PowerLimitMaxW >= sku.PowerLimitMinW, "the power-limit range is empty");
        Settings.RequireOnly(config, "polca.datacenter.catalog.gpus." + name, "tdp-w", "idle-w", "clock-min-mhz", "clock-max-mhz", "power-limit-min-w",
            "power-limit-max-w", "memory-gb", "prefill-power-fraction", "decode-power-fraction", "clock-power-exponent",
            "decode-clock-sensitivity", "brake-clock-mhz", "perf-hardware");
        return sku;
    }
}
