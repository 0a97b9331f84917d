using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Builds a run's summary and time series from its journal events. The run feeds it the very events it journals, and
/// <c>polca replay --rebuild</c> feeds it the events read back, so both give the same summary.json and timeseries.csv.
/// </summary>
public sealed class RunAggregator
{
    private const int RiseWindowS = 40;
    private readonly Action<TimeseriesRow>? _timeseries;
    private readonly SortedDictionary<long, double> _totalBySecond = [];
    private readonly Dictionary<string, RowTrack> _rows = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _failedByReason = new(StringComparer.Ordinal);
    private readonly ClassTrack _high = new();
    private readonly ClassTrack _low = new();
    private RunStarted? _started;
    private RunCompleted? _completed;
    private double _energyJ;
    private long _seconds;
    private double _secondsOverBudget;
    private double _cappedLowS;
    private double _cappedHighS;
    private double _peakFraction;
    private double _maxRiseFraction;
    private int _capEvents;
    private int _brakeEvents;
    private int _breakerTrips;

    /// <summary>An aggregator that hands every time-series row to <paramref name="timeseries"/> (null: keep none).</summary>
    public RunAggregator(Action<TimeseriesRow>? timeseries = null) => _timeseries = timeseries;

    /// <summary>The run's start event, once seen.</summary>
    public RunStarted? Started => _started;

    private double Warmup => _started?.WarmupS ?? 0;

    /// <summary>Requests that arrived so far.</summary>
    public long Arrived => _high.Arrived + _low.Arrived;

    /// <summary>Requests completed so far.</summary>
    public long Completed => _high.Completed + _low.Completed;

    /// <summary>Requests failed so far.</summary>
    public long Failed => _high.Failed + _low.Failed;

    /// <summary>Applies one journal event (RunStarted, RecordBatch or RunCompleted; others are ignored).</summary>
    public void Apply(object @event)
    {
        switch (@event)
        {
            case RunStarted started:
                _started = started;
                foreach (var row in started.Rows) _rows[row.Name] = new RowTrack(row.BudgetW);
                break;
            case RecordBatch batch:
                ApplyBatch(batch);
                break;
            case RunCompleted completed:
                _completed = completed;
                break;
        }
    }

    private void ApplyBatch(RecordBatch batch)
    {
        _high.Arrived += batch.ArrivedHigh;
        _low.Arrived += batch.ArrivedLow;
        foreach (var sample in batch.Samples)
        {
            _timeseries?.Invoke(sample);
            _energyJ += sample.TruePowerW;
            _seconds = Math.Max(_seconds, sample.TimeS);
            if (sample.TimeS <= Warmup) continue;
            _totalBySecond[sample.TimeS] = _totalBySecond.GetValueOrDefault(sample.TimeS) + sample.TruePowerW;
            _cappedLowS += sample.CappedServersLow;
            _cappedHighS += sample.CappedServersHigh;
            if (!_rows.TryGetValue(sample.Row, out var row)) continue;
            var fraction = sample.TruePowerW / row.BudgetW;
            if (fraction > 1) _secondsOverBudget++;
            _peakFraction = Math.Max(_peakFraction, fraction);
            _maxRiseFraction = Math.Max(_maxRiseFraction, row.Rise(sample.TimeS, sample.TruePowerW, RiseWindowS) / row.BudgetW);
        }

        var o = batch.Outcomes;
        for (var i = 0; i < o.Id.Length; i++)
        {
            var track = o.Priority[i] == 0 ? _high : _low;
            if (o.Failure[i] >= 0)
            {
                track.Failed++;
                var reason = batch.FailureReasons[o.Failure[i]];
                _failedByReason[reason] = _failedByReason.GetValueOrDefault(reason) + 1;
                continue;
            }

            track.Completed++;
            if (o.ArrivedTicks[i] < Warmup * TimeSpan.TicksPerSecond) continue;
            track.Measured++;
            track.Ttft.Add(o.TtftUs[i] / 1000.0);
            track.Tbt.Add(o.MeanTbtUs[i] / 1000.0);
            track.E2e.Add(o.E2eUs[i] / 1000.0);
        }

        foreach (var decision in batch.Decisions)
        {
            switch (decision.Kind)
            {
                case "caps": _capEvents++; break;
                case "brake-on": _brakeEvents++; break;
                case "breaker-trip": _breakerTrips++; break;
            }
        }
    }

    /// <summary>Latency quantiles of completed requests of a class, for drawing distributions: (ttft, tbt, e2e) at <paramref name="points"/> quantiles.</summary>
    public (double[] Ttft, double[] Tbt, double[] E2e) Distribution(RequestPriority priority, int points = 200)
    {
        var track = priority == RequestPriority.High ? _high : _low;
        if (track.Measured == 0) return ([], [], []);
        double[] Q(LatencyHistogram h) => [.. Enumerable.Range(0, points).Select(i => h.Quantile((i + 0.5) / points))];
        return (Q(track.Ttft), Q(track.Tbt), Q(track.E2e));
    }

    /// <summary>The summary of everything applied so far (the start event must have been applied).</summary>
    public RunSummary Summary()
    {
        var started = _started ?? throw new InvalidOperationException("the journal holds no start of a run");
        var emulated = _completed?.EmulatedS ?? _seconds;
        // Less than a second after the warm-up measures nothing (and must not divide by a sliver of a second).
        var measured = emulated - started.WarmupS >= 1 ? emulated - started.WarmupS : 0;
        var wall = _completed?.WallS ?? 0;
        var totals = _totalBySecond.Values.ToArray();
        var sorted = totals.OrderBy(v => v).ToArray();
        var serversHigh = started.Rows.Sum(r => r.ServersHigh);
        var serversLow = started.Rows.Sum(r => r.ServersLow);
        return new RunSummary
        {
            Scenario = started.Scenario,
            Seed = started.Seed,
            EmulatedS = emulated,
            WallS = wall,
            Speedup = wall > 0 ? Math.Round(emulated / wall, 3) : 0,
            Gpus = started.Gpus,
            Servers = started.Servers,
            Rows = started.Rows.Count,
            Pace = new PaceSummary { Target = started.PaceTarget, Achieved = _completed?.PaceAchieved ?? 0, LagP99Ms = _completed?.LagP99Ms ?? 0 },
            Power = new PowerSummary
            {
                ProvisionedW = started.Rows.Sum(r => r.BudgetW),
                PeakW = Round(totals.Length == 0 ? 0 : totals.Max()),
                MeanW = Round(_seconds == 0 ? 0 : _energyJ / _seconds),
                P99W = Round(sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Length) - 1)]),
                PeakFraction = Math.Round(_peakFraction, 6),
                MaxRise40sFraction = Math.Round(_maxRiseFraction, 6),
                BrakeEvents = _brakeEvents,
                BreakerTrips = _breakerTrips,
                SecondsOverBudget = _secondsOverBudget,
                EnergyKwh = Math.Round(_energyJ / 3.6e6, 6),
            },
            Capping = new CappingSummary { CapEvents = _capEvents, CappedServerSLow = _cappedLowS, CappedServerSHigh = _cappedHighS },
            Requests = new RequestSummary
            {
                Arrived = Arrived,
                Completed = Completed,
                Failed = Failed,
                InFlight = Arrived - Completed - Failed,
                FailedByReason = new Dictionary<string, long>(_failedByReason),
                High = _high.Summary(serversHigh, measured),
                Low = _low.Summary(serversLow, measured),
            },
            Slo = started.Slo,
        };
    }

    private static double Round(double watts) => Math.Round(watts, 1);

    private sealed class ClassTrack
    {
        public long Arrived;
        public long Completed;
        public long Failed;
        public long Measured;
        public readonly LatencyHistogram Ttft = new();
        public readonly LatencyHistogram Tbt = new();
        public readonly LatencyHistogram E2e = new();

        public PriorityLatency Summary(int servers, double emulatedS) => new()
        {
            Arrived = Arrived,
            Completed = Completed,
            Failed = Failed,
            Servers = servers,
            ThroughputRps = emulatedS > 0 ? Math.Round(Measured / emulatedS, 6) : 0,
            ThroughputRpsPerServer = emulatedS > 0 && servers > 0 ? Math.Round(Measured / emulatedS / servers, 6) : 0,
            Ttft = Percentiles(Ttft),
            Tbt = Percentiles(Tbt),
            E2e = Percentiles(E2e),
        };

        private static Percentiles Percentiles(LatencyHistogram h) => new() { P50 = h.Quantile(0.50), P90 = h.Quantile(0.90), P99 = h.Quantile(0.99) };
    }

    // A row's budget and the minimum of its last seconds (a monotonic deque), for the largest rise within the window.
    private sealed class RowTrack(double budgetW)
    {
        private readonly LinkedList<(long Second, double Watts)> _window = new();

        public double BudgetW { get; } = budgetW;

        public double Rise(long second, double watts, int windowS)
        {
            while (_window.First is { } first && first.Value.Second < second - windowS) _window.RemoveFirst();
            var rise = _window.First is { } min ? watts - min.Value.Watts : 0;
            while (_window.Last is { } last && last.Value.Watts >= watts) _window.RemoveLast();
            _window.AddLast((second, watts));
            return Math.Max(0, rise);
        }
    }
}
