using System.Text;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>The report's charts: power against budget and thresholds, caps and brakes, and latency CDFs.</summary>
internal static class ReportCharts
{
    /// <summary>Width of the time charts, px.</summary>
    public const int TimeChartWidth = 960;

    /// <summary>Height of a power chart, px.</summary>
    public const int PowerChartHeight = 300;

    /// <summary>Height of a caps chart, px.</summary>
    public const int CapsChartHeight = 200;

    /// <summary>Width of a latency chart, px.</summary>
    public const int LatencyChartWidth = 360;

    /// <summary>Height of a latency chart, px.</summary>
    public const int LatencyChartHeight = 270;

    private const string TrueColor = "#1f6fb2";
    private const string SensedColor = "#e8833a";
    private const string BudgetColor = "#c62828";
    private const string ThresholdColor = "#6b7280";
    private const string LowColor = "#7b4fb3";
    private const string HighColor = "#2e9e5b";
    private const string BrakedColor = "#c62828";
    private const string HighLatencyColor = "#1f6fb2";
    private const string LowLatencyColor = "#e8833a";

    /// <summary>True and sensed power of <paramref name="row"/> in kW against its budget and the thresholds, over <paramref name="axis"/>.</summary>
    public static void Power(StringBuilder html, RowSeries row, TimeAxis axis, IReadOnlyList<(string Label, double Fraction)> thresholds, string title)
    {
        var columns = SvgPlot.InnerWidth(TimeChartWidth);
        var truePower = ColumnEnvelope.Of(row.Time, row.TrueW, axis.Start, axis.End, columns, 1e-3);
        var sensed = ColumnEnvelope.Of(row.Time, row.SensedW, axis.Start, axis.End, columns, 1e-3);
        var budget = ColumnEnvelope.Of(row.Time, row.BudgetW, axis.Start, axis.End, columns, 1e-3);
        var series = new List<PlotSeries>
        {
            // Sensed first, so that true power (what the budget is about) is drawn on top.
            Envelope("sensed power", SensedColor, sensed, 1.1, bandOpacity: 0.12),
            Envelope("true power", TrueColor, truePower, 1.6, bandOpacity: 0.22),
            new() { Label = "budget", Color = BudgetColor, X = budget.X, Y = budget.Mean, Width = 1.8 },
        };
        foreach (var (label, fraction) in thresholds.Where(t => double.IsFinite(t.Fraction) && t.Fraction > 0))
        {
            series.Add(new PlotSeries
            {
                Label = label,
                Color = ThresholdColor,
                X = budget.X,
                Y = budget.Mean.Select(b => b * fraction).ToArray(),
                Dashed = true,
                Width = 1,
                InLegend = false,
                EndLabel = $"{label} ({HtmlText.Number(fraction * 100, 0)} %)",
            });
        }

        var y = LinearAxis.FromZero(series.Select(s => s.MaxY()).Where(double.IsFinite).DefaultIfEmpty(1).Max() * 1.04, 6, integers: false);
        var plot = new SvgPlot(TimeChartWidth, PowerChartHeight, axis, y, $"emulated time ({axis.LabelFormat})", "power (kW)", title);
        plot.Series.AddRange(series);
        if (thresholds.Count > 0) plot.LegendNotes.Add((ThresholdColor, "thresholds (dashed)"));
        if (truePower.Reduced || sensed.Reduced) plot.LegendNotes.Add(("#b9c6d6", "band: min–max per pixel, line: mean"));
        plot.WriteTo(html);
    }

    /// <summary>Low- and high-priority servers under a cap, and braked servers, of <paramref name="row"/> over <paramref name="axis"/>.</summary>
    public static void Caps(StringBuilder html, RowSeries row, TimeAxis axis, string title)
    {
        var columns = SvgPlot.InnerWidth(TimeChartWidth);
        var series = new List<PlotSeries>
        {
            Envelope("capped, low priority", LowColor, ColumnEnvelope.Of(row.Time, row.CappedLow, axis.Start, axis.End, columns), 1.5),
            Envelope("capped, high priority", HighColor, ColumnEnvelope.Of(row.Time, row.CappedHigh, axis.Start, axis.End, columns), 1.5),
            Envelope("braked", BrakedColor, ColumnEnvelope.Of(row.Time, row.Braked, axis.Start, axis.End, columns), 1.5),
        };
        var max = series.Select(s => s.MaxY()).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var y = LinearAxis.FromZero(Math.Max(1, max), 4, integers: true);
        var plot = new SvgPlot(TimeChartWidth, CapsChartHeight, axis, y, $"emulated time ({axis.LabelFormat})", "servers", title);
        plot.Series.AddRange(series);
        if (max <= 0) plot.Notes.Add("no server was capped or braked");
        plot.WriteTo(html);
    }

    /// <summary>CDFs of one latency (TTFT, TBT or E2E) for both priority classes on a log axis of ms.</summary>
    public static void Latency(StringBuilder html, string metric, IReadOnlyList<double> high, IReadOnlyList<double> low)
    {
        var highSorted = CdfCurve.Sorted(high);
        var lowSorted = CdfCurve.Sorted(low);
        var positive = highSorted.Concat(lowSorted).Where(v => v > 0).ToArray();
        var axis = positive.Length == 0 ? new LogAxis(1, 1000) : new LogAxis(positive.Min(), positive.Max());
        var columns = SvgPlot.InnerWidth(LatencyChartWidth);
        var y = new LinearAxis(0, 1, [(0, "0 %"), (0.25, "25 %"), (0.5, "50 %"), (0.75, "75 %"), (0.9, "90 %"), (0.99, "99 %")]);
        var plot = new SvgPlot(LatencyChartWidth, LatencyChartHeight, axis, y, $"{metric} (ms, log scale)", "fraction of requests", $"{metric}: cumulative distribution");
        foreach (var (label, color, sorted) in new[] { ("high", HighLatencyColor, highSorted), ("low", LowLatencyColor, lowSorted) })
        {
            if (sorted.Length == 0)
            {
                plot.LegendNotes.Add(("#c9ced6", $"{label}: no samples"));
                continue;
            }

            var (xs, ys) = CdfCurve.Evaluate(sorted, axis, columns);
            plot.Series.Add(new PlotSeries { Label = label, Color = color, X = xs, Y = ys, Width = 1.8 });
        }

        if (highSorted.Length == 0 && lowSorted.Length == 0) plot.Notes.Add("no samples");
        plot.WriteTo(html);
    }

    private static PlotSeries Envelope(string label, string color, ColumnEnvelope envelope, double width, double bandOpacity = 0.2) => new()
    {
        BandOpacity = bandOpacity,
        Label = label,
        Color = color,
        X = envelope.X,
        Y = envelope.Mean,
        Low = envelope.Reduced ? envelope.Min : null,
        High = envelope.Reduced ? envelope.Max : null,
        Width = width,
    };
}
