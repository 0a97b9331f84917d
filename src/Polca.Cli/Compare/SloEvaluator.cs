using System.Globalization;
using Polca.Datacenter.Scenario.Summary;

namespace Polca.Cli.Compare;

/// <summary>
/// Checks run B against baseline A with B's SLO: per class, the end-to-end latency impact (B/A − 1) at p50 and p99 must be at
/// most the allowed rise, and throughput per server B/A at least the allowed ratio.
/// </summary>
internal static class SloEvaluator
{
    /// <summary>Slack for the comparisons, so that figures equal to the limit up to rounding pass.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>The six checks (high and low: e2e p50, e2e p99, throughput per server), in that order.</summary>
    public static IReadOnlyList<SloCheck> Evaluate(RunSummary a, RunSummary b, SloSpec slo)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(slo);
        var checks = new List<SloCheck>();
        foreach (var (name, classA, classB, p50, p99, ratio) in new[]
                 {
                     ("high", a.Requests.High, b.Requests.High, slo.HighP50Impact, slo.HighP99Impact, slo.HighThroughputRatio),
                     ("low", a.Requests.Low, b.Requests.Low, slo.LowP50Impact, slo.LowP99Impact, slo.LowThroughputRatio),
                 })
        {
            checks.Add(Impact($"{name} e2e p50 impact", name, classA, classB, classA.E2e.P50, classB.E2e.P50, p50));
            checks.Add(Impact($"{name} e2e p99 impact", name, classA, classB, classA.E2e.P99, classB.E2e.P99, p99));
            checks.Add(Throughput($"{name} throughput per server", name, classA, classB, ratio));
        }

        return checks;
    }

    /// <summary>B/A − 1, +∞ when A is 0 and B is not, 0 when both are 0.</summary>
    public static double Impact(double a, double b) => a > 0 ? b / a - 1 : b > 0 ? double.PositiveInfinity : 0;

    private static SloCheck Impact(string check, string name, PriorityLatency classA, PriorityLatency classB, double a, double b, double allowed)
    {
        if (Unavailable(check, name, classA, classB) is { } unavailable) return unavailable;
        var impact = Impact(a, b);
        var verdict = impact <= allowed + Tolerance ? SloVerdict.Pass : SloVerdict.Fail;
        return new SloCheck(check, verdict, $"{SignedPercent(impact)} (A {Ms(a)} ms, B {Ms(b)} ms), allowed <= {SignedPercent(allowed)}");
    }

    private static SloCheck Throughput(string check, string name, PriorityLatency classA, PriorityLatency classB, double required)
    {
        if (Unavailable(check, name, classA, classB) is { } unavailable) return unavailable;
        var a = classA.ThroughputRpsPerServer;
        var b = classB.ThroughputRpsPerServer;
        var ratio = a > 0 ? b / a : 0;
        var verdict = a > 0 && ratio >= required - Tolerance ? SloVerdict.Pass : SloVerdict.Fail;
        var detail = a > 0
            ? $"B/A {Fixed(ratio, 4)} (A {Fixed(a, 4)}, B {Fixed(b, 4)} req/s per server), required >= {Fixed(required, 4)}"
            : $"A's throughput per server is 0: nothing to compare against; required >= {Fixed(required, 4)}";
        return new SloCheck(check, verdict, detail);
    }

    /// <summary>A skip when neither run completed a request of the class, a failure when only one did, null when both did.</summary>
    private static SloCheck? Unavailable(string check, string name, PriorityLatency a, PriorityLatency b) => (a.Completed, b.Completed) switch
    {
        (0, 0) => new SloCheck(check, SloVerdict.Skip, $"no {name}-priority request completed in either run"),
        (0, _) => new SloCheck(check, SloVerdict.Fail, $"A completed no {name}-priority request: nothing to compare against"),
        (_, 0) => new SloCheck(check, SloVerdict.Fail, $"B completed no {name}-priority request (A completed {a.Completed})"),
        _ => null,
    };

    /// <summary>A fraction as a signed percentage, "+1.25 %"; "+inf %" for an infinite rise.</summary>
    public static string SignedPercent(double fraction) =>
        double.IsPositiveInfinity(fraction) ? "+inf %" : (fraction * 100).ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture) + " %";

    private static string Ms(double value) => Fixed(value, 2);

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
