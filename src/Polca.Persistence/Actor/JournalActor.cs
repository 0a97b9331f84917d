using System.Collections.Concurrent;
using Polca.Actors;
using Polca.Actors.Event;

namespace Polca.Persistence;

/// <summary>
/// Hosts a journal plugin. Writes from all persistent actors are coalesced: while one batch is being written, new
/// requests queue up and go together in the next batch (group commit), so one transaction carries many actors'
/// events and each persistence id's writes stay in order. Replays run concurrently. Calls go through a circuit breaker.
/// </summary>
/// <remarks>
/// Batches are taken by a write loop off this actor's thread: when a batch is written the loop takes the next one at
/// once (no round trip through the mailbox) and hands the outcome to this actor, which sends the replies while the
/// journal writes on.
/// </remarks>
internal sealed class JournalActor : ActorBase
{
    private readonly AsyncWriteJournal _journal;
    private readonly EventSerializer _serializer;
    private readonly CircuitBreaker _breaker;
    private readonly int _maxBatchEvents;
    private readonly ILoggingAdapter _log;
    private readonly ActorSystem _system;
    private readonly ConcurrentQueue<Prepared> _pending = new();
    private int _writing;

    /// <summary>Replayed events per message to the recovering actor.</summary>
    private const int ReplayChunk = 32;

    /// <summary>A request with its writes serialized (null where serialization rejected the write, with the cause in Rejections).</summary>
    private sealed record Prepared(WriteMessages Request, AtomicWrite?[] Writes, Exception?[]? Rejections, int Events);

    private sealed record BatchWritten(IReadOnlyList<Prepared> Requests, IReadOnlyList<Exception?> Rejections, Exception? Failure);

    public JournalActor(AsyncWriteJournal journal, EventSerializer serializer, CircuitBreaker breaker, int maxBatchEvents)
    {
        _journal = journal;
        _serializer = serializer;
        _breaker = breaker;
        _maxBatchEvents = maxBatchEvents;
        _log = Context.GetLogger();
        _system = Context.System;
        _breaker.Opened += cause => _log.Error(cause, "Journal circuit breaker opened after {0} consecutive failures ({1}); writes fail fast for {2}", _breaker.MaxFailures, cause.Message, _breaker.ResetTimeout);
        _breaker.HalfOpened += () => _log.Warning("Journal circuit breaker half-open: trying one write");
        _breaker.Closed += () => _log.Info("Journal circuit breaker closed: the journal is back");
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WriteMessages write:
                // Serialized here, while the write loop writes the previous batch.
                Prepared prepared;
                try
                {
                    prepared = Prepare(write);
                }
                catch (Exception e)
                {
                    // Not a rejection (e.g. an event adapter threw): the request fails as a failed batch would, unwritten.
                    _log.Error(e, "Journal write request of {0} could not be prepared: {1}", write.PersistentActor.Path, e.Message);
                    write.PersistentActor.Tell(new WriteMessagesCompleted(write, null, e), Self);
                    return true;
                }
                _pending.Enqueue(prepared);
                if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0) StartWriteLoop();
                return true;
            case BatchWritten written:
                // The loop already writes the next batch: the journal writes while the replies are sent.
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

    /// <summary>Starts the write loop (the caller set <see cref="_writing"/>); it runs until the queue is empty.</summary>
    private void StartWriteLoop()
    {
        var self = Self;
        var work = _system.BeginExternalWork();
        Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var requests = TakeBatch();
                    if (requests.Count == 0)
                    {
                        // Stop, unless a request came in after the queue looked empty and no other loop took over.
                        Volatile.Write(ref _writing, 0);
                        if (_pending.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0) return;
                        continue;
                    }
                    self.Tell(await WriteBatch(requests).ConfigureAwait(false), self);
                }
            }
            catch (Exception e)
            {
                // Not expected (a batch's failure is its outcome); let the next request start a fresh loop.
                _log.Error(e, "Journal write loop failed: {0}", e.Message);
                Volatile.Write(ref _writing, 0);
            }
            finally
            {
                work.Dispose();
            }
        });
    }

    /// <summary>Takes queued requests up to the batch size (at least one when any is queued); only the write loop takes.</summary>
    private List<Prepared> TakeBatch()
    {
        var requests = new List<Prepared>();
        var events = 0;
        while (_pending.TryPeek(out var next) && (requests.Count == 0 || events + next.Events <= _maxBatchEvents))
        {
            _pending.TryDequeue(out _);
            events += next.Events;
            requests.Add(next);
        }
        return requests;
    }

    /// <summary>Serializes the writes of <paramref name="request"/>; a write that cannot be serialized is rejected alone, before the journal sees the batch.</summary>
    private Prepared Prepare(WriteMessages request)
    {
        var writes = new AtomicWrite?[request.Messages.Count];
        Exception?[]? rejections = null;
        var events = 0;
        for (var w = 0; w < writes.Length; w++)
        {
            var write = request.Messages[w];
            events += write.Payload.Count;
            try
            {
                var serialized = new Persistent[write.Payload.Count];
                for (var i = 0; i < serialized.Length; i++) serialized[i] = Serialize(write.Payload[i]);
                writes[w] = new AtomicWrite(serialized);
            }
            catch (Exception e) when (e is EventSerializationException or NotSupportedException)
            {
                rejections ??= new Exception?[writes.Length];
                rejections[w] = e;
            }
        }
        return new Prepared(request, writes, rejections, events);
    }

    /// <summary>Writes one batch of prepared requests; a journal failure fails the whole batch.</summary>
    private async Task<BatchWritten> WriteBatch(List<Prepared> requests)
    {
        var writes = new List<AtomicWrite>();
        var rejections = new List<Exception?>();
        foreach (var request in requests)
        {
            for (var w = 0; w < request.Writes.Length; w++)
            {
                if (request.Writes[w] is { } write) writes.Add(write);
                rejections.Add(request.Rejections?[w]);
            }
        }
        try
        {
            var results = writes.Count == 0
                ? []
                : await _breaker.WithCircuitBreaker(() => _journal.WriteMessagesAsync(writes)).ConfigureAwait(false);
            var next = 0;
            for (var i = 0; i < rejections.Count; i++)
                if (rejections[i] is null) rejections[i] = results.ElementAtOrDefault(next++);
            return new BatchWritten(requests, rejections, null);
        }
        catch (Exception e)
        {
            return new BatchWritten(requests, rejections, e);
        }
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
        foreach (var prepared in written.Requests)
        {
            var request = prepared.Request;
            if (written.Failure is { } failure)
            {
                if (failure is not OpenCircuitException) _log.Error(failure, "Journal write of {0} events failed: {1}", prepared.Events, failure.Message);
                request.PersistentActor.Tell(new WriteMessagesCompleted(request, null, failure), Self);
                continue;
            }
            // One reply per request, carrying the outcome of each of its writes (null: all durable).
            var count = request.Messages.Count;
            Exception?[]? rejections = null;
            for (var i = 0; i < count; i++)
            {
                if (written.Rejections[index + i] is not { } rejection) continue;
                rejections ??= new Exception?[count];
                rejections[i] = rejection;
            }
            index += count;
            request.PersistentActor.Tell(new WriteMessagesCompleted(request, rejections, null), Self);
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
