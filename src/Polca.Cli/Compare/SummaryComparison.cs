using System.Globalization;
using Polca.Datacenter.Scenario.Summary;

namespace Polca.Cli.Compare;

/// <summary>Prints run B's figures against baseline A as plain aligned tables: latency, throughput per server, power and capping.</summary>
internal static class SummaryComparison
{
    /// <summary>Writes the identification of both runs and the tables to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, string pathA, RunSummary a, string pathB, RunSummary b)
    {
        output.WriteLine($"A (baseline): {pathA}");
        output.WriteLine($"              {Describe(a)}");
        output.WriteLine($"B:            {pathB}");
        output.WriteLine($"              {Describe(b)}");
        if (Math.Abs(a.EmulatedS - b.EmulatedS) > 0.5)
        {
            output.WriteLine($"note: the runs cover different emulated times ({Fixed(a.EmulatedS, 0)} s and {Fixed(b.EmulatedS, 0)} s)");
        }

        output.WriteLine();
        output.WriteLine("Latency of completed requests, ms (change = B/A - 1)");
        var latency = new TextTable(3, "class", "latency", "pct", "A ms", "B ms", "change");
        foreach (var (name, classA, classB) in Classes(a, b))
        {
            foreach (var (metric, pa, pb) in new[] { ("ttft", classA.Ttft, classB.Ttft), ("tbt", classA.Tbt, classB.Tbt), ("e2e", classA.E2e, classB.E2e) })
            {
                latency.AddRow(name, metric, "p50", Fixed(pa.P50, 2), Fixed(pb.P50, 2), Change(pa.P50, pb.P50));
                latency.AddRow(name, metric, "p90", Fixed(pa.P90, 2), Fixed(pb.P90, 2), Change(pa.P90, pb.P90));
                latency.AddRow(name, metric, "p99", Fixed(pa.P99, 2), Fixed(pb.P99, 2), Change(pa.P99, pb.P99));
            }
        }

        latency.WriteTo(output);

        output.WriteLine();
        output.WriteLine("Throughput per server, completed requests per emulated second and server");
        var throughput = new TextTable(1, "class", "A completed", "B completed", "A servers", "B servers", "A req/s/server", "B req/s/server", "B/A");
        foreach (var (name, classA, classB) in Classes(a, b))
        {
            throughput.AddRow(
                name,
                Count(classA.Completed),
                Count(classB.Completed),
                Count(classA.Servers),
                Count(classB.Servers),
                Fixed(classA.ThroughputRpsPerServer, 4),
                Fixed(classB.ThroughputRpsPerServer, 4),
                classA.ThroughputRpsPerServer > 0 ? Fixed(classB.ThroughputRpsPerServer / classA.ThroughputRpsPerServer, 4) : "n/a");
        }

        throughput.WriteTo(output);

        output.WriteLine();
        output.WriteLine("Power, all rows");
        var power = new TextTable(1, "figure", "A", "B", "change");
        Add(power, "peak fraction of a row budget", a.Power.PeakFraction, b.Power.PeakFraction, 4);
        Add(power, "mean power W", a.Power.MeanW, b.Power.MeanW, 1);
        Add(power, "peak power W", a.Power.PeakW, b.Power.PeakW, 1);
        Add(power, "provisioned W", a.Power.ProvisionedW, b.Power.ProvisionedW, 1);
        Add(power, "energy kWh", a.Power.EnergyKwh, b.Power.EnergyKwh, 3);
        Add(power, "brake events", a.Power.BrakeEvents, b.Power.BrakeEvents, 0);
        Add(power, "breaker trips", a.Power.BreakerTrips, b.Power.BreakerTrips, 0);
        Add(power, "row-seconds over budget", a.Power.SecondsOverBudget, b.Power.SecondsOverBudget, 1);
        power.WriteTo(output);

        output.WriteLine();
        output.WriteLine("Capping");
        var capping = new TextTable(1, "figure", "A", "B", "change");
        Add(capping, "cap decisions", a.Capping.CapEvents, b.Capping.CapEvents, 0);
        Add(capping, "capped server-s, low", a.Capping.CappedServerSLow, b.Capping.CappedServerSLow, 1);
        Add(capping, "capped server-s, high", a.Capping.CappedServerSHigh, b.Capping.CappedServerSHigh, 1);
        capping.WriteTo(output);
    }

    /// <summary>The relative change from <paramref name="a"/> to <paramref name="b"/> as a signed percentage, "n/a" when A is 0 and B is not.</summary>
    public static string Change(double a, double b) =>
        a == 0 ? (b == 0 ? SloEvaluator.SignedPercent(0) : "n/a") : SloEvaluator.SignedPercent(b / a - 1);

    private static (string Name, PriorityLatency A, PriorityLatency B)[] Classes(RunSummary a, RunSummary b) =>
        [("high", a.Requests.High, b.Requests.High), ("low", a.Requests.Low, b.Requests.Low)];

    private static void Add(TextTable table, string figure, double a, double b, int decimals) =>
        table.AddRow(figure, Fixed(a, decimals), Fixed(b, decimals), Change(a, b));

    private static string Describe(RunSummary summary) => string.Create(
        CultureInfo.InvariantCulture,
        $"scenario \"{summary.Scenario}\", seed {summary.Seed}, {Fixed(summary.EmulatedS, 0)} s emulated, {Plural(summary.Rows, "row")}, {Plural(summary.Servers, "server")}");

    private static string Plural(long count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
