using Polca.Datacenter.Workloads;
using Polca.Hocon;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class ArrivalDeterminismSpec
{
    private const string Workload = """
        streams = [
          { name = conv, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 60,
            diurnal { amplitude = 0.3, period = 24h, peak-at = 14h }, priority = high }
          { name = code, arrivals = replay, trace = "builtin:azure-code-2023", rate-multiplier = 8.5,
            time-compression = 1.0, loop = on, start-offset = 0s, priority { low-share = 0.5 } }
        ]
        """;

    private static List<ArrivalSpec> Run(int seed, int count)
    {
        var spec = WorkloadSpec.Parse(ConfigurationFactory.ParseString(Workload), null);
        return Arrivals.Take(spec.CreateSource(name => new Random(HashCode.Combine(seed, name.Length, name[0]))), count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence()
    {
        Assert.Equal(Run(42, 20_000), Run(42, 20_000));
    }

    [Fact]
    public void Different_seeds_give_different_sequences()
    {
        var a = Run(1, 20_000);
        var b = Run(2, 20_000);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a.Where(x => x.Stream == 0).Take(100).Select(x => x.ArrivalTicks), b.Where(x => x.Stream == 0).Take(100).Select(x => x.ArrivalTicks));
        Assert.NotEqual(a.Where(x => x.Stream == 1).Select(x => x.Priority), b.Where(x => x.Stream == 1).Select(x => x.Priority));
    }

    [Fact]
    public void Each_source_is_deterministic_on_its_own()
    {
        var trace = LlmTrace.Load("builtin:azure-conv-2023", null);
        var envelope = new DiurnalEnvelope(0.5, TimeSpan.FromMinutes(10), TimeSpan.Zero);
        var share = PriorityPolicy.WithLowShare(0.3);

        IArrivalSource Poisson(int seed) => new PoissonArrivals(80, trace, envelope, share, 0, new Random(seed));
        IArrivalSource Replay(int seed) => new ReplayArrivals(trace, 3.7, 1.5, true, TimeSpan.FromSeconds(100), envelope, share, 0, new Random(seed));

        Assert.Equal(Arrivals.Take(Poisson(5), 5_000), Arrivals.Take(Poisson(5), 5_000));
        Assert.NotEqual(Arrivals.Take(Poisson(5), 5_000), Arrivals.Take(Poisson(6), 5_000));
        Assert.Equal(Arrivals.Take(Replay(5), 5_000), Arrivals.Take(Replay(5), 5_000));
        Assert.NotEqual(Arrivals.Take(Replay(5), 5_000), Arrivals.Take(Replay(6), 5_000));
    }
}
