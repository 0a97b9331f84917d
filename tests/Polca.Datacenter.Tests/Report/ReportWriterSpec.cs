using System.Text.RegularExpressions;
using System.Xml;
using Polca.Datacenter.Scenario.Report;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Tests.Outputs;

namespace Polca.Datacenter.Tests.Report;

/// <summary>report.html: one well-formed, self-contained page with one SVG per chart, escaped input, and a bounded size.</summary>
public sealed partial class ReportWriterSpec : IDisposable
{
    private static readonly (string, double)[] Thresholds = [("T1", 0.80), ("T2", 0.89), ("brake", 1.00)];

    private readonly TempFolder _folder = new();

    /// <summary>Deletes the test's folder.</summary>
    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Is_well_formed_markup_with_one_svg_per_chart()
    {
        var html = ReportWriter.Render(Input(rows: 3, seconds: 600));
        var document = Parse(html);

        // All rows: power and caps; three rows: power and caps each; latency: TTFT, TBT, E2E.
        var svgs = document.GetElementsByTagName("svg", "http://www.w3.org/2000/svg");
        Assert.Equal(2 + 3 * 2 + 3, svgs.Count);
        Assert.Equal(svgs.Count, Regex.Count(html, "<svg "));
        Assert.All(svgs.Cast<XmlElement>(), svg => Assert.NotEmpty(svg.GetElementsByTagName("polyline", "http://www.w3.org/2000/svg").Cast<XmlNode>()));
        Assert.Equal(svgs.Count, document.GetElementsByTagName("figure").Count);
    }

    [Fact]
    public void A_single_row_has_no_total_charts()
    {
        var document = Parse(ReportWriter.Render(Input(rows: 1, seconds: 120)));
        Assert.Equal(2 + 3, document.GetElementsByTagName("svg", "http://www.w3.org/2000/svg").Count);
    }

    [Fact]
    public void References_nothing_outside_the_page()
    {
        var html = ReportWriter.Render(Input(rows: 2, seconds: 300));
        var withoutNamespace = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal);

        Assert.Contains("xmlns=\"http://www.w3.org/2000/svg\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", withoutNamespace, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", withoutNamespace, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(?!#)", html);
    }

    [Fact]
    public void Escapes_every_string_from_the_input()
    {
        var input = Input(rows: 2, seconds: 60) with
        {
            Summary = SampleSummary.Create("<b>scenario</b> & \"co\""),
            Thresholds = [("<T1>", 0.8)],
        };
        var rows = input.Timeseries.Select(r => r.Row == "row-0" ? r with { Row = "<script>alert('x')</script>" } : r).ToList();
        var html = ReportWriter.Render(input with { Timeseries = rows });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<T1>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;scenario&lt;/b&gt; &amp; &quot;co&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;T1&gt; (80 %)", html, StringComparison.Ordinal);
        Parse(html);
    }

    [Fact]
    public void Draws_thresholds_as_fractions_of_the_budget_and_labels_emulated_time_in_hours_and_minutes()
    {
        var html = ReportWriter.Render(Input(rows: 1, seconds: 7200));

        Assert.Contains(">T1 (80 %)<", html, StringComparison.Ordinal);
        Assert.Contains(">T2 (89 %)<", html, StringComparison.Ordinal);
        Assert.Contains(">brake (100 %)<", html, StringComparison.Ordinal);
        Assert.Contains(">1:00<", html, StringComparison.Ordinal);
        Assert.Contains(">0:15<", html, StringComparison.Ordinal);
        Assert.Contains(">power (kW)<", html, StringComparison.Ordinal);
        Assert.Contains(">emulated time (h:mm)<", html, StringComparison.Ordinal);

        var without = ReportWriter.Render(Input(rows: 1, seconds: 7200) with { Thresholds = [] });
        Assert.DoesNotContain("T1 (80 %)", without, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_of_minutes_is_labelled_to_the_second()
    {
        var html = ReportWriter.Render(Input(rows: 1, seconds: 120));

        Assert.Contains(">0:00:15<", html, StringComparison.Ordinal);
        Assert.Contains(">emulated time (h:mm:ss)<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("(h:mm)", html, StringComparison.Ordinal);

        // time_s is the end of a second: a series from 1 s starts its axis at 0.
        var input = Input(rows: 1, seconds: 120);
        var shifted = ReportWriter.Render(input with { Timeseries = input.Timeseries.Select(r => r with { TimeS = r.TimeS + 1 }).ToList() });
        Assert.Contains(">0:00:00<", shifted, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_the_headline_figures_of_the_summary()
    {
        var html = ReportWriter.Render(Input(rows: 2, seconds: 60));

        Assert.Contains("520.0 kW", html, StringComparison.Ordinal); // provisioned
        Assert.Contains("95.9 %", html, StringComparison.Ordinal); // peak fraction
        Assert.Contains("401.23 kWh", html, StringComparison.Ordinal);
        Assert.Contains("failed: timeout", html, StringComparison.Ordinal);
        Assert.Contains("<td>high</td><td>E2E</td><td>1 s</td><td>1.5 s</td><td>2 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>low</td><td>TTFT</td><td>800 ms</td><td>1.2 s</td><td>1.6 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("as fast as possible", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_so_when_there_are_no_samples_or_no_time_series()
    {
        var input = Input(rows: 1, seconds: 60) with { Timeseries = [], High = LatencySamples.None, Low = LatencySamples.None };
        var html = ReportWriter.Render(input);
        var document = Parse(html);

        Assert.Equal(3, document.GetElementsByTagName("svg", "http://www.w3.org/2000/svg").Count);
        Assert.Equal(3, Regex.Count(html, ">no samples<"));
        Assert.Contains("The time series is empty", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_a_pure_function_of_its_input_whatever_the_order_of_the_seconds()
    {
        var input = Input(rows: 3, seconds: 900);
        var html = ReportWriter.Render(input);
        Assert.Equal(html, ReportWriter.Render(input));

        // Rows are drawn in the order they first appear; seconds may come in any order.
        var byRowThenTimeDescending = input.Timeseries.OrderBy(r => r.Row, StringComparer.Ordinal).ThenByDescending(r => r.TimeS).ToList();
        Assert.Equal(html, ReportWriter.Render(input with { Timeseries = byRowThenTimeDescending }));
        Assert.True(html.IndexOf(">Row row-0<", StringComparison.Ordinal) < html.IndexOf(">Row row-1<", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_puts_the_page_in_place_with_no_temporary_file_left()
    {
        var path = Path.Combine(_folder.Path, "out", ReportWriter.FileName);
        var input = Input(rows: 2, seconds: 60);
        ReportWriter.Write(path, input);

        Assert.Equal(ReportWriter.Render(input), File.ReadAllText(path));
        Assert.Equal([ReportWriter.FileName], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_day_of_25_rows_stays_under_two_megabytes_and_draws_the_first_rows_and_the_total()
    {
        const int rows = 25;
        const int seconds = 86_400;
        var input = Input(rows, seconds);
        Assert.Equal(rows * seconds, input.Timeseries.Count);

        var html = ReportWriter.Render(input);

        Assert.True(html.Length < 2_000_000, $"report is {html.Length:N0} characters");
        var document = Parse(html);
        Assert.Equal(2 + ReportWriter.MaxRowsDrawn * 2 + 3, document.GetElementsByTagName("svg", "http://www.w3.org/2000/svg").Count);
        Assert.Contains($"The first {ReportWriter.MaxRowsDrawn} of {rows} rows are drawn one by one", html, StringComparison.Ordinal);
        Assert.Contains("All 25 rows together", html, StringComparison.Ordinal);
        for (var r = 0; r < rows; r++) Assert.Contains($"<td>row-{r}</td>", html, StringComparison.Ordinal);
        Assert.Contains(">21:00<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_keeps_a_one_second_spike_of_a_day()
    {
        var times = Enumerable.Range(0, 86_400).Select(t => (double)t).ToArray();
        var values = times.Select(t => t == 43_210 ? 90_000.0 : t == 70_000 ? 10_000.0 : 50_000.0).ToArray();
        var envelope = ColumnEnvelope.Of(times, values, 0, 86_399, 800, scale: 1e-3);

        Assert.True(envelope.Reduced);
        Assert.Equal(800, envelope.X.Length);
        Assert.Equal(90, envelope.Max.Max());
        Assert.Equal(10, envelope.Min.Min());
        // 108 seconds per column: the spikes move their columns' means by a little, not to the spikes.
        Assert.Equal(((50.0 * 107) + 10) / 108, envelope.Mean.Min(), 9);
        Assert.Equal(((50.0 * 107) + 90) / 108, envelope.Mean.Max(), 9);
        Assert.Equal(values.Average() / 1000, envelope.Mean.Average(), 3);
    }

    [Fact]
    public void A_short_series_is_drawn_as_it_is()
    {
        var envelope = ColumnEnvelope.Of([0, 1, 2], [5, 7, 6], 0, 2, 800);
        Assert.False(envelope.Reduced);
        Assert.Equal([0.0, 1, 2], envelope.X);
        Assert.Equal([5.0, 7, 6], envelope.Mean);
    }

    [Fact]
    public void The_cdf_counts_the_samples_at_or_below_each_point_of_the_log_axis()
    {
        var sorted = CdfCurve.Sorted([.. Enumerable.Range(1, 100).Select(i => (double)i).Reverse(), double.NaN]);
        Assert.Equal(100, sorted.Length);
        var axis = new LogAxis(1, 100);
        Assert.Equal(0, axis.LowExponent);
        Assert.Equal(2, axis.HighExponent);

        var (x, y) = CdfCurve.Evaluate(sorted, axis, 200);

        Assert.Equal(201, x.Length);
        Assert.Equal(1, x[0], 9);
        Assert.Equal(10, x[100], 9);
        Assert.Equal(100, x[200], 9);
        Assert.Equal(0.01, y[0]);
        Assert.Equal(0.10, y[100]);
        Assert.Equal(1.0, y[200]);
        Assert.Equal(y.Order(), y);
    }

    private static XmlDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        var document = new XmlDocument();
        document.LoadXml(html["<!DOCTYPE html>\n".Length..]);
        return document;
    }

    /// <summary>A report input with <paramref name="rows"/> rows of <paramref name="seconds"/> seconds each, varied power and caps, and latency samples.</summary>
    private static ReportInput Input(int rows, int seconds)
    {
        var names = Enumerable.Range(0, rows).Select(r => $"row-{r}").ToArray();
        var series = new List<TimeseriesRow>(rows * seconds);
        for (var t = 0; t < seconds; t++)
        {
            for (var r = 0; r < rows; r++)
            {
                var wave = Math.Sin((t + 97 * r) / 600.0);
                var power = Math.Round(30_000 + 8_000 * wave + (t * 7919 + r * 104729) % 1_500, 1);
                var cappedLow = wave > 0.7 ? 5 : 0;
                var cappedHigh = wave > 0.95 ? 2 : 0;
                series.Add(new TimeseriesRow(t, names[r], power, power + 120, 40_000, cappedLow, cappedHigh, wave > 0.99 ? 1 : 0));
            }
        }

        var high = Enumerable.Range(1, 2_000).Select(i => 200 + i * 0.9).ToList();
        var low = Enumerable.Range(1, 1_000).Select(i => 800 + i * 3.1).ToList();
        return new ReportInput(
            SampleSummary.Create(),
            series,
            new LatencySamples(high, high.Select(v => v / 20).ToList(), high.Select(v => v * 5).ToList()),
            new LatencySamples(low, low.Select(v => v / 20).ToList(), low.Select(v => v * 5).ToList()),
            Thresholds);
    }
}
