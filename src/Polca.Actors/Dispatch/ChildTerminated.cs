namespace Polca.Actors.Dispatch;

/// <summary>A child has stopped and can be forgotten.</summary>
internal sealed class ChildTerminated(IInternalActorRef child) : SystemMessage
{
    public IInternalActorRef Child { get; } = child;
}
