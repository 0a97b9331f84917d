namespace Polca.Persistence;

/// <summary>A persistent actor with two methods: ReceiveRecover for replayed events and ReceiveCommand for commands.</summary>
public abstract class PersistentActor : Eventsourced;
