namespace Polca.Actors;

/// <summary>
/// Moves a virtual clock: waits until no actor has work, jumps to the next due timer, fires it, and repeats.
/// In manual mode only callers (the TestKit, the emulator's runner) advance it, up to a target; in automatic mode it runs
/// as fast as possible. In deterministic mode the steps are taken by the dispatcher thread itself whenever it runs out of
/// work (<see cref="TryStep"/>), with no hand-off between threads per step: in automatic mode freely, in manual mode on
/// behalf of the caller of <see cref="RunUntil"/>, <see cref="Advance"/> or <see cref="AdvanceTo"/>, which waits for it.
/// Otherwise a background thread (automatic) or the caller (manual) takes them. Exactly one party advances at a time
/// (the advance lock).
/// </summary>
public sealed class VirtualTimeController
{
    private readonly VirtualClock _clock;
    private readonly VirtualTimeScheduler _scheduler;
    private readonly QuiescenceMonitor _quiescence;
    private readonly TimeSpan _quiescenceGuard;
    private readonly object _advanceLock = new();
    private readonly bool _oneTimerAtATime;
    private Thread? _driver;
    private volatile bool _stopping;
    // Deterministic mode: wakes the dispatcher thread to advance again (after a manual advance released the lock, or when
    // a caller asks it to run).
    private Action? _resume;
    // Deterministic mode: the dispatcher thread takes the steps (automatic: freely; manual: for the caller's request).
    private bool _onDispatcher;
    private bool _automatic;
    // Deterministic manual mode: the run a caller asked for and waits on; read and changed under the advance lock.
    private RunRequest? _request;
    private readonly object _callerLock = new();

    /// <summary>A caller's run, taken by the dispatcher thread: up to Target, until Stop holds.</summary>
    private sealed class RunRequest(long target, Func<bool>? stop)
    {
        public readonly long Target = target;
        public readonly Func<bool>? Stop = stop;
        // Idle points the dispatcher reached for it: the caller's sign of progress.
        public long Progress;
        public volatile bool Done;
        public bool Result;
        public Exception? Error;
    }

    // oneTimerAtATime (deterministic mode, advanced by callers or the TestKit): fire one due timer per idle system, so that
    // timers due at the same instant never race each other's effects on the dispatcher thread and a seeded run replays
    // exactly. Otherwise all due timers fire together, in order. (Deterministic automatic mode fires from the dispatcher
    // thread itself, every timer of the next instant at once, in order: TryStep.)
    internal VirtualTimeController(VirtualClock clock, VirtualTimeScheduler scheduler, QuiescenceMonitor quiescence, TimeSpan quiescenceGuard,
        bool oneTimerAtATime = false)
    {
        _clock = clock;
        _scheduler = scheduler;
        _quiescence = quiescence;
        _quiescenceGuard = quiescenceGuard;
        _oneTimerAtATime = oneTimerAtATime;
        _isQuiescent = () => _quiescence.IsQuiescent;
    }

    private readonly Func<bool> _isQuiescent;

    /// <summary>The virtual clock.</summary>
    public VirtualClock Clock => _clock;

    /// <summary>True when no actor has work now.</summary>
    public bool IsQuiescent => _quiescence.IsQuiescent;

    /// <summary>Number of timers waiting to fire (including cancelled ones not yet discarded).</summary>
    public int PendingTimers => _scheduler.Count;

    /// <summary>Due time of the next live timer, or null when none is set.</summary>
    public DateTimeOffset? NextTimerDue => _scheduler.NextDue() is { } due ? _clock.Start + TimeSpan.FromTicks(due) : null;

    /// <summary>Blocks until no actor has work; throws when that takes longer than the wall-clock guard.</summary>
    public void WaitForQuiescence()
    {
        if (!_quiescence.WaitUntil(_isQuiescent, _quiescenceGuard))
            throw new TimeoutException($"the actor system did not become idle within {_quiescenceGuard.TotalSeconds:0.#} s of wall time ({_quiescence.Pending} mailboxes busy); is an actor looping forever?");
    }

    /// <summary>Advances by <paramref name="duration"/>, firing every timer due on the way, each after the system is idle.</summary>
    public void Advance(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "time cannot go backwards");
        AdvanceUntil(_clock.ElapsedTicks + duration.Ticks, null);
    }

    /// <summary>Advances to <paramref name="instant"/> (not before now), firing every timer due on the way.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var target = (instant - _clock.Start).Ticks;
        if (target < _clock.ElapsedTicks) throw new ArgumentOutOfRangeException(nameof(instant), instant, $"time cannot go backwards (it is {_clock.Now:O})");
        AdvanceUntil(target, null);
    }

    /// <summary>
    /// Advances towards <paramref name="targetTicks"/> (elapsed ticks) until <paramref name="stop"/> holds; returns true when it held,
    /// false when the clock reached the target with the system idle and it did not.
    /// </summary>
    internal bool AdvanceUntil(long targetTicks, Func<bool>? stop)
    {
        if (_onDispatcher && !_automatic && !_stopping) return RunOnDispatcher(targetTicks, stop);
        try
        {
            return AdvanceUntilLocked(targetTicks, stop);
        }
        finally
        {
            // The dispatcher thread may have found the lock taken and be waiting: it takes over again.
            _resume?.Invoke();
        }
    }

    private bool AdvanceUntilLocked(long targetTicks, Func<bool>? stop)
    {
        lock (_advanceLock)
        {
            while (true)
            {
                var satisfied = false;
                if (!_quiescence.WaitUntil(() => (satisfied = stop?.Invoke() ?? false) || _quiescence.IsQuiescent, _quiescenceGuard))
                    throw new TimeoutException($"the actor system did not become idle within {_quiescenceGuard.TotalSeconds:0.#} s of wall time ({_quiescence.Pending} mailboxes busy); is an actor looping forever?");
                if (satisfied) return true;
                var next = _scheduler.NextDue();
                if (next is null || next.Value > targetTicks)
                {
                    if (_clock.ElapsedTicks < targetTicks) _clock.AdvanceTo(targetTicks);
                    // Timers at exactly the target may have been added meanwhile; otherwise we are done.
                    if (_scheduler.NextDue() is { } again && again <= targetTicks) continue;
                    return stop?.Invoke() ?? false;
                }
                if (next.Value > _clock.ElapsedTicks) _clock.AdvanceTo(next.Value);
                FireDue();
            }
        }
    }

    /// <summary>
    /// Deterministic manual mode: hands the run to the dispatcher thread, which takes the same steps as
    /// <see cref="AdvanceUntilLocked"/> (one timer per idle system, <paramref name="stop"/> checked at each idle point) without
    /// a hand-off between threads per step, and waits for it. <paramref name="stop"/> is also checked here on every
    /// notification, as before: when it holds, the run ends at once (no further step starts).
    /// </summary>
    private bool RunOnDispatcher(long targetTicks, Func<bool>? stop)
    {
        lock (_callerLock)
        {
            if (stop?.Invoke() ?? false) return true;
            var request = new RunRequest(targetTicks, stop);
            lock (_advanceLock) _request = request;
            var satisfied = false;
            try
            {
                _resume!();
                while (true)
                {
                    var progress = Volatile.Read(ref request.Progress);
                    if (_quiescence.WaitUntil(() => request.Done || (satisfied = stop?.Invoke() ?? false), _quiescenceGuard)) break;
                    if (!request.Done && Volatile.Read(ref request.Progress) == progress)
                        throw new TimeoutException($"the actor system did not become idle within {_quiescenceGuard.TotalSeconds:0.#} s of wall time ({_quiescence.Pending} mailboxes busy); is an actor looping forever?");
                }
            }
            finally
            {
                lock (_advanceLock)
                {
                    if (!request.Done)
                    {
                        request.Result = satisfied;
                        request.Done = true;
                    }
                    _request = null;
                }
                // The dispatcher thread may have found the lock taken and be waiting.
                _resume!();
            }
            if (request.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            return request.Result;
        }
    }

    /// <summary>
    /// Runs the system, advancing the clock timer by timer, until <paramref name="condition"/> holds (true) or the clock has
    /// reached <paramref name="deadline"/> with the system idle (false). The condition is re-checked whenever the system goes
    /// idle, a timer fires, or <see cref="Signal"/> is called.
    /// </summary>
    public bool RunUntil(Func<bool> condition, DateTimeOffset deadline)
    {
        var target = Math.Max((deadline - _clock.Start).Ticks, _clock.ElapsedTicks);
        return AdvanceUntil(target, condition);
    }

    /// <summary>Wakes whoever waits in <see cref="RunUntil"/> to re-check its condition.</summary>
    public void Signal() => _quiescence.Notify();

    private void FireDue()
    {
        if (_oneTimerAtATime) _scheduler.FireNext();
        else _scheduler.FireDue();
    }

    /// <summary>What the dispatcher thread's attempt to advance the clock did.</summary>
    internal enum StepResult
    {
        /// <summary>The clock moved to the next due instant (or stayed there) and that instant's timers fired.</summary>
        Fired,

        /// <summary>No live timer is set (or the system is stopping): wait for one to be set from another thread.</summary>
        NoTimer,

        /// <summary>Other work is pending (external work, mailboxes scheduled from other threads): wait for it to end.</summary>
        OthersPending,

        /// <summary>Someone else is advancing (a manual Advance): wait until it is done.</summary>
        LockHeld,
    }

    /// <summary>
    /// Deterministic mode: the dispatcher thread, out of work, takes a step when nothing else is pending. Automatic mode:
    /// it moves the clock to the next due instant and fires, on its own thread, every timer due then. Manual mode: it takes
    /// the next step of the caller's run (<see cref="StepForCaller"/>), if one is asked for. <paramref name="busy"/>:
    /// whether the dispatcher holds a unit of pending work (it takes one to fire, so that nobody sees the system idle
    /// while the timers' effects run, and keeps it).
    /// </summary>
    internal StepResult TryStep(ref bool busy)
    {
        // Manual mode with no run asked for: the clock stands still (a caller's request wakes the thread).
        if (!_automatic && Volatile.Read(ref _request) is not { Done: false }) return StepResult.NoTimer;
        if (busy)
        {
            if (_quiescence.Pending != 1) return StepResult.OthersPending;
        }
        else
        {
            if (!_quiescence.TryClaimIdle()) return StepResult.OthersPending;
            busy = true;
        }
        if (!Monitor.TryEnter(_advanceLock)) return StepResult.LockHeld;
        try
        {
            if (!_automatic) return StepForCaller(ref busy);
            if (_stopping) return StepResult.NoTimer;
            // None fired: no timer is set, or another thread cancelled the one found after the clock moved to it (look again).
            return _scheduler.AdvanceAndFireEarliest() > 0 || _scheduler.NextDue() is not null ? StepResult.Fired : StepResult.NoTimer;
        }
        finally
        {
            Monitor.Exit(_advanceLock);
        }
    }

    /// <summary>
    /// Deterministic manual mode, on the dispatcher thread with the system idle and the advance lock held: the next step of
    /// the caller's run, as <see cref="AdvanceUntilLocked"/> takes it. When the run is over, gives up the dispatcher's unit
    /// of work first (the caller then finds the system idle, as before) and wakes the caller.
    /// </summary>
    private StepResult StepForCaller(ref bool busy)
    {
        if (_request is not { Done: false } request) return StepResult.NoTimer;
        Volatile.Write(ref request.Progress, request.Progress + 1);
        try
        {
            if (!_stopping)
            {
                if (request.Stop?.Invoke() ?? false)
                {
                    Complete(request, true, ref busy);
                    return StepResult.NoTimer;
                }
                // One timer per idle system (deterministic), as FireDue does for the caller-driven run.
                if (_scheduler.AdvanceAndFireNext(request.Target)) return StepResult.Fired;
            }
            if (_clock.ElapsedTicks < request.Target) _clock.AdvanceTo(request.Target);
            // Timers at exactly the target may have been set meanwhile (from another thread); otherwise the run is over.
            if (!_stopping && _scheduler.NextDue() is { } again && again <= request.Target) return StepResult.Fired;
            Complete(request, request.Stop?.Invoke() ?? false, ref busy);
        }
        catch (Exception e)
        {
            request.Error = e;
            Complete(request, false, ref busy);
        }
        return StepResult.NoTimer;
    }

    private void Complete(RunRequest request, bool result, ref bool busy)
    {
        if (busy)
        {
            busy = false;
            _quiescence.Decrement();
        }
        request.Result = result;
        request.Done = true;
        _quiescence.Notify();
    }

    /// <summary>
    /// Deterministic mode: the dispatcher thread takes the steps, freely (<paramref name="automatic"/>) or for callers;
    /// <paramref name="wake"/> wakes it up.
    /// </summary>
    internal void AdvanceOnDispatcher(Action wake, bool automatic)
    {
        _resume = wake;
        _automatic = automatic;
        _onDispatcher = true;
        _quiescence.Changed = wake;
    }

    /// <summary>Starts the background thread that advances the clock as fast as possible.</summary>
    internal void StartAutomatic()
    {
        _driver = new Thread(RunAutomatic) { IsBackground = true, Name = "polca-virtual-time" };
        _driver.Start();
    }

    internal void Stop()
    {
        _stopping = true;
        _quiescence.Notify();
    }

    private void RunAutomatic()
    {
        while (!_stopping)
        {
            // Wait until idle with a timer to fire (or until told to stop); an idle system with no timer just waits.
            _quiescence.WaitUntil(() => _stopping || (_quiescence.IsQuiescent && _scheduler.NextDue() is not null), TimeSpan.FromDays(1));
            if (_stopping) return;
            lock (_advanceLock)
            {
                if (!_quiescence.IsQuiescent || _scheduler.NextDue() is not { } next) continue;
                if (next > _clock.ElapsedTicks) _clock.AdvanceTo(next);
                FireDue();
            }
        }
    }
}
