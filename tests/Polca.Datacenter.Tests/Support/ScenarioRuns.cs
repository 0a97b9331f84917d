using Polca.Datacenter.Scenario;

namespace Polca.Datacenter.Tests.Support;

/// <summary>Runs scenarios in virtual time (max speed, seeded) into throwaway folders, for validation tests.</summary>
public static class ScenarioRuns
{
    /// <summary>Runs <paramref name="scenarioFile"/> with HOCON <paramref name="overrides"/> for <paramref name="duration"/>.</summary>
    public static RunResult Run(string scenarioFile, string overrides, TimeSpan duration, bool report = false)
    {
        var spec = ScenarioSpec.Load(scenarioFile, overrides);
        var outDir = Path.Combine(Path.GetTempPath(), "polca-tests", $"{spec.Name}-{Guid.NewGuid():N}");
        return EmulationRunner.Run(spec, new RunOptions { OutputDirectory = outDir, MaxSpeed = true, Duration = duration, WriteReport = report });
    }

    /// <summary>Deletes a run's output folder.</summary>
    public static void Delete(RunResult result)
    {
        var dir = Path.GetDirectoryName(result.SummaryPath);
        if (dir is not null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
