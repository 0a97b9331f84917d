namespace Polca.Actors.Dispatch;

/// <summary>A child has failed and waits for its supervisor's directive.</summary>
internal sealed class Failed(IInternalActorRef child, Exception cause, long uid) : SystemMessage
{
    public IInternalActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}
