namespace Polca.Actors;

/// <summary>The root of the tree: when /user has stopped it stops /system, then itself, which ends the system.</summary>
internal sealed class RootGuardian : UntypedActor
{
    protected override void PreStart()
    {
        Context.Watch(Context.Child("user"));
        Context.Watch(Context.Child("system"));
    }

    protected override void OnReceive(object message)
    {
        if (message is not Terminated terminated) return;
        if (terminated.ActorRef.Path.Name == "user") Context.Stop(Context.Child("system"));
        else if (terminated.ActorRef.Path.Name == "system") Context.Stop(Self);
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;
}
