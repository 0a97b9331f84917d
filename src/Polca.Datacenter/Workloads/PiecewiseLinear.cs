namespace Polca.Datacenter.Workloads;

/// <summary>Medians and piecewise-linear evaluation over sorted latency points.</summary>
internal static class PiecewiseLinear
{
    /// <summary>The median of <paramref name="values"/> (the mean of the two middle values when their count is even).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("expected at least one value, found none", nameof(values));
        }

        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// Evaluates the curve through <paramref name="points"/> (sorted by X, distinct X) at <paramref name="x"/>:
    /// linear between points, the first point's value below the first point, and above the last point a line with
    /// the slope of the last two points, held flat when that slope is negative (so times never fall below the last
    /// point's). A single point gives a constant.
    /// </summary>
    public static double Evaluate(PerfPoint[] points, double x)
    {
        if (x <= points[0].X)
        {
            return points[0].Ms;
        }

        var last = points[^1];
        if (x >= last.X)
        {
            if (points.Length == 1)
            {
                return last.Ms;
            }

            var before = points[^2];
            var slope = Math.Max(0, (last.Ms - before.Ms) / (last.X - before.X));
            return last.Ms + (slope * (x - last.X));
        }

        var lo = 0;
        var hi = points.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (points[mid].X <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var a = points[lo];
        var b = points[hi];
        return a.Ms + ((b.Ms - a.Ms) * (x - a.X) / (b.X - a.X));
    }
}
