namespace Polca.Actors;

/// <summary>The base of every actor: its context, lifecycle hooks, behaviour switching and supervision of its children.</summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private SupervisorStrategy? _supervisorStrategy;

    /// <summary>Binds the new instance to the cell creating it; actors are made by ActorOf, never by new.</summary>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing ?? throw new ActorInitializationException(null,
            $"{GetType().Name} was created with 'new'; actors are created with ActorOf(Props.Create(...))");
    }

    /// <summary>This actor's context.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles a message; returns false when it does not.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called before the first message, and by the default PostRestart.</summary>
    protected virtual void PreStart() { }

    /// <summary>Called after the actor and all its children have stopped.</summary>
    protected virtual void PostStop() { }

    /// <summary>Called on the failed instance before a restart; by default stops all children and calls PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren()) Context.Stop(child);
        PostStop();
    }

    /// <summary>Called on the new instance after a restart; by default calls PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; the default restarts a child on any exception.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>Called for messages no behaviour handled: publishes <see cref="Event.UnhandledMessage"/>; an unhandled Terminated throws DeathPactException.</summary>
    protected virtual void Unhandled(object message) => _cell.Unhandled(message);

    /// <summary>Replaces the behaviour.</summary>
    protected void Become(Receive receive) => _cell.Become(receive);

    /// <summary>Pushes a behaviour.</summary>
    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    /// <summary>Pops the behaviour pushed last.</summary>
    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    /// <summary>Delivers ReceiveTimeout after this long without messages; null turns it off.</summary>
    protected void SetReceiveTimeout(TimeSpan? timeout) => _cell.SetReceiveTimeout(timeout);

    internal ActorCell Cell => _cell;

    /// <summary>Replaces the sender of the message being handled, for extensions that run handlers later on behalf of it.</summary>
    internal void SetSender(IActorRef sender) => _cell.SetCurrentSender(sender);

    internal SupervisorStrategy SupervisorStrategyInternal => _supervisorStrategy ??= SupervisorStrategy();

    private Receive? _ownReceive;
    // Learnt at the first message (actors that never get one never pay for the look-up).
    private bool? _aroundReceiveOverridden;

    /// <summary>The actor's own behaviour (its Receive method) as a delegate, made once.</summary>
    internal Receive OwnReceive => _ownReceive ??= Receive;

    /// <summary>
    /// Runs the actor's own behaviour on a message as <see cref="AroundReceive"/> would, without making the delegate when
    /// the type does not override AroundReceive (most actors live and die with their own behaviour).
    /// </summary>
    internal bool ReceiveOwn(object message) =>
        (_aroundReceiveOverridden ??= AroundReceiveOverridden.IsOverridden(GetType())) ? AroundReceive(OwnReceive, message) : Receive(message);

    internal void UnhandledInternal(object message) => Unhandled(message);

    /// <summary>Runs <paramref name="receive"/> (the behaviour in force) on a message; extensions such as event sourcing override it to intercept messages.</summary>
    protected internal virtual bool AroundReceive(Receive receive, object message) => receive(message);

    /// <summary>Wraps PreStart.</summary>
    protected internal virtual void AroundPreStart() => PreStart();

    /// <summary>Wraps PostStop.</summary>
    protected internal virtual void AroundPostStop() => PostStop();

    /// <summary>Wraps PreRestart; returns stashed messages to the mailbox first, so they survive the restart.</summary>
    protected internal virtual void AroundPreRestart(Exception reason, object? message)
    {
        if (this is IWithUnboundedStash { Stash: { } stash }) stash.UnstashAll();
        PreRestart(reason, message);
    }

    /// <summary>Wraps PostRestart.</summary>
    protected internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>Creates a stash of this actor separate from its <see cref="IWithUnboundedStash.Stash"/>, for extensions that set messages aside internally.</summary>
    protected IStash CreateStash() => new UnboundedStash(_cell);
}
