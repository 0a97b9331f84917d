using Polca.Hocon;

namespace Polca.Datacenter.Hardware;

/// <summary>A server model from the catalog: its GPUs, nameplate power, and host (non-GPU) power between idle and full GPU activity.</summary>
public sealed record ServerSku(string Name, GpuSku Gpu, int Gpus, double NameplateW, double HostIdleW, double HostMaxW)
{
    /// <summary>Reads one catalog entry; <paramref name="gpus"/> is the GPU catalog.</summary>
    public static ServerSku FromConfig(string name, Config config, IReadOnlyDictionary<string, GpuSku> gpus)
    {
        Settings.RequireOnly(config, "polca.datacenter.catalog.servers." + name, "gpu", "gpus", "nameplate-w", "host-idle-w", "host-max-w");
        var gpuName = config.GetString("gpu");
        Settings.Require(config, "gpu", gpus.ContainsKey(gpuName), $"names an unknown GPU \"{gpuName}\" (known: {string.Join(", ", gpus.Keys)})");
        var sku = new ServerSku(name, gpus[gpuName], Settings.AtLeast(config, "gpus", 1), Settings.Positive(config, "nameplate-w"),
            Settings.NonNegative(config, "host-idle-w"), Settings.NonNegative(config, "host-max-w"));
        Settings.Require(config, "host-max-w", sku.HostMaxW >= sku.HostIdleW, $"must be at least host-idle-w ({sku.HostIdleW} W)");
        return sku;
    }
}
