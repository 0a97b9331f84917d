using Polca.Datacenter.Scenario;
using Polca.Datacenter.Tests.Support;

namespace Polca.Datacenter.Tests.Cli;

/// <summary>A run stopped part way (Ctrl-C cancels the same token) still writes its outputs for the time emulated so far.</summary>
public sealed class InterruptedRunSpec : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "polca-interrupted-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_cancelled_run_writes_consistent_outputs_up_to_where_it_stopped()
    {
        var spec = ScenarioSpec.Load(RepoPaths.Scenario("polca-oversubscribed.conf"));
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        var result = EmulationRunner.Run(spec, new RunOptions
        {
            OutputDirectory = _dir,
            MaxSpeed = true,
            ProgressEvery = TimeSpan.FromMinutes(5),
            OnProgress = (_, _) =>
            {
                if (++reports == 3) cancel.Cancel();
            },
        }, cancel.Token);

        Assert.True(result.Interrupted);
        Assert.Equal(900, result.Summary.EmulatedS);
        Assert.NotNull(result.Audit);
        Assert.Equal(result.Audit.RequestActorsAlive, result.Summary.Requests.InFlight);
        Assert.Equal(900, File.ReadAllLines(result.TimeseriesPath).Length - 1);
        Assert.True(File.Exists(result.ReportPath));

        var rebuilt = Path.Combine(_dir, "rebuilt");
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, global::Polca.Cli.CliApplication.Run(["replay", result.JournalPath, "--rebuild", rebuilt], output, error));
        Assert.Equal(File.ReadAllBytes(result.SummaryPath), File.ReadAllBytes(Path.Combine(rebuilt, "summary.json")));
    }
}
