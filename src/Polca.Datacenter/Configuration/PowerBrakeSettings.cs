namespace Polca.Datacenter;

/// <summary>The row's power brake: assert above Threshold of the budget, release after readings stay below ReleaseThreshold for ReleaseAfter.</summary>
public sealed record PowerBrakeSettings(double Threshold, double ReleaseThreshold, TimeSpan ReleaseAfter);
