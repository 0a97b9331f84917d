using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>Death watch: Watch, WatchWith, Unwatch, and telling watchers when this actor stops.</summary>
internal sealed partial class ActorCell
{
    /// <inheritdoc />
    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    /// <inheritdoc />
    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    private IActorRef WatchInternal(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(target, _self)) return subject;
        var watching = Extras.Watching ??= new Dictionary<IActorRef, object?>();
        if (watching.TryGetValue(subject, out var existing))
        {
            if (!Equals(existing, message))
                throw new InvalidOperationException($"Watch({subject}) with message {message ?? "Terminated"} conflicts with the earlier watch with {existing ?? "Terminated"}; Unwatch first");
            return subject;
        }
        watching[subject] = message;
        target.SendSystemMessage(new Watch(target, _self));
        return subject;
    }

    /// <inheritdoc />
    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(target, _self)) return subject;
        if (_extras?.Watching is { } watching && watching.Remove(subject))
            target.SendSystemMessage(new Unwatch(target, _self));
        _extras?.TerminatedQueued?.Remove(subject);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (ReferenceEquals(watcher, _self)) return;
        (Extras.WatchedBy ??= new HashSet<IInternalActorRef>()).Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watcher) => _extras?.WatchedBy?.Remove(watcher);

    /// <summary>A watched actor stopped: queue its Terminated (or custom message) behind messages already here.</summary>
    private void OnWatchedActorTerminated(IActorRef actor, bool existenceConfirmed, bool addressTerminated)
    {
        if (_extras?.Watching is not { } watching || !watching.Remove(actor, out var custom)) return;
        if (_state != StateAlive) return;
        var message = custom ?? new Terminated(actor, existenceConfirmed, addressTerminated);
        (Extras.TerminatedQueued ??= new Dictionary<IActorRef, object?>())[actor] = message;
        EnqueueUser(new Envelope(new WatchedActorTerminated(actor), actor));
    }

    private void ReceivedWatchedTermination(WatchedActorTerminated watched)
    {
        if (_extras?.TerminatedQueued is not { } queued || !queued.Remove(watched.Actor, out var message)) return;
        ReceiveMessage(message!);
    }

    /// <summary>Tells watchers this actor stopped, and stops watching others.</summary>
    private void TellWatchersWeDied()
    {
        if (_extras?.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers) watcher.SendSystemMessage(new DeathWatchNotification(_self, true, false));
            watchers.Clear();
        }
        if (_extras?.Watching is { } watching)
        {
            foreach (var watchee in watching.Keys) ((IInternalActorRef)watchee).SendSystemMessage(new Unwatch((IInternalActorRef)watchee, _self));
            watching.Clear();
        }
        _extras?.TerminatedQueued?.Clear();
    }
}
