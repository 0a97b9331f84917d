using Polca.Actors;
using Polca.Datacenter.Control;
using Polca.Datacenter.Scenario.Summary;
using Polca.Hocon;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// A scenario file (polca.scenario, with polca.datacenter overrides) over the embedded reference.conf, checked: every bad
/// value is a <see cref="HoconException"/> naming its file and line.
/// </summary>
public sealed record ScenarioSpec(
    string Name,
    string Description,
    long Seed,
    TimeSpan Duration,
    TimeSpan Warmup,
    double? Pace,
    string Model,
    int TensorParallel,
    RowsSpec Rows,
    ControlPolicy Policy,
    Config Workload,
    SloSpec? Slo,
    IReadOnlyList<Faults.FaultSpec> Faults,
    DatacenterSettings Datacenter,
    string BaseDirectory,
    Config Config)
{
    private static readonly string[] Keys = ["name", "description", "seed", "duration", "pace", "model", "rows", "controller", "workload", "slo", "params", "warmup", "faults"];

    /// <summary>Loads <paramref name="path"/>; <paramref name="overrides"/> (HOCON text, may be empty) win over the file.</summary>
    public static ScenarioSpec Load(string path, string overrides = "")
    {
        if (!File.Exists(path)) throw new InputFileException(path, 0, "no such scenario file");
        var fileConfig = ConfigurationFactory.ParseFile(path);
        var config = (overrides.Length > 0 ? ConfigurationFactory.ParseString(overrides).WithFallback(fileConfig) : fileConfig)
            .WithFallback(ReferenceConfiguration.Config);
        return FromConfig(config, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Reads a merged configuration (scenario over reference.conf); relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static ScenarioSpec FromConfig(Config config, string baseDirectory)
    {
        if (!config.HasPath("polca.scenario"))
            throw new HoconException(config.Root.Origin, "no 'polca.scenario' section: a scenario file defines polca.scenario { name, seed, duration, rows, workload, ... }");
        var s = config.GetConfig("polca.scenario");
        Settings.RequireOnly(s, "polca.scenario", Keys);
        var datacenter = DatacenterSettings.FromConfig(config);

        var model = s.GetConfig("model");
        Settings.RequireOnly(model, "polca.scenario.model", "name", "tensor-parallel");
        var modelName = model.GetString("name");
        Settings.Require(model, "name", datacenter.Models.ContainsKey(modelName),
            $"names an unknown model \"{modelName}\" (known: {string.Join(", ", datacenter.Models.Keys)})");

        var rows = s.GetConfig("rows");
        Settings.RequireOnly(rows, "polca.scenario.rows", "count", "servers", "racks", "server", "budget-servers", "budget-w", "low-priority-share");
        var sku = rows.GetString("server");
        Settings.Require(rows, "server", datacenter.Servers.ContainsKey(sku),
            $"names an unknown server SKU \"{sku}\" (known: {string.Join(", ", datacenter.Servers.Keys)})");
        var servers = Settings.AtLeast(rows, "servers", 1);
        var racks = Settings.AtLeast(rows, "racks", 1);
        Settings.Require(rows, "racks", racks <= servers, $"cannot exceed the servers of a row ({servers})");
        double budget;
        if (rows.HasPath("budget-w"))
        {
            Settings.Require(rows, "budget-w", !rows.HasPath("budget-servers"), "and budget-servers both set: give one");
            budget = Settings.Positive(rows, "budget-w");
        }
        else
        {
            budget = Settings.Positive(rows, "budget-servers") * datacenter.Servers[sku].NameplateW;
        }

        var tp = Settings.AtLeast(model, "tensor-parallel", 1);
        Settings.Require(model, "tensor-parallel", tp == datacenter.Servers[sku].Gpus,
            $"must equal the GPUs of a {sku} server ({datacenter.Servers[sku].Gpus}): one model instance per server is what the engine emulates");

        var controller = s.GetConfig("controller");
        Settings.RequireOnly(controller, "polca.scenario.controller", "policy");
        var policy = Settings.OneOf(controller, "policy", "none", "polca", "static-cap", "static-power-limit") switch
        {
            "polca" => ControlPolicy.Polca,
            "static-cap" => ControlPolicy.StaticCap,
            "static-power-limit" => ControlPolicy.StaticPowerLimit,
            _ => ControlPolicy.None,
        };

        double? pace = null;
        if (s.HasPath("pace") && s.GetString("pace") != "max-speed")
        {
            Settings.Require(s, "pace", double.TryParse(s.GetString("pace"), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0, $"must be a positive number or max-speed; found \"{s.GetString("pace")}\"");
            pace = s.GetDouble("pace");
        }

        return new ScenarioSpec(
            s.GetString("name"),
            s.GetString("description", "") ?? "",
            s.GetLong("seed"),
            Settings.PositiveDuration(s, "duration"),
            s.HasPath("warmup") ? Settings.NonNegativeDuration(s, "warmup") : TimeSpan.Zero,
            pace,
            modelName,
            tp,
            new RowsSpec(Settings.AtLeast(rows, "count", 1), servers, racks, sku, budget, Settings.Fraction(rows, "low-priority-share")),
            policy,
            s.GetConfig("workload"),
            s.HasPath("slo") ? ReadSlo(s.GetConfig("slo")) : null,
            Polca.Datacenter.Faults.FaultSpec.ReadList(s),
            datacenter,
            baseDirectory,
            config);
    }

    private static SloSpec ReadSlo(Config slo)
    {
        Settings.RequireOnly(slo, "polca.scenario.slo", "high-p50-impact", "high-p99-impact", "low-p50-impact", "low-p99-impact",
            "high-throughput-ratio", "low-throughput-ratio");
        return new SloSpec
        {
            HighP50Impact = Settings.NonNegative(slo, "high-p50-impact"),
            HighP99Impact = Settings.NonNegative(slo, "high-p99-impact"),
            LowP50Impact = Settings.NonNegative(slo, "low-p50-impact"),
            LowP99Impact = Settings.NonNegative(slo, "low-p99-impact"),
            HighThroughputRatio = Settings.Fraction(slo, "high-throughput-ratio"),
            LowThroughputRatio = Settings.Fraction(slo, "low-throughput-ratio"),
        };
    }
}
