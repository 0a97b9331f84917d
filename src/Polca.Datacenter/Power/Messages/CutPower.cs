namespace Polca.Datacenter.Power;

/// <summary>Power is lost (a breaker trip, an outage): servers stop and fail their requests with <paramref name="Reason"/>.</summary>
public sealed record CutPower(string Reason);
