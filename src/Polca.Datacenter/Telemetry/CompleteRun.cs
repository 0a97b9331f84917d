namespace Polca.Datacenter.Telemetry;

/// <summary>Asks the recorder to journal what is left and the run's end; it answers <see cref="RunRecorded"/> once durable.</summary>
public sealed record CompleteRun(RunCompleted Completed);
