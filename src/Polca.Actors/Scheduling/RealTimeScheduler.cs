using System.Collections.Concurrent;
using System.Diagnostics;

namespace Polca.Actors;

/// <summary>
/// Fires timers on wall-clock time (scaled by the clock's pace) from one dedicated thread, with a hashed timing wheel of
/// one-millisecond slots for the next few seconds and a heap beyond. The thread sleeps until just before the next due
/// timer and yields through the last fraction of a millisecond, so timers fire within about a millisecond of their due time.
/// </summary>
internal sealed class RealTimeScheduler : SchedulerBase
{
    private const int WheelBits = 12;
    private const int WheelSize = 1 << WheelBits;
    private const int WheelMask = WheelSize - 1;

    private readonly RealTimeClock _clock;
    private readonly long _ticksPerSlot;
    private readonly long _spinTicks;
    private readonly TimerEntry?[] _heads = new TimerEntry?[WheelSize];
    private readonly TimerEntry?[] _tails = new TimerEntry?[WheelSize];
    private readonly PriorityQueue<TimerEntry, long> _overflow = new();
    private readonly ConcurrentQueue<TimerEntry> _incoming = new();
    private readonly ManualResetEventSlim _signal = new(false, 0);
    private readonly Thread _thread;
    private long _processedSlot;
    private int _wheelCount;
    private long _wakeAt = long.MinValue;
    private volatile bool _stopping;

    public RealTimeScheduler(RealTimeClock clock, TimeSpan resolution) : base(clock)
    {
        _clock = clock;
        _ticksPerSlot = Math.Max(1, (long)(resolution.TotalSeconds * Stopwatch.Frequency));
        _spinTicks = _ticksPerSlot;
        _processedSlot = SlotOf(Stopwatch.GetTimestamp());
        _thread = new Thread(Loop) { IsBackground = true, Name = "polca-scheduler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    private long SlotOf(long timestamp) => (timestamp - _clock.OriginTimestamp) / _ticksPerSlot;

    /// <inheritdoc />
    protected override void Schedule(TimerEntry entry, TimeSpan delay, TimeSpan? interval)
    {
        var now = Stopwatch.GetTimestamp();
        entry.Due = now + (delay <= TimeSpan.Zero ? 0 : _clock.ToWallTicks(delay));
        entry.Interval = interval is { } every ? Math.Max(1, _clock.ToWallTicks(every)) : 0;
        _incoming.Enqueue(entry);
        if (entry.Due < Volatile.Read(ref _wakeAt)) _signal.Set();
    }

    /// <inheritdoc />
    internal override void Shutdown()
    {
        _stopping = true;
        _signal.Set();
    }

    private void Loop()
    {
        while (!_stopping)
        {
            DrainIncoming();
            FireDue(Stopwatch.GetTimestamp());
            var next = NextDue();
            Volatile.Write(ref _wakeAt, next);
            if (!_incoming.IsEmpty)
            {
                Volatile.Write(ref _wakeAt, long.MinValue);
                continue;
            }
            var now = Stopwatch.GetTimestamp();
            var wait = next - now;
            if (wait > _spinTicks)
            {
                var sleepTicks = wait - _spinTicks;
                var ms = (int)Math.Min(1000, Math.Max(1, sleepTicks * 1000 / Stopwatch.Frequency));
                _signal.Wait(ms);
                _signal.Reset();
            }
            else if (wait > 0)
            {
                Thread.Yield();
            }
            Volatile.Write(ref _wakeAt, long.MinValue);
        }
    }

    private void DrainIncoming()
    {
        while (_incoming.TryDequeue(out var entry)) Insert(entry);
    }

    private void Insert(TimerEntry entry)
    {
        if (entry.IsCancellationRequested) return;
        var slot = Math.Max(SlotOf(entry.Due), _processedSlot);
        if (slot - _processedSlot >= WheelSize)
        {
            _overflow.Enqueue(entry, entry.Due);
            return;
        }
        var index = (int)(slot & WheelMask);
        entry.Next = null;
        if (_tails[index] is { } tail) tail.Next = entry;
        else _heads[index] = entry;
        _tails[index] = entry;
        _wheelCount++;
    }

    private void FireDue(long now)
    {
        var nowSlot = SlotOf(now);
        while (_processedSlot <= nowSlot)
        {
            PullOverflow();
            var index = (int)(_processedSlot & WheelMask);
            var entry = _heads[index];
            _heads[index] = null;
            _tails[index] = null;
            List<TimerEntry>? repeat = null;
            while (entry is not null)
            {
                var next = entry.Next;
                entry.Next = null;
                _wheelCount--;
                if (entry.IsCancellationRequested)
                {
                    // dropped
                }
                else if (entry.Due <= now)
                {
                    entry.Fire(OnActionError);
                    if (entry.Interval > 0 && !entry.IsCancellationRequested)
                    {
                        entry.Due += entry.Interval;
                        if (entry.Due <= now) entry.Due = now + 1;
                        (repeat ??= []).Add(entry);
                    }
                }
                else
                {
                    // Due later within the current slot: keep it here.
                    if (_tails[index] is { } tail) tail.Next = entry;
                    else _heads[index] = entry;
                    _tails[index] = entry;
                    _wheelCount++;
                }
                entry = next;
            }
            if (repeat is not null)
                foreach (var r in repeat) Insert(r);
            if (_processedSlot == nowSlot) break;
            _processedSlot++;
        }
    }

    private void PullOverflow()
    {
        while (_overflow.TryPeek(out var entry, out var due) && SlotOf(due) - _processedSlot < WheelSize)
        {
            _overflow.Dequeue();
            Insert(entry);
        }
    }

    private long NextDue()
    {
        var best = long.MaxValue;
        if (_wheelCount > 0)
        {
            for (var slot = _processedSlot; slot < _processedSlot + WheelSize; slot++)
            {
                var entry = _heads[(int)(slot & WheelMask)];
                if (entry is null) continue;
                for (; entry is not null; entry = entry.Next)
                    if (entry.Due < best) best = entry.Due;
                break;
            }
        }
        if (_overflow.TryPeek(out _, out var overflowDue) && overflowDue < best) best = overflowDue;
        return best;
    }
}
