using System.Collections.Concurrent;
using Polca.Actors.Dispatch;
using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>The actor system of this process: guardians, dispatcher, clock, scheduler, event stream and reference resolution.</summary>
internal sealed class ActorSystemImpl : ActorSystem, IActorRefProvider
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, IInternalActorRef> _temp = new(StringComparer.Ordinal);
    private readonly RootActorPath _rootPath;
    private readonly LocalActorRef _root;
    private readonly LocalActorRef _userGuardian;
    private readonly LocalActorRef _systemGuardian;
    private readonly SchedulerBase _scheduler;
    private readonly long _uidBase;
    private long _uidCounter;
    private long _tempCounter;
    private int _terminating;

    public ActorSystemImpl(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        var localAddress = new Address(Address.LocalProtocol, name);
        DefaultAddress = settings.Host is null ? localAddress : new Address(Address.LocalProtocol + ".tcp", name, settings.Host, settings.Port);
        _rootPath = new RootActorPath(localAddress);
        _uidBase = settings.Deterministic ? (long)(uint)settings.Seed << 32 : (long)Random.Shared.Next(1, int.MaxValue) << 32;
        EventStream = new EventStream();

        if (settings.ClockMode == ClockMode.VirtualTime)
        {
            var clock = new VirtualClock(settings.StartTime);
            Quiescence = new QuiescenceMonitor();
            var scheduler = new VirtualTimeScheduler(clock, Quiescence);
            Clock = clock;
            _scheduler = scheduler;
            VirtualTime = new VirtualTimeController(clock, scheduler, Quiescence, settings.QuiescenceTimeout, oneTimerAtATime: settings.Deterministic);
        }
        else
        {
            var clock = new RealTimeClock(settings.StartTime, settings.Pace);
            Clock = clock;
            _scheduler = new RealTimeScheduler(clock, settings.SchedulerResolution);
        }
        _scheduler.OnActionError = e => EventStream.Publish(new Error(e, "scheduler", typeof(IScheduler), $"A scheduled action threw {e.GetType().Name}: {e.Message}", Clock.Now));
        var automatic = VirtualTime is not null && settings.VirtualTimeAdvance == VirtualTimeAdvance.Automatic;
        // The single dispatcher thread counts its own pending work and advances the clock itself (virtual time); on the
        // thread pool every scheduled mailbox counts.
        Dispatcher = settings.Deterministic
            ? new SingleThreadDispatcher(settings.Throughput, name, Quiescence, VirtualTime, automatic)
            : new ThreadPoolDispatcher(settings.Throughput, settings.PreferLocalQueue, settings.HandoffLimit);
        CellQuiescence = settings.Deterministic ? null : Quiescence;
        OwningDispatcher = Dispatcher as SingleThreadDispatcher;

        DeadLettersRef = new DeadLetterActorRef(this, _rootPath / "deadLetters");
        var rootParent = new RootParentRef(this, _rootPath / "bubble-walker");
        _root = new LocalActorRef(this, Props.Create(() => new RootGuardian()), rootParent, _rootPath);
        _userGuardian = (LocalActorRef)_root.Cell.ActorOf(Props.Create(() => new GuardianActor()), "user");
        _systemGuardian = (LocalActorRef)_root.Cell.ActorOf(Props.Create(() => new GuardianActor()), "system");
        _root.Cell.EnqueueSystem(new Create());
        StartLogging(settings.Logging);
        if (automatic && !settings.Deterministic) VirtualTime!.StartAutomatic();
    }

    public override string Name { get; }

    public override ActorSystemSettings Settings { get; }

    public override Clock Clock { get; }

    public override IScheduler Scheduler => _scheduler;

    public override EventStream EventStream { get; }

    public override IActorRef DeadLetters => DeadLettersRef;

    internal DeadLetterActorRef DeadLettersRef { get; }

    public override IActorRefProvider Provider => this;

    public override VirtualTimeController? VirtualTime { get; }

    internal QuiescenceMonitor? Quiescence { get; }

    /// <summary>The single dispatcher thread that owns every mailbox's queue (deterministic mode); null on the thread pool.</summary>
    internal SingleThreadDispatcher? OwningDispatcher { get; }

    /// <summary>The monitor each scheduled mailbox counts in (virtual time on the thread pool); null when the dispatcher counts (deterministic) or in real time.</summary>
    internal QuiescenceMonitor? CellQuiescence { get; }

    internal MessageDispatcher Dispatcher { get; }

    internal LocalActorRef UserGuardian => _userGuardian;

    internal LocalActorRef SystemGuardian => _systemGuardian;

    internal LocalActorRef RootGuardianRef => _root;

    public Address DefaultAddress { get; }

    public ActorPath RootPath => _rootPath;

    public override Task WhenTerminated => _terminated.Task;

    public override IActorRef ActorOf(Props props, string? name = null) => _userGuardian.Cell.ActorOf(props, name);

    /// <summary>Creates an actor under /system, for the runtime's own services.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.Cell.ActorOf(props, name);

    public override void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef target) target.SendSystemMessage(new Terminate());
    }

    public override Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0) _userGuardian.SendSystemMessage(new Terminate());
        return WhenTerminated;
    }

    private Serilog.Core.Logger? _serilog;

    /// <summary>Starts the Serilog logger actor (when a sink is on) and the dead-letter listener.</summary>
    private void StartLogging(LoggingSettings logging)
    {
        if (logging.AnySink)
        {
            _serilog = Loggers.SerilogLoggerFactory.Create(logging);
            var logger = SystemActorOf(Props.Create(() => new Loggers.SerilogLogger(_serilog)), "log");
            EventStream.Subscribe(logger, typeof(LogEvent));
        }
        if (logging.DeadLettersEnabled)
            SystemActorOf(Props.Create(() => new Loggers.DeadLetterListener(logging.DeadLettersPerInterval, logging.DeadLettersInterval)), "deadLetterListener");
    }

    /// <summary>Called when the root guardian has stopped: shuts down threads and completes <see cref="WhenTerminated"/>.</summary>
    internal void FinishTermination()
    {
        try
        {
            Terminating?.Invoke();
        }
        catch (Exception e)
        {
            EventStream.Publish(new Error(e, "system", typeof(ActorSystem), $"An extension failed while the system stopped: {e.Message}", Clock.Now));
        }
        _serilog?.Dispose();
        VirtualTime?.Stop();
        _scheduler.Shutdown();
        Dispatcher.Shutdown();
        _terminated.TrySetResult();
    }

    private readonly ConcurrentDictionary<Type, object> _extensions = new();

    public override T RegisterExtension<T>(ExtensionIdProvider<T> provider) =>
        (T)_extensions.GetOrAdd(typeof(T), static (_, state) => state.provider.CreateExtension(state.system), (provider, system: this));

    public override ExternalWork BeginExternalWork() => new(Quiescence);

    /// <summary>Actions run just before the system reports itself terminated (extensions closing resources).</summary>
    private event Action? Terminating;

    public override void RegisterOnTermination(Action action) => Terminating += action;

    public override Random CreateRandom(string stream)
    {
        // FNV-1a of the stream name mixed with the seed: stable across runs and platforms.
        var hash = 2166136261u;
        foreach (var c in stream)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return new Random(unchecked((int)hash ^ Settings.Seed));
    }

    internal LocalActorRef NewLocalActorRef(Props props, LocalActorRef parent, string name)
    {
        var uid = _uidBase | (Interlocked.Increment(ref _uidCounter) & 0xFFFFFFFF);
        return new LocalActorRef(this, props, parent, new ChildActorPath(parent.Path, name, uid));
    }

    // ----- temporary references (Ask) -----

    internal ActorPath NewTempPath() => _rootPath / "temp" / ("$" + Interlocked.Increment(ref _tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal void RegisterTemp(IInternalActorRef actor) => _temp[actor.Path.Name] = actor;

    internal void UnregisterTemp(IInternalActorRef actor) => _temp.TryRemove(actor.Path.Name, out _);

    // ----- selection and resolution -----

    public override ActorSelection ActorSelection(string path) => ActorSelectionFrom(_userGuardian, path);

    public override ActorSelection ActorSelection(ActorPath path)
    {
        if (!IsLocal(path.Address)) return new ActorSelection(new EmptyLocalActorRef(this, path), []);
        return new ActorSelection(_root, path.Elements);
    }

    /// <summary>Selects by a full path, a path from the root ("/user/a"), or a path relative to <paramref name="anchor"/>.</summary>
    internal ActorSelection ActorSelectionFrom(IActorRef anchor, string path)
    {
        if (ActorPath.TryParse(path, out var absolute)) return ActorSelection(absolute);
        return new ActorSelection(path.StartsWith('/') ? _root : anchor, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    private bool IsLocal(Address address) =>
        address.System == Name && (address.HasLocalScope || address.Equals(DefaultAddress));

    public IActorRef ResolveActorRef(string path)
    {
        if (!ActorPath.TryParse(path, out var parsed)) return DeadLetters;
        return ResolveActorRef(parsed);
    }

    public IActorRef ResolveActorRef(ActorPath path)
    {
        if (!IsLocal(path.Address)) return new EmptyLocalActorRef(this, path);
        var elements = path.Elements;
        if (elements.Count == 0) return _root;
        IInternalActorRef? found = elements[0] switch
        {
            "deadLetters" when elements.Count == 1 => DeadLettersRef,
            "temp" when elements.Count == 2 => _temp.GetValueOrDefault(elements[1]),
            _ => _root.GetChild(elements, 0),
        };
        if (found is null || (path.Uid != ActorPath.UndefinedUid && found.Path.Uid != path.Uid)) return new EmptyLocalActorRef(this, path);
        return found;
    }
}
