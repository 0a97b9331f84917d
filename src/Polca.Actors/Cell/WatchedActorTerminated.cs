namespace Polca.Actors;

/// <summary>Queued in the watcher's mailbox when a watched actor stops; becomes Terminated or the WatchWith message unless unwatched meanwhile.</summary>
internal sealed class WatchedActorTerminated(IActorRef actor) : IAutoReceivedMessage, IPossiblyHarmful
{
    public IActorRef Actor { get; } = actor;
}
