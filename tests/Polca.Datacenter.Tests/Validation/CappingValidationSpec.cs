using Polca.Datacenter.Scenario;
using Polca.Datacenter.Tests.Support;
using Xunit.Abstractions;

namespace Polca.Datacenter.Tests.Validation;

/// <summary>
/// The validation targets 4 and 5 (MODELS.md 7.3 and 7.6), measured as the papers measured them: lightly loaded
/// servers, so that a request's latency is its own service time rather than queueing.
/// </summary>
public sealed class CappingValidationSpec(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "polca-capping-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static string Scenario(string server, string controller, string extra) => $$"""
        polca.scenario {
          name = capping
          seed = 3
          duration = 30m
          warmup = 5m
          model { name = llama2-70b, tensor-parallel = 8 }
          rows { count = 1, servers = 20, racks = 5, server = {{server}}, budget-servers = 20, low-priority-share = 0 }
          controller { policy = {{controller}} }
          workload { streams = [ { name = conv, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 5, priority = high } ] }
        }
        {{extra}}
        """;

    private RunResult Run(string name, string text)
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, name + ".conf");
        File.WriteAllText(file, text);
        return EmulationRunner.Run(ScenarioSpec.Load(file), new RunOptions { OutputDirectory = Path.Combine(_dir, name), MaxSpeed = true, WriteReport = false });
    }

    [Fact]
    public async Task Locking_A100_clocks_cuts_peak_power_about_20_percent_for_at_most_7_percent_slowdown()
    {
        var free = Task.Run(() => Run("a100-free", Scenario("DGX-A100", "none", "")));
        var capped = Task.Run(() => Run("a100-capped", Scenario("DGX-A100", "static-cap", "polca.datacenter.static-cap.clock-mhz = 1150")));
        var a = (await free).Summary;
        var b = (await capped).Summary;
        var cut = 1 - b.Power.PeakW / a.Power.PeakW;
        var slowdown = b.Requests.High.E2e.P50 / a.Requests.High.E2e.P50 - 1;
        output.WriteLine($"A100 locked at 1150 MHz: row peak {a.Power.PeakW / 1000:0.0} -> {b.Power.PeakW / 1000:0.0} kW ({cut:P1} lower); e2e p50 {a.Requests.High.E2e.P50:0} -> {b.Requests.High.E2e.P50:0} ms (+{slowdown:P1})");
        Assert.InRange(cut, 0.15, 0.25);
        Assert.InRange(slowdown, 0.0, 0.07);
    }

    [Fact]
    public async Task Capping_H100_to_70_percent_of_TDP_slows_prefill_about_1_3x_and_leaves_TBT_within_a_few_percent()
    {
        var free = Task.Run(() => Run("h100-free", Scenario("DGX-H100", "none", "")));
        var capped = Task.Run(() => Run("h100-capped", Scenario("DGX-H100", "static-power-limit", "polca.datacenter.static-power-limit.fraction-of-tdp = 0.7")));
        var a = (await free).Summary.Requests.High;
        var b = (await capped).Summary.Requests.High;
        var ttft = b.Ttft.P50 / a.Ttft.P50;
        var tbt = b.Tbt.P50 / a.Tbt.P50;
        output.WriteLine($"H100 at 70 % power: TTFT p50 {a.Ttft.P50:0.0} -> {b.Ttft.P50:0.0} ms (x{ttft:0.000}); TBT p50 {a.Tbt.P50:0.00} -> {b.Tbt.P50:0.00} ms (x{tbt:0.000})");
        Assert.InRange(ttft, 1.2, 1.4);
        Assert.InRange(tbt, 0.97, 1.03);
    }
}
