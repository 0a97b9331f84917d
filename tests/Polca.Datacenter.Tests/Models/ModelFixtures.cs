using Polca.Actors;
using Polca.Datacenter.Hardware;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The calibrated catalog and settings of the real reference.conf, and the profiling table, shared by the model specs.</summary>
internal static class ModelFixtures
{
    private static readonly Lazy<DatacenterSettings> LazyReference = new(() => DatacenterSettings.FromConfig(ReferenceConfiguration.Config));

    /// <summary>polca.datacenter of the embedded reference.conf.</summary>
    public static DatacenterSettings Reference => LazyReference.Value;

    /// <summary>The A100-80GB of the catalog.</summary>
    public static GpuSku A100 => Reference.Gpus["A100-80GB"];

    /// <summary>The H100-80GB of the catalog.</summary>
    public static GpuSku H100 => Reference.Gpus["H100-80GB"];

    /// <summary>The DGX-A100 of the catalog.</summary>
    public static ServerSku DgxA100 => Reference.Servers["DGX-A100"];

    /// <summary>Llama2-70B on 8 A100-80GB, from the built-in SplitwiseSim table.</summary>
    public static PerfProfile Llama70bA100 => PerfModel.Load("builtin:splitwise-perf-model", null).For("llama2-70b", "a100-80gb", 8);

    /// <summary>Asserts |actual − expected| ≤ relative × |expected|.</summary>
    public static void Near(double expected, double actual, double relative)
    {
        var tolerance = Math.Abs(expected) * relative;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"expected {expected} ± {tolerance}, found {actual}");
    }
}
