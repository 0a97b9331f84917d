namespace Polca.Datacenter.Power;

/// <summary>The row PDU's telemetry: mean row power over its last reporting period, published at <paramref name="AtTicks"/>.</summary>
public sealed record PduReading(long AtTicks, double Watts);
