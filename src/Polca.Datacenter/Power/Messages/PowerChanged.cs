namespace Polca.Datacenter.Power;

/// <summary>A child's power changed by <paramref name="DeltaMilliwatts"/> at <paramref name="AtTicks"/> (elapsed ticks).</summary>
public sealed record PowerChanged(long DeltaMilliwatts, long AtTicks);
