using Polca.Datacenter.Scenario;
using Polca.Datacenter.Tests.Support;

namespace Polca.Datacenter.Tests.Validation;

/// <summary>
/// The three POLCA scenarios run once per test run, seeded, in virtual time, over one diurnal cycle compressed to
/// <see cref="Period"/> (the slow daily swing stays slow against the controller's 2-40 s): the baseline row, the same row
/// oversubscribed by 30 % under POLCA, and oversubscribed with no controller; and the last two again with 15 % more load
/// (<see cref="HeavyLoad"/>). The runs go in parallel.
/// </summary>
public sealed class PolcaDayFixture : IDisposable
{
    /// <summary>The compressed day.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(4);

    private static readonly string Overrides = "polca.scenario.params { period = 4h, peak-at = 2h }";

    /// <summary>The heavier load: the oversubscribed scenarios' rates times 1.15.</summary>
    public const string HeavyLoad = "conv-rate-per-s = 59.8, code-rate-multiplier = 0.299";

    public PolcaDayFixture()
    {
        var baseline = Task.Run(() => ScenarioRuns.Run(RepoPaths.Scenario("polca-baseline.conf"), Overrides, Period));
        var oversubscribed = Task.Run(() => ScenarioRuns.Run(RepoPaths.Scenario("polca-oversubscribed.conf"), Overrides, Period));
        var uncontrolled = Task.Run(() => ScenarioRuns.Run(RepoPaths.Scenario("polca-uncontrolled.conf"), Overrides, Period));
        var heavy = Overrides.Replace("}", ", " + HeavyLoad + " }", StringComparison.Ordinal);
        var heavyPolca = Task.Run(() => ScenarioRuns.Run(RepoPaths.Scenario("polca-oversubscribed.conf"), heavy, Period));
        var heavyUncontrolled = Task.Run(() => ScenarioRuns.Run(RepoPaths.Scenario("polca-uncontrolled.conf"), heavy, Period));
        Baseline = baseline.GetAwaiter().GetResult();
        Oversubscribed = oversubscribed.GetAwaiter().GetResult();
        Uncontrolled = uncontrolled.GetAwaiter().GetResult();
        HeavyOversubscribed = heavyPolca.GetAwaiter().GetResult();
        HeavyUncontrolled = heavyUncontrolled.GetAwaiter().GetResult();
    }

    /// <summary>52 servers, POLCA, 15 % more load.</summary>
    public RunResult HeavyOversubscribed { get; }

    /// <summary>52 servers, no controller, 15 % more load.</summary>
    public RunResult HeavyUncontrolled { get; }

    /// <summary>40 servers in a 40-server budget, no controller.</summary>
    public RunResult Baseline { get; }

    /// <summary>52 servers, POLCA.</summary>
    public RunResult Oversubscribed { get; }

    /// <summary>52 servers, no controller.</summary>
    public RunResult Uncontrolled { get; }

    public void Dispose()
    {
        ScenarioRuns.Delete(Baseline);
        ScenarioRuns.Delete(Oversubscribed);
        ScenarioRuns.Delete(Uncontrolled);
        ScenarioRuns.Delete(HeavyOversubscribed);
        ScenarioRuns.Delete(HeavyUncontrolled);
    }
}
