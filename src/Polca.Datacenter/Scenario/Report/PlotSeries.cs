namespace Polca.Datacenter.Scenario.Report;

/// <summary>One curve of a plot in data coordinates: a line, optionally with a min/max band around it (a downsampled envelope).</summary>
internal sealed class PlotSeries
{
    /// <summary>The legend text (not yet escaped).</summary>
    public required string Label { get; init; }

    /// <summary>A CSS colour.</summary>
    public required string Color { get; init; }

    /// <summary>X of each point, ascending.</summary>
    public required double[] X { get; init; }

    /// <summary>Y of each point of the line.</summary>
    public required double[] Y { get; init; }

    /// <summary>Lower edge of the band at each X, or null for no band.</summary>
    public double[]? Low { get; init; }

    /// <summary>Upper edge of the band at each X, or null for no band.</summary>
    public double[]? High { get; init; }

    /// <summary>Opacity of the band's fill, 0..1.</summary>
    public double BandOpacity { get; init; } = 0.2;

    /// <summary>Draws the line dashed (reference lines such as thresholds).</summary>
    public bool Dashed { get; init; }

    /// <summary>Stroke width of the line, px.</summary>
    public double Width { get; init; } = 1.5;

    /// <summary>Whether the legend lists the series.</summary>
    public bool InLegend { get; init; } = true;

    /// <summary>Text written at the right end of the line (not yet escaped), or null.</summary>
    public string? EndLabel { get; init; }

    /// <summary>Largest Y of the line and the band, or NaN when there are no points.</summary>
    public double MaxY()
    {
        var max = double.NaN;
        foreach (var y in Y) max = double.IsNaN(max) ? y : Math.Max(max, y);
        if (High is not null) foreach (var y in High) max = double.IsNaN(max) ? y : Math.Max(max, y);
        return max;
    }
}
