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

        // Row names are usually the same few string instances: look them up by reference first, by value on a miss.
        var byReference = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        var byValue = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<int>();
        var rowOf = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var name = rows[i].Row;
            if (!byReference.TryGetValue(name, out var k))
            {
                if (!byValue.TryGetValue(name, out k))
                {
                    k = names.Count;
                    byValue[name] = k;
                    names.Add(name);
                    counts.Add(0);
                }

                byReference[name] = k;
            }

            rowOf[i] = k;
            counts[k]++;
        }

        var result = names.Select((name, k) => new RowSeries(name, counts[k])).ToArray();
        var filled = new int[names.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var series = result[rowOf[i]];
            var j = filled[rowOf[i]]++;
            series.Time[j] = row.TimeS;
            series.TrueW[j] = row.TruePowerW;
            series.SensedW[j] = row.SensedPowerW;
            series.BudgetW[j] = row.BudgetW;
            series.CappedLow[j] = row.CappedServersLow;
            series.CappedHigh[j] = row.CappedServersHigh;
            series.Braked[j] = row.BrakedServers;
        }

        foreach (var series in result) series.SortByTime();
        return result;
    }

    /// <summary>All <paramref name="rows"/> summed second by second (a row missing at a second adds nothing there, budget included).</summary>
    public static RowSeries Total(IReadOnlyList<RowSeries> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var times = rows.Count > 0 && rows.All(r => r.Time.AsSpan().SequenceEqual(rows[0].Time))
            ? rows[0].Time // the usual case: every row has every second
            : rows.SelectMany(r => r.Time).Distinct().Order().ToArray();
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
