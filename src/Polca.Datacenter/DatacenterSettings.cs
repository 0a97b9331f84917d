using Polca.Datacenter.Hardware;
using Polca.Datacenter.Power;
using Polca.Hocon;

namespace Polca.Datacenter;

/// <summary>The emulated world's settings from polca.datacenter (reference.conf under the scenario's overrides), checked.</summary>
public sealed record DatacenterSettings(
    IReadOnlyDictionary<string, GpuSku> Gpus,
    IReadOnlyDictionary<string, ServerSku> Servers,
    IReadOnlyDictionary<string, ModelSpec> Models,
    string PerfModelSource,
    EngineSettings Engine,
    TelemetrySettings Telemetry,
    ActuationSettings Actuation,
    PowerBrakeSettings PowerBrake,
    BreakerSettings Breaker,
    PolcaSettings Polca,
    double StaticCapClockMhz,
    double StaticPowerLimitFraction,
    UpsSettings Ups)
{
    /// <summary>Reads the section <c>polca.datacenter</c> of <paramref name="config"/>.</summary>
    public static DatacenterSettings FromConfig(Config config)
    {
        var dc = config.GetConfig("polca.datacenter");
        Settings.RequireOnly(dc, "polca.datacenter", "catalog", "perf-model", "engine", "telemetry", "actuation", "power-brake", "breaker", "polca",
            "static-cap", "static-power-limit", "ups");
        var catalog = dc.GetConfig("catalog");
        Settings.RequireOnly(catalog, "polca.datacenter.catalog", "gpus", "servers", "models");
        var gpus = Entries(catalog, "gpus", GpuSku.FromConfig);
        var servers = Entries(catalog, "servers", (name, c) => ServerSku.FromConfig(name, c, gpus));
        var models = Entries(catalog, "models", ModelSpec.FromConfig);

        var engine = dc.GetConfig("engine");
        Settings.RequireOnly(engine, "polca.datacenter.engine", "max-prefill-tokens", "max-batch", "kv-memory-fraction");
        var telemetry = dc.GetConfig("telemetry");
        Settings.RequireOnly(telemetry, "polca.datacenter.telemetry", "gpu-period", "gpu-window", "row-period");
        var actuation = dc.GetConfig("actuation");
        Settings.RequireOnly(actuation, "polca.datacenter.actuation", "oob-delay-min", "oob-delay-max", "brake-delay");
        var brake = dc.GetConfig("power-brake");
        Settings.RequireOnly(brake, "polca.datacenter.power-brake", "threshold", "release-threshold", "release-after");
        var breaker = dc.GetConfig("breaker");
        Settings.RequireOnly(breaker, "polca.datacenter.breaker", "rating-fraction", "trip-curve", "reset-after", "cooling-time-constant");
        var polca = dc.GetConfig("polca");
        Settings.RequireOnly(polca, "polca.datacenter.polca", "t1", "t2", "hysteresis", "low-priority-t1-clock-mhz", "low-priority-t2-clock-mhz",
            "high-priority-t2-clock-mhz", "reference-max-clock-mhz", "escalation-delay");
        var staticCap = dc.GetConfig("static-cap");
        Settings.RequireOnly(staticCap, "polca.datacenter.static-cap", "clock-mhz");
        var powerLimit = dc.GetConfig("static-power-limit");
        Settings.RequireOnly(powerLimit, "polca.datacenter.static-power-limit", "fraction-of-tdp");
        var ups = dc.GetConfig("ups");
        Settings.RequireOnly(ups, "polca.datacenter.ups", "ride-through", "generator-start");

        var settings = new DatacenterSettings(
            gpus, servers, models,
            dc.GetString("perf-model"),
            new EngineSettings(Settings.AtLeast(engine, "max-prefill-tokens", 1), Settings.AtLeast(engine, "max-batch", 1),
                Settings.Fraction(engine, "kv-memory-fraction")),
            new TelemetrySettings(Settings.PositiveDuration(telemetry, "gpu-period"), Settings.PositiveDuration(telemetry, "gpu-window"),
                Settings.PositiveDuration(telemetry, "row-period")),
            new ActuationSettings(Settings.NonNegativeDuration(actuation, "oob-delay-min"), Settings.NonNegativeDuration(actuation, "oob-delay-max"),
                Settings.NonNegativeDuration(actuation, "brake-delay")),
            new PowerBrakeSettings(Settings.Positive(brake, "threshold"), Settings.Positive(brake, "release-threshold"),
                Settings.NonNegativeDuration(brake, "release-after")),
            new BreakerSettings(Settings.Positive(breaker, "rating-fraction"), TripCurve(breaker), Settings.NonNegativeDuration(breaker, "reset-after"),
                Settings.PositiveDuration(breaker, "cooling-time-constant")),
            new PolcaSettings(Settings.Positive(polca, "t1"), Settings.Positive(polca, "t2"), Settings.NonNegative(polca, "hysteresis"),
                Settings.Positive(polca, "low-priority-t1-clock-mhz"), Settings.Positive(polca, "low-priority-t2-clock-mhz"),
                Settings.Positive(polca, "high-priority-t2-clock-mhz"), Settings.Positive(polca, "reference-max-clock-mhz"),
                Settings.NonNegativeDuration(polca, "escalation-delay")),
            Settings.Positive(staticCap, "clock-mhz"),
            Settings.Fraction(powerLimit, "fraction-of-tdp"),
            new UpsSettings(Settings.NonNegativeDuration(ups, "ride-through"), Settings.NonNegativeDuration(ups, "generator-start")));
        Settings.Require(telemetry, "gpu-window", settings.Telemetry.GpuWindow <= settings.Telemetry.GpuPeriod, "must not exceed gpu-period");
        Settings.Require(actuation, "oob-delay-max", settings.Actuation.OobDelayMax >= settings.Actuation.OobDelayMin, "must be at least oob-delay-min");
        Settings.Require(polca, "t2", settings.Polca.T2 > settings.Polca.T1, $"must exceed t1 ({settings.Polca.T1})");
        Settings.Require(brake, "release-threshold", settings.PowerBrake.ReleaseThreshold < settings.PowerBrake.Threshold, "must be below threshold");
        return settings;
    }

    private static IReadOnlyList<TripCurvePoint> TripCurve(Config breaker)
    {
        var value = breaker.GetValue("trip-curve");
        if (value is not Polca.Hocon.HoconArray array || array.Count == 0)
            throw new HoconException(value.Origin, "setting 'trip-curve' must be a non-empty list of { multiple, seconds } objects");
        var points = new List<TripCurvePoint>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not Polca.Hocon.HoconObject obj)
                throw new HoconException(array[i].Origin, $"trip-curve[{i}] must be an object {{ multiple, seconds }}");
            var point = new Config(obj);
            Settings.RequireOnly(point, $"trip-curve[{i}]", "multiple", "seconds");
            var p = new TripCurvePoint(Settings.Positive(point, "multiple"), Settings.Positive(point, "seconds"));
            Settings.Require(point, "multiple", p.Multiple > 1, "must exceed 1 (the rating)");
            if (points.Count > 0)
            {
                Settings.Require(point, "multiple", p.Multiple > points[^1].Multiple, "must increase along the curve");
                Settings.Require(point, "seconds", p.Seconds < points[^1].Seconds, "must decrease along the curve");
            }

            points.Add(p);
        }

        return points;
    }

    private static IReadOnlyDictionary<string, T> Entries<T>(Config catalog, string section, Func<string, Config, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, _) in catalog.GetConfig(section).AsEnumerable()) result[name] = read(name, catalog.GetConfig($"{section}.\"{name}\""));
        return result;
    }
}
