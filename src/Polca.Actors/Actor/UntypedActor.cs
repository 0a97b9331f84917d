namespace Polca.Actors;

/// <summary>An actor with one OnReceive method; call Unhandled for messages it does not handle.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>This actor's context.</summary>
    protected new IUntypedActorContext Context => (IUntypedActorContext)base.Context;

    /// <summary>Handles a message.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    /// <summary>Replaces the behaviour.</summary>
    protected void Become(UntypedReceive receive) => Context.Become(receive);

    /// <summary>Pushes a behaviour.</summary>
    protected void BecomeStacked(UntypedReceive receive) => Context.BecomeStacked(receive);
}
