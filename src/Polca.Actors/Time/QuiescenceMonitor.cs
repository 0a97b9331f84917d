namespace Polca.Actors;

/// <summary>Counts scheduled mailboxes (and other tracked work) of a virtual-time system, and wakes waiters when the count reaches zero.</summary>
internal sealed class QuiescenceMonitor
{
    private readonly object _lock = new();
    private long _pending;
    private int _waiters;

    /// <summary>True when no actor has work.</summary>
    public bool IsQuiescent => Volatile.Read(ref _pending) == 0;

    /// <summary>Work items pending now.</summary>
    public long Pending => Volatile.Read(ref _pending);

    /// <summary>One more unit of work is pending.</summary>
    public void Increment() => Interlocked.Increment(ref _pending);

    /// <summary>One unit of work finished; wakes waiters if none is left.</summary>
    public void Decrement()
    {
        if (Interlocked.Decrement(ref _pending) == 0) Notify();
    }

    /// <summary>Wakes every waiter to re-check its condition.</summary>
    public void Notify()
    {
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
