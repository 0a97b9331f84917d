using Polca.Actors;
using Polca.Actors.Event;

namespace Polca.Persistence;

/// <summary>
/// The event-sourcing engine behind persistent actors (Akka.Persistence's Eventsourced). It recovers state from the latest
/// snapshot and the journal before the first command, stashes commands during recovery and while a Persist is in flight,
/// runs an event's handler only after the event is durable, and stops the actor when a write fails (a backoff supervisor
/// then restarts it from the journal).
/// </summary>
public abstract class Eventsourced : ActorBase, IWithUnboundedStash
{
    private static int _instanceCounter;

    private readonly int _instanceId = Interlocked.Increment(ref _instanceCounter);
    private readonly PersistenceExtension _persistence;
    private readonly IStash _internalStash;
    private readonly ILoggingAdapter _log;
    private readonly Queue<PendingInvocation> _pending = new();
    private List<AtomicWrite> _eventBatch = [];
    private RecoveryState _state = RecoveryState.WaitingForSnapshot;
    private int _pendingStashing;
    private long _sequenceNr;
    private IActorRef? _journal;
    private IActorRef? _snapshotStore;
    private string? _writerGuid;

    private enum RecoveryState
    {
        WaitingForSnapshot,
        Replaying,
        ProcessingCommands,
        PersistingEvents,
    }

    /// <summary>A handler waiting for its event: the typed handler and a shared, allocation-free invoker that calls it.</summary>
    private readonly record struct PendingInvocation(object Event, Delegate Handler, Action<Delegate, object> Invoker, IActorRef Sender, bool Stashing, bool Deferred);

    /// <summary>Calls an <c>Action&lt;TEvent&gt;</c> with an event typed object (one cached delegate per event type; no closure per Persist).</summary>
    private static class Invoker<TEvent>
    {
        public static readonly Action<Delegate, object> Instance = static (handler, @event) => ((Action<TEvent>)handler)((TEvent)@event);
    }

    /// <summary>Binds the actor to the system's persistence extension.</summary>
    protected Eventsourced()
    {
        _persistence = Persistence.Instance.Apply(Context.System);
        _internalStash = CreateStash();
        _log = Context.GetLogger();
    }

    /// <summary>The user's stash (set by the runtime); commands stashed here survive restarts.</summary>
    public IStash Stash { get; set; } = null!;

    /// <summary>The id of this actor's event stream; stable across restarts and runs.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>How to recover; by default from the latest snapshot and every later event.</summary>
    public virtual Recovery Recovery => Recovery.Default;

    /// <summary>The journal plugin to use; null for the configured default.</summary>
    public virtual string? JournalPluginId => null;

    /// <summary>The snapshot store plugin to use; null for the configured default.</summary>
    public virtual string? SnapshotPluginId => null;

    /// <summary>Sequence number of the last event made durable (or replayed).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Sequence number of the snapshot recovery started from, or 0.</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until recovery has completed.</summary>
    public bool IsRecovering => _state is RecoveryState.WaitingForSnapshot or RecoveryState.Replaying;

    /// <summary>True once recovery has completed.</summary>
    public bool IsRecoveryFinished => !IsRecovering;

    /// <summary>The journal actor this actor writes to.</summary>
    protected IActorRef Journal => _journal ??= _persistence.JournalFor(JournalPluginId);

    /// <summary>The snapshot store actor this actor saves snapshots to.</summary>
    protected IActorRef SnapshotStore => _snapshotStore ??= _persistence.SnapshotStoreFor(SnapshotPluginId);

    /// <summary>Handles replayed events, <see cref="SnapshotOffer"/> and <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles commands (after recovery).</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => ReceiveCommand(message);

    // ----- persisting -----

    /// <summary>Persists <paramref name="event"/> (wrap it in <see cref="Tagged"/> to tag it); <paramref name="handler"/> runs once it is durable. Commands wait meanwhile.</summary>
    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        EnqueueOne(@event, handler, Invoker<TEvent>.Instance, stashing: true);

    /// <summary>Persists events atomically; the handler runs for each once they are durable. Commands wait meanwhile.</summary>
    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue(events.Cast<object>().ToList(), handler, Invoker<TEvent>.Instance, stashing: true);

    /// <summary>Persists <paramref name="event"/> without holding back commands; handlers still run in order.</summary>
    public void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        EnqueueOne(@event, handler, Invoker<TEvent>.Instance, stashing: false);

    /// <summary>Persists events atomically without holding back commands.</summary>
    public void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue(events.Cast<object>().ToList(), handler, Invoker<TEvent>.Instance, stashing: false);

    /// <summary>Runs <paramref name="handler"/> after every persist issued before it has been handled; nothing is written.</summary>
    public void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull
    {
        if (IsRecovering) throw new InvalidOperationException("DeferAsync is not allowed during recovery");
        _pending.Enqueue(new PendingInvocation(@event, handler, Invoker<TEvent>.Instance, Sender, Stashing: false, Deferred: true));
    }

    private void Enqueue(IReadOnlyList<object> events, Delegate handler, Action<Delegate, object> invoker, bool stashing)
    {
        if (IsRecovering) throw new InvalidOperationException($"{PersistenceId}: cannot persist during recovery");
        if (events.Count == 0) return;
        var now = Context.System.Clock.Now;
        var sender = Sender;
        var batch = new Persistent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            batch[i] = ToPersistent(events[i], now);
            _pending.Enqueue(new PendingInvocation(events[i], handler, invoker, sender, stashing, Deferred: false));
            if (stashing) _pendingStashing++;
        }
        _eventBatch.Add(new AtomicWrite(batch));
    }

    private void EnqueueOne(object @event, Delegate handler, Action<Delegate, object> invoker, bool stashing)
    {
        if (IsRecovering) throw new InvalidOperationException($"{PersistenceId}: cannot persist during recovery");
        var persistent = ToPersistent(@event, Context.System.Clock.Now);
        _pending.Enqueue(new PendingInvocation(@event, handler, invoker, Sender, stashing, Deferred: false));
        if (stashing) _pendingStashing++;
        _eventBatch.Add(new AtomicWrite([persistent]));
    }

    private Persistent ToPersistent(object @event, DateTimeOffset now)
    {
        _writerGuid ??= Self.Path.Uid.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "-" + _instanceId;
        var (payload, tags) = @event is Tagged tagged ? (tagged.Payload, tagged.Tags) : (@event, (IReadOnlyList<string>)[]);
        return new Persistent(payload, ++_sequenceNr, PersistenceId, "", false, _writerGuid, now, tags);
    }

    // ----- snapshots and deletion -----

    /// <summary>Saves a snapshot of the state as of <see cref="LastSequenceNr"/>; the answer (SaveSnapshotSuccess/Failure) arrives as a command.</summary>
    public void SaveSnapshot(object snapshot) =>
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.System.Clock.Now), snapshot), Self);

    /// <summary>Deletes one snapshot; the answer arrives as a command.</summary>
    public void DeleteSnapshot(long sequenceNr) =>
        SnapshotStore.Tell(new DeleteSnapshot(new SnapshotMetadata(PersistenceId, sequenceNr, DateTimeOffset.MinValue)), Self);

    /// <summary>Deletes the snapshots matching <paramref name="criteria"/>; the answer arrives as a command.</summary>
    public void DeleteSnapshots(SnapshotSelectionCriteria criteria) => SnapshotStore.Tell(new DeleteSnapshots(PersistenceId, criteria), Self);

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; the answer (DeleteMessagesSuccess/Failure) arrives as a command.</summary>
    public void DeleteMessages(long toSequenceNr) => Journal.Tell(new DeleteMessagesTo(PersistenceId, toSequenceNr, Self), Self);

    // ----- failure hooks -----

    /// <summary>Recovery failed: logged, then the actor stops.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event = null)
    {
        if (@event is null) _log.Error(cause, "Persistence failure when replaying events for persistenceId [{0}]. Last known sequence number [{1}]", PersistenceId, LastSequenceNr);
        else _log.Error(cause, "Exception in ReceiveRecover when replaying event type [{0}] with sequence number [{1}] for persistenceId [{2}]", @event.GetType().Name, LastSequenceNr, PersistenceId);
    }

    /// <summary>A write failed: logged, then the actor stops (use a backoff supervisor to restart it).</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        _log.Error(cause, "Failed to persist event type [{0}] with sequence number [{1}] for persistenceId [{2}]: {3}", @event.GetType().Name, sequenceNr, PersistenceId, cause.Message);

    /// <summary>An event was rejected (e.g. it cannot be serialized): logged; its handler does not run and the actor continues.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _log.Warning("Rejected to persist event type [{0}] with sequence number [{1}] for persistenceId [{2}] due to [{3}]", @event.GetType().Name, sequenceNr, PersistenceId, cause.Message);

    // ----- lifecycle -----

    /// <inheritdoc />
    protected internal override void AroundPreStart()
    {
        base.AroundPreStart();
        StartRecovery();
    }

    /// <inheritdoc />
    protected internal override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    /// <inheritdoc />
    protected internal override void AroundPreRestart(Exception reason, object? message)
    {
        _internalStash.UnstashAll();
        base.AroundPreRestart(reason, message);
    }

    /// <inheritdoc />
    protected internal override void AroundPostStop()
    {
        _internalStash.UnstashAll();
        base.AroundPostStop();
    }

    private void StartRecovery()
    {
        var recovery = Recovery;
        if (recovery.FromSnapshot == SnapshotSelectionCriteria.None || recovery.FromSnapshot.MaxSequenceNr == 0)
        {
            _state = RecoveryState.Replaying;
            Journal.Tell(new ReplayMessages(1, recovery.ToSequenceNr, recovery.ToSequenceNr == 0 ? 0 : recovery.ReplayMax, PersistenceId, Self), Self);
        }
        else
        {
            _state = RecoveryState.WaitingForSnapshot;
            SnapshotStore.Tell(new LoadSnapshot(PersistenceId, recovery.FromSnapshot, recovery.ToSequenceNr), Self);
        }
    }

    // ----- message interception -----

    /// <inheritdoc />
    protected internal override bool AroundReceive(Receive receive, object message)
    {
        switch (_state)
        {
            case RecoveryState.WaitingForSnapshot:
                return WaitingForSnapshot(message);
            case RecoveryState.Replaying:
                return Replaying(message);
            case RecoveryState.ProcessingCommands:
                if (HandleJournalResponse(message)) return true;
                bool handled;
                try
                {
                    handled = base.AroundReceive(receive, message);
                }
                catch
                {
                    // A failing command persists nothing of what it asked for.
                    DiscardBatch();
                    throw;
                }
                FlushBatch();
                return handled;
            default:
                if (HandleJournalResponse(message)) return true;
                _internalStash.Stash();
                return true;
        }
    }

    private bool WaitingForSnapshot(object message)
    {
        switch (message)
        {
            case LoadSnapshotResult result:
                if (result.Snapshot is { } snapshot)
                {
                    SnapshotSequenceNr = LastSequenceNr = _sequenceNr = snapshot.Metadata.SequenceNr;
                    if (!RunRecoveryHandler(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot))) return true;
                }
                _state = RecoveryState.Replaying;
                Journal.Tell(new ReplayMessages(LastSequenceNr + 1, Recovery.ToSequenceNr, Recovery.ReplayMax, PersistenceId, Self), Self);
                return true;
            case LoadSnapshotFailed failed:
                FailRecovery(failed.Cause, null);
                return true;
            default:
                _internalStash.Stash();
                return true;
        }
    }

    private bool Replaying(object message)
    {
        switch (message)
        {
            case ReplayedMessages chunk:
                foreach (var stored in chunk.Events)
                    if (!ApplyReplayed(stored)) return true;
                return true;
            case ReplayedMessage replayed:
                ApplyReplayed(replayed.Persistent);
                return true;
            case RecoverySuccess success:
                _sequenceNr = Math.Max(_sequenceNr, success.HighestSequenceNr);
                LastSequenceNr = _sequenceNr;
                _state = RecoveryState.ProcessingCommands;
                if (!RunRecoveryHandler(RecoveryCompleted.Instance)) return true;
                _internalStash.UnstashAll();
                return true;
            case ReplayMessagesFailure failure:
                FailRecovery(failure.Cause, null);
                return true;
            default:
                _internalStash.Stash();
                return true;
        }
    }

    /// <summary>Deserializes a replayed event and runs the recovery handler on it; false when recovery failed.</summary>
    private bool ApplyReplayed(Persistent stored)
    {
        var serializer = _persistence.Serializer;
        object domain;
        try
        {
            domain = stored.Payload is byte[] bytes ? serializer.Deserialize(bytes, stored.Manifest) : stored.Payload;
        }
        catch (Exception e)
        {
            FailRecovery(e, null);
            return false;
        }
        LastSequenceNr = _sequenceNr = stored.SequenceNr;
        if (!serializer.HasAdapters) return RunRecoveryHandler(domain);
        foreach (var e in serializer.FromJournal(domain, stored.Manifest))
            if (!RunRecoveryHandler(e)) return false;
        return true;
    }

    private bool RunRecoveryHandler(object message)
    {
        try
        {
            ReceiveRecover(message);
            return true;
        }
        catch (Exception e)
        {
            FailRecovery(e, message);
            return false;
        }
    }

    private void FailRecovery(Exception cause, object? @event)
    {
        try
        {
            OnRecoveryFailure(cause, @event);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private bool HandleJournalResponse(object message)
    {
        switch (message)
        {
            case WriteMessageSuccess success:
                if (success.ActorInstanceId != _instanceId) return true;
                LastSequenceNr = Math.Max(LastSequenceNr, success.Persistent.SequenceNr);
                CompleteHead(null, success.Persistent.SequenceNr);
                return true;
            case WriteMessageRejected rejected:
                if (rejected.ActorInstanceId != _instanceId) return true;
                CompleteHead(rejected.Cause, rejected.Persistent.SequenceNr);
                return true;
            case WriteMessageFailure failure:
                if (failure.ActorInstanceId != _instanceId) return true;
                var failed = _pending.Count > 0 ? _pending.Peek().Event : failure.Persistent.Payload;
                try
                {
                    OnPersistFailure(failure.Cause, failed, failure.Persistent.SequenceNr);
                }
                finally
                {
                    _pending.Clear();
                    _pendingStashing = 0;
                    Context.Stop(Self);
                }
                return true;
            case WriteMessagesCompleted completed:
                if (completed.Request.ActorInstanceId == _instanceId) Complete(completed);
                return true;
            case WriteMessagesSuccessful or WriteMessagesFailed:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Settles the events of one write request in order: handlers run for durable ones, rejections are reported, a failure stops the actor.</summary>
    private void Complete(WriteMessagesCompleted completed)
    {
        var writes = completed.Request.Messages;
        for (var w = 0; w < writes.Count; w++)
        {
            var events = writes[w].Payload;
            if (completed.Failure is { } cause)
            {
                var first = events[0];
                var failed = _pending.Count > 0 ? _pending.Peek().Event : first.Payload;
                try
                {
                    OnPersistFailure(cause, failed, first.SequenceNr);
                }
                finally
                {
                    _pending.Clear();
                    _pendingStashing = 0;
                    Context.Stop(Self);
                }
                return;
            }
            var rejection = completed.Rejections?[w];
            for (var i = 0; i < events.Count; i++)
            {
                var persistent = events[i];
                if (rejection is null) LastSequenceNr = Math.Max(LastSequenceNr, persistent.SequenceNr);
                CompleteHead(rejection, persistent.SequenceNr);
            }
        }
    }

    /// <summary>The head invocation's event is settled: run its handler (with the command's sender) or report the rejection, then any deferred ones after it.</summary>
    private void CompleteHead(Exception? rejection, long sequenceNr)
    {
        if (_pending.Count == 0) return;
        var head = _pending.Peek();
        try
        {
            if (rejection is null) Invoke(head);
            else OnPersistRejected(rejection, head.Event, sequenceNr);
        }
        finally
        {
            _pending.Dequeue();
            if (head.Stashing) _pendingStashing--;
        }
        RunDeferredAtHead();
        FlushBatch();
        if (_state == RecoveryState.PersistingEvents && _pendingStashing == 0)
        {
            _state = RecoveryState.ProcessingCommands;
            _internalStash.UnstashAll();
        }
    }

    private void Invoke(PendingInvocation invocation)
    {
        SetSender(invocation.Sender);
        invocation.Invoker(invocation.Handler, invocation.Event);
    }

    private void RunDeferredAtHead()
    {
        while (_pending.Count > 0 && _pending.Peek().Deferred)
        {
            var deferred = _pending.Dequeue();
            Invoke(deferred);
        }
    }

    /// <summary>Sends the events persisted by the command just handled as one request; commands wait if any Persist (not PersistAsync) is pending.</summary>
    private void FlushBatch()
    {
        if (_eventBatch.Count > 0)
        {
            // The batch list is reused: the request carries an array of its writes.
            AtomicWrite[] writes = _eventBatch.Count == 1 ? [_eventBatch[0]] : _eventBatch.ToArray();
            _eventBatch.Clear();
            Journal.Tell(new WriteMessages(writes, Self, _instanceId), Self);
        }
        RunDeferredAtHead();
        if (_pendingStashing > 0) _state = RecoveryState.PersistingEvents;
    }

    private void DiscardBatch()
    {
        var discarded = _eventBatch.Sum(w => w.Payload.Count);
        _eventBatch = [];
        _sequenceNr -= discarded;
        var keep = _pending.Take(_pending.Count - discarded).ToList();
        _pending.Clear();
        _pendingStashing = 0;
        foreach (var p in keep)
        {
            _pending.Enqueue(p);
            if (p.Stashing) _pendingStashing++;
        }
    }
}
