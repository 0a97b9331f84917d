using System.Diagnostics;
using Polca.Actors;

namespace Polca.Benchmarks;

/// <summary>100,000 ScheduleTellOnce on the real-time clock, all due at +1 s (burst) or spread from 200 to 1200 ms; firing rate and lateness.</summary>
internal static class TimersScenario
{
    /// <summary>Records when each timer's Tell happens: the scheduler's own precision.</summary>
    private sealed class Recorder(int count) : ICanTell
    {
        public readonly long[] FiredAt = new long[count];
        public readonly long[] DueAt = new long[count];
        private int _fired;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Tell(object message, IActorRef? sender)
        {
            var index = (int)message;
            FiredAt[index] = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _fired) == FiredAt.Length) Done.TrySetResult();
        }
    }

    public static async Task Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        foreach (var mode in new[] { "burst", "spread" })
        {
            using var system = ActorSystem.Create("timers");
            var recorder = new Recorder(count);
            var boxed = Enumerable.Range(0, count).Select(i => (object)i).ToArray();
            var random = new Random(42);
            // Due instants are fixed up front: in burst mode every timer is due at the same instant, 1 s after the start.
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
                recorder.DueAt[i] = start + (long)((mode == "burst" ? 1.0 : 0.2 + random.NextDouble()) * Stopwatch.Frequency);
            var scheduler = system.Scheduler;
            for (var i = 0; i < count; i++)
            {
                var delay = TimeSpan.FromSeconds((recorder.DueAt[i] - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                scheduler.ScheduleTellOnce(delay, recorder, boxed[i], ActorRefs.NoSender);
            }
            await recorder.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var lateness = new double[count];
            for (var i = 0; i < count; i++) lateness[i] = (recorder.FiredAt[i] - recorder.DueAt[i]) * 1000.0 / Stopwatch.Frequency;
            Array.Sort(lateness);
            var first = recorder.FiredAt.Min();
            var last = recorder.FiredAt.Max();
            var span = Math.Max(1, last - first) / (double)Stopwatch.Frequency;
            Result.Print("timers", ("mode", mode), ("timers", count),
                ("fired_per_s", count / span),
                ("lateness_p50_ms", Result.Percentile(lateness, 50)), ("lateness_p99_ms", Result.Percentile(lateness, 99)),
                ("lateness_max_ms", lateness[^1]), ("early", lateness.Count(l => l < 0)));
        }
    }
}
