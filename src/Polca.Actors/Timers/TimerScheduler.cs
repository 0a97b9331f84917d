namespace Polca.Actors;

/// <summary>The named timers of one actor, on the system scheduler; messages of cancelled or replaced timers are dropped on arrival.</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, ActiveTimer> _timers = new();
    private long _generation;

    private sealed record ActiveTimer(long Generation, ICancelable Cancelable, bool Periodic);

    /// <inheritdoc />
    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, null);

    /// <inheritdoc />
    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    /// <inheritdoc />
    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (interval is { } i && i <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "a periodic timer needs a positive interval");
        Cancel(key);
        var generation = ++_generation;
        var tagged = new TimerMessage(key, generation, message, this);
        var scheduler = cell.SystemImpl.Scheduler;
        var cancelable = interval is { } every
            ? scheduler.ScheduleTellRepeatedlyCancelable(delay, every, cell.Self, tagged, ActorRefs.NoSender)
            : scheduler.ScheduleTellOnceCancelable(delay, cell.Self, tagged, ActorRefs.NoSender);
        _timers[key] = new ActiveTimer(generation, cancelable, interval is not null);
    }

    /// <inheritdoc />
    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    /// <inheritdoc />
    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    /// <inheritdoc />
    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Cancelable.Cancel();
    }

    /// <inheritdoc />
    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Cancelable.Cancel();
        _timers.Clear();
    }

    /// <summary>True when <paramref name="message"/> comes from the live generation of its timer (a single timer then ends).</summary>
    internal bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this) || !_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation)
            return false;
        if (!timer.Periodic) _timers.Remove(message.Key);
        return true;
    }
}
