namespace Polca.Actors;

/// <summary>The answer to <see cref="Identify"/>: the actor's reference, or null when nobody lives there.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
