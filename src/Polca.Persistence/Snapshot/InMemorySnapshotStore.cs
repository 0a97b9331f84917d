namespace Polca.Persistence;

/// <summary>Snapshots in memory, for tests.</summary>
public sealed class InMemorySnapshotStore : SnapshotStore
{
    private readonly object _lock = new();
    private readonly List<StoredSnapshot> _snapshots = [];

    /// <inheritdoc />
    public override Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_snapshots
                .Where(s => s.Metadata.PersistenceId == persistenceId && criteria.IsMatch(s.Metadata))
                .MaxBy(s => s.Metadata.SequenceNr));
        }
    }

    /// <inheritdoc />
    public override Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _snapshots.RemoveAll(s => s.Metadata.PersistenceId == snapshot.Metadata.PersistenceId && s.Metadata.SequenceNr == snapshot.Metadata.SequenceNr);
            _snapshots.Add(snapshot);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        lock (_lock) _snapshots.RemoveAll(s => s.Metadata.PersistenceId == metadata.PersistenceId && s.Metadata.SequenceNr == metadata.SequenceNr);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        lock (_lock) _snapshots.RemoveAll(s => s.Metadata.PersistenceId == persistenceId && criteria.IsMatch(s.Metadata));
        return Task.CompletedTask;
    }
}
