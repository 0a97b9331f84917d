namespace Polca.Actors;

/// <summary>What an actor sees of itself and the runtime while it handles a message.</summary>
public interface IActorContext
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled; dead letters when there was none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor of this actor.</summary>
    IActorRef Parent { get; }

    /// <summary>The actor system this actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>Creates a child; a null name is generated. The child starts asynchronously.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The children alive now.</summary>
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The children alive now (Akka.NET's method form).</summary>
    IEnumerable<IActorRef> GetChildren();

    /// <summary>The child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Asks to receive <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Asks to receive <paramref name="message"/> when <paramref name="subject"/> stops.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a termination message not yet handled is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Stops <paramref name="actor"/> (a child, or this actor) after its current message.</summary>
    void Stop(IActorRef actor);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the behaviour pushed last.</summary>
    void UnbecomeStacked();

    /// <summary>Delivers <see cref="Actors.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The receive timeout in force, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Selects actors by a path relative to this actor or absolute.</summary>
    ActorSelection ActorSelection(string path);

    /// <summary>Selects the actor at <paramref name="path"/>.</summary>
    ActorSelection ActorSelection(ActorPath path);
}
