using Polca.Datacenter.Control;
using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>
/// The summary built from a hand-made journal: two rows over 150 s with a 2 s warm-up, known powers, outcomes and decisions.
/// Every expected figure below is worked out by hand from the samples.
/// </summary>
public sealed class RunAggregatorSpec
{
    private const int Seconds = 150;
    private const long TicksPerS = TimeSpan.TicksPerSecond;

    private static readonly SloSpec Slo = new()
    {
        HighP50Impact = 0.01, HighP99Impact = 0.05, LowP50Impact = 0.05, LowP99Impact = 0.5, HighThroughputRatio = 0.99, LowThroughputRatio = 0.98,
    };

    private static readonly RunStarted Start = new(
        "hand-made", 42, [new RowInfo("a", 1000, 2, 3), new RowInfo("b", 2000, 1, 1)], 56, 7, 1.0, "polca", [0.80, 0.89, 1.0], Slo, 2);

    // Row a (budget 1000 W): warm-up 100 and 1500 W (excluded), 300 W at 3 s, 600 W for 4-43 s, a rise to 950 and 1050 W at
    // 44-45 s (1050 W is over budget), then 500 W. The largest rise within 40 s is 450 W at 45 s (the 300 W at 3 s is 41 s
    // before 44 s: outside the window).
    private static double RowA(long t) => t switch
    {
        1 => 100, 2 => 1500, 3 => 300, <= 43 => 600, 44 => 950, 45 => 1050, _ => 500,
    };

    // Row b (budget 2000 W): 1000 W in warm-up, 1200 W for 3-9 s, a dip to 800 W at 10 s, 1400 W, and 1800 W at 50 s: a rise of
    // 1000 W exactly 40 s after the dip, the largest of the run (0.5 of the budget).
    private static double RowB(long t) => t switch
    {
        <= 2 => 1000, <= 9 => 1200, 10 => 800, 50 => 1800, _ => 1400,
    };

    private static TimeseriesRow Sample(long t, string row)
    {
        var a = row == "a";
        var cappedLow = a && (t is >= 20 and <= 29 || t <= 2) ? 3 : 0; // 10 post-warm-up seconds x 3 servers, and 2 warm-up s
        var cappedHigh = !a && t is >= 45 and <= 49 || !a && t == 1 ? 1 : 0; // 5 post-warm-up seconds x 1 server, and 1 warm-up s
        var power = a ? RowA(t) : RowB(t);
        return new TimeseriesRow(t, row, power, power * 0.98, a ? 1000 : 2000, cappedLow, cappedHigh, 0);
    }

    private readonly record struct Outcome(long Id, byte Priority, double ArrivedS, double Ttft, double Tbt, double E2e, int Failure = -1);

    private static OutcomeColumns Columns(params Outcome[] o) => new(
        [.. o.Select(x => x.Id)],
        [.. o.Select(x => x.Priority)],
        [.. o.Select(_ => 0)],
        [.. o.Select(x => (long)(x.ArrivedS * TicksPerS))],
        [.. o.Select(_ => 100)],
        [.. o.Select(x => (long)Math.Round(x.Ttft * 1000))],
        [.. o.Select(x => (long)Math.Round(x.Tbt * 1000))],
        [.. o.Select(x => (long)Math.Round(x.Tbt * 3000))],
        [.. o.Select(x => (long)Math.Round(x.E2e * 1000))],
        [.. o.Select(x => x.Failure)]);

    private static ControlDecision Decision(long s, string row, string kind) => new(s * TicksPerS, row, kind, 0.9, 1110, null, 3, 0, kind == "brake-on");

    private static RecordBatch FirstBatch() => new(
        [.. Enumerable.Range(1, 75).SelectMany(t => new[] { Sample(t, "a"), Sample(t, "b") })],
        Columns(
            new Outcome(1, 0, 1.0, 10_000, 999, 99_999), // high, arrived in the warm-up: counted, not measured
            new Outcome(2, 0, 3.0, 100, 40, 1000),
            new Outcome(3, 0, 5.0, 200, 50, 2000),
            new Outcome(4, 1, 6.0, 0, 0, 0, Failure: 0), // low, breaker-trip
            new Outcome(5, 1, 7.0, 500, 60, 5000)),
        ["breaker-trip", "too-large"],
        [Decision(1, "a", "caps"), Decision(20, "a", "caps"), Decision(45, "a", "brake-on"), Decision(60, "a", "brake-off")],
        ArrivedHigh: 4,
        ArrivedLow: 3);

    private static RecordBatch SecondBatch() => new(
        [.. Enumerable.Range(76, 75).SelectMany(t => new[] { Sample(t, "a"), Sample(t, "b") })],
        Columns(
            new Outcome(6, 0, 80.0, 300, 45, 3000),
            new Outcome(7, 0, 81.0, 400, 55, 4000),
            new Outcome(8, 0, 82.0, 0, 0, 0, Failure: 1), // this batch's reasons are in the other order: breaker-trip
            new Outcome(9, 1, 83.0, 0, 0, 0, Failure: 0), // too-large
            new Outcome(10, 1, 84.0, 700, 70, 7000),
            new Outcome(11, 1, 2.0, 600, 65, 6000)), // arrived exactly at the end of the warm-up: measured
        ["too-large", "breaker-trip"],
        [Decision(90, "b", "caps"), Decision(100, "b", "breaker-trip"), Decision(110, "b", "breaker-reset"), Decision(120, "b", "brake-on"),
            Decision(130, "b", "brake-off")],
        ArrivedHigh: 3,
        ArrivedLow: 3);

    private static readonly RunCompleted End = new(150.0, 10.0, 0.98, 3.5, false);

    private static (RunAggregator Aggregator, List<TimeseriesRow> Rows) Run(bool complete = true)
    {
        var rows = new List<TimeseriesRow>();
        var aggregator = new RunAggregator(rows.Add);
        aggregator.Apply(Start);
        aggregator.Apply(FirstBatch());
        aggregator.Apply("an unknown event is ignored");
        aggregator.Apply(SecondBatch());
        if (complete) aggregator.Apply(End);
        return (aggregator, rows);
    }

    private static void Latency(double expected, double actual) => Near(expected, actual, 0.001);

    [Fact]
    public void Run_description_comes_from_the_start_and_completion_events()
    {
        var s = Run().Aggregator.Summary();
        Assert.Equal("hand-made", s.Scenario);
        Assert.Equal(42, s.Seed);
        Assert.Equal(150.0, s.EmulatedS);
        Assert.Equal(10.0, s.WallS);
        Assert.Equal(15.0, s.Speedup);
        Assert.Equal(56, s.Gpus);
        Assert.Equal(7, s.Servers);
        Assert.Equal(2, s.Rows);
        Assert.Equal(1.0, s.Pace.Target);
        Assert.Equal(0.98, s.Pace.Achieved);
        Assert.Equal(3.5, s.Pace.LagP99Ms);
        Assert.Same(Slo, s.Slo);
    }

    [Fact]
    public void Power_figures_are_those_worked_out_by_hand()
    {
        var p = Run().Aggregator.Summary().Power;

        Assert.Equal(3000, p.ProvisionedW);

        // Post-warm-up totals: 2450 W at 45 s is the peak; the next highest, 2350 W at 44 s, is the nearest-rank p99 of 148 seconds.
        Assert.Equal(2450, p.PeakW);
        Assert.Equal(2350, p.P99W);

        // Row a at 1050 W of 1000 W (its 1500 W in the warm-up does not count).
        Assert.Equal(1.05, p.PeakFraction);
        Assert.Equal(1, p.SecondsOverBudget);

        // Row b's 1000 W rise over exactly 40 s.
        Assert.Equal(0.5, p.MaxRise40sFraction);

        // Energy and mean cover the whole run, warm-up included: row a 80 400 J, row b 207 600 J over 150 s.
        Assert.Equal(80_400 + 207_600, Enumerable.Range(1, Seconds).Sum(t => RowA(t) + RowB(t)));
        Assert.Equal(0.08, p.EnergyKwh);
        Assert.Equal(1920, p.MeanW);

        Assert.Equal(2, p.BrakeEvents);
        Assert.Equal(1, p.BreakerTrips);
    }

    [Fact]
    public void Rises_count_within_40_seconds_but_not_41()
    {
        // Without row b, the largest rise is row a's 450 W at 45 s (650 W from the 300 W 41 s earlier does not count).
        var aggregator = new RunAggregator();
        aggregator.Apply(Start with { Rows = [new RowInfo("a", 1000, 2, 3)] });
        aggregator.Apply(new RecordBatch([.. Enumerable.Range(1, Seconds).Select(t => Sample(t, "a"))], Columns(), [], [], 0, 0));
        Assert.Equal(0.45, aggregator.Summary().Power.MaxRise40sFraction);
    }

    [Fact]
    public void Capping_counts_decisions_and_post_warm_up_server_seconds()
    {
        var c = Run().Aggregator.Summary().Capping;
        Assert.Equal(3, c.CapEvents); // one during the warm-up counts: it is a decision taken
        Assert.Equal(30, c.CappedServerSLow);
        Assert.Equal(5, c.CappedServerSHigh);
    }

    [Fact]
    public void Requests_are_all_accounted_for_with_failures_by_reason_across_batches()
    {
        var (aggregator, _) = Run();
        var r = aggregator.Summary().Requests;
        Assert.Equal(13, r.Arrived);
        Assert.Equal(8, r.Completed);
        Assert.Equal(3, r.Failed);
        Assert.Equal(2, r.InFlight);
        Assert.Equal(new Dictionary<string, long> { ["breaker-trip"] = 2, ["too-large"] = 1 }, r.FailedByReason);
        Assert.Equal((13L, 8L, 3L), (aggregator.Arrived, aggregator.Completed, aggregator.Failed));

        Assert.Equal((7L, 5L, 1L, 3), (r.High.Arrived, r.High.Completed, r.High.Failed, r.High.Servers));
        Assert.Equal((6L, 3L, 2L, 4), (r.Low.Arrived, r.Low.Completed, r.Low.Failed, r.Low.Servers));
    }

    [Fact]
    public void Throughput_counts_requests_that_arrived_after_the_warm_up_over_the_measured_seconds()
    {
        var r = Run().Aggregator.Summary().Requests;
        Assert.Equal(Math.Round(4.0 / 148, 6), r.High.ThroughputRps);
        Assert.Equal(Math.Round(4.0 / 148 / 3, 6), r.High.ThroughputRpsPerServer);
        Assert.Equal(Math.Round(3.0 / 148, 6), r.Low.ThroughputRps);
        Assert.Equal(Math.Round(3.0 / 148 / 4, 6), r.Low.ThroughputRpsPerServer);
    }

    [Fact]
    public void Latency_percentiles_leave_out_warm_up_arrivals_and_failures()
    {
        var r = Run().Aggregator.Summary().Requests;

        // High: TTFT 100, 200, 300, 400 (not the warm-up request's 10 000): nearest rank p50 = 2nd, p90 = p99 = 4th.
        Latency(200, r.High.Ttft.P50);
        Latency(400, r.High.Ttft.P90);
        Latency(400, r.High.Ttft.P99);
        Latency(45, r.High.Tbt.P50);
        Latency(55, r.High.Tbt.P90);
        Latency(2000, r.High.E2e.P50);
        Latency(4000, r.High.E2e.P99);

        // Low: 500, 600 (arrived at exactly 2 s), 700.
        Latency(600, r.Low.Ttft.P50);
        Latency(700, r.Low.Ttft.P90);
        Latency(65, r.Low.Tbt.P50);
        Latency(70, r.Low.Tbt.P99);
        Latency(6000, r.Low.E2e.P50);
        Latency(7000, r.Low.E2e.P90);
    }

    [Fact]
    public void Every_sample_goes_to_the_time_series_in_order_warm_up_included()
    {
        var (_, rows) = Run();
        Assert.Equal(2 * Seconds, rows.Count);
        Assert.Equal(Sample(1, "a"), rows[0]);
        Assert.Equal(Sample(150, "b"), rows[^1]);
        Assert.Equal(rows.Select(x => x.TimeS).Order(), rows.Select(x => x.TimeS));
    }

    [Fact]
    public void Distribution_gives_quantiles_of_the_measured_requests()
    {
        var (aggregator, _) = Run();
        var (ttft, tbt, e2e) = aggregator.Distribution(RequestPriority.High, 4);
        Assert.Equal(4, ttft.Length);
        Latency(100, ttft[0]);
        Latency(400, ttft[3]);
        Latency(40, tbt[0]);
        Latency(4000, e2e[3]);
    }

    [Fact]
    public void Without_a_completion_event_the_emulated_time_is_the_last_sample()
    {
        var s = Run(complete: false).Aggregator.Summary();
        Assert.Equal(150, s.EmulatedS);
        Assert.Equal(0, s.WallS);
        Assert.Equal(0, s.Speedup);
        Assert.Equal(0, s.Pace.Achieved);
        Assert.Equal(Math.Round(4.0 / 148, 6), s.Requests.High.ThroughputRps);
    }

    [Fact]
    public void A_run_with_only_its_start_summarises_to_zeros()
    {
        var aggregator = new RunAggregator();
        aggregator.Apply(Start);
        var s = aggregator.Summary();
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (s.Power.PeakW, s.Power.MeanW, s.Power.P99W, s.Power.PeakFraction, s.Power.EnergyKwh));
        Assert.Equal(0, s.Requests.Arrived);
        Assert.Empty(s.Requests.FailedByReason);
        Assert.Equal(0, s.Requests.High.Ttft.P99);
        Assert.Empty(aggregator.Distribution(RequestPriority.Low).Ttft);
    }

    // Distribution() checks track.Completed, not the measured (post-warm-up) count its histograms hold: a class whose only
    // completions arrived in the warm-up gets `points` zeros, a distribution of requests that are not in it.
    [Fact]
    public void Distribution_is_empty_when_no_completed_request_is_measured()
    {
        var aggregator = new RunAggregator();
        aggregator.Apply(Start);
        aggregator.Apply(new RecordBatch([], Columns(new Outcome(1, 0, 1.0, 100, 40, 1000)), [], [], 1, 0));
        Assert.Equal(1, aggregator.Summary().Requests.High.Completed);
        Assert.Empty(aggregator.Distribution(RequestPriority.High).Ttft);
    }

    [Fact]
    public void A_summary_needs_the_start_event()
    {
        var aggregator = new RunAggregator();
        aggregator.Apply(FirstBatch());
        Assert.Null(aggregator.Started);
        Assert.Throws<InvalidOperationException>(() => aggregator.Summary());
    }
}
