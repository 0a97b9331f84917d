namespace Polca.Actors;

/// <summary>An actor's constructor or PreStart threw; the default supervisor stops such an actor.</summary>
public class ActorInitializationException(IActorRef? actor, string message, Exception? cause = null) : Exception(message, cause)
{
    /// <summary>The actor that failed to start.</summary>
    public IActorRef? Actor { get; } = actor;
}
