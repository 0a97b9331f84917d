using Polca.Actors;

namespace Polca.Persistence;

/// <summary>Asks the journal to write atomic writes for a persistent actor; replies go to <paramref name="PersistentActor"/>.</summary>
public sealed record WriteMessages(IReadOnlyList<AtomicWrite> Messages, IActorRef PersistentActor, int ActorInstanceId);
