using System.Globalization;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>A linear axis from <see cref="Min"/> to <see cref="Max"/> with ticks at round values.</summary>
internal sealed class LinearAxis : PlotAxis
{
    private static readonly double[] Mantissas = [1, 2, 2.5, 5, 10];

    /// <summary>An axis from <paramref name="min"/> to <paramref name="max"/> (max &gt; min) with the given ticks.</summary>
    public LinearAxis(double min, double max, IReadOnlyList<(double Value, string Label)> ticks)
    {
        if (!(max > min)) throw new ArgumentException($"expected max > min, found {min}..{max}", nameof(max));
        Min = min;
        Max = max;
        Ticks = ticks;
    }

    /// <summary>The value at the start of the axis.</summary>
    public double Min { get; }

    /// <summary>The value at the end of the axis.</summary>
    public double Max { get; }

    /// <inheritdoc />
    public override IReadOnlyList<(double Value, string Label)> Ticks { get; }

    /// <summary>
    /// An axis from 0 up to a round value at or above <paramref name="dataMax"/>, with about <paramref name="targetTicks"/>
    /// ticks (whole-number steps when <paramref name="integers"/>).
    /// </summary>
    public static LinearAxis FromZero(double dataMax, int targetTicks, bool integers)
    {
        if (!double.IsFinite(dataMax) || dataMax <= 0) dataMax = 1;
        var step = NiceStep(dataMax / Math.Max(1, targetTicks));
        if (integers)
        {
            if (step < 1) step = 1;
            else if (step != Math.Round(step)) step = NiceStep(step * 1.01);
        }

        var count = (int)Math.Ceiling(dataMax / step - 1e-9);
        var max = Math.Max(1, count) * step;
        var decimals = Decimals(step);
        var ticks = new List<(double, string)>();
        for (var i = 0; i <= Math.Max(1, count); i++)
        {
            var value = i * step;
            ticks.Add((value, value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
        }

        return new LinearAxis(0, max, ticks);
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!double.IsFinite(rough) || rough <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var m in Mantissas)
        {
            if (m * magnitude >= rough * (1 - 1e-9)) return m * magnitude;
        }

        return 10 * magnitude;
    }

    /// <summary>The decimals needed to write multiples of <paramref name="step"/> exactly (at most 4).</summary>
    public static int Decimals(double step)
    {
        for (var d = 0; d < 4; d++)
        {
            var scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled)) return d;
        }

        return 4;
    }

    /// <inheritdoc />
    public override double Fraction(double value) => Math.Clamp((value - Min) / (Max - Min), 0, 1);
}
