namespace Polca.Persistence;

/// <summary>The snapshot store plugin SPI (Akka.Persistence's names); it stores serialized snapshots.</summary>
public abstract class SnapshotStore : IAsyncDisposable
{
    /// <summary>The youngest snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>, or null.</summary>
    public abstract Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot; one with the same persistence id and sequence number is replaced.</summary>
    public abstract Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot with this persistence id and sequence number.</summary>
    public abstract Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>.</summary>
    public abstract Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Releases connections and files.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
