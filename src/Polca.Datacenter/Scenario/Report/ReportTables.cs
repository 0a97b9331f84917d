using System.Text;
using Polca.Datacenter.Scenario.Summary;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>The report's tables: the summary's headline figures and one line of figures per row.</summary>
internal static class ReportTables
{
    /// <summary>Run, power, capping, request and SLO figures of <paramref name="summary"/>, as cards of key-value tables.</summary>
    public static void Headline(StringBuilder html, RunSummary summary)
    {
        var power = summary.Power;
        var pace = summary.Pace;
        html.Append("<div class=\"cards\">");
        Card(html, "Run",
        [
            ("emulated time", HtmlText.Duration(summary.EmulatedS)),
            ("wall time", HtmlText.Duration(summary.WallS)),
            ("speed-up", $"{HtmlText.Number(summary.Speedup, 2)} ×"),
            ("pace asked", pace.Target is { } target ? $"{HtmlText.Number(target, 2)} ×" : "as fast as possible"),
            ("pace achieved", $"{HtmlText.Number(pace.Achieved, 2)} ×"),
            ("clock lag p99", $"{HtmlText.Number(pace.LagP99Ms, 1)} ms"),
            ("rows / servers / GPUs", $"{HtmlText.Count(summary.Rows)} / {HtmlText.Count(summary.Servers)} / {HtmlText.Count(summary.Gpus)}"),
            ("seed", summary.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        Card(html, "Power (all rows)",
        [
            ("provisioned", Kilowatts(power.ProvisionedW)),
            ("peak (1 s mean)", $"{Kilowatts(power.PeakW)} ({Share(power.PeakW, power.ProvisionedW)})"),
            ("p99", $"{Kilowatts(power.P99W)} ({Share(power.P99W, power.ProvisionedW)})"),
            ("mean", $"{Kilowatts(power.MeanW)} ({Share(power.MeanW, power.ProvisionedW)})"),
            ("peak of any row", $"{HtmlText.Percent(power.PeakFraction)} of its budget"),
            ("largest 40 s rise", $"{HtmlText.Percent(power.MaxRise40sFraction)} of budget"),
            ("energy", $"{HtmlText.Number(power.EnergyKwh, 2)} kWh"),
        ]);
        Card(html, "Protection",
        [
            ("power-brake events", HtmlText.Count(power.BrakeEvents)),
            ("breaker trips", HtmlText.Count(power.BreakerTrips)),
            ("row-seconds over budget", HtmlText.Number(power.SecondsOverBudget, 0)),
            ("cap decisions", HtmlText.Count(summary.Capping.CapEvents)),
            ("capped server-hours, low", HtmlText.Number(summary.Capping.CappedServerSLow / 3600, 2)),
            ("capped server-hours, high", HtmlText.Number(summary.Capping.CappedServerSHigh / 3600, 2)),
        ]);
        var requests = summary.Requests;
        var requestFigures = new List<(string, string)>
        {
            ("arrived", HtmlText.Count(requests.Arrived)),
            ("completed", HtmlText.Count(requests.Completed)),
            ("failed", HtmlText.Count(requests.Failed)),
            ("in flight at the end", HtmlText.Count(requests.InFlight)),
        };
        requestFigures.AddRange(requests.FailedByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => ($"failed: {p.Key}", HtmlText.Count(p.Value))));
        Card(html, "Requests", requestFigures);
        if (summary.Slo is { } slo)
        {
            Card(html, "SLO (checked by polca compare)",
            [
                ("high e2e rise p50 / p99", $"≤ {HtmlText.Percent(slo.HighP50Impact)} / ≤ {HtmlText.Percent(slo.HighP99Impact)}"),
                ("low e2e rise p50 / p99", $"≤ {HtmlText.Percent(slo.LowP50Impact)} / ≤ {HtmlText.Percent(slo.LowP99Impact)}"),
                ("throughput/server, high", $"≥ {HtmlText.Percent(slo.HighThroughputRatio)} of baseline"),
                ("throughput/server, low", $"≥ {HtmlText.Percent(slo.LowThroughputRatio)} of baseline"),
            ]);
        }

        html.Append("</div>");
        Classes(html, requests);
    }

    /// <summary>A table with one line per row: budget, peak, mean, seconds over budget, caps and brakes, from the time series.</summary>
    public static void Rows(StringBuilder html, IReadOnlyList<RowSeries> rows)
    {
        html.Append("<table class=\"wide\"><thead><tr><th>row</th><th>seconds</th><th>budget (kW)</th><th>peak (kW)</th><th>peak / budget</th>")
            .Append("<th>mean (kW)</th><th>s over budget</th><th>max capped low</th><th>max capped high</th><th>s braked</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            double peak = 0, sum = 0, peakFraction = 0, budget = 0, maxLow = 0, maxHigh = 0;
            int over = 0, braked = 0;
            for (var i = 0; i < row.Length; i++)
            {
                peak = Math.Max(peak, row.TrueW[i]);
                sum += row.TrueW[i];
                budget = Math.Max(budget, row.BudgetW[i]);
                if (row.BudgetW[i] > 0) peakFraction = Math.Max(peakFraction, row.TrueW[i] / row.BudgetW[i]);
                if (row.TrueW[i] > row.BudgetW[i]) over++;
                maxLow = Math.Max(maxLow, row.CappedLow[i]);
                maxHigh = Math.Max(maxHigh, row.CappedHigh[i]);
                if (row.Braked[i] > 0) braked++;
            }

            var mean = row.Length > 0 ? sum / row.Length : 0;
            html.Append("<tr><td>").Append(HtmlText.Escape(row.Name)).Append("</td>")
                .Append("<td>").Append(HtmlText.Count(row.Length)).Append("</td>")
                .Append("<td>").Append(HtmlText.Number(budget / 1000, 1)).Append("</td>")
                .Append("<td>").Append(HtmlText.Number(peak / 1000, 1)).Append("</td>")
                .Append(peakFraction > 1 ? "<td class=\"bad\">" : "<td>").Append(HtmlText.Percent(peakFraction)).Append("</td>")
                .Append("<td>").Append(HtmlText.Number(mean / 1000, 1)).Append("</td>")
                .Append(over > 0 ? "<td class=\"bad\">" : "<td>").Append(HtmlText.Count(over)).Append("</td>")
                .Append("<td>").Append(HtmlText.Number(maxLow, 0)).Append("</td>")
                .Append("<td>").Append(HtmlText.Number(maxHigh, 0)).Append("</td>")
                .Append(braked > 0 ? "<td class=\"bad\">" : "<td>").Append(HtmlText.Count(braked)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Classes(StringBuilder html, RequestSummary requests)
    {
        html.Append("<h3>Requests per priority class</h3><table class=\"wide\"><thead><tr><th>class</th><th>arrived</th><th>completed</th><th>failed</th>")
            .Append("<th>servers</th><th>req/s</th><th>req/s per server</th></tr></thead><tbody>");
        foreach (var (name, c) in new[] { ("high", requests.High), ("low", requests.Low) })
        {
            html.Append("<tr><td>").Append(name).Append("</td><td>").Append(HtmlText.Count(c.Arrived)).Append("</td><td>").Append(HtmlText.Count(c.Completed))
                .Append("</td><td>").Append(HtmlText.Count(c.Failed)).Append("</td><td>").Append(HtmlText.Count(c.Servers))
                .Append("</td><td>").Append(HtmlText.Number(c.ThroughputRps, 3)).Append("</td><td>").Append(HtmlText.Number(c.ThroughputRpsPerServer, 4)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<h3>Latency percentiles of completed requests</h3><table class=\"wide\"><thead><tr><th>class</th><th>latency</th><th>p50</th><th>p90</th><th>p99</th></tr></thead><tbody>");
        foreach (var (name, c) in new[] { ("high", requests.High), ("low", requests.Low) })
        {
            foreach (var (metric, p) in new[] { ("TTFT", c.Ttft), ("TBT", c.Tbt), ("E2E", c.E2e) })
            {
                html.Append("<tr><td>").Append(name).Append("</td><td>").Append(metric).Append("</td><td>").Append(HtmlText.Milliseconds(p.P50))
                    .Append("</td><td>").Append(HtmlText.Milliseconds(p.P90)).Append("</td><td>").Append(HtmlText.Milliseconds(p.P99)).Append("</td></tr>");
            }
        }

        html.Append("</tbody></table>");
    }

    private static void Card(StringBuilder html, string title, IReadOnlyList<(string Key, string Value)> figures)
    {
        html.Append("<div class=\"card\"><h3>").Append(HtmlText.Escape(title)).Append("</h3><table class=\"kv\"><tbody>");
        foreach (var (key, value) in figures)
        {
            html.Append("<tr><th>").Append(HtmlText.Escape(key)).Append("</th><td>").Append(HtmlText.Escape(value)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string Kilowatts(double watts) => $"{HtmlText.Number(watts / 1000, 1)} kW";

    private static string Share(double part, double whole) => whole > 0 ? HtmlText.Percent(part / whole) : "n/a";
}
