using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>
/// The mailbox part of the cell: user messages in a chain of blocks appended under a short lock and taken by the consumer
/// a whole chain at a time; system messages on a lock-free stack; and the run loop the dispatcher executes.
/// In deterministic mode the single dispatcher thread owns the user-message queues: it appends and takes without a lock,
/// and other threads hand their messages to it (<see cref="SingleThreadDispatcher.Post"/>).
/// </summary>
internal sealed partial class ActorCell
{
    private const int StateAlive = 0;
    private const int StateTerminating = 1;
    private const int StateTerminated = 2;

    private int _scheduled;
    private SystemMessage? _systemHead;
    // Producer side, guarded by lock(this).
    private MessageChunk? _inHead;
    private MessageChunk? _inTail;
    private int _inTotal;
    // Consumer side, touched only by the thread running the cell.
    private MessageChunk? _outChunk;
    private int _outIndex;
    private int _outRemaining;
    private MessageChunk? _spare;
    private Envelope[]? _front;
    private int _frontCount;
    private int _suspendCount;
    private volatile int _state;

    /// <summary>True once the actor has stopped for good.</summary>
    internal bool IsTerminated => _state == StateTerminated;

    /// <summary>Queues a user message; false when the actor has stopped (the caller sends it to dead letters).</summary>
    internal bool EnqueueUser(in Envelope envelope)
    {
        if (SystemImpl.OwningDispatcher is { } owner)
        {
            // Deterministic mode: the dispatcher thread owns every mailbox's queue; other threads hand it their messages.
            if (owner.IsDispatcherThread) return EnqueueUserOwned(envelope);
            owner.Post(this, envelope);
            return true;
        }
        lock (this)
        {
            if (_state == StateTerminated) return false;
            Append(envelope);
        }
        // The lock release and this read must not be reordered with the consumer's "unschedule, then look for work":
        // a full fence on both sides guarantees one of them sees the other's write (no lost wake-up).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _scheduled) == 0) TrySchedule();
        return true;
    }

    /// <summary>
    /// Deterministic mode, on the dispatcher thread: queues a user message with no lock or fence, since the consumer is
    /// this same thread; false when the actor has stopped.
    /// </summary>
    private bool EnqueueUserOwned(in Envelope envelope)
    {
        if (_state == StateTerminated) return false;
        Append(envelope);
        if (Volatile.Read(ref _scheduled) == 0) TrySchedule();
        return true;
    }

    /// <summary>
    /// Deterministic mode, on the dispatcher thread: queues a message another thread told this actor (see
    /// <see cref="SingleThreadDispatcher.Post"/>); a dead letter when the actor has stopped meanwhile.
    /// </summary>
    internal void DeliverPosted(in Envelope envelope)
    {
        if (!EnqueueUserOwned(envelope) && envelope.Message is not Event.DeadLetter)
            SystemImpl.DeadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender, _self), envelope.Sender);
    }

    /// <summary>Appends to the producers' chain; the caller holds the lock or is the dispatcher thread owning the mailbox.</summary>
    private void Append(in Envelope envelope)
    {
        var tail = _inTail;
        if (tail is null)
        {
            _inHead = _inTail = tail = new MessageChunk(SystemImpl.Settings.MailboxFirstBlock);
        }
        else if (tail.Count == tail.Items.Length)
        {
            var grown = new MessageChunk(Math.Max(tail.Items.Length, Math.Min(tail.Items.Length * 2, SystemImpl.Settings.MailboxMaxBlock)));
            tail.Next = grown;
            _inTail = tail = grown;
        }
        tail.Items[tail.Count++] = envelope;
        _inTotal++;
    }

    /// <summary>Queues a system message; it is handled before any further user message.</summary>
    internal void EnqueueSystem(SystemMessage message)
    {
        var head = Volatile.Read(ref _systemHead);
        while (true)
        {
            message.Next = head;
            var seen = Interlocked.CompareExchange(ref _systemHead, message, head);
            if (ReferenceEquals(seen, head)) break;
            head = seen;
        }
        TrySchedule();
    }

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0) return;
        SystemImpl.CellQuiescence?.Increment();
        SystemImpl.Dispatcher.Schedule(this);
    }

    private bool CanProcessUserMessages =>
        _state == StateAlive && _suspendCount == 0 && _actor is not null && (_extras is null || !_extras.AwaitingAsync);

    private bool HasUserMessages => _frontCount > 0 || _outRemaining > 0 || Volatile.Read(ref _inTotal) > 0;

    private bool HasWork =>
        Volatile.Read(ref _systemHead) is not null || (CanProcessUserMessages && HasUserMessages);

    /// <summary>Processes system messages, then up to the dispatcher's throughput of user messages; reschedules itself when work remains.</summary>
    internal void Run()
    {
        var previous = t_current;
        t_current = this;
        try
        {
            ProcessSystemMessages();
            if (CanProcessUserMessages)
            {
                var budget = SystemImpl.Dispatcher.Throughput;
                while (budget-- > 0 && TryDequeue(out var envelope))
                {
                    Invoke(envelope);
                    if (Volatile.Read(ref _systemHead) is not null) ProcessSystemMessages();
                    if (!CanProcessUserMessages) break;
                }
            }
        }
        finally
        {
            t_current = previous;
        }
        Interlocked.Exchange(ref _scheduled, 0);
        if (HasWork && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            SystemImpl.Dispatcher.Schedule(this);
        else
            SystemImpl.CellQuiescence?.Decrement();
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
            // Most turns find none: a plain read spares the atomic exchange (one arriving now is seen by the next check).
            if (Volatile.Read(ref _systemHead) is null) return;
            var stack = Interlocked.Exchange(ref _systemHead, null);
            if (stack is null) return;
            // The stack holds the latest first; reverse it to process in arrival order.
            SystemMessage? ordered = null;
            while (stack is not null)
            {
                var next = stack.Next;
                stack.Next = ordered;
                ordered = stack;
                stack = next;
            }
            while (ordered is not null)
            {
                var next = ordered.Next;
                ordered.Next = null;
                if (_state == StateTerminated) HandleSystemMessageWhenDead(ordered);
                else HandleSystemMessage(ordered);
                ordered = next;
            }
        }
    }

    private bool TryDequeue(out Envelope envelope)
    {
        if (_frontCount > 0)
        {
            envelope = _front![--_frontCount];
            _front[_frontCount] = default;
            return true;
        }
        while (true)
        {
            var chunk = _outChunk;
            if (chunk is not null)
            {
                if (_outIndex < chunk.Count)
                {
                    envelope = chunk.Items[_outIndex];
                    chunk.Items[_outIndex++] = default;
                    _outRemaining--;
                    return true;
                }
                _outChunk = chunk.Next;
                _outIndex = 0;
                if (chunk.Items.Length <= SystemImpl.Settings.MailboxRetainedBlock)
                {
                    chunk.Count = 0;
                    chunk.Next = null;
                    _spare = chunk;
                }
                continue;
            }
            if (!RefillFromProducers())
            {
                envelope = default;
                return false;
            }
        }
    }

    /// <summary>Takes the producers' whole chain under the lock (no lock when the dispatcher thread owns it), leaving them the spare block.</summary>
    private bool RefillFromProducers()
    {
        if (Volatile.Read(ref _inTotal) == 0) return false;
        if (SystemImpl.OwningDispatcher is not null)
        {
            TakeProducersChain();
            return true;
        }
        lock (this)
        {
            if (_inTotal == 0) return false;
            TakeProducersChain();
        }
        return true;
    }

    private void TakeProducersChain()
    {
        _outChunk = _inHead;
        _outIndex = 0;
        _outRemaining = _inTotal;
        _inHead = _inTail = _spare;
        _spare = null;
        _inTotal = 0;
    }

    /// <summary>Puts envelopes back at the front of the queue, in the given order (used by the stash).</summary>
    internal void PrependUserMessages(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        var needed = _frontCount + envelopes.Count;
        if (_front is null || _front.Length < needed) Array.Resize(ref _front, Math.Max(needed, 4));
        // The front is a stack: push the last first so the first comes out first.
        for (var i = envelopes.Count - 1; i >= 0; i--) _front[_frontCount++] = envelopes[i];
    }

    /// <summary>Marks the mailbox closed and returns every queued user message (they become dead letters); null when none was queued.</summary>
    private List<Envelope>? CloseMailbox()
    {
        List<Envelope>? left = null;
        while (TryDequeue(out var e)) (left ??= []).Add(e);
        lock (this)
        {
            _state = StateTerminated;
            for (var chunk = _inHead; chunk is not null; chunk = chunk.Next)
                for (var i = 0; i < chunk.Count; i++) (left ??= []).Add(chunk.Items[i]);
            _inHead = _inTail = null;
            _inTotal = 0;
        }
        _outChunk = null;
        _spare = null;
        _front = null;
        return left;
    }

    void IThreadPoolWorkItem.Execute() => SystemImpl.Dispatcher.Execute(this);
}
