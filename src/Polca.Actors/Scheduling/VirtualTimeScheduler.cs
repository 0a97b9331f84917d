namespace Polca.Actors;

/// <summary>Timers on a virtual clock: a heap ordered by due time and then by scheduling order; fired by the virtual time controller.</summary>
internal sealed class VirtualTimeScheduler(VirtualClock clock, QuiescenceMonitor quiescence) : SchedulerBase(clock)
{
    private readonly object _lock = new();
    private readonly PriorityQueue<TimerEntry, (long Due, long Sequence)> _queue = new();
    private long _sequence;
    private bool _stopped;
    // Timers taken from the queue to fire outside the lock; reused, touched only under the controller's advance lock.
    private TimerEntry[] _batch = new TimerEntry[64];

    /// <inheritdoc />
    protected override void Schedule(TimerEntry entry, TimeSpan delay, TimeSpan? interval)
    {
        lock (_lock)
        {
            if (_stopped) return;
            entry.Due = clock.ElapsedTicks + Math.Max(0, delay.Ticks);
            entry.Interval = interval?.Ticks ?? 0;
            entry.Sequence = _sequence++;
            _queue.Enqueue(entry, (entry.Due, entry.Sequence));
        }
        quiescence.Notify();
    }

    /// <inheritdoc />
    internal override void Shutdown()
    {
        lock (_lock)
        {
            _stopped = true;
            _queue.Clear();
        }
    }

    /// <summary>The due time (elapsed ticks) of the earliest live timer, or null when there is none.</summary>
    internal long? NextDue()
    {
        lock (_lock)
        {
            while (_queue.TryPeek(out var entry, out var key))
            {
                if (!entry.IsCancellationRequested) return key.Due;
                _queue.Dequeue();
            }
            return null;
        }
    }

    /// <summary>Number of live and cancelled timers not yet fired.</summary>
    internal int Count
    {
        get
        {
            lock (_lock) return _queue.Count;
        }
    }

    /// <summary>
    /// Fires only the earliest due timer (deterministic mode). A periodic timer's next run is queued before it fires, so
    /// that its place among the timers its firing schedules does not depend on thread timing. False when none is due.
    /// </summary>
    internal bool FireNext()
    {
        var now = clock.ElapsedTicks;
        TimerEntry? next = null;
        lock (_lock)
        {
            while (_queue.TryPeek(out var entry, out var key) && key.Due <= now)
            {
                _queue.Dequeue();
                if (entry.IsCancellationRequested) continue;
                next = entry;
                if (entry.Interval > 0 && !_stopped)
                {
                    entry.Due += entry.Interval;
                    entry.Sequence = _sequence++;
                    _queue.Enqueue(entry, (entry.Due, entry.Sequence));
                }
                break;
            }
        }
        next?.Fire(OnActionError);
        return next is not null;
    }

    /// <summary>
    /// Fires, in order, every timer due at or before the clock's current time; returns how many fired. A periodic timer
    /// is queued again after it fires. The caller holds the controller's advance lock (the batch buffer is shared).
    /// </summary>
    internal int FireDue()
    {
        var now = clock.ElapsedTicks;
        var count = 0;
        lock (_lock)
        {
            while (_queue.TryPeek(out var entry, out var key) && key.Due <= now)
            {
                _queue.Dequeue();
                if (!entry.IsCancellationRequested) AddToBatch(ref count, entry);
            }
        }
        for (var i = 0; i < count; i++)
        {
            var entry = _batch[i];
            _batch[i] = null!;
            entry.Fire(OnActionError);
            if (entry.Interval > 0 && !entry.IsCancellationRequested)
            {
                lock (_lock)
                {
                    if (_stopped) continue;
                    entry.Due += entry.Interval;
                    entry.Sequence = _sequence++;
                    _queue.Enqueue(entry, (entry.Due, entry.Sequence));
                }
            }
        }
        return count;
    }

    /// <summary>
    /// Fires, in (due, sequence) order, every live timer due at <paramref name="instant"/> that was set before this call
    /// (deterministic automatic mode: the clock is at <paramref name="instant"/>, the dispatcher thread fires them and runs
    /// their effects afterwards). Timers that their firing sets for the same instant fire in the next call. A periodic
    /// timer's next run is queued when it is taken, before it fires. The caller holds the controller's advance lock.
    /// Returns how many fired.
    /// </summary>
    internal int FireInstant(long instant)
    {
        var count = 0;
        lock (_lock)
        {
            var limit = _sequence;
            while (_queue.TryPeek(out var entry, out var key) && key.Due <= instant && key.Sequence < limit)
            {
                _queue.Dequeue();
                if (entry.IsCancellationRequested) continue;
                AddToBatch(ref count, entry);
                if (entry.Interval > 0 && !_stopped)
                {
                    entry.Due += entry.Interval;
                    entry.Sequence = _sequence++;
                    _queue.Enqueue(entry, (entry.Due, entry.Sequence));
                }
            }
        }
        for (var i = 0; i < count; i++)
        {
            var entry = _batch[i];
            _batch[i] = null!;
            entry.Fire(OnActionError);
        }
        return count;
    }

    private void AddToBatch(ref int count, TimerEntry entry)
    {
        if (count == _batch.Length) Array.Resize(ref _batch, _batch.Length * 2);
        _batch[count++] = entry;
    }
}
