namespace Polca.Actors;

/// <summary>A lifecycle hook (PostStop, PreRestart) threw; reported, never rethrown.</summary>
public sealed class ActorLifecycleException(IActorRef actor, string hook, Exception cause)
    : Exception($"{hook} of {actor} threw {cause.GetType().Name}: {cause.Message}", cause)
{
    /// <summary>The actor whose hook failed.</summary>
    public IActorRef Actor { get; } = actor;
}
