using Polca.Actors.Dispatch;
using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>A reference to a path where no actor lives: messages become dead letters, Identify gets an empty answer, Watch gets Terminated.</summary>
internal sealed class EmptyLocalActorRef(ActorSystemImpl system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path => path;

    public IInternalActorRef Parent => system.RootGuardianRef;

    public bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                break;
            case ActorSelectionMessage selection when selection.Message is Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                break;
            case DeadLetter letter:
                system.EventStream.Publish(letter);
                break;
            default:
                system.EventStream.Publish(new DeadLetter(message, sender ?? system.DeadLetters, this));
                break;
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, false, false));
    }

    public IInternalActorRef? GetChild(IReadOnlyList<string> names, int start) => null;
}
