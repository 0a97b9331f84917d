using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>The parent of the root guardian: it ends the system when the root stops, and stops the root if it fails.</summary>
internal sealed class RootParentRef(ActorSystemImpl system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path => path;

    public IInternalActorRef Parent => this;

    public bool IsTerminated => system.WhenTerminated.IsCompleted;

    public override void Tell(object message, IActorRef? sender) { }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                failed.Child.SendSystemMessage(new Terminate());
                break;
            case ChildTerminated:
                system.FinishTermination();
                break;
        }
    }

    public IInternalActorRef? GetChild(IReadOnlyList<string> names, int start) => null;
}
