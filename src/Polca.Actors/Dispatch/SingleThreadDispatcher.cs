namespace Polca.Actors.Dispatch;

/// <summary>
/// Runs every mailbox on one dedicated thread in first-come order: with a seed and virtual time, runs are reproducible.
/// The thread owns the mailboxes' user-message queues and its run queue: an actor telling another appends and schedules
/// without a lock. Other threads hand it what they tell (<see cref="Post"/>) and the mailboxes they schedule (system
/// messages) through a locked inbox that the thread drains.
/// In virtual time the dispatcher does the quiescence accounting for its mailboxes: it holds one unit of pending work while
/// it has mailboxes to run (rather than one per mailbox), and other threads add one per mailbox they hand it.
/// In virtual time the thread itself moves the clock when it runs out of work and nothing else is pending
/// (<see cref="VirtualTimeController.TryStep"/>): with automatic advance it fires the timers due at the next instant; with
/// manual advance it takes the steps of the run a caller asked for. When external work is open, a caller holds the
/// clock, or there is nothing to do, it waits to be woken (<see cref="Wake"/>).
/// </summary>
internal sealed class SingleThreadDispatcher : MessageDispatcher
{
    private readonly object _gate = new();
    // Mailboxes scheduled by other threads, under _gate.
    private readonly Queue<ActorCell> _inbox = new();
    // User messages told by other threads, under _gate; swapped with _delivering (dispatcher thread only) to be delivered.
    private Queue<(ActorCell Cell, Envelope Envelope)> _posts = new();
    private Queue<(ActorCell Cell, Envelope Envelope)> _delivering = new();
    // Mailboxes scheduled by the dispatcher thread, and the inbox once drained: touched only by the dispatcher thread.
    private readonly Queue<ActorCell> _run = new();
    private readonly QuiescenceMonitor? _quiescence;
    private readonly VirtualTimeController? _time;
    private readonly Thread _thread;
    private readonly int _threadId;
    private volatile bool _hasInbox;
    private volatile bool _stopping;
    // Under _gate: the thread waits on _gate.
    private bool _waiting;
    // 1 when something changed that may let the thread advance the clock (set under _gate, cleared by the thread).
    private int _wake;
    // Dispatcher thread only: whether it holds a unit of pending work in _quiescence.
    private bool _busy;

    /// <summary>
    /// Starts the thread. <paramref name="quiescence"/>: the virtual-time system's monitor (null in real time);
    /// <paramref name="time"/>: the controller whose steps the thread takes (virtual time), freely when
    /// <paramref name="automatic"/>, otherwise for the callers that advance it.
    /// </summary>
    public SingleThreadDispatcher(int throughput, string name, QuiescenceMonitor? quiescence = null, VirtualTimeController? time = null,
        bool automatic = false)
        : base(throughput)
    {
        _quiescence = quiescence;
        _time = time;
        _thread = new Thread(Loop) { IsBackground = true, Name = $"polca-{name}-dispatcher" };
        _threadId = _thread.ManagedThreadId;
        time?.AdvanceOnDispatcher(Wake, automatic);
        _thread.Start();
    }

    /// <summary>True on the dispatcher thread.</summary>
    internal bool IsDispatcherThread => Environment.CurrentManagedThreadId == _threadId;

    /// <summary>Hands a user message told by another thread to the dispatcher thread, which queues it in <paramref name="cell"/>'s mailbox.</summary>
    internal void Post(ActorCell cell, in Envelope envelope)
    {
        // Counted before it is queued, so that the system never looks idle in between; the thread takes the count over.
        _quiescence?.Increment();
        lock (_gate)
        {
            _posts.Enqueue((cell, envelope));
            _hasInbox = true;
            if (_waiting) Monitor.Pulse(_gate);
        }
    }

    /// <inheritdoc />
    public override void Schedule(ActorCell cell)
    {
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            // The thread is running (it holds its unit of pending work): no lock, no count.
            _run.Enqueue(cell);
            return;
        }
        // Counted before it is queued, so that the system never looks idle in between; the thread takes the count over.
        _quiescence?.Increment();
        lock (_gate)
        {
            _inbox.Enqueue(cell);
            _hasInbox = true;
            if (_waiting) Monitor.Pulse(_gate);
        }
    }

    /// <summary>Wakes the thread to try advancing the clock again (external work ended, a timer was set, a manual advance ended).</summary>
    internal void Wake()
    {
        if (Environment.CurrentManagedThreadId == _threadId) return;
        lock (_gate)
        {
            _wake = 1;
            if (_waiting) Monitor.Pulse(_gate);
        }
    }

    /// <inheritdoc />
    public override void Shutdown()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        while (true)
        {
            if (_hasInbox) TakeInbox();
            if (_run.TryDequeue(out var cell))
            {
                cell.Run();
                continue;
            }
            if (_time is not null && TryAdvance()) continue;
            if (_busy)
            {
                _busy = false;
                _quiescence!.Decrement();
            }
            lock (_gate)
            {
                while (!_hasInbox && _wake == 0 && !_stopping)
                {
                    _waiting = true;
                    Monitor.Wait(_gate);
                    _waiting = false;
                }
                if (_stopping && !_hasInbox) return;
            }
        }
    }

    /// <summary>Out of work: advances the clock when nothing else is pending; true when timers fired (or when it must look again).</summary>
    private bool TryAdvance()
    {
        // Cleared before looking, so that a change made while we look leaves it set and we do not sleep through it.
        if (Volatile.Read(ref _wake) != 0) Interlocked.Exchange(ref _wake, 0);
        var result = _time!.TryStep(ref _busy);
        if (result == VirtualTimeController.StepResult.Fired) return true;
        if (result == VirtualTimeController.StepResult.OthersPending && _busy)
        {
            // The others may have finished while we held our unit: their count then never reached zero (no wake-up
            // came), so when ours is the last, look again.
            _busy = false;
            return _quiescence!.Decrement() == 0;
        }
        return false;
    }

    /// <summary>
    /// Moves the mailboxes other threads scheduled to the run queue and delivers the messages they told, taking over their
    /// pending-work units.
    /// </summary>
    private void TakeInbox()
    {
        int taken;
        var delivering = _delivering;
        lock (_gate)
        {
            taken = _inbox.Count + _posts.Count;
            while (_inbox.TryDequeue(out var cell)) _run.Enqueue(cell);
            _delivering = _posts;
            _posts = delivering;
            _hasInbox = false;
        }
        if (_quiescence is not null)
        {
            // Holding our unit first, the count never touches zero on the way.
            if (_busy)
            {
                _quiescence.Add(-taken);
            }
            else
            {
                _busy = true;
                _quiescence.Add(1 - taken);
            }
        }
        while (_delivering.TryDequeue(out var post)) post.Cell.DeliverPosted(post.Envelope);
    }
}
