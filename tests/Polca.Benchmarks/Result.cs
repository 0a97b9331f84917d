using System.Globalization;
using System.Text;

namespace Polca.Benchmarks;

/// <summary>Prints a RESULT line: the scenario and its key=value figures.</summary>
internal static class Result
{
    public static void Print(string scenario, params (string Key, object Value)[] values)
    {
        var line = new StringBuilder("RESULT ").Append(scenario);
        foreach (var (key, value) in values)
        {
            var text = value switch
            {
                double d => d.ToString(d >= 100 ? "F0" : "F3", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            line.Append(' ').Append(key).Append('=').Append(text);
        }
        Console.WriteLine(line.ToString());
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
