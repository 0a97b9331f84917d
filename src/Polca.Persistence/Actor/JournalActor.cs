using Polca.Actors;
using Polca.Actors.Event;

namespace Polca.Persistence;

/// <summary>
/// Hosts a journal plugin. Writes from all persistent actors are coalesced: while one batch is being written, new
/// requests queue up and go together in the next batch (group commit), so one transaction carries many actors'
/// events and each persistence id's writes stay in order. Replays run concurrently. Calls go through a circuit breaker.
/// </summary>
internal sealed class JournalActor : ActorBase
{
    private readonly AsyncWriteJournal _journal;
    private readonly EventSerializer _serializer;
    private readonly CircuitBreaker _breaker;
    private readonly int _maxBatchEvents;
    private readonly ILoggingAdapter _log;
    private readonly Queue<WriteMessages> _pending = new();
    private bool _writing;

    private sealed record BatchWritten(IReadOnlyList<WriteMessages> Requests, IReadOnlyList<Exception?> Rejections, Exception? Failure);

    public JournalActor(AsyncWriteJournal journal, EventSerializer serializer, CircuitBreaker breaker, int maxBatchEvents)
    {
        _journal = journal;
        _serializer = serializer;
        _breaker = breaker;
        _maxBatchEvents = maxBatchEvents;
        _log = Context.GetLogger();
        var self = Self;
        _breaker.Opened += cause => _log.Error(cause, "Journal circuit breaker opened after {0} consecutive failures ({1}); writes fail fast for {2}", _breaker.MaxFailures, cause.Message, _breaker.ResetTimeout);
        _breaker.HalfOpened += () => _log.Warning("Journal circuit breaker half-open: trying one write");
        _breaker.Closed += () => _log.Info("Journal circuit breaker closed: the journal is back");
        _ = self;
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WriteMessages write:
                _pending.Enqueue(write);
                if (!_writing) StartWrite();
                return true;
            case BatchWritten written:
                Reply(written);
                _writing = false;
                if (_pending.Count > 0) StartWrite();
                return true;
            case ReplayMessages replay:
                Replay(replay);
                return true;
            case DeleteMessagesTo delete:
                Delete(delete);
                return true;
            default:
                return false;
        }
    }

    private void StartWrite()
    {
        var requests = new List<WriteMessages>();
        var events = 0;
        while (_pending.Count > 0 && (requests.Count == 0 || events + _pending.Peek().Messages.Sum(w => w.Payload.Count) <= _maxBatchEvents))
        {
            var request = _pending.Dequeue();
            events += request.Messages.Sum(w => w.Payload.Count);
            requests.Add(request);
        }

        // Serialize here: a write that cannot be serialized is rejected alone, before the journal sees the batch.
        var writes = new List<AtomicWrite>();
        var rejections = new List<Exception?>();
        foreach (var request in requests)
        foreach (var write in request.Messages)
        {
            try
            {
                writes.Add(new AtomicWrite(write.Payload.Select(Serialize).ToArray()));
                rejections.Add(null);
            }
            catch (Exception e) when (e is EventSerializationException or NotSupportedException)
            {
                rejections.Add(e);
            }
        }

        _writing = true;
        var self = Self;
        var work = Context.System.BeginExternalWork();
        _breaker.WithCircuitBreaker(() => writes.Count == 0 ? Task.FromResult<IReadOnlyList<Exception?>>([]) : _journal.WriteMessagesAsync(writes))
            .ContinueWith(t =>
            {
                try
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        var results = t.Result;
                        var merged = new List<Exception?>(rejections.Count);
                        var next = 0;
                        foreach (var rejection in rejections) merged.Add(rejection ?? results.ElementAtOrDefault(next++));
                        self.Tell(new BatchWritten(requests, merged, null), self);
                    }
                    else
                    {
                        var cause = t.Exception?.InnerException ?? new TaskCanceledException(t);
                        self.Tell(new BatchWritten(requests, rejections, cause), self);
                    }
                }
                finally
                {
                    work.Dispose();
                }
            }, TaskScheduler.Default);
    }

    private Persistent Serialize(Persistent persistent)
    {
        var stored = _serializer.ToJournal(persistent.Payload);
        var bytes = _serializer.Serialize(stored, out var manifest);
        return persistent.WithPayload(bytes, manifest);
    }

    private void Reply(BatchWritten written)
    {
        var index = 0;
        foreach (var request in written.Requests)
        {
            var actor = request.PersistentActor;
            if (written.Failure is { } failure)
            {
                if (failure is not OpenCircuitException) _log.Error(failure, "Journal write of {0} events failed: {1}", request.Messages.Sum(w => w.Payload.Count), failure.Message);
                actor.Tell(new WriteMessagesFailed(failure, request.Messages.Count), Self);
                foreach (var write in request.Messages)
                foreach (var p in write.Payload) actor.Tell(new WriteMessageFailure(p, failure, request.ActorInstanceId), Self);
                continue;
            }
            actor.Tell(WriteMessagesSuccessful.Instance, Self);
            foreach (var write in request.Messages)
            {
                var rejection = written.Rejections[index++];
                foreach (var p in write.Payload)
                {
                    if (rejection is null) actor.Tell(new WriteMessageSuccess(p, request.ActorInstanceId), Self);
                    else actor.Tell(new WriteMessageRejected(p, rejection, request.ActorInstanceId), Self);
                }
            }
        }
    }

    private void Replay(ReplayMessages replay)
    {
        var work = Context.System.BeginExternalWork();
        var target = replay.PersistentActor;
        var self = Self;
        _breaker.WithCircuitBreaker(async () =>
            {
                var highest = await _journal.ReadHighestSequenceNrAsync(replay.PersistenceId, replay.FromSequenceNr).ConfigureAwait(false);
                var to = Math.Min(replay.ToSequenceNr, highest);
                if (to >= replay.FromSequenceNr && replay.Max > 0)
                    await _journal.ReplayMessagesAsync(replay.PersistenceId, replay.FromSequenceNr, to, replay.Max,
                        p => target.Tell(new ReplayedMessage(p), self)).ConfigureAwait(false);
                return highest;
            })
            .ContinueWith(t =>
            {
                try
                {
                    if (t.IsCompletedSuccessfully) target.Tell(new RecoverySuccess(t.Result), self);
                    else target.Tell(new ReplayMessagesFailure(t.Exception?.InnerException ?? new TaskCanceledException(t)), self);
                }
                finally
                {
                    work.Dispose();
                }
            }, TaskScheduler.Default);
    }

    private void Delete(DeleteMessagesTo delete)
    {
        var work = Context.System.BeginExternalWork();
        var self = Self;
        _breaker.WithCircuitBreaker(() => _journal.DeleteMessagesToAsync(delete.PersistenceId, delete.ToSequenceNr))
            .ContinueWith(t =>
            {
                try
                {
                    delete.PersistentActor.Tell(t.IsCompletedSuccessfully
                        ? new DeleteMessagesSuccess(delete.ToSequenceNr)
                        : new DeleteMessagesFailure(t.Exception?.InnerException ?? new TaskCanceledException(t), delete.ToSequenceNr), self);
                }
                finally
                {
                    work.Dispose();
                }
            }, TaskScheduler.Default);
    }
}
