namespace Polca.Actors;

/// <summary>
/// Counts pending work of a virtual-time system (scheduled mailboxes, open external work, a busy deterministic
/// dispatcher) and wakes waiters when the count reaches zero.
/// </summary>
internal sealed class QuiescenceMonitor
{
    private readonly object _lock = new();
    private long _pending;
    private int _waiters;
    private Action? _changed;

    /// <summary>True when no actor has work.</summary>
    public bool IsQuiescent => Volatile.Read(ref _pending) == 0;

    /// <summary>Work items pending now.</summary>
    public long Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Called by <see cref="Notify"/> (so also when the count reaches zero): in deterministic automatic mode, wakes the
    /// dispatcher thread that advances the clock. Set once, before the system runs.
    /// </summary>
    internal Action? Changed
    {
        get => _changed;
        set => _changed = value;
    }

    /// <summary>One more unit of work is pending.</summary>
    public void Increment() => Interlocked.Increment(ref _pending);

    /// <summary>One unit of work finished; wakes waiters if none is left. Returns the units left.</summary>
    public long Decrement()
    {
        var left = Interlocked.Decrement(ref _pending);
        if (left == 0) Notify();
        return left;
    }

    /// <summary>Adds <paramref name="delta"/> units (negative to remove); the caller keeps the count above zero.</summary>
    public void Add(long delta) => Interlocked.Add(ref _pending, delta);

    /// <summary>Takes one unit if and only if nothing is pending: the caller then owns a quiescent system.</summary>
    public bool TryClaimIdle() => Interlocked.CompareExchange(ref _pending, 1, 0) == 0;

    /// <summary>
    /// A timer was set. Only whoever advances the clock cares: the dispatcher thread in deterministic mode (through
    /// <see cref="Changed"/>; nobody else waits on timers), otherwise the automatic driver among the waiters.
    /// </summary>
    public void TimerSet()
    {
        if (_changed is { } changed) changed();
        else Notify();
    }

    /// <summary>Wakes every waiter to re-check its condition.</summary>
    public void Notify()
    {
        _changed?.Invoke();
        if (Volatile.Read(ref _waiters) == 0) return;
        lock (_lock) Monitor.PulseAll(_lock);
    }

    /// <summary>Blocks until <paramref name="condition"/> holds (checked on every notification); false when the wall-clock guard expires first.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan wallGuard)
    {
        var deadline = Environment.TickCount64 + (long)wallGuard.TotalMilliseconds;
        lock (_lock)
        {
            Interlocked.Increment(ref _waiters);
            try
            {
                while (!condition())
                {
                    var remaining = deadline - Environment.TickCount64;
                    if (remaining <= 0) return false;
                    Monitor.Wait(_lock, (int)Math.Min(remaining, 1000));
                }
                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
    }
}
