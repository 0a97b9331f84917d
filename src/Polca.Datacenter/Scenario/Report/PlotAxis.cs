namespace Polca.Datacenter.Scenario.Report;

/// <summary>Maps data values of one axis to a 0..1 fraction of the plot and says where its ticks go.</summary>
internal abstract class PlotAxis
{
    /// <summary>The fraction of the axis' length at which <paramref name="value"/> lies, clamped to 0..1.</summary>
    public abstract double Fraction(double value);

    /// <summary>The ticks, each a value on the axis and its label (not yet escaped).</summary>
    public abstract IReadOnlyList<(double Value, string Label)> Ticks { get; }
}
