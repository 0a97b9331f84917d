namespace Polca.Datacenter.Scenario;

/// <summary>
/// How to run a scenario: output folder; pace (null: the scenario's), or as fast as possible; duration and seed overrides;
/// progress every <see cref="ProgressEvery"/> of emulated time; extra HOCON (overrides, highest precedence).
/// </summary>
public sealed record RunOptions
{
    /// <summary>The output folder (created; must not hold a run already).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Emulated seconds per wall second; null keeps the scenario's.</summary>
    public double? Pace { get; init; }

    /// <summary>Run in virtual time as fast as possible (wins over any pace).</summary>
    public bool MaxSpeed { get; init; }

    /// <summary>Overrides the scenario's duration.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Overrides the scenario's seed.</summary>
    public long? Seed { get; init; }

    /// <summary>How often (emulated time) progress is reported.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Called with each progress report (on the runner's thread).</summary>
    public Action<Telemetry.RunProgress, RunClock>? OnProgress { get; init; }

    /// <summary>Whether to write report.html.</summary>
    public bool WriteReport { get; init; } = true;
}
