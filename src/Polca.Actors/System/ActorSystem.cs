using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>A hierarchy of actors with one clock, one scheduler, one event stream and one dispatcher.</summary>
public abstract class ActorSystem : IDisposable
{
    /// <summary>Starts a system with the reference settings (real time).</summary>
    public static ActorSystem Create(string name) => Create(name, new ActorSystemSettings());

    /// <summary>Starts a system with settings read from <paramref name="config"/> (reference.conf underneath); a bad setting throws a HoconException naming it.</summary>
    public static ActorSystem Create(string name, Polca.Hocon.Config config) => Create(name, ActorSystemSettings.FromConfig(config));

    /// <summary>Starts a system with <paramref name="settings"/>.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings settings)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_'", nameof(name));
        settings.Validate();
        return new ActorSystemImpl(name, settings);
    }

    /// <summary>The system's name.</summary>
    public abstract string Name { get; }

    /// <summary>The settings it was created with.</summary>
    public abstract ActorSystemSettings Settings { get; }

    /// <summary>The clock every actor, the scheduler and the timers read.</summary>
    public abstract Clock Clock { get; }

    /// <summary>The scheduler, on <see cref="Clock"/>.</summary>
    public abstract IScheduler Scheduler { get; }

    /// <summary>The publish/subscribe bus (log events, dead letters, unhandled messages).</summary>
    public abstract EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go; each becomes a <see cref="DeadLetter"/> event.</summary>
    public abstract IActorRef DeadLetters { get; }

    /// <summary>Creation, lookup and resolution of references.</summary>
    public abstract IActorRefProvider Provider { get; }

    /// <summary>The controller of a virtual clock; null in real time.</summary>
    public abstract VirtualTimeController? VirtualTime { get; }

    /// <summary>Creates a top-level actor under /user.</summary>
    public abstract IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Selects actors by an absolute path (or one relative to /user).</summary>
    public abstract ActorSelection ActorSelection(string path);

    /// <summary>Selects the actor at <paramref name="path"/>.</summary>
    public abstract ActorSelection ActorSelection(ActorPath path);

    /// <summary>Stops <paramref name="actor"/> asynchronously.</summary>
    public abstract void Stop(IActorRef actor);

    /// <summary>Stops every actor (user actors first) and then the system; the task completes when all are stopped.</summary>
    public abstract Task Terminate();

    /// <summary>Completes when the system has terminated.</summary>
    public abstract Task WhenTerminated { get; }

    /// <summary>A random stream derived from the system's seed and <paramref name="stream"/>; the same names give the same numbers.</summary>
    public abstract Random CreateRandom(string stream);

    /// <summary>Returns the extension of this system, creating it with <paramref name="provider"/> on first use.</summary>
    public abstract T RegisterExtension<T>(ExtensionIdProvider<T> provider) where T : class, IExtension;

    /// <summary>Marks the start of work outside actors whose result comes back as a message; in virtual time the clock waits for it.</summary>
    public abstract ExternalWork BeginExternalWork();

    /// <summary>Registers <paramref name="action"/> to run when the system has stopped its actors, before <see cref="WhenTerminated"/> completes.</summary>
    public abstract void RegisterOnTermination(Action action);

    /// <summary>Terminates the system and waits for it.</summary>
    public void Dispose()
    {
        Terminate().Wait(TimeSpan.FromSeconds(30));
        GC.SuppressFinalize(this);
    }
}
