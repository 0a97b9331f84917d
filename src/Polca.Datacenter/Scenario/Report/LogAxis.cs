namespace Polca.Datacenter.Scenario.Report;

/// <summary>A base-10 logarithmic axis of milliseconds from one power of ten to a higher one, ticked at decades (and 2, 5 when short).</summary>
internal sealed class LogAxis : PlotAxis
{
    /// <summary>The smallest axis that covers <paramref name="smallest"/>..<paramref name="largest"/> (positive values) with whole decades.</summary>
    public LogAxis(double smallest, double largest)
    {
        if (!(smallest > 0) || !double.IsFinite(smallest)) smallest = 1;
        if (!(largest >= smallest) || !double.IsFinite(largest)) largest = smallest;
        LowExponent = (int)Math.Floor(Math.Log10(smallest) + 1e-12);
        HighExponent = Math.Max(LowExponent + 1, (int)Math.Ceiling(Math.Log10(largest) - 1e-12));
        var ticks = new List<(double, string)>();
        var decades = HighExponent - LowExponent;
        for (var e = LowExponent; e <= HighExponent; e++)
        {
            var decade = Math.Pow(10, e);
            ticks.Add((decade, HtmlText.Milliseconds(decade)));
            if (decades <= 2 && e < HighExponent)
            {
                ticks.Add((2 * decade, HtmlText.Milliseconds(2 * decade)));
                ticks.Add((5 * decade, HtmlText.Milliseconds(5 * decade)));
            }
        }

        Ticks = ticks;
    }

    /// <summary>The power of ten at the start of the axis.</summary>
    public int LowExponent { get; }

    /// <summary>The power of ten at the end of the axis.</summary>
    public int HighExponent { get; }

    /// <summary>The value at the start of the axis.</summary>
    public double Min => Math.Pow(10, LowExponent);

    /// <summary>The value at the end of the axis.</summary>
    public double Max => Math.Pow(10, HighExponent);

    /// <inheritdoc />
    public override IReadOnlyList<(double Value, string Label)> Ticks { get; }

    /// <inheritdoc />
    public override double Fraction(double value) =>
        value <= 0 ? 0 : Math.Clamp((Math.Log10(value) - LowExponent) / (HighExponent - LowExponent), 0, 1);

    /// <summary>The value at fraction <paramref name="fraction"/> of the axis.</summary>
    public double ValueAt(double fraction) => Math.Pow(10, LowExponent + fraction * (HighExponent - LowExponent));
}
