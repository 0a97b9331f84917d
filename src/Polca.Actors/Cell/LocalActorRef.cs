using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>The reference to an actor of this process: it queues messages in the actor's cell.</summary>
internal sealed class LocalActorRef : ActorRefBase, IInternalActorRef
{
    private readonly ActorPath _path;

    internal LocalActorRef(ActorSystemImpl system, Props props, IInternalActorRef parent, ActorPath path)
    {
        _path = path;
        Cell = new ActorCell(system, this, props, parent);
    }

    /// <summary>The actor's cell.</summary>
    internal ActorCell Cell { get; }

    /// <inheritdoc />
    public override ActorPath Path => _path;

    /// <inheritdoc />
    public IInternalActorRef Parent => Cell.ParentRef;

    /// <inheritdoc />
    public bool IsTerminated => Cell.IsTerminated;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null) throw new InvalidMessageException("A message cannot be null");
        var from = sender ?? Cell.SystemImpl.DeadLetters;
        // A dead letter for a stopped subscriber of dead letters is dropped (as in Akka): wrapping it again would loop.
        if (!Cell.EnqueueUser(new Envelope(message, from)) && message is not Event.DeadLetter)
            Cell.SystemImpl.DeadLetters.Tell(new Event.DeadLetter(message, from, this), from);
    }

    /// <inheritdoc />
    public void SendSystemMessage(SystemMessage message) => Cell.EnqueueSystem(message);

    /// <inheritdoc />
    public IInternalActorRef? GetChild(IReadOnlyList<string> names, int start)
    {
        IInternalActorRef current = this;
        for (var i = start; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0) continue;
            if (name == "..")
            {
                current = current.Parent;
                continue;
            }
            if (current is not LocalActorRef local) return current.GetChild(names, i);
            var uidAt = name.IndexOf('#');
            var child = local.Cell.GetChildByName(uidAt < 0 ? name : name[..uidAt]);
            if (child is null) return null;
            if (uidAt >= 0 && long.TryParse(name[(uidAt + 1)..], out var uid) && uid != ActorPath.UndefinedUid && child.Path.Uid != uid) return null;
            current = child;
        }
        return current;
    }
}
