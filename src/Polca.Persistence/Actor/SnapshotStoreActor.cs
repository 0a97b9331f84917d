using Polca.Actors;

namespace Polca.Persistence;

/// <summary>Hosts a snapshot store plugin: serializes snapshots and answers the snapshot protocol.</summary>
internal sealed class SnapshotStoreActor(SnapshotStore store, EventSerializer serializer) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case LoadSnapshot load:
                Run(async () =>
                {
                    var criteria = load.Criteria with { MaxSequenceNr = Math.Min(load.Criteria.MaxSequenceNr, load.ToSequenceNr) };
                    var stored = await store.LoadAsync(load.PersistenceId, criteria).ConfigureAwait(false);
                    var selected = stored is null ? null : new SelectedSnapshot(stored.Metadata, serializer.Deserialize(stored.Payload, stored.Manifest));
                    return new LoadSnapshotResult(selected, load.ToSequenceNr);
                }, e => new LoadSnapshotFailed(e));
                return true;
            case SaveSnapshot save:
                Run(async () =>
                {
                    var bytes = serializer.Serialize(save.Snapshot, out var manifest);
                    await store.SaveAsync(new StoredSnapshot(save.Metadata, manifest, bytes)).ConfigureAwait(false);
                    return new SaveSnapshotSuccess(save.Metadata);
                }, e => new SaveSnapshotFailure(save.Metadata, e));
                return true;
            case DeleteSnapshot delete:
                Run(async () =>
                {
                    await store.DeleteAsync(delete.Metadata).ConfigureAwait(false);
                    return new DeleteSnapshotSuccess(delete.Metadata);
                }, e => new DeleteSnapshotFailure(delete.Metadata, e));
                return true;
            case DeleteSnapshots delete:
                Run(async () =>
                {
                    await store.DeleteAsync(delete.PersistenceId, delete.Criteria).ConfigureAwait(false);
                    return new DeleteSnapshotsSuccess(delete.Criteria);
                }, e => new DeleteSnapshotsFailure(delete.Criteria, e));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Runs the store call off the actor and replies to the sender; the clock waits for it in virtual time.</summary>
    private void Run(Func<Task<object>> call, Func<Exception, object> onFailure)
    {
        var replyTo = Sender;
        var self = Self;
        var work = Context.System.BeginExternalWork();
        Task.Run(call).ContinueWith(t =>
        {
            try
            {
                replyTo.Tell(t.IsCompletedSuccessfully ? t.Result : onFailure(t.Exception?.InnerException ?? new TaskCanceledException(t)), self);
            }
            finally
            {
                work.Dispose();
            }
        }, TaskScheduler.Default);
    }
}
