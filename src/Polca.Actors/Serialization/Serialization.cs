namespace Polca.Actors;

/// <summary>Writing references so that they can be read back, here or on another node.</summary>
public static class Serialization
{
    /// <summary>The full path of <paramref name="actor"/>, with the system's host and port and the actor's uid.</summary>
    public static string SerializedActorPath(IActorRef actor, ActorSystem system) =>
        actor.Path.ToSerializationFormatWithAddress(system.Provider.DefaultAddress);
}
