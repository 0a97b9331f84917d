using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Polca.Actors;

/// <summary>
/// Timers on a virtual clock, fired by the virtual time controller in order of due time and then of scheduling. Timers
/// due at the same instant share one chain (linked through <see cref="TimerEntry.Next"/>, in the order they were set),
/// found by their instant in a dictionary; a min-heap orders the distinct instants. Many timers falling due at the same
/// instants (periodic samplers, delays in whole milliseconds) then cost a dictionary look-up each rather than a heap
/// operation over every pending timer, and nothing is allocated per timer beyond its entry.
/// </summary>
internal sealed class VirtualTimeScheduler(VirtualClock clock, QuiescenceMonitor quiescence) : SchedulerBase(clock)
{
    private struct Chain
    {
        public TimerEntry? Head;
        public TimerEntry? Tail;
    }

    private readonly object _lock = new();
    // One chain per instant that has timers; each instant is in the heap exactly once while its chain is in the dictionary.
    private readonly Dictionary<long, Chain> _chains = new();
    private readonly InstantHeap _instants = new();
    private int _count;
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
            Insert(entry);
        }
        quiescence.TimerSet();
    }

    /// <summary>Appends <paramref name="entry"/> to the chain of its instant. Under the lock.</summary>
    private void Insert(TimerEntry entry)
    {
        entry.Sequence = _sequence++;
        entry.Next = null;
        ref var chain = ref CollectionsMarshal.GetValueRefOrAddDefault(_chains, entry.Due, out var exists);
        if (exists)
        {
            chain.Tail!.Next = entry;
            chain.Tail = entry;
        }
        else
        {
            chain.Head = chain.Tail = entry;
            _instants.Push(entry.Due);
        }
        _count++;
    }

    /// <summary>
    /// The earliest instant with a live timer, dropping the cancelled timers at the front of its chain (and chains left
    /// with none). Under the lock.
    /// </summary>
    private bool TryPeekLive(out long due)
    {
        while (_instants.TryPeek(out due))
        {
            ref var chain = ref CollectionsMarshal.GetValueRefOrNullRef(_chains, due);
            while (chain.Head is { } head && head.IsCancellationRequested)
            {
                chain.Head = head.Next;
                head.Next = null;
                _count--;
            }
            if (chain.Head is not null) return true;
            _chains.Remove(due);
            _instants.Pop();
        }
        return false;
    }

    /// <summary>Removes the earliest instant's chain (that of <paramref name="due"/>, just peeked) and returns its first timer. Under the lock.</summary>
    private TimerEntry TakeChain(long due)
    {
        _chains.Remove(due, out var chain);
        _instants.Pop();
        return chain.Head!;
    }

    /// <inheritdoc />
    internal override void Shutdown()
    {
        lock (_lock)
        {
            _stopped = true;
            _chains.Clear();
            _instants.Clear();
            _count = 0;
        }
    }

    /// <summary>The due time (elapsed ticks) of the earliest live timer, or null when there is none.</summary>
    internal long? NextDue()
    {
        lock (_lock) return TryPeekLive(out var due) ? due : null;
    }

    /// <summary>Number of live and cancelled timers not yet fired.</summary>
    internal int Count
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    /// <summary>
    /// Fires only the earliest due timer (deterministic mode). A periodic timer's next run is queued before it fires, so
    /// that its place among the timers its firing schedules does not depend on thread timing. False when none is due.
    /// </summary>
    internal bool FireNext() => FireNext(clock.ElapsedTicks, advanceClock: false);

    /// <summary>
    /// Deterministic manual mode, on the dispatcher thread: when the earliest live timer is due at or before
    /// <paramref name="limit"/>, moves the clock to it and fires it alone, as <see cref="FireNext()"/> does; false otherwise.
    /// </summary>
    internal bool AdvanceAndFireNext(long limit) => FireNext(limit, advanceClock: true);

    private bool FireNext(long limit, bool advanceClock)
    {
        TimerEntry? next = null;
        lock (_lock)
        {
            if (TryPeekLive(out var due) && due <= limit)
            {
                if (advanceClock && due > clock.ElapsedTicks) clock.AdvanceTo(due);
                ref var chain = ref CollectionsMarshal.GetValueRefOrNullRef(_chains, due);
                next = chain.Head!;
                chain.Head = next.Next;
                if (chain.Head is null) TakeChain(due);
                next.Next = null;
                _count--;
                if (next.Interval > 0 && !_stopped)
                {
                    next.Due += next.Interval;
                    Insert(next);
                }
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
            while (TryPeekLive(out var due) && due <= now)
            {
                for (var entry = TakeChain(due); entry is not null;)
                {
                    var next = entry.Next;
                    entry.Next = null;
                    _count--;
                    if (!entry.IsCancellationRequested) AddToBatch(ref count, entry);
                    entry = next;
                }
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
                    Insert(entry);
                }
            }
        }
        return count;
    }

    /// <summary>
    /// Moves the clock to the earliest instant with a live timer and fires, in scheduling order, every live timer due then
    /// (deterministic automatic mode: the dispatcher thread fires them and then runs their effects). Timers that their
    /// firing sets for the same instant fire in the next call. A periodic timer's next run is queued when it is taken,
    /// before it fires. The caller holds the controller's advance lock. Returns how many fired; 0 when no timer is set.
    /// </summary>
    internal int AdvanceAndFireEarliest()
    {
        var count = 0;
        lock (_lock)
        {
            if (!TryPeekLive(out var due)) return 0;
            if (due > clock.ElapsedTicks) clock.AdvanceTo(due);
            for (var entry = TakeChain(due); entry is not null;)
            {
                var next = entry.Next;
                entry.Next = null;
                _count--;
                if (!entry.IsCancellationRequested)
                {
                    AddToBatch(ref count, entry);
                    if (entry.Interval > 0 && !_stopped)
                    {
                        entry.Due += entry.Interval;
                        Insert(entry);
                    }
                }
                entry = next;
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

    /// <summary>A binary min-heap of instants (elapsed ticks).</summary>
    private sealed class InstantHeap
    {
        private long[] _items = new long[64];
        private int _count;

        public bool TryPeek(out long value)
        {
            if (_count == 0)
            {
                value = 0;
                return false;
            }
            value = _items[0];
            return true;
        }

        public void Push(long value)
        {
            if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            var items = _items;
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (items[parent] <= value) break;
                items[i] = items[parent];
                i = parent;
            }
            items[i] = value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Pop()
        {
            var items = _items;
            var last = items[--_count];
            if (_count == 0) return;
            var i = 0;
            var half = _count >> 1;
            while (i < half)
            {
                var child = 2 * i + 1;
                var right = child + 1;
                if (right < _count && items[right] < items[child]) child = right;
                if (last <= items[child]) break;
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
        }

        public void Clear() => _count = 0;
    }
}
