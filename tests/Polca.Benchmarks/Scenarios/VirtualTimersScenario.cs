using System.Diagnostics;
using System.Globalization;
using Polca.Actors;
using Polca.Hocon;

namespace Polca.Benchmarks;

/// <summary>
/// The emulator's time loop: a deterministic system on virtual time, N actors (10,000 by default) each keeping one timer
/// to itself with a seeded random delay of 1 to 100 ms (whole milliseconds, so many timers fall due at the same instants)
/// and doing a little work on each tick, until the clock reaches the horizon (60 emulated seconds by default). Reports
/// timer events per wall second (and per CPU second, steadier on a shared machine) and emulated seconds per wall second,
/// median of the runs. Every run must do the same work (checksum).
/// Options: [--actors N] [--horizon SECONDS] [--runs N] [--seed N] [--api scheduler|timers] (ScheduleTellOnce, or the
/// actors' named single timers) [--delay-unit ms|tick] (whole milliseconds, or any 100 ns tick in the range: timers then
/// seldom share an instant) [--advance automatic|manual] (the clock advanced by the system as fast as it can, or by the
/// caller's RunUntil in steps of one emulated second, as the emulator's runner does).
/// </summary>
internal static class VirtualTimersScenario
{
    private static readonly object Tick = new();

    private sealed class Countdown(int count)
    {
        private int _left = count;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Signal()
        {
            if (Interlocked.Decrement(ref _left) == 0) Done.TrySetResult();
        }
    }

    private sealed record Shared(long HorizonTicks, bool NamedTimers, bool WholeMilliseconds, long[] Events, long[] States, Countdown Finished);

    /// <summary>On each tick: counts it, mixes a random draw into its state, and sets its next timer unless past the horizon.</summary>
    private sealed class Ticker(Shared shared, int index) : ActorBase, IWithTimers
    {
        private Random _random = null!;
        private long _state = index;
        private long _events;

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            _random = Context.System.CreateRandom(Self.Path.Name);
            ScheduleNext();
        }

        protected override bool Receive(object message)
        {
            if (!ReferenceEquals(message, Tick)) return false;
            _events++;
            _state = unchecked(_state * 6364136223846793005L + _random.Next());
            if (Context.System.Clock.Elapsed.Ticks >= shared.HorizonTicks)
            {
                shared.Events[index] = _events;
                shared.States[index] = _state;
                shared.Finished.Signal();
            }
            else
            {
                ScheduleNext();
            }
            return true;
        }

        private void ScheduleNext()
        {
            var delay = shared.WholeMilliseconds
                ? TimeSpan.FromMilliseconds(_random.Next(1, 101))
                : TimeSpan.FromTicks(_random.Next((int)TimeSpan.TicksPerMillisecond, 100 * (int)TimeSpan.TicksPerMillisecond + 1));
            if (shared.NamedTimers) Timers.StartSingleTimer("tick", Tick, delay);
            else Context.System.Scheduler.ScheduleTellOnce(delay, Self, Tick, Self);
        }
    }

    /// <summary>Creates the tickers from inside the system, so that the run does not depend on an outside thread.</summary>
    private sealed class Coordinator : ActorBase
    {
        public Coordinator(Shared shared, int actors)
        {
            for (var i = 0; i < actors; i++)
            {
                var index = i;
                Context.ActorOf(Props.Create(() => new Ticker(shared, index)), "ticker-" + index.ToString(CultureInfo.InvariantCulture));
            }
        }

        protected override bool Receive(object message) => false;
    }

    public static async Task Run(string[] args)
    {
        var actors = 10_000;
        var horizon = TimeSpan.FromSeconds(60);
        var runs = 3;
        var seed = 1;
        var api = "scheduler";
        var unit = "ms";
        var advance = "automatic";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            switch (args[i])
            {
                case "--actors": actors = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--horizon": horizon = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--api": api = Next(); break;
                case "--delay-unit": unit = Next(); break;
                case "--advance": advance = Next(); break;
                default:
                    throw new ArgumentException($"virtual-timers: unknown option '{args[i]}'; usage: virtual-timers [--actors N] [--horizon SECONDS] [--runs N] [--seed N] [--api scheduler|timers] [--delay-unit ms|tick] [--advance automatic|manual]");
            }
        }
        if (api is not ("scheduler" or "timers")) throw new ArgumentException("virtual-timers: --api is scheduler or timers");
        if (unit is not ("ms" or "tick")) throw new ArgumentException("virtual-timers: --delay-unit is ms or tick");
        if (advance is not ("automatic" or "manual")) throw new ArgumentException("virtual-timers: --advance is automatic or manual");

        var rates = new List<double>();
        var speedups = new List<double>();
        var cpuRates = new List<double>();
        long? checksum = null;
        for (var run = 1; run <= runs; run++)
        {
            var (events, seconds, cpu, emulated, allocated, gcs, sum) = await RunOnce(actors, horizon, seed, api == "timers", unit == "ms", advance == "manual").ConfigureAwait(false);
            // The same seed must give the same work, run after run.
            if (checksum is { } expected && expected != sum) throw new InvalidOperationException($"run {run} differs from run 1 (checksum {sum} vs {expected})");
            checksum = sum;
            rates.Add(events / seconds);
            speedups.Add(emulated.TotalSeconds / seconds);
            cpuRates.Add(events / cpu);
            Result.Print("virtual-timers", ("run", run), ("api", api), ("delay_unit", unit), ("advance", advance), ("actors", actors), ("horizon_s", horizon.TotalSeconds), ("events", events),
                ("seconds", seconds), ("events_per_s", events / seconds), ("speedup", emulated.TotalSeconds / seconds),
                ("cpu_seconds", cpu), ("events_per_cpu_s", events / cpu),
                ("alloc_bytes_per_event", allocated / (double)events), ("gen0_gcs", gcs), ("checksum", sum));
        }
        Result.Print("virtual-timers", ("runs", runs), ("api", api), ("delay_unit", unit), ("advance", advance), ("actors", actors), ("horizon_s", horizon.TotalSeconds),
            ("events_per_s", Result.Median(rates)), ("speedup", Result.Median(speedups)), ("events_per_cpu_s", Result.Median(cpuRates)),
            ("min_events_per_s", rates.Min()), ("max_events_per_s", rates.Max()));
    }

    private static async Task<(long Events, double Seconds, double CpuSeconds, TimeSpan Emulated, long Allocated, int Gcs, long Checksum)> RunOnce(
        int actors, TimeSpan horizon, int seed, bool namedTimers, bool wholeMilliseconds, bool manual)
    {
        var config = ConfigurationFactory.ParseString($"""
            polca.actor.deterministic = on
            polca.clock.mode = virtual
            polca.clock.virtual-advance = {(manual ? "manual" : "automatic")}
            polca.random.seed = {seed.ToString(CultureInfo.InvariantCulture)}
            polca.logging.console.enabled = off
            """);
        var system = ActorSystem.Create("virtual-timers", config);
        var shared = new Shared(horizon.Ticks, namedTimers, wholeMilliseconds, new long[actors], new long[actors], new Countdown(actors));
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcBefore = GC.CollectionCount(0);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        system.ActorOf(Props.Create(() => new Coordinator(shared, actors)), "coordinator");
        if (manual)
        {
            var done = shared.Finished.Done.Task;
            while (!done.IsCompleted) system.VirtualTime!.RunUntil(() => done.IsCompleted, system.Clock.Now + TimeSpan.FromSeconds(1));
        }
        await shared.Finished.Done.Task.WaitAsync(TimeSpan.FromMinutes(30)).ConfigureAwait(false);
        stopwatch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var gcs = GC.CollectionCount(0) - gcBefore;
        var emulated = system.Clock.Elapsed;
        await system.Terminate().ConfigureAwait(false);
        var checksum = 0L;
        for (var i = 0; i < actors; i++) checksum = unchecked(checksum * 31 + shared.States[i] + shared.Events[i]);
        return (shared.Events.Sum(), stopwatch.Elapsed.TotalSeconds, cpu, emulated, allocated, gcs, checksum);
    }
}
