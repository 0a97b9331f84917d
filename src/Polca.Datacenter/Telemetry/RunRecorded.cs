namespace Polca.Datacenter.Telemetry;

/// <summary>The run's record is durable up to <paramref name="LastSequenceNr"/>.</summary>
public sealed record RunRecorded(long LastSequenceNr);
