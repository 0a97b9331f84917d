using System.Globalization;
using System.Text;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>
/// One chart as inline SVG: a framed plot with grid, tick labels, axis titles, a legend on top, bands and lines in data
/// coordinates, and optional notes in the middle. Every string it writes is escaped.
/// </summary>
internal sealed class SvgPlot
{
    /// <summary>Space left of the plot for the y ticks and title, px.</summary>
    public const int MarginLeft = 66;

    /// <summary>Space right of the plot, px.</summary>
    public const int MarginRight = 16;

    /// <summary>Space above the plot for the legend, px.</summary>
    public const int MarginTop = 30;

    /// <summary>Space below the plot for the x ticks and title, px.</summary>
    public const int MarginBottom = 42;

    private const double CharWidth = 6.2;

    private readonly int _width;
    private readonly int _height;
    private readonly PlotAxis _x;
    private readonly PlotAxis _y;
    private readonly string _xTitle;
    private readonly string _yTitle;
    private readonly string _title;

    /// <summary>A chart <paramref name="width"/> by <paramref name="height"/> px over the given axes.</summary>
    public SvgPlot(int width, int height, PlotAxis x, PlotAxis y, string xTitle, string yTitle, string title)
    {
        if (width <= MarginLeft + MarginRight || height <= MarginTop + MarginBottom)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"a {width}x{height} chart leaves no room for the plot");
        }

        _width = width;
        _height = height;
        _x = x;
        _y = y;
        _xTitle = xTitle;
        _yTitle = yTitle;
        _title = title;
    }

    /// <summary>The curves, drawn in order (bands of all first, then lines).</summary>
    public List<PlotSeries> Series { get; } = [];

    /// <summary>Lines of text written in the middle of the plot (e.g. "no samples").</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Extra legend entries with no curve: a colour and a text.</summary>
    public List<(string Color, string Label)> LegendNotes { get; } = [];

    /// <summary>Width in pixels of the plot area of a chart <paramref name="width"/> px wide: the number of columns to downsample to.</summary>
    public static int InnerWidth(int width) => width - MarginLeft - MarginRight;

    private double PlotWidth => _width - MarginLeft - MarginRight;

    private double PlotHeight => _height - MarginTop - MarginBottom;

    private double Px(double x) => MarginLeft + _x.Fraction(x) * PlotWidth;

    private double Py(double y) => MarginTop + (1 - _y.Fraction(y)) * PlotHeight;

    /// <summary>Appends the <c>&lt;svg&gt;</c> element to <paramref name="html"/>.</summary>
    public void WriteTo(StringBuilder html)
    {
        var title = HtmlText.Escape(_title);
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {_width} {_height}\" width=\"{_width}\" height=\"{_height}\" role=\"img\" aria-label=\"{title}\">");
        html.Append("<title>").Append(title).Append("</title>");
        var left = HtmlText.Coordinate(MarginLeft);
        var right = HtmlText.Coordinate(MarginLeft + PlotWidth);
        var top = HtmlText.Coordinate(MarginTop);
        var bottom = HtmlText.Coordinate(MarginTop + PlotHeight);
        html.Append(CultureInfo.InvariantCulture, $"<rect class=\"plot\" x=\"{left}\" y=\"{top}\" width=\"{HtmlText.Coordinate(PlotWidth)}\" height=\"{HtmlText.Coordinate(PlotHeight)}\"/>");

        foreach (var (value, label) in _y.Ticks)
        {
            var y = HtmlText.Coordinate(Py(value));
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"gr\" x1=\"{left}\" x2=\"{right}\" y1=\"{y}\" y2=\"{y}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{HtmlText.Coordinate(MarginLeft - 6)}\" y=\"{HtmlText.Coordinate(Py(value) + 4)}\" text-anchor=\"end\">{HtmlText.Escape(label)}</text>");
        }

        foreach (var (value, label) in _x.Ticks)
        {
            var x = HtmlText.Coordinate(Px(value));
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"gr\" x1=\"{x}\" x2=\"{x}\" y1=\"{top}\" y2=\"{bottom}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{HtmlText.Coordinate(MarginTop + PlotHeight + 15)}\" text-anchor=\"middle\">{HtmlText.Escape(label)}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<rect class=\"frame\" x=\"{left}\" y=\"{top}\" width=\"{HtmlText.Coordinate(PlotWidth)}\" height=\"{HtmlText.Coordinate(PlotHeight)}\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"at\" x=\"{HtmlText.Coordinate(MarginLeft + PlotWidth / 2)}\" y=\"{_height - 6}\" text-anchor=\"middle\">{HtmlText.Escape(_xTitle)}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"at\" transform=\"translate(14 {HtmlText.Coordinate(MarginTop + PlotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{HtmlText.Escape(_yTitle)}</text>");

        foreach (var series in Series.Where(s => s.Low is not null && s.High is not null && s.X.Length > 0))
        {
            WriteBand(html, series);
        }

        foreach (var series in Series.Where(s => s.X.Length > 0))
        {
            WriteLine(html, series);
        }

        WriteLegend(html);
        for (var i = 0; i < Notes.Count; i++)
        {
            var y = MarginTop + PlotHeight / 2 + (i - (Notes.Count - 1) / 2.0) * 16;
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"note\" x=\"{HtmlText.Coordinate(MarginLeft + PlotWidth / 2)}\" y=\"{HtmlText.Coordinate(y)}\" text-anchor=\"middle\">{HtmlText.Escape(Notes[i])}</text>");
        }

        html.Append("</svg>");
    }

    private void WriteBand(StringBuilder html, PlotSeries series)
    {
        var low = series.Low!;
        var high = series.High!;
        html.Append(CultureInfo.InvariantCulture, $"<polygon fill=\"{HtmlText.Escape(series.Color)}\" fill-opacity=\"{series.BandOpacity.ToString("0.##", CultureInfo.InvariantCulture)}\" stroke=\"none\" points=\"");
        for (var i = 0; i < series.X.Length; i++) AppendPoint(html, Px(series.X[i]), Py(high[i]));
        for (var i = series.X.Length - 1; i >= 0; i--) AppendPoint(html, Px(series.X[i]), Py(low[i]));
        html.Length--;
        html.Append("\"/>");
    }

    private void WriteLine(StringBuilder html, PlotSeries series)
    {
        var xs = new double[series.X.Length];
        var ys = new double[series.X.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = Math.Round(Px(series.X[i]), 1);
            ys[i] = Math.Round(Py(series.Y[i]), 1);
        }

        var dash = series.Dashed ? " stroke-dasharray=\"6 4\"" : "";
        html.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{HtmlText.Escape(series.Color)}\" stroke-width=\"{HtmlText.Coordinate(series.Width)}\" stroke-linejoin=\"round\"{dash} points=\"");
        if (xs.Length == 1)
        {
            // A single sample: a short horizontal stroke, so that it shows.
            AppendPoint(html, xs[0] - 2, ys[0]);
            AppendPoint(html, xs[0] + 2, ys[0]);
        }
        else
        {
            for (var i = 0; i < xs.Length; i++)
            {
                // Drop points in the middle of a flat stretch: they draw nothing.
                if (i > 0 && i < xs.Length - 1 && ys[i] == ys[i - 1] && ys[i] == ys[i + 1]) continue;
                AppendPoint(html, xs[i], ys[i]);
            }
        }

        html.Length--;
        html.Append("\"/>");
        if (series.EndLabel is { } label)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"end\" x=\"{HtmlText.Coordinate(MarginLeft + PlotWidth - 4)}\" y=\"{HtmlText.Coordinate(ys[^1] - 4)}\" text-anchor=\"end\" fill=\"{HtmlText.Escape(series.Color)}\">{HtmlText.Escape(label)}</text>");
        }
    }

    private void WriteLegend(StringBuilder html)
    {
        var x = (double)MarginLeft;
        const double y = 14;
        var entries = Series.Where(s => s.InLegend).Select(s => (s.Color, s.Label, s.Dashed)).Concat(LegendNotes.Select(n => (n.Color, n.Label, Dashed: false)));
        foreach (var (color, label, dashed) in entries)
        {
            var dash = dashed ? " stroke-dasharray=\"5 3\"" : "";
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{HtmlText.Coordinate(x)}\" x2=\"{HtmlText.Coordinate(x + 16)}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{HtmlText.Escape(color)}\" stroke-width=\"3\"{dash}/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{HtmlText.Coordinate(x + 21)}\" y=\"{y + 4}\">{HtmlText.Escape(label)}</text>");
            x += 21 + label.Length * CharWidth + 16;
        }
    }

    private static void AppendPoint(StringBuilder html, double x, double y) =>
        html.Append(HtmlText.Coordinate(x)).Append(',').Append(HtmlText.Coordinate(y)).Append(' ');
}
