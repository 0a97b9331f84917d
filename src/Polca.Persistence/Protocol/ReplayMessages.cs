using Polca.Actors;

namespace Polca.Persistence;

/// <summary>Asks the journal to replay events of a persistence id to a persistent actor.</summary>
public sealed record ReplayMessages(long FromSequenceNr, long ToSequenceNr, long Max, string PersistenceId, IActorRef PersistentActor);
