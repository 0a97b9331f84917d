using System.Globalization;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>An axis of emulated time in seconds, ticked at round clock times and labelled h:mm (h:mm:ss below a minute's step).</summary>
internal sealed class TimeAxis : PlotAxis
{
    private const int MaxTicks = 10;

    private static readonly long[] Steps =
        [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400, 172800, 604800];

    /// <summary>An axis from <paramref name="start"/> to <paramref name="end"/> seconds (a single instant gets one second around it).</summary>
    public TimeAxis(double start, double end)
    {
        if (!(end > start))
        {
            start -= 0.5;
            end = start + 1;
        }

        Start = start;
        End = end;
        var span = end - start;
        var step = Steps.FirstOrDefault(s => span / s <= MaxTicks, Steps[^1]);
        while (span / step > MaxTicks) step *= 2;
        var wholeMinutes = step % 60 == 0;
        LabelFormat = wholeMinutes ? "h:mm" : "h:mm:ss";
        var ticks = new List<(double, string)>();
        for (var t = Math.Ceiling(start / step) * step; t <= end + 1e-9; t += step)
        {
            ticks.Add((t, Label(t, wholeMinutes)));
        }

        Ticks = ticks;
    }

    /// <summary>How the tick labels are written: "h:mm", or "h:mm:ss" when the ticks are less than a minute apart.</summary>
    public string LabelFormat { get; }

    /// <summary>The time at the start of the axis, s.</summary>
    public double Start { get; }

    /// <summary>The time at the end of the axis, s.</summary>
    public double End { get; }

    /// <inheritdoc />
    public override IReadOnlyList<(double Value, string Label)> Ticks { get; }

    /// <inheritdoc />
    public override double Fraction(double value) => Math.Clamp((value - Start) / (End - Start), 0, 1);

    /// <summary>"h:mm", or "h:mm:ss" when <paramref name="wholeMinutes"/> is false.</summary>
    public static string Label(double seconds, bool wholeMinutes)
    {
        var total = (long)Math.Round(seconds);
        var sign = total < 0 ? "-" : "";
        total = Math.Abs(total);
        return wholeMinutes
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{total / 3600}:{total / 60 % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{total / 3600}:{total / 60 % 60:00}:{total % 60:00}");
    }
}
