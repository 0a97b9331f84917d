using Polca.Datacenter.Scenario.Summary;

namespace Polca.Datacenter.Tests.Outputs;

/// <summary>Run summaries for the output, report and compare tests, varied with <c>with</c>.</summary>
internal static class SampleSummary
{
    /// <summary>A one-hour run of two rows with both priority classes; e2e p50/p90/p99 of high = 1000/1500/2000 ms, of low = 4000/6000/8000 ms.</summary>
    public static RunSummary Create(string scenario = "polca-row", SloSpec? slo = null) => new()
    {
        Scenario = scenario,
        Seed = 42,
        EmulatedS = 3600,
        WallS = 36.5,
        Speedup = 98.63,
        Gpus = 416,
        Servers = 52,
        Rows = 2,
        Pace = new PaceSummary { Target = null, Achieved = 98.63, LagP99Ms = 0 },
        Power = new PowerSummary
        {
            ProvisionedW = 520_000,
            PeakW = 498_765.4,
            MeanW = 401_234.5,
            P99W = 490_001.2,
            PeakFraction = 0.9591,
            MaxRise40sFraction = 0.112,
            BrakeEvents = 0,
            BreakerTrips = 0,
            SecondsOverBudget = 0,
            EnergyKwh = 401.2345,
        },
        Capping = new CappingSummary { CapEvents = 17, CappedServerSLow = 5400.5, CappedServerSHigh = 120 },
        Requests = new RequestSummary
        {
            Arrived = 10_000,
            Completed = 9_990,
            Failed = 4,
            InFlight = 6,
            FailedByReason = new Dictionary<string, long> { ["timeout"] = 3, ["kv-cache-full"] = 1 },
            High = Class(6_000, 26, 1.6667, 0.0641, 200, 50, 1000),
            Low = Class(3_990, 26, 1.1083, 0.0426, 800, 70, 4000),
        },
        Slo = slo,
    };

    /// <summary>The SLO of POLCA's evaluation: high &lt; 1 % at p50 and &lt; 5 % at p99, low &lt; 5 % and &lt; 50 %; throughput within 1 % and 2 %.</summary>
    public static SloSpec PolcaSlo() => new()
    {
        HighP50Impact = 0.01,
        HighP99Impact = 0.05,
        LowP50Impact = 0.05,
        LowP99Impact = 0.50,
        HighThroughputRatio = 0.99,
        LowThroughputRatio = 0.98,
    };

    /// <summary>A class whose ttft, tbt and e2e percentiles are the given p50 times 1, 1.5 and 2.</summary>
    public static PriorityLatency Class(long completed, int servers, double rps, double rpsPerServer, double ttftP50, double tbtP50, double e2eP50) => new()
    {
        Arrived = completed + 3,
        Completed = completed,
        Failed = 2,
        Servers = servers,
        ThroughputRps = rps,
        ThroughputRpsPerServer = rpsPerServer,
        Ttft = Spread(ttftP50),
        Tbt = Spread(tbtP50),
        E2e = Spread(e2eP50),
    };

    /// <summary>Percentiles p50, 1.5 × p50 and 2 × p50.</summary>
    public static Percentiles Spread(double p50) => new() { P50 = p50, P90 = p50 * 1.5, P99 = p50 * 2 };
}
