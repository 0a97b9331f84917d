namespace Polca.Datacenter.Power;

/// <summary>A point of a breaker's inverse-time curve: at <paramref name="Multiple"/> times its rating it trips after <paramref name="Seconds"/>.</summary>
public sealed record TripCurvePoint(double Multiple, double Seconds);
