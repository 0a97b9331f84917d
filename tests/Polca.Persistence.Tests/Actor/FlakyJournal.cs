namespace Polca.Persistence.Tests.Actor;

/// <summary>An in-memory journal that can be switched "down": every call then throws, as with a lost database connection.</summary>
public sealed class FlakyJournal : AsyncWriteJournal, IEventLog
{
    private readonly InMemoryJournal _inner = new();
    private volatile bool _down;

    /// <summary>Whether writes fail.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Calls that reached the journal while it was down.</summary>
    public int FailedCalls;

    private Exception Fail()
    {
        Interlocked.Increment(ref FailedCalls);
        return new IOException("journal is down");
    }

    public override Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        if (_down) throw Fail();
        return _inner.WriteMessagesAsync(messages, cancellationToken);
    }

    public override Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<Persistent> recoveryCallback, CancellationToken cancellationToken = default) =>
        _down ? throw Fail() : _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        _down ? throw Fail() : _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<StoredEvent> ReadByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.ReadByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<StoredEvent> ReadByTag(string tag, long afterOrdering, CancellationToken cancellationToken = default) =>
        _inner.ReadByTag(tag, afterOrdering, cancellationToken);

    public IAsyncEnumerable<StoredEvent> ReadAll(long afterOrdering, CancellationToken cancellationToken = default) =>
        _inner.ReadAll(afterOrdering, cancellationToken);

    public IAsyncEnumerable<string> ReadPersistenceIds(CancellationToken cancellationToken = default) => _inner.ReadPersistenceIds(cancellationToken);
}
