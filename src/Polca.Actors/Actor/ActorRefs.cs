namespace Polca.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>The reference to no actor; messages to it are dropped.</summary>
    public static readonly IActorRef Nobody = Actors.Nobody.Instance;

    /// <summary>Use as sender when there is none; replies then go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;
}
