namespace Polca.Benchmarks;

/// <summary>The small event the journal benchmarks persist: a power reading and its sample number.</summary>
public sealed record PowerSample(double Watts, long Sample)
{
    /// <summary>The manifest it is registered under.</summary>
    public const string Manifest = "power-sample";
}
