using System.Diagnostics;
using Polca.Datacenter.Scenario;

namespace Polca.Benchmarks;

/// <summary>
/// The emulator at scale: scale-1k runs scenarios/scale-1k-servers.conf at --max-speed (target: one emulated hour in at most
/// 60 s of wall time, memory under 4 GB); scale-100k runs scenarios/scale-100k-gpus.conf at pace 1.0 (target: p99 lag of
/// the emulated clock behind the wall clock at most 100 ms).
/// </summary>
internal static class EmulationScenario
{
    public static Task RunScale1k(string[] args) => Run("scale-1k", "scenarios/scale-1k-servers.conf", maxSpeed: true, args);

    public static Task RunScale100k(string[] args) => Run("scale-100k", "scenarios/scale-100k-gpus.conf", maxSpeed: false, args);

    private static Task Run(string name, string scenario, bool maxSpeed, string[] args)
    {
        var duration = Option(args, "--duration") is { } d ? Polca.Hocon.ConfigurationFactory.ParseString($"d = {d}").GetTimeSpan("d") : (TimeSpan?)null;
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var spec = ScenarioSpec.Load(RepoFile(scenario));
        for (var run = 0; run < runs; run++)
        {
            var outDir = Path.Combine(Path.GetTempPath(), $"polca-bench-{name}-{Environment.ProcessId}-{run}");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gcBefore = GC.CollectionCount(0);
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
            var s = result.Summary;
            using var process = Process.GetCurrentProcess();
            Result.Print(name, ("emulated_s", s.EmulatedS), ("wall_s", wall.Elapsed.TotalSeconds), ("speedup", s.EmulatedS / wall.Elapsed.TotalSeconds),
                ("servers", s.Servers), ("gpus", s.Gpus), ("requests", s.Requests.Arrived), ("requests_per_wall_s", s.Requests.Arrived / wall.Elapsed.TotalSeconds),
                ("lag_p99_ms", s.Pace.LagP99Ms), ("allocated_bytes_per_request", allocated / (double)Math.Max(1, s.Requests.Arrived)), ("gen0_collections", collections), ("peak_working_set_mb", process.PeakWorkingSet64 / 1048576.0),
                ("journal_mb", new FileInfo(result.JournalPath).Length / 1048576.0));
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
