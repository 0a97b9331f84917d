using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>The mailbox part of the cell: a lock-protected double buffer for user messages, a lock-free stack for system messages, and the run loop the dispatcher executes.</summary>
internal sealed partial class ActorCell
{
    /// <summary>Largest consumer buffer kept after it drains; bigger ones are dropped so idle actors stay small.</summary>
    private const int RetainedBufferLength = 64;

    private const int StateAlive = 0;
    private const int StateTerminating = 1;
    private const int StateTerminated = 2;

    private int _scheduled;
    private SystemMessage? _systemHead;
    private Envelope[]? _in;
    private int _inCount;
    private Envelope[]? _out;
    private int _outHead;
    private int _outCount;
    private int _suspendCount;
    private volatile int _state;

    /// <summary>True once the actor has stopped for good.</summary>
    internal bool IsTerminated => _state == StateTerminated;

    /// <summary>Queues a user message; false when the actor has stopped (the caller sends it to dead letters).</summary>
    internal bool EnqueueUser(in Envelope envelope)
    {
        lock (this)
        {
            if (_state == StateTerminated) return false;
            var buffer = _in;
            if (buffer is null) _in = buffer = new Envelope[4];
            else if (_inCount == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                _in = buffer;
            }
            buffer[_inCount++] = envelope;
        }
        if (Volatile.Read(ref _scheduled) == 0) TrySchedule();
        return true;
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
        SystemImpl.Quiescence?.Increment();
        SystemImpl.Dispatcher.Schedule(this);
    }

    private bool CanProcessUserMessages =>
        _state == StateAlive && _suspendCount == 0 && _actor is not null && (_extras is null || !_extras.AwaitingAsync);

    private bool HasUserMessages => _outCount > 0 || Volatile.Read(ref _inCount) > 0;

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
        Volatile.Write(ref _scheduled, 0);
        if (HasWork && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            SystemImpl.Dispatcher.Schedule(this);
        else
            SystemImpl.Quiescence?.Decrement();
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
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
        if (_outCount == 0 && !RefillFromProducers())
        {
            envelope = default;
            return false;
        }
        var buffer = _out!;
        envelope = buffer[_outHead];
        buffer[_outHead] = default;
        _outHead = (_outHead + 1) & (buffer.Length - 1);
        _outCount--;
        return true;
    }

    /// <summary>Swaps the producers' buffer with the drained consumer buffer under the lock.</summary>
    private bool RefillFromProducers()
    {
        if (Volatile.Read(ref _inCount) == 0) return false;
        lock (this)
        {
            if (_inCount == 0) return false;
            var drained = _out;
            _out = _in;
            _outHead = 0;
            _outCount = _inCount;
            _in = drained is { Length: <= RetainedBufferLength } ? drained : null;
            _inCount = 0;
        }
        return true;
    }

    /// <summary>Puts envelopes back at the front of the queue, in the given order (used by the stash).</summary>
    internal void PrependUserMessages(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        var needed = _outCount + envelopes.Count;
        if (_out is null || _out.Length < needed)
        {
            var capacity = 4;
            while (capacity < needed) capacity *= 2;
            var grown = new Envelope[capacity];
            for (var i = 0; i < _outCount; i++) grown[i] = _out![(_outHead + i) & (_out.Length - 1)];
            _out = grown;
            _outHead = 0;
        }
        var mask = _out.Length - 1;
        for (var i = envelopes.Count - 1; i >= 0; i--)
        {
            _outHead = (_outHead - 1) & mask;
            _out[_outHead] = envelopes[i];
            _outCount++;
        }
    }

    /// <summary>Marks the mailbox closed and returns every queued user message (they become dead letters).</summary>
    private List<Envelope> CloseMailbox()
    {
        var left = new List<Envelope>(_outCount);
        while (_outCount > 0 && TryDequeue(out var e)) left.Add(e);
        lock (this)
        {
            _state = StateTerminated;
            for (var i = 0; i < _inCount; i++) left.Add(_in![i]);
            _in = null;
            _inCount = 0;
        }
        _out = null;
        return left;
    }

    void IThreadPoolWorkItem.Execute() => Run();
}
