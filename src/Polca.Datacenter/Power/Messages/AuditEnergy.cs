using Polca.Actors;

namespace Polca.Datacenter.Power;

/// <summary>
/// Asks every power node below the receiver to report its exact energy so far to <paramref name="ReplyTo"/>, one
/// <see cref="EnergyAuditEntry"/> each: energy conservation up the tree is checked against these.
/// </summary>
public sealed record AuditEnergy(IActorRef ReplyTo);
