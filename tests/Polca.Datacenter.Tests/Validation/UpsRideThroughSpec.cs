using Polca.Datacenter.Scenario;
using Polca.Datacenter.Telemetry;

namespace Polca.Datacenter.Tests.Validation;

/// <summary>The facility UPS after a utility feed loss (MODELS 1.4, 6.5): generators that start within the ride-through keep the rows up; later ones leave a gap.</summary>
public sealed class UpsRideThroughSpec : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "polca-ups-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private RunResult Run(string name, string generatorStart)
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, name + ".conf");
        File.WriteAllText(file, $$"""
            polca.scenario {
              name = {{name}}
              seed = 5
              duration = 5m
              model { name = llama2-70b, tensor-parallel = 8 }
              rows { count = 2, servers = 4, racks = 2, server = DGX-A100, budget-servers = 4, low-priority-share = 0.5 }
              controller { policy = none }
              workload { streams = [ { name = conv, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 4, priority { low-share = 0.5 } } ] }
              faults = [ { kind = feed-loss, at = 2m, duration = 60s } ]
            }
            polca.datacenter.ups { ride-through = 10s, generator-start = {{generatorStart}} }
            """);
        return EmulationRunner.Run(ScenarioSpec.Load(file), new RunOptions { OutputDirectory = Path.Combine(_dir, name), MaxSpeed = true, WriteReport = false });
    }

    [Fact]
    public void Generators_starting_within_the_ride_through_keep_every_request_alive()
    {
        var result = Run("in-time", "8s");
        Assert.Equal(0, result.Summary.Requests.Failed);
        Assert.All(TimeseriesCsv.Read(result.TimeseriesPath), row => Assert.True(row.TruePowerW > 0, $"no power at {row.TimeS} s"));
    }

    [Fact]
    public void Generators_starting_after_the_ride_through_cut_the_rows_until_they_run()
    {
        var result = Run("too-late", "25s");
        var s = result.Summary;
        Assert.True(s.Requests.FailedByReason.GetValueOrDefault("power-outage") > 0, "no request failed for the outage");
        Assert.Equal(s.Requests.Arrived, s.Requests.Completed + s.Requests.Failed + s.Requests.InFlight);
        var dark = TimeseriesCsv.Read(result.TimeseriesPath).Where(r => r.TruePowerW == 0).Select(r => r.TimeS).Distinct().OrderBy(t => t).ToList();
        // The feed goes at 120 s, the UPS carries to 130 s, the generators run from 145 s: the 15 seconds ending at 131-145 are dark.
        Assert.Equal(Enumerable.Range(131, 15).Select(t => (long)t), dark);
    }
}
