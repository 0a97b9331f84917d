using System.Globalization;
using System.Text;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>
/// Writes report.html: one self-contained page (inline CSS, inline SVG charts drawn here, no script, nothing fetched) with
/// the headline figures, power and caps over time per row and for all rows, latency CDFs per class, and a table of rows.
/// </summary>
public static class ReportWriter
{
    /// <summary>The name of the report in a run's output folder.</summary>
    public const string FileName = "report.html";

    /// <summary>How many rows get their own charts; every row is in the rows table, and all of them together in the total charts.</summary>
    public const int MaxRowsDrawn = 4;

    private const string Style = """
        :root{color-scheme:light}
        body{margin:0;background:#f5f6f8;color:#1d2330;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:1000px;margin:0 auto;padding:24px 20px 48px}
        h1{font-size:22px;margin:0 0 2px}
        h2{font-size:17px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid #d9dee5}
        h3{font-size:14px;margin:16px 0 6px;color:#39414f}
        .meta{color:#5b6475;margin:0 0 8px}
        nav a{color:#1f6fb2;margin-right:14px;text-decoration:none}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
        .card,figure{background:#fff;border:1px solid #e0e4ea;border-radius:6px;padding:10px 14px;margin:0}
        .card h3{margin-top:2px}
        figure{margin:0 0 12px}
        figcaption{font-weight:600;color:#39414f;margin:0 0 4px}
        .latency{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
        table{border-collapse:collapse;font-variant-numeric:tabular-nums}
        table.wide{width:100%;background:#fff;border:1px solid #e0e4ea}
        th,td{padding:3px 10px;text-align:right;border-bottom:1px solid #edf0f3}
        th:first-child,td:first-child{text-align:left}
        thead th{color:#5b6475;font-weight:600;background:#f9fafb}
        table.kv{width:100%}
        table.kv th{font-weight:normal;color:#5b6475;text-align:left;padding-left:0}
        table.kv td{text-align:right;padding-right:0}
        td.bad{color:#b3261e;font-weight:600}
        svg.chart{display:block;width:100%;height:auto}
        svg text{font-size:11px;fill:#39414f;font-family:inherit}
        svg text.at{font-size:12px;fill:#5b6475}
        svg text.note{font-size:13px;fill:#8a93a3}
        svg text.end{font-size:10.5px}
        svg .plot{fill:#fff}
        svg .frame{fill:none;stroke:#b8bfca}
        svg .gr{stroke:#e8ebef;stroke-width:1}
        .empty{color:#8a93a3}
        footer{margin-top:32px;color:#8a93a3;font-size:12px}
        """;

    /// <summary>Writes the report of <paramref name="input"/> to <paramref name="path"/> (creating its folder) through a temporary file moved into place.</summary>
    public static void Write(string path, ReportInput input)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var html = Render(input);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            writer.Write(html);
        });
    }

    /// <summary>The report of <paramref name="input"/> as HTML text (a pure function of the input: no clock, no randomness).</summary>
    public static string Render(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Summary);
        var summary = input.Summary;
        var timeseries = input.Timeseries ?? [];
        var thresholds = input.Thresholds ?? [];
        var high = input.High ?? LatencySamples.None;
        var low = input.Low ?? LatencySamples.None;
        var rows = RowSeries.ByRow(timeseries);
        var scenario = HtmlText.Escape(summary.Scenario);
        var html = new StringBuilder(1 << 20);

        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Append("<title>polca report: ").Append(scenario).Append("</title><style>").Append(Style).Append("</style></head><body><main>");
        html.Append("<h1>").Append(scenario).Append("</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{HtmlText.Duration(summary.EmulatedS)} emulated in {HtmlText.Duration(summary.WallS)} · {HtmlText.Count(summary.Rows)} rows · {HtmlText.Count(summary.Servers)} servers · {HtmlText.Count(summary.Gpus)} GPUs · seed {summary.Seed}</p>");
        html.Append("<nav><a href=\"#figures\">figures</a><a href=\"#power\">power and caps</a><a href=\"#latency\">latency</a><a href=\"#rows\">rows</a></nav>");

        html.Append("<section id=\"figures\"><h2>Headline figures</h2>");
        ReportTables.Headline(html, summary);
        html.Append("</section>");

        html.Append("<section id=\"power\"><h2>Power and caps over time</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\">The time series is empty: no power to draw.</p>");
        }
        else
        {
            // A row's power at time_s is the mean over the second that ends there: the axis starts where the first second starts.
            var axis = new TimeAxis(Math.Max(0, rows.Min(r => r.Time[0]) - 1), rows.Max(r => r.Time[^1]));
            if (rows.Count > 1)
            {
                var total = RowSeries.Total(rows, "all rows");
                html.Append(CultureInfo.InvariantCulture, $"<h3>All {rows.Count} rows together, against the sum of their budgets</h3>");
                Figure(html, "Power of all rows", h => ReportCharts.Power(h, total, axis, thresholds, "power of all rows"));
                Figure(html, "Servers capped and braked, all rows", h => ReportCharts.Caps(h, total, axis, "servers capped and braked, all rows"));
            }

            var drawn = rows.Take(MaxRowsDrawn).ToList();
            if (rows.Count > drawn.Count)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">The first {drawn.Count} of {rows.Count} rows are drawn one by one; the table below lists every row.</p>");
            }

            foreach (var row in drawn)
            {
                var name = row.Name;
                html.Append("<h3>Row ").Append(HtmlText.Escape(name)).Append("</h3>");
                Figure(html, $"Power of row {name}", h => ReportCharts.Power(h, row, axis, thresholds, $"power of row {name}"));
                Figure(html, $"Servers capped and braked, row {name}", h => ReportCharts.Caps(h, row, axis, $"servers capped and braked, row {name}"));
            }
        }

        html.Append("</section>");

        html.Append("<section id=\"latency\"><h2>Latency distributions</h2><div class=\"latency\">");
        Figure(html, "Time to first token", h => ReportCharts.Latency(h, "TTFT", high.TtftMs, low.TtftMs));
        Figure(html, "Time between tokens", h => ReportCharts.Latency(h, "TBT", high.TbtMs, low.TbtMs));
        Figure(html, "End-to-end latency", h => ReportCharts.Latency(h, "E2E", high.E2eMs, low.E2eMs));
        html.Append("</div></section>");

        html.Append("<section id=\"rows\"><h2>Rows</h2>");
        if (rows.Count == 0) html.Append("<p class=\"empty\">No rows in the time series.</p>");
        else ReportTables.Rows(html, rows);
        html.Append("</section>");

        html.Append("<footer>Written by polca from summary.json, timeseries.csv and the run's latency samples. Power is the mean of each emulated second; ")
            .Append("long series are drawn as the min–max band and the mean of the samples under each pixel.</footer>");
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string caption, Action<StringBuilder> chart)
    {
        html.Append("<figure><figcaption>").Append(HtmlText.Escape(caption)).Append("</figcaption>");
        chart(html);
        html.Append("</figure>");
    }
}
