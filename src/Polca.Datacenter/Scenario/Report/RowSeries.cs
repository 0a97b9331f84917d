using Polca.Datacenter.Telemetry;

namespace Polca.Datacenter.Scenario.Report;

/// <summary>The time series of one row (or of all rows summed), as columns sorted by time.</summary>
internal sealed class RowSeries
{
    private RowSeries(string name, int length)
    {
        Name = name;
        Time = new double[length];
        TrueW = new double[length];
        SensedW = new double[length];
        BudgetW = new double[length];
        CappedLow = new double[length];
        CappedHigh = new double[length];
        Braked = new double[length];
    }

    /// <summary>The row's name (not yet escaped).</summary>
    public string Name { get; }

    /// <summary>Emulated time of each second, s, ascending.</summary>
    public double[] Time { get; }

    /// <summary>Mean true power, W.</summary>
    public double[] TrueW { get; }

    /// <summary>Sensed power, W.</summary>
    public double[] SensedW { get; }

    /// <summary>Budget, W.</summary>
    public double[] BudgetW { get; }

    /// <summary>Low-priority servers under a cap.</summary>
    public double[] CappedLow { get; }

    /// <summary>High-priority servers under a cap.</summary>
    public double[] CappedHigh { get; }

    /// <summary>Servers braked.</summary>
    public double[] Braked { get; }

    /// <summary>Number of seconds.</summary>
    public int Length => Time.Length;

    /// <summary>Splits <paramref name="rows"/> by row, in the order the rows first appear, each sorted by time.</summary>
    public static IReadOnlyList<RowSeries> ByRow(IReadOnlyList<TimeseriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var indexes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var name = rows[i].Row;
            if (!indexes.TryGetValue(name, out var list))
            {
                indexes[name] = list = [];
                order.Add(name);
            }

            list.Add(i);
        }

        var result = new List<RowSeries>(order.Count);
        foreach (var name in order)
        {
            var list = indexes[name];
            var series = new RowSeries(name, list.Count);
            for (var j = 0; j < list.Count; j++)
            {
                var row = rows[list[j]];
                series.Time[j] = row.TimeS;
                series.TrueW[j] = row.TruePowerW;
                series.SensedW[j] = row.SensedPowerW;
                series.BudgetW[j] = row.BudgetW;
                series.CappedLow[j] = row.CappedServersLow;
                series.CappedHigh[j] = row.CappedServersHigh;
                series.Braked[j] = row.BrakedServers;
            }

            series.SortByTime();
            result.Add(series);
        }

        return result;
    }

    /// <summary>All <paramref name="rows"/> summed second by second (a row missing at a second adds nothing there, budget included).</summary>
    public static RowSeries Total(IReadOnlyList<RowSeries> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var times = rows.SelectMany(r => r.Time).Distinct().Order().ToArray();
        var index = new Dictionary<double, int>(times.Length);
        for (var i = 0; i < times.Length; i++) index[times[i]] = i;
        var total = new RowSeries(name, times.Length);
        times.CopyTo(total.Time, 0);
        foreach (var row in rows)
        {
            for (var j = 0; j < row.Length; j++)
            {
                var i = index[row.Time[j]];
                total.TrueW[i] += row.TrueW[j];
                total.SensedW[i] += row.SensedW[j];
                total.BudgetW[i] += row.BudgetW[j];
                total.CappedLow[i] += row.CappedLow[j];
                total.CappedHigh[i] += row.CappedHigh[j];
                total.Braked[i] += row.Braked[j];
            }
        }

        return total;
    }

    private void SortByTime()
    {
        var sorted = true;
        for (var i = 1; i < Time.Length && sorted; i++) sorted = Time[i - 1] <= Time[i];
        if (sorted) return;
        var order = Enumerable.Range(0, Time.Length).OrderBy(i => Time[i]).ToArray();
        foreach (var column in new[] { Time, TrueW, SensedW, BudgetW, CappedLow, CappedHigh, Braked })
        {
            var copy = (double[])column.Clone();
            for (var i = 0; i < order.Length; i++) column[i] = copy[order[i]];
        }
    }
}
