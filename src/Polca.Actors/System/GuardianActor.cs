namespace Polca.Actors;

/// <summary>The /user and /system guardians: parents of top-level actors, restarting them on failure; they stop once their children have.</summary>
internal sealed class GuardianActor : UntypedActor
{
    protected override void OnReceive(object message) => Unhandled(message);

    // Children are stopped by termination; a guardian never restarts its children away.
    protected override void PreRestart(Exception reason, object? message) { }
}
