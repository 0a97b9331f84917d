using System.Diagnostics;
using System.Globalization;
using Polca.Actors;
using Polca.Datacenter.Control;
using Polca.Datacenter.Hardware;
using Polca.Datacenter.Scenario.Report;
using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Telemetry;
using Polca.Datacenter.Workloads;
using Polca.Datacenter.Workloads.Engine;
using Polca.Hocon;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// Runs a scenario end to end: builds the actor system, the world, drives it to the end (or until cancelled), and writes
/// summary.json, timeseries.csv, the journal and report.html. Time is always virtual and deterministic: at max speed the
/// clock jumps from timer to timer; at a pace it never runs ahead of the wall clock times the pace (it waits for it), so
/// a paced run is the same run as at max speed, event for event, only slower.
/// </summary>
public static class EmulationRunner
{
    /// <summary>The journal's file name in the output folder.</summary>
    public const string JournalFile = "journal.db";

    /// <summary>Runs <paramref name="spec"/>; bad input throws <see cref="HoconException"/> or <see cref="InputFileException"/> before anything runs.</summary>
    public static RunResult Run(ScenarioSpec spec, RunOptions options, CancellationToken cancellation = default)
    {
        var outDir = Path.GetFullPath(options.OutputDirectory);
        var journalPath = Path.Combine(outDir, JournalFile);
        if (File.Exists(journalPath)) throw new InputFileException(outDir, 0, $"the output folder already holds a run ({JournalFile}); choose another --out");
        var duration = options.Duration ?? spec.Duration;
        var seed = options.Seed ?? spec.Seed;
        var pace = options.MaxSpeed ? null : options.Pace ?? spec.Pace;

        var sku = spec.Datacenter.Servers[spec.Rows.ServerSku];
        var model = spec.Datacenter.Models[spec.Model];
        var perf = PerfModel.Load(spec.Datacenter.PerfModelSource, spec.BaseDirectory).For(model.PerfModel, sku.Gpu.PerfHardware, spec.TensorParallel);
        var workload = WorkloadSpec.Parse(spec.Workload, spec.BaseDirectory);
        Directory.CreateDirectory(outDir);

        var config = ConfigurationFactory.ParseString(RuntimeOverrides(seed, journalPath)).WithFallback(spec.Config);
        var system = ActorSystem.Create("polca", config);
        var timeseriesPath = Path.Combine(outDir, "timeseries.csv");
        var wall = Stopwatch.StartNew();
        var pacing = new PacedClock(system.VirtualTime!, wall, pace);
        var interrupted = false;
        try
        {
            using var timeseries = new TimeseriesCsvWriter(timeseriesPath);
            var aggregator = new RunAggregator(timeseries.Append);
            var failure = new RunFailure();
            var setup = BuildWorld(spec, sku, model, perf, workload, system, aggregator, failure, duration, seed, pace);
            var datacenter = system.ActorOf(Props.Create(() => new DatacenterActor(setup)), "datacenter");
            var warmup = TimeSpan.FromSeconds(setup.Started.WarmupS);
            var probe = system.ActorOf(Props.Create(() => new LagProbe(TimeSpan.FromMilliseconds(100), warmup, pacing.WallTicks)), "lag-probe");
            var refs = Await(system, datacenter.Ask<WorldRefs>(GetWorldRefs.Instance));
            var end = duration.Ticks;
            while (system.Clock.Elapsed.Ticks < end && failure.First is null)
            {
                if (cancellation.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                var target = Math.Min(end, (system.Clock.Elapsed.Ticks / options.ProgressEvery.Ticks + 1) * options.ProgressEvery.Ticks);
                pacing.RunTo(target, cancellation);
                if (options.OnProgress is { } report)
                    report(Await(system, refs.Recorder.Ask<RunProgress>(GetProgress.Instance)), new RunClock(wall.Elapsed, pace, duration));
            }

            if (failure.First is { } error) throw new EmulationFailedException(error);
            Await(system, refs.Load.Ask<FlushArrivals>(FlushArrivals.Instance));
            var lag = Await(system, probe.Ask<LagReport>(GetLag.Instance));
            var emulatedS = system.Clock.Elapsed.TotalSeconds;
            var wallS = wall.Elapsed.TotalSeconds;
            var completed = new RunCompleted(Math.Round(emulatedS, 3), Math.Round(wallS, 3), Math.Round(emulatedS / Math.Max(wallS, 1e-9), 3),
                pace is null ? 0 : lag.P99Ms, interrupted);
            Await(system, refs.Recorder.Ask<RunRecorded>(new CompleteRun(completed)));
            if (failure.First is { } late) throw new EmulationFailedException(late);
            var audit = Audit(system, datacenter, refs, aggregator);
            timeseries.Complete();

            var summary = aggregator.Summary();
            var summaryPath = Path.Combine(outDir, "summary.json");
            SummaryJson.Write(summaryPath, summary);
            string? reportPath = null;
            if (options.WriteReport)
            {
                reportPath = Path.Combine(outDir, "report.html");
                ReportWriter.Write(reportPath, ReportInputs.From(summary, TimeseriesCsv.Read(timeseriesPath), aggregator));
            }

            return new RunResult(summary, summaryPath, timeseriesPath, journalPath, reportPath, interrupted, audit);
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(30));
        }
    }

    // The system stands still (virtual time), so every node's energy is taken at the same instant and every request actor
    // alive is one in flight. A broken invariant fails the run.
    private static RunAudit Audit(ActorSystem system, IActorRef datacenter, WorldRefs refs, RunAggregator aggregator)
    {
        var entries = new List<Power.EnergyAuditEntry>();
        var collector = system.ActorOf(Props.Create(() => new AuditCollector(entries)), "energy-audit");
        datacenter.Tell(new Power.AuditEnergy(collector), ActorRefs.NoSender);
        system.VirtualTime!.RunUntil(() => false, system.Clock.Now);
        var problems = EnergyAudit.Check(entries);
        if (problems.Count > 0)
            throw new EmulationFailedException(new InvalidOperationException("energy is not conserved up the power tree: " + string.Join("; ", problems.Take(5))));
        var alive = Await(system, refs.Load.Ask<long>(CountRequestsInFlight.Instance));
        var inFlight = aggregator.Arrived - aggregator.Completed - aggregator.Failed;
        if (alive != inFlight)
            throw new EmulationFailedException(new InvalidOperationException(
                $"requests unaccounted for: {aggregator.Arrived} arrived, {aggregator.Completed} completed, {aggregator.Failed} failed, but {alive} request actors alive"));
        Int128 facility = 0;
        foreach (var pdu in entries.Where(e => e.Level == "pdu")) facility += pdu.MilliwattTicks;
        return new RunAudit(entries.Count, EnergyAudit.Kwh(facility), alive, inFlight);
    }

    private static string RuntimeOverrides(long seed, string journalPath)
    {
        // Paced or not, the runner advances the virtual clock itself (PacedClock).
        const string clock = "polca.clock { mode = virtual, virtual-advance = manual }\npolca.actor.deterministic = on";
        return string.Format(CultureInfo.InvariantCulture,
            "{0}\npolca.random.seed = {1}\npolca.persistence.journal.plugin = sqlite\npolca.persistence.snapshot-store.plugin = sqlite\npolca.persistence.sqlite.path = \"{2}\"",
            clock, seed, journalPath.Replace("\\", "\\\\"));
    }

    private static WorldSetup BuildWorld(ScenarioSpec spec, ServerSku sku, ModelSpec model, PerfProfile perf, WorkloadSpec workload, ActorSystem system,
        RunAggregator aggregator, RunFailure failure, TimeSpan duration, long seed, double? pace)
    {
        var engine = spec.Datacenter.Engine;
        var kvBytes = (sku.Gpus * sku.Gpu.MemoryGb - model.WeightsGb) * 1e9 * engine.KvMemoryFraction;
        if (kvBytes <= 0)
            throw new HoconException(spec.Config.GetValue("polca.scenario.model.name").Origin,
                $"model {model.Name} ({model.WeightsGb} GB) does not fit in a {sku.Name} ({sku.Gpus} x {sku.Gpu.MemoryGb} GB)");
        var limits = new EngineLimits(engine.MaxPrefillTokens, engine.MaxBatch, (long)(kvBytes / model.KvBytesPerToken));
        var rows = spec.Rows;
        var lowServers = (int)Math.Round(rows.ServersPerRow * rows.LowPriorityShare);
        // Low-priority servers spread evenly through the row (every k-th), so each rack holds a mix as in a real row.
        var priorities = Enumerable.Range(0, rows.ServersPerRow)
            .Select(i => (int)Math.Floor((i + 1) * (double)lowServers / rows.ServersPerRow) > (int)Math.Floor(i * (double)lowServers / rows.ServersPerRow)
                ? RequestPriority.Low : RequestPriority.High)
            .ToArray();
        var builders = new List<Func<IActorRef, RowSetup>>();
        var infos = new List<RowInfo>();
        for (var r = 0; r < rows.Count; r++)
        {
            var name = RowName(r);
            builders.Add(recorder => new RowSetup(name, rows.BudgetW, sku, perf, limits, priorities, rows.RacksPerRow, spec.Policy, spec.Datacenter, recorder));
            infos.Add(new RowInfo(name, rows.BudgetW, rows.ServersPerRow - lowServers, lowServers));
        }

        var thresholds = spec.Policy == ControlPolicy.Polca
            ? new[] { spec.Datacenter.Polca.T1, spec.Datacenter.Polca.T2, spec.Datacenter.PowerBrake.Threshold }
            : [spec.Datacenter.PowerBrake.Threshold];
        var started = new RunStarted(spec.Name, seed, infos, rows.Count * rows.ServersPerRow * sku.Gpus, rows.Count * rows.ServersPerRow, pace,
            spec.Policy.ToString().ToLowerInvariant(), thresholds, spec.Slo,
            Math.Min(spec.Warmup.TotalSeconds, duration.TotalSeconds));
        var source = workload.CreateSource(stream => system.CreateRandom("load/" + stream));
        return new WorldSetup(builders, source, duration.Ticks, aggregator, started, TimeSpan.FromSeconds(1), failure, spec.Faults, spec.Datacenter.Ups);
    }

    /// <summary>Row names A..Z, then AA, AB, ...</summary>
    public static string RowName(int index) => index < 26 ? ((char)('A' + index)).ToString() : RowName(index / 26 - 1) + (char)('A' + index % 26);

    private static T Await<T>(ActorSystem system, Task<T> task)
    {
        system.VirtualTime!.RunUntil(() => task.IsCompleted, system.Clock.Now);
        return task.WaitAsync(TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
    }
}
