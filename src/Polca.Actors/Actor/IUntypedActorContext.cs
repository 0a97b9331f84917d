namespace Polca.Actors;

/// <summary>The context of an <see cref="UntypedActor"/>, with behaviours that call Unhandled themselves.</summary>
public interface IUntypedActorContext : IActorContext
{
    /// <summary>Replaces the current behaviour.</summary>
    void Become(UntypedReceive receive);

    /// <summary>Pushes a behaviour.</summary>
    void BecomeStacked(UntypedReceive receive);
}
