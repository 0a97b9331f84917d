using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>
/// A parent that recreates its child after the child stops, waiting longer after each restart (Akka.NET's
/// BackoffSupervisor). Messages sent to the supervisor are forwarded to the child, or become dead letters while it is down.
/// </summary>
public sealed class BackoffSupervisor : ActorBase
{
    private readonly BackoffOptions _options;
    private readonly Random _random;
    private readonly ILoggingAdapter _log;
    private IActorRef? _child;
    private int _restarts;
    private DateTimeOffset _childStarted;

    /// <summary>Asks the supervisor for its current child; it replies with <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild
    {
        /// <summary>The one instance.</summary>
        public static readonly GetCurrentChild Instance = new();
    }

    /// <summary>The child now, or null while it is down.</summary>
    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Asks how many times the child has been restarted.</summary>
    public sealed class GetRestartCount
    {
        /// <summary>The one instance.</summary>
        public static readonly GetRestartCount Instance = new();
    }

    /// <summary>How many times the child has been restarted.</summary>
    public sealed record RestartCount(int Count);

    private sealed class StartChild
    {
        public static readonly StartChild Instance = new();
    }

    /// <summary>Props of a backoff supervisor with <paramref name="options"/>.</summary>
    public static Props Props(BackoffOptions options) => Actors.Props.Create(() => new BackoffSupervisor(options));

    /// <summary>Creates the supervisor; use <see cref="Props(BackoffOptions)"/>.</summary>
    public BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
        _random = Context.System.CreateRandom("backoff:" + Self.Path);
        _log = Context.GetLogger();
    }

    /// <inheritdoc />
    protected override void PreStart() => StartChildNow();

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;

    private void StartChildNow()
    {
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        _childStarted = Context.System.Clock.Now;
    }

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated terminated when terminated.ActorRef.Equals(_child):
                _child = null;
                if (Context.System.Clock.Now - _childStarted >= (_options.ResetBackoffAfter ?? _options.MinBackoff)) _restarts = 0;
                if (_options.MaxRestarts is { } max && _restarts >= max)
                {
                    _log.Warning("{0} stopped {1} times; giving up", _options.ChildName, _restarts + 1);
                    Context.Stop(Self);
                    return true;
                }
                var delay = _options.DelayFor(_restarts);
                delay += TimeSpan.FromMilliseconds(delay.TotalMilliseconds * _options.RandomFactor * _random.NextDouble());
                _restarts++;
                _log.Info("{0} stopped; restarting it in {1:0.###} s (restart {2})", _options.ChildName, delay.TotalSeconds, _restarts);
                Context.System.Scheduler.ScheduleTellOnce(delay, Self, StartChild.Instance, Self);
                return true;
            case StartChild:
                if (_child is null) StartChildNow();
                return true;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child), Self);
                return true;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restarts), Self);
                return true;
            default:
                if (_child is not null) _child.Tell(message, Sender);
                else Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self), Sender);
                return true;
        }
    }
}
