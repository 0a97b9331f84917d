namespace Polca.Datacenter.Scenario.Report;

/// <summary>
/// A series reduced to one point per pixel column: the minimum, maximum and mean of the samples that fall in each column.
/// A series with no more samples than columns is kept as it is (min = max = mean = the sample).
/// </summary>
internal sealed class ColumnEnvelope
{
    private ColumnEnvelope(double[] x, double[] min, double[] max, double[] mean, bool reduced)
    {
        X = x;
        Min = min;
        Max = max;
        Mean = mean;
        Reduced = reduced;
    }

    /// <summary>The time of each point: the sample's own, or the centre of its column.</summary>
    public double[] X { get; }

    /// <summary>Smallest sample of each column.</summary>
    public double[] Min { get; }

    /// <summary>Largest sample of each column.</summary>
    public double[] Max { get; }

    /// <summary>Mean of each column's samples.</summary>
    public double[] Mean { get; }

    /// <summary>True when some column holds more than one sample, so that the band says more than the line.</summary>
    public bool Reduced { get; }

    /// <summary>
    /// Reduces <paramref name="values"/> at <paramref name="times"/> (ascending) over <paramref name="start"/>..<paramref name="end"/>
    /// to at most <paramref name="columns"/> points; each value is first multiplied by <paramref name="scale"/>.
    /// </summary>
    public static ColumnEnvelope Of(double[] times, double[] values, double start, double end, int columns, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Length != values.Length) throw new ArgumentException("times and values differ in length", nameof(values));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "expected at least one column");
        if (times.Length <= columns)
        {
            var scaled = values.Select(v => v * scale).ToArray();
            return new ColumnEnvelope((double[])times.Clone(), scaled, scaled, scaled, reduced: false);
        }

        var span = end > start ? end - start : 1;
        var min = new double[columns];
        var max = new double[columns];
        var sum = new double[columns];
        var count = new int[columns];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (var i = 0; i < times.Length; i++)
        {
            var column = (int)Math.Clamp(Math.Floor((times[i] - start) / span * columns), 0, columns - 1);
            var v = values[i] * scale;
            if (v < min[column]) min[column] = v;
            if (v > max[column]) max[column] = v;
            sum[column] += v;
            count[column]++;
        }

        var used = count.Count(c => c > 0);
        var x = new double[used];
        var outMin = new double[used];
        var outMax = new double[used];
        var mean = new double[used];
        var reduced = false;
        for (int column = 0, j = 0; column < columns; column++)
        {
            if (count[column] == 0) continue;
            x[j] = start + (column + 0.5) * span / columns;
            outMin[j] = min[column];
            outMax[j] = max[column];
            mean[j] = sum[column] / count[column];
            reduced |= count[column] > 1;
            j++;
        }

        return new ColumnEnvelope(x, outMin, outMax, mean, reduced);
    }
}
