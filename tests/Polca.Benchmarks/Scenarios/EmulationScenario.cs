using System.Diagnostics;
using Polca.Datacenter.Scenario;

namespace Polca.Benchmarks;

/// <summary>
/// The emulator at scale: scale-1k runs scenarios/scale-1k-servers.conf at --max-speed (target: one emulated hour in at most
/// 60 s of wall time, memory under 4 GB); scale-100k runs scenarios/scale-100k-gpus.conf at pace 1.0 (target: p99 lag of
/// the emulated clock behind the wall clock at most 100 ms). Both print the collector's pauses per generation (they
/// dominate the lag); <c>--allocations</c> adds a sampled census of what the run allocated, by type.
/// </summary>
internal static class EmulationScenario
{
    public static Task RunScale1k(string[] args) => Run("scale-1k", "scenarios/scale-1k-servers.conf", maxSpeed: true, args);

    public static Task RunScale100k(string[] args) => Run("scale-100k", "scenarios/scale-100k-gpus.conf", maxSpeed: false, args);

    private static Task Run(string name, string scenario, bool maxSpeed, string[] args)
    {
        var duration = Option(args, "--duration") is { } d ? Polca.Hocon.ConfigurationFactory.ParseString($"d = {d}").GetTimeSpan("d") : (TimeSpan?)null;
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var census = args.Contains("--allocations");
        var spec = ScenarioSpec.Load(RepoFile(scenario));
        for (var run = 0; run < runs; run++)
        {
            var outDir = Path.Combine(Path.GetTempPath(), $"polca-bench-{name}-{Environment.ProcessId}-{run}");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gcBefore = GC.CollectionCount(0);
            var gen1Before = GC.CollectionCount(1);
            var gen2Before = GC.CollectionCount(2);
            var pauseBefore = GC.GetTotalPauseDuration();
            using var gcPauses = new GcPauseListener();
            using var allocations = census ? new AllocationCensus() : null;
            var wall = Stopwatch.StartNew();
            var result = EmulationRunner.Run(spec, new RunOptions
            {
                OutputDirectory = outDir,
                MaxSpeed = maxSpeed,
                Duration = duration,
                WriteReport = false,
                ProgressEvery = TimeSpan.FromMinutes(1),
            });
            wall.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var collections = GC.CollectionCount(0) - gcBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;
            var s = result.Summary;
            using var process = Process.GetCurrentProcess();
            Result.Print(name, ("emulated_s", s.EmulatedS), ("wall_s", wall.Elapsed.TotalSeconds), ("speedup", s.EmulatedS / wall.Elapsed.TotalSeconds),
                ("servers", s.Servers), ("gpus", s.Gpus), ("requests", s.Requests.Arrived), ("requests_per_wall_s", s.Requests.Arrived / wall.Elapsed.TotalSeconds),
                ("lag_p99_ms", s.Pace.LagP99Ms), ("allocated_bytes_per_request", allocated / (double)Math.Max(1, s.Requests.Arrived)), ("gen0_collections", collections),
                ("gen1_collections", GC.CollectionCount(1) - gen1Before), ("gen2_collections", GC.CollectionCount(2) - gen2Before), ("gc_pause_s", pause.TotalSeconds),
                ("gc_pause_max_ms", gcPauses.Pauses.Select(p => p.Ms).DefaultIfEmpty(0).Max()), ("peak_working_set_mb", process.PeakWorkingSet64 / 1048576.0),
                ("journal_mb", new FileInfo(result.JournalPath).Length / 1048576.0));
            foreach (var group in gcPauses.Pauses.GroupBy(p => p.Generation).Where(g => g.Key >= 0).OrderBy(g => g.Key))
            {
                var ms = group.Select(p => p.Ms).Order().ToList();
                Console.WriteLine($"  gc pauses, gen{group.Key}: {ms.Count}, median {ms[ms.Count / 2]:0} ms, max {ms[^1]:0} ms, total {ms.Sum() / 1000:0.0} s");
            }

            if (allocations is not null)
            {
                // Sampled, so only the larger entries are meaningful.
                foreach (var (type, bytes) in allocations.ByType().Take(20))
                    Console.WriteLine($"  allocated {bytes / (double)Math.Max(1, s.Requests.Arrived),6:0} B per request  {type}");
            }

            Directory.Delete(outDir, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Polca.Actors.sln"))) return Path.Combine(dir.FullName, relative);
        }

        throw new FileNotFoundException($"cannot find the repository root (Polca.Actors.sln) above {AppContext.BaseDirectory}");
    }
}
