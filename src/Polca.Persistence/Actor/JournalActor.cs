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

    /// <summary>Replayed events per message to the recovering actor.</summary>
    private const int ReplayChunk = 256;

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
                // Start the next batch first: the journal writes while the replies are sent.
                _writing = false;
                if (_pending.Count > 0) StartWrite();
                Reply(written);
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
        while (_pending.Count > 0 && (requests.Count == 0 || events + EventCount(_pending.Peek()) <= _maxBatchEvents))
        {
            var request = _pending.Dequeue();
            events += EventCount(request);
            requests.Add(request);
        }

        _writing = true;
        var self = Self;
        var work = Context.System.BeginExternalWork();
        // Serialization runs with the write, off this actor's thread; a write that cannot be serialized is rejected
        // alone, before the journal sees the batch.
        Task.Run(() =>
            {
                var writes = new List<AtomicWrite>();
                var rejections = new List<Exception?>();
                foreach (var request in requests)
                foreach (var write in request.Messages)
                {
                    try
                    {
                        var serialized = new Persistent[write.Payload.Count];
                        for (var i = 0; i < serialized.Length; i++) serialized[i] = Serialize(write.Payload[i]);
                        writes.Add(new AtomicWrite(serialized));
                        rejections.Add(null);
                    }
                    catch (Exception e) when (e is EventSerializationException or NotSupportedException)
                    {
                        rejections.Add(e);
                    }
                }
                return (writes, rejections);
            })
            .ContinueWith(async prepared =>
            {
                IReadOnlyList<Exception?> rejections = [];
                try
                {
                    var (writes, serializationRejections) = prepared.Result;
                    rejections = serializationRejections;
                    var results = writes.Count == 0
                        ? []
                        : await _breaker.WithCircuitBreaker(() => _journal.WriteMessagesAsync(writes)).ConfigureAwait(false);
                    var merged = new List<Exception?>(rejections.Count);
                    var next = 0;
                    foreach (var rejection in rejections) merged.Add(rejection ?? results.ElementAtOrDefault(next++));
                    self.Tell(new BatchWritten(requests, merged, null), self);
                }
                catch (Exception e)
                {
                    self.Tell(new BatchWritten(requests, rejections, e), self);
                }
                finally
                {
                    work.Dispose();
                }
            }, TaskScheduler.Default);
    }

    private static int EventCount(WriteMessages request)
    {
        var count = 0;
        foreach (var write in request.Messages) count += write.Payload.Count;
        return count;
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
                {
                    // Replayed events travel in chunks: one message per chunk instead of one per event.
                    var chunk = new List<Persistent>(ReplayChunk);
                    await _journal.ReplayMessagesAsync(replay.PersistenceId, replay.FromSequenceNr, to, replay.Max, p =>
                    {
                        chunk.Add(p);
                        if (chunk.Count < ReplayChunk) return;
                        target.Tell(new ReplayedMessages(chunk), self);
                        chunk = new List<Persistent>(ReplayChunk);
                    }).ConfigureAwait(false);
                    if (chunk.Count > 0) target.Tell(new ReplayedMessages(chunk), self);
                }
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
