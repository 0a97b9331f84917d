namespace Polca.Actors;

/// <summary>Runs await continuations of an actor's async handler inside the actor, one at a time, ahead of user messages.</summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state) => cell.EnqueueSystem(new Dispatch.RunContinuation(d, state));

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send into an actor would deadlock; use Post");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;
}
