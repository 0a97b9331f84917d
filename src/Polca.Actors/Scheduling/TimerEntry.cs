namespace Polca.Actors;

/// <summary>One scheduled item: when it is due, what it does, whether it repeats; it is its own cancellation handle.</summary>
internal sealed class TimerEntry : ICancelable
{
    /// <summary>Due time in the scheduler's units (stopwatch ticks or virtual ticks).</summary>
    internal long Due;

    /// <summary>Repeat interval in the scheduler's units; zero for once.</summary>
    internal long Interval;

    /// <summary>Order of scheduling, to fire timers due at the same instant in the order they were set.</summary>
    internal long Sequence;

    /// <summary>Next entry in the same wheel slot.</summary>
    internal TimerEntry? Next;

    private readonly ICanTell? _receiver;
    private readonly object? _message;
    private readonly IActorRef? _sender;
    private readonly Action? _action;
    private readonly ICancelable? _external;
    private volatile bool _cancelled;

    internal TimerEntry(ICanTell receiver, object message, IActorRef? sender, ICancelable? external)
    {
        _receiver = receiver;
        _message = message;
        _sender = sender;
        _external = external;
    }

    internal TimerEntry(Action action)
    {
        _action = action;
    }

    /// <inheritdoc />
    public void Cancel() => _cancelled = true;

    /// <inheritdoc />
    public bool IsCancellationRequested => _cancelled || (_external?.IsCancellationRequested ?? false);

    /// <summary>Delivers the message or runs the action, unless cancelled.</summary>
    internal void Fire(Action<Exception> onActionError)
    {
        if (IsCancellationRequested) return;
        if (_action is null)
        {
            _receiver!.Tell(_message!, _sender);
            return;
        }
        try
        {
            _action();
        }
        catch (Exception e)
        {
            onActionError(e);
        }
    }
}
