using Polca.Actors.Dispatch;
using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>/deadLetters: publishes every message it gets as a <see cref="DeadLetter"/>; a Watch of it answers at once.</summary>
internal sealed class DeadLetterActorRef(ActorSystemImpl system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path => path;

    public IInternalActorRef Parent => system.RootGuardianRef;

    public bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case DeadLetter { Message: Identify lateIdentify } letter:
                // An Identify that reached a stopped actor is answered (as in Akka), not published as a dead letter.
                letter.Sender.Tell(new ActorIdentity(lateIdentify.MessageId, null), this);
                break;
            case DeadLetter letter:
                system.EventStream.Publish(letter);
                break;
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                break;
            default:
                system.EventStream.Publish(new DeadLetter(message, sender ?? this, this));
                break;
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, false, false));
    }

    public IInternalActorRef? GetChild(IReadOnlyList<string> names, int start) => null;
}
