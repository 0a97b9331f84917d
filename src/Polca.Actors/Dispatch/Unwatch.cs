namespace Polca.Actors.Dispatch;

/// <summary>Watcher no longer wants to hear of the watchee's termination.</summary>
internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}
