namespace Polca.Datacenter;

/// <summary>The facility UPS: how long it carries the load after a feed loss, and how long generators take to start.</summary>
public sealed record UpsSettings(TimeSpan RideThrough, TimeSpan GeneratorStart);
