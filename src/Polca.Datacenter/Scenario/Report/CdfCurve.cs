namespace Polca.Datacenter.Scenario.Report;

/// <summary>Empirical cumulative distributions of latency samples, evaluated once per pixel column of a log axis.</summary>
internal static class CdfCurve
{
    /// <summary>The finite samples of <paramref name="samples"/>, sorted ascending (NaN and infinities are left out).</summary>
    public static double[] Sorted(IReadOnlyList<double>? samples)
    {
        if (samples is null || samples.Count == 0) return [];
        var sorted = samples.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>
    /// The fraction of <paramref name="sorted"/> at or below the value at each of <paramref name="columns"/> + 1 evenly spaced
    /// positions of <paramref name="axis"/> (samples at or below zero count from the axis' start).
    /// </summary>
    public static (double[] X, double[] Y) Evaluate(double[] sorted, LogAxis axis, int columns)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentNullException.ThrowIfNull(axis);
        var x = new double[columns + 1];
        var y = new double[columns + 1];
        for (var i = 0; i <= columns; i++)
        {
            var value = axis.ValueAt((double)i / columns);
            x[i] = value;
            y[i] = sorted.Length == 0 ? 0 : (double)UpperBound(sorted, value) / sorted.Length;
        }

        return (x, y);
    }

    /// <summary>How many of <paramref name="sorted"/> are at or below <paramref name="value"/>.</summary>
    public static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= value) low = middle + 1;
            else high = middle;
        }

        return low;
    }
}
