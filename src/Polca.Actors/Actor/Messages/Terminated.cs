namespace Polca.Actors;

/// <summary>Tells a watcher that the watched actor has stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was never known to exist.</param>
/// <param name="AddressTerminated">True when its whole node went away.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated) : IAutoReceivedMessage, IPossiblyHarmful;
