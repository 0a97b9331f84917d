namespace Polca.Actors;

/// <summary>Knows the system's address and turns paths (as serialized) back into references.</summary>
public interface IActorRefProvider
{
    /// <summary>The address other nodes use for this system.</summary>
    Address DefaultAddress { get; }

    /// <summary>The root path of this system.</summary>
    ActorPath RootPath { get; }

    /// <summary>Resolves a serialized path (<see cref="Serialization.SerializedActorPath"/>); unknown paths give a reference whose messages become dead letters.</summary>
    IActorRef ResolveActorRef(string path);

    /// <summary>Resolves <paramref name="path"/>; an unknown path (or a uid of another incarnation) gives a dead-letter reference.</summary>
    IActorRef ResolveActorRef(ActorPath path);
}
