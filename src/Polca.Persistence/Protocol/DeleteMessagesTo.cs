using Polca.Actors;

namespace Polca.Persistence;

/// <summary>Asks the journal to delete events up to a sequence number.</summary>
public sealed record DeleteMessagesTo(string PersistenceId, long ToSequenceNr, IActorRef PersistentActor);
