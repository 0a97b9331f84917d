using Polca.Hocon;

namespace Polca.Datacenter.Hardware;

/// <summary>An LLM from the catalog: weight memory, KV-cache bytes per token, and its name in the profiling table.</summary>
public sealed record ModelSpec(string Name, double WeightsGb, double KvBytesPerToken, string PerfModel)
{
    /// <summary>Reads one catalog entry.</summary>
    public static ModelSpec FromConfig(string name, Config config)
    {
        Settings.RequireOnly(config, "polca.datacenter.catalog.models." + name, "weights-gb", "kv-bytes-per-token", "perf-model");
        return new ModelSpec(name, Settings.Positive(config, "weights-gb"), Settings.Positive(config, "kv-bytes-per-token"), config.GetString("perf-model"));
    }
}
