namespace Polca.Actors;

/// <summary>A handle to an actor, local or remote; the only way to talk to it.</summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    /// <summary>The actor's path, with its incarnation uid.</summary>
    ActorPath Path { get; }
}
