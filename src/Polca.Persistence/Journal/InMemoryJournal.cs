using System.Runtime.CompilerServices;

namespace Polca.Persistence;

/// <summary>A journal in memory, for tests: same semantics as the SQL journals, nothing durable.</summary>
public sealed class InMemoryJournal : AsyncWriteJournal, IEventLog
{
    private readonly object _lock = new();
    private readonly List<StoredEvent> _all = [];
    private readonly Dictionary<string, List<StoredEvent>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _deletedTo = new(StringComparer.Ordinal);
    private long _ordering;

    /// <inheritdoc />
    public override Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        var results = new Exception?[messages.Count];
        lock (_lock)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var write = messages[i];
                var highest = _highest.GetValueOrDefault(write.PersistenceId);
                if (write.LowestSequenceNr <= highest)
                {
                    results[i] = new InvalidOperationException($"{write.PersistenceId}: sequence number {write.LowestSequenceNr} already written (highest is {highest})");
                    continue;
                }
                if (!_byId.TryGetValue(write.PersistenceId, out var list)) _byId[write.PersistenceId] = list = [];
                foreach (var e in write.Payload)
                {
                    var stored = new StoredEvent(++_ordering, e);
                    list.Add(stored);
                    _all.Add(stored);
                }
                _highest[write.PersistenceId] = write.HighestSequenceNr;
            }
        }
        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    /// <inheritdoc />
    public override Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback, CancellationToken cancellationToken = default)
    {
        List<Persistent> selected;
        lock (_lock)
        {
            var deletedTo = _deletedTo.GetValueOrDefault(persistenceId);
            selected = _byId.TryGetValue(persistenceId, out var list)
                ? list.Select(s => s.Event).Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr && e.SequenceNr > deletedTo)
                    .Take((int)Math.Min(max, int.MaxValue)).ToList()
                : [];
        }
        foreach (var e in selected) recoveryCallback(e);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_highest.GetValueOrDefault(persistenceId));
    }

    /// <inheritdoc />
    public override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var highest = _highest.GetValueOrDefault(persistenceId);
            var upTo = Math.Min(toSequenceNr, highest);
            if (upTo > _deletedTo.GetValueOrDefault(persistenceId)) _deletedTo[persistenceId] = upTo;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoredEvent[] selected;
        lock (_lock)
        {
            var deletedTo = _deletedTo.GetValueOrDefault(persistenceId);
            selected = _byId.TryGetValue(persistenceId, out var list)
                ? list.Where(s => s.Event.SequenceNr >= fromSequenceNr && s.Event.SequenceNr <= toSequenceNr && s.Event.SequenceNr > deletedTo).ToArray()
                : [];
        }
        foreach (var s in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return s;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default) =>
        ReadWhere(s => s.Ordering > afterOrdering && s.Event.Tags.Contains(tag), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default) =>
        ReadWhere(s => s.Ordering > afterOrdering, cancellationToken);

    private async IAsyncEnumerable<StoredEvent> ReadWhere(Func<StoredEvent, bool> predicate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StoredEvent[] selected;
        lock (_lock)
        {
            selected = _all.Where(s => s.Event.SequenceNr > _deletedTo.GetValueOrDefault(s.Event.PersistenceId) && predicate(s)).ToArray();
        }
        foreach (var s in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return s;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] ids;
        lock (_lock) ids = _all.Select(s => s.Event.PersistenceId).Distinct().ToArray();
        foreach (var id in ids) yield return id;
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
