namespace Polca.Actors;

/// <summary>The scheduler API in terms of one primitive: put an entry on the timeline after a delay.</summary>
internal abstract class SchedulerBase(Clock clock) : IScheduler, IAdvancedScheduler
{
    /// <summary>Publishes an exception thrown by a scheduled action.</summary>
    internal Action<Exception> OnActionError { get; set; } = _ => { };

    /// <inheritdoc />
    public DateTimeOffset Now => clock.Now;

    /// <inheritdoc />
    public TimeSpan MonotonicClock => clock.Elapsed;

    /// <inheritdoc />
    public IAdvancedScheduler Advanced => this;

    /// <summary>Schedules <paramref name="entry"/> <paramref name="delay"/> from now, repeating every <paramref name="interval"/> when given.</summary>
    protected abstract void Schedule(TimerEntry entry, TimeSpan delay, TimeSpan? interval);

    /// <summary>Stops the scheduler; pending entries never fire.</summary>
    internal abstract void Shutdown();

    private static void CheckInterval(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "a repeat interval must be positive");
    }

    /// <inheritdoc />
    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        Schedule(new TimerEntry(receiver, message, sender, null), delay, null);

    /// <inheritdoc />
    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable) =>
        Schedule(new TimerEntry(receiver, message, sender, cancelable), delay, null);

    /// <inheritdoc />
    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        CheckInterval(interval);
        Schedule(new TimerEntry(receiver, message, sender, null), initialDelay, interval);
    }

    /// <inheritdoc />
    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable cancelable)
    {
        CheckInterval(interval);
        Schedule(new TimerEntry(receiver, message, sender, cancelable), initialDelay, interval);
    }

    /// <inheritdoc />
    public ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        var entry = new TimerEntry(receiver, message, sender, null);
        Schedule(entry, delay, null);
        return entry;
    }

    /// <inheritdoc />
    public ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        CheckInterval(interval);
        var entry = new TimerEntry(receiver, message, sender, null);
        Schedule(entry, initialDelay, interval);
        return entry;
    }

    /// <inheritdoc />
    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var entry = new TimerEntry(action);
        Schedule(entry, delay, null);
        return entry;
    }

    /// <inheritdoc />
    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        CheckInterval(interval);
        var entry = new TimerEntry(action);
        Schedule(entry, initialDelay, interval);
        return entry;
    }
}
