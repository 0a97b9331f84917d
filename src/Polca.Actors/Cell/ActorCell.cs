using Polca.Actors.Dispatch;
using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>The runtime side of one actor: its mailbox, its instance, its children, its watchers; the actor's Context.</summary>
internal sealed partial class ActorCell : IUntypedActorContext, IThreadPoolWorkItem
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_constructing;

    internal readonly ActorSystemImpl SystemImpl;
    private readonly LocalActorRef _self;
    private readonly IInternalActorRef _parent;
    private readonly Props _props;
    private ActorBase? _actor;
    private Envelope _current;
    private CellExtras? _extras;

    internal ActorCell(ActorSystemImpl system, LocalActorRef self, Props props, IInternalActorRef parent)
    {
        SystemImpl = system;
        _self = self;
        _props = props;
        _parent = parent;
    }

    /// <summary>The cell whose message this thread is processing, if any.</summary>
    internal static ActorCell? Current => t_current;

    /// <summary>The cell whose actor is being constructed on this thread, if any.</summary>
    internal static ActorCell? Constructing => t_constructing;

    private CellExtras Extras => _extras ??= new CellExtras();

    /// <inheritdoc />
    public IActorRef Self => _self;

    internal LocalActorRef SelfRef => _self;

    /// <inheritdoc />
    public IActorRef Sender => _current.Sender ?? SystemImpl.DeadLetters;

    /// <inheritdoc />
    public IActorRef Parent => _parent;

    internal IInternalActorRef ParentRef => _parent;

    /// <inheritdoc />
    public ActorSystem System => SystemImpl;

    /// <inheritdoc />
    public Props Props => _props;

    /// <summary>The actor instance, null before creation and after stop.</summary>
    internal ActorBase? Actor => _actor;

    /// <summary>The message being processed.</summary>
    internal object? CurrentMessage => _current.Message;

    /// <summary>The envelope being processed.</summary>
    internal Envelope CurrentEnvelope => _current;

    /// <summary>Makes <paramref name="sender"/> the sender of the message being processed (persist handlers see the command's sender).</summary>
    internal void SetCurrentSender(IActorRef sender) => _current = new Envelope(_current.Message, sender);

    // ----- user message invocation -----

    private void Invoke(in Envelope envelope)
    {
        _current = envelope;
        try
        {
            var message = envelope.Message;
            var influencesTimeout = message is not INotInfluenceReceiveTimeout;
            if (influencesTimeout && _extras?.ReceiveTimeout is not null) CancelReceiveTimeout();
            if (message is IAutoReceivedMessage auto) AutoReceive(auto);
            else if (message is TimerMessage timer) ReceiveTimer(timer);
            else if (message is ReceiveTimeoutTick tick) ReceiveTimeoutTicked(tick);
            else ReceiveMessage(message);
            if (influencesTimeout && _extras?.ReceiveTimeout is not null && _state == StateAlive) ArmReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (_extras is null || !_extras.AwaitingAsync) _current = default;
        }
    }

    /// <summary>Runs the behaviour in force on <paramref name="message"/>, or Unhandled.</summary>
    internal void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var stack = _extras?.BehaviorStack;
        var handled = stack is { Count: > 0 } ? actor.AroundReceive(stack[^1], message) : actor.ReceiveOwn(message);
        if (!handled) actor.UnhandledInternal(message);
    }

    private void AutoReceive(IAutoReceivedMessage message)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            case WatchedActorTerminated watched:
                ReceivedWatchedTermination(watched);
                break;
            case ActorSelectionMessage selection:
                Actors.ActorSelection.Deliver(selection, this);
                break;
            case Terminated terminated:
                // A Terminated sent by hand (not through death watch) goes to the behaviour as it is.
                ReceiveMessage(terminated);
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    /// <summary>Publishes an unhandled message; an unhandled Terminated breaks the death pact.</summary>
    internal void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        SystemImpl.EventStream.Publish(new UnhandledMessage(message, Sender, Self));
    }

    // ----- creation -----

    private ActorBase NewActor()
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            if (_extras is not null) _extras.BehaviorStack = null;
            var instance = _props.NewActor();
            if (instance is IWithUnboundedStash withStash) withStash.Stash = Extras.Stash ??= new UnboundedStash(this);
            if (instance is IWithTimers withTimers) withTimers.Timers = Extras.Timers ??= new TimerScheduler(this);
            return instance;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    private void HandleCreate()
    {
        try
        {
            _actor = null;
            var actor = NewActor();
            _actor = actor;
            actor.AroundPreStart();
        }
        catch (Exception e)
        {
            var cause = e is ActorInitializationException ? e : new ActorInitializationException(Self, $"Exception while creating {Self}: {e.Message}", e);
            _actor = null;
            // Failure of creation suspends the cell and asks the supervisor, like any failure.
            _suspendCount++;
            Extras.FailedMessage = null;
            _parent.SendSystemMessage(new Failed(_self, cause, _self.Path.Uid));
        }
    }

    // ----- behaviours -----

    /// <inheritdoc />
    public void Become(Receive receive)
    {
        var stack = Extras.BehaviorStack ??= new List<Receive>(1);
        if (stack.Count > 0) stack[^1] = receive;
        else stack.Add(receive);
    }

    /// <inheritdoc />
    public void BecomeStacked(Receive receive) => (Extras.BehaviorStack ??= new List<Receive>(2)).Add(receive);

    /// <inheritdoc />
    public void UnbecomeStacked()
    {
        var stack = _extras?.BehaviorStack;
        if (stack is { Count: > 0 }) stack.RemoveAt(stack.Count - 1);
    }

    /// <inheritdoc />
    public void Become(UntypedReceive receive) => Become(m =>
    {
        receive(m);
        return true;
    });

    /// <inheritdoc />
    public void BecomeStacked(UntypedReceive receive) => BecomeStacked(m =>
    {
        receive(m);
        return true;
    });

    /// <inheritdoc />
    public ActorSelection ActorSelection(string path) => SystemImpl.ActorSelectionFrom(_self, path);

    /// <inheritdoc />
    public ActorSelection ActorSelection(ActorPath path) => SystemImpl.ActorSelection(path);

    /// <summary>Publishes an error raised by a lifecycle hook.</summary>
    private void PublishHookFailure(string hook, Exception e) =>
        SystemImpl.EventStream.Publish(new Error(e, Self.Path.ToString(), _actor?.GetType() ?? _props.ActorType,
            new ActorLifecycleException(Self, hook, e).Message));

    /// <inheritdoc />
    public override string ToString() => $"ActorCell({Self.Path})";
}
